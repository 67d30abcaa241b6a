#include "context/project_context.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

#include "loader/config_files.h"
#include "loader/parse_cache.h"

namespace fs = std::filesystem;

namespace mise_audit {
fs::path normal_absolute(const std::string& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  if (abs.filename().empty() && abs.has_parent_path() && abs != abs.root_path()) abs = abs.parent_path();
  return abs;
}

namespace {

std::vector<fs::path> ceiling_paths(const ContextOptions& options) {
  std::vector<fs::path> out;
  if (options.isolated) return out;
  const char* env = std::getenv("MISE_CEILING_PATHS");
  if (!env) return out;
  std::string s = env;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t colon = s.find(':', start);
    std::string part = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!part.empty()) out.push_back(normal_absolute(part));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return out;
}

// `monorepo_root = true` (or the legacy spelling) in one of the folder's configs.
bool declares_monorepo_root(const fs::path& dir, const ContextOptions& options, ParseCache& cache) {
  for (const fs::path& config : config_files_in(dir, options.envs)) {
    const ParseCache::Entry& e = cache.get(fs::absolute(config).lexically_normal());
    if (e.status != ReadStatus::Ok || !e.parsed.ok) continue;
    for (const char* key : {"monorepo_root", "experimental_monorepo_root"})
      if (const TomlValue* v = e.parsed.root.find(key); v && v->is_bool() && v->boolean) return true;
  }
  return false;
}

std::string names_looked_for() {
  return "mise.toml, .mise.toml, mise.local.toml, .config/mise.toml, .config/mise/config.toml, "
         ".mise/config.toml, mise/config.toml, conf.d/*.toml, or a task folder (mise-tasks/, .mise/tasks/, …)";
}

}  // namespace

std::string repository_root_of(const std::string& start) {
  std::error_code ec;
  fs::path dir = normal_absolute(start);
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::exists(d / ".git", ec)) return d.string();
    if (d == d.root_path() || d.parent_path() == d) break;
  }
  return "";
}

std::optional<ProjectContext> find_project_context(const std::string& dir_arg, const ContextOptions& options,
                                                   ParseCache& cache, std::string& error) {
  ProjectContext context;
  fs::path dir = normal_absolute(dir_arg);
  context.repository_root = repository_root_of(dir.string());
  std::vector<fs::path> ceilings = ceiling_paths(options);
  const char* home_env = std::getenv("HOME");
  fs::path home = home_env && *home_env ? normal_absolute(home_env) : fs::path();

  // The folders mise walks, nearest first: up to the repository root; outside a repository up to
  // (not into) the home folder, whose configs are the user's global ones (--global).
  std::vector<fs::path> walk;
  fs::path d = dir;
  for (;;) {
    if (std::find(ceilings.begin(), ceilings.end(), d) != ceilings.end()) break;
    if (!home.empty() && d == home && d != dir) break;
    walk.push_back(d);
    if (!context.repository_root.empty() && d == fs::path(context.repository_root)) break;
    if (d == d.root_path() || d.parent_path() == d) break;
    d = d.parent_path();
  }
  // Above the repository root mise keeps walking: those configs are named, never read.
  if (!context.repository_root.empty() && !walk.empty() && walk.back() == fs::path(context.repository_root)) {
    for (fs::path up = walk.back().parent_path();; up = up.parent_path()) {
      if (std::find(ceilings.begin(), ceilings.end(), up) != ceilings.end()) break;
      if (!home.empty() && up == home) break;
      for (const fs::path& c : config_files_in(up, options.envs)) context.configs_above.push_back(c.string());
      if (up == up.root_path() || up.parent_path() == up) break;
    }
  }

  std::size_t own = walk.size();
  for (std::size_t i = 0; i < walk.size(); ++i)
    if (has_mise_project(walk[i], options.envs)) {
      own = i;
      break;
    }
  if (own == walk.size()) {
    std::string top = walk.empty() ? dir.string() : walk.back().string();
    error = top == dir.string()
                ? fmt::format("{}: no mise config found (looked for {})", dir_arg, names_looked_for())
                : fmt::format("{}: no mise config found here or in a folder above it up to {} (looked for {})", dir_arg,
                              top, names_looked_for());
    return std::nullopt;
  }
  context.root = walk[own].string();
  for (std::size_t i = walk.size(); i-- > own + 1;)
    if (has_mise_project(walk[i], options.envs)) context.parents.push_back(walk[i].string());
  // --global: the home folder's global config and task folder (~/.config/mise/…) come first, as
  // the lowest-precedence parent (its tasks can be depended on; its findings are not reported).
  if (options.global && !home.empty() && std::find(walk.begin(), walk.end(), home) == walk.end() &&
      has_mise_project(home, options.envs))
    context.parents.insert(context.parents.begin(), home.string());
  // A monorepo root above the project: mise names and resolves its tasks from there.
  for (std::size_t i = 0; i < context.parents.size(); ++i)
    if (declares_monorepo_root(context.parents[i], options, cache)) {
      context.monorepo_root = context.parents[i];
      context.parents.resize(i);
      break;
    }
  return context;
}

std::vector<std::string> miserc_envs(const ProjectContext& context) {
  std::vector<std::string> envs;
  // Up to the repository root; outside a repository, up to the topmost folder the context reads.
  std::string top = !context.repository_root.empty() ? context.repository_root
                    : !context.parents.empty()        ? context.parents.front()
                                                      : context.root;
  if (!path_within(context.root, top)) return envs;
  for (fs::path d = context.root;; d = d.parent_path()) {
    for (const char* name : {".miserc.toml", ".config/miserc.toml"}) {
      std::string text, why;
      if (read_regular_file(d / name, text, why, ReadFence{canonical_fence_root(top), false}) != ReadStatus::Ok) continue;
      TomlParseResult parsed = parse_toml(text, kNoFile);
      if (!parsed.ok) return envs;
      if (const TomlValue* env = parsed.root.find("env"); env && env->is_array())
        for (const TomlValue& e : env->items)
          if (e.is_string() && !e.string.empty()) envs.push_back(e.string);
      return envs;
    }
    if (d == fs::path(top) || d == d.parent_path()) break;
  }
  return envs;
}

std::string context_load_dir(const ProjectContext& context) {
  return context.monorepo_root.empty() ? context.root : context.monorepo_root;
}

std::string context_folder_for(const std::string& absolute_path, bool is_directory) {
  fs::path p(absolute_path);
  if (is_directory) return p.string();
  return (is_config_name(p) ? config_root_for(p) : p.parent_path()).string();
}

LoadOptions context_load_options(const ProjectContext& context, const ContextOptions& options,
                                 std::shared_ptr<ParseCache> cache, const std::vector<std::string>& extra_envs) {
  LoadOptions load;
  load.envs = options.envs;
  for (const std::string& env : extra_envs)
    if (std::find(load.envs.begin(), load.envs.end(), env) == load.envs.end()) load.envs.push_back(env);
  load.skip_local_overlays = options.isolated;
  load.overlays = options.overlays;
  // Reads stay inside the repository; outside one, inside the topmost folder the context reads.
  load.fence.allow_outside = options.allow_outside || options.global;
  load.fence.root = context.repository_root;
  if (load.fence.root.empty()) {
    // Outside a repository: the working folder when the project is inside it, else the topmost
    // folder the context reads.
    std::string top = !context.parents.empty() ? context.parents.front()
                      : !context.monorepo_root.empty() ? context.monorepo_root : context.root;
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    load.fence.root = !ec && path_within(top, cwd) ? cwd.string() : top;
  }
  load.fence.root = canonical_fence_root(load.fence.root);
  load.parent_dirs = context.parents;
  load.cache = std::move(cache);
  if (!options.isolated)
    for (const char* name : {"MISE_TASK_DISABLE_PATHS", "MISE_TASK_MONOREPO_DEPTH", "MISE_TASK_MONOREPO_EXCLUDE_DIRS",
                             "MISE_TASK_MONOREPO_RESPECT_GITIGNORE", "MISE_EXPERIMENTAL", "MISE_IGNORED_CONFIG_PATHS", "MISE_JOBS"})
      if (const char* value = std::getenv(name)) load.variables[name] = value;
  return load;
}

std::vector<bool> files_in_scope(const Project& project, const ProjectContext& context) {
  std::vector<bool> scope(project.sources.size(), false);
  // A monorepo root linted as such covers its members; a member covers only itself.
  bool whole_monorepo = project.monorepo_root && context.monorepo_root.empty();
  fs::path root(context.root);
  for (FileId id = 0; id < project.sources.size(); ++id) {
    const std::string& owner = project.sources.file(id).owner_root;
    // A file without an owner was not read for a project folder (the loader names every one).
    scope[id] = owner.empty() || owner == context.root || (whole_monorepo && path_within(owner, root));
  }
  return scope;
}

}  // namespace mise_audit
