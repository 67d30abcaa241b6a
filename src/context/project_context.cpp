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

// A colon-separated list (like PATH), without its empty entries.
std::vector<std::string> colon_list(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= s.size();) {
    std::size_t colon = std::min(s.find(':', start), s.size());
    if (colon > start) out.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  return out;
}

std::vector<fs::path> ceiling_paths(const ContextOptions& options) {
  std::vector<fs::path> out;
  if (options.isolated) return out;
  if (const char* env = std::getenv("MISE_CEILING_PATHS"))
    for (const std::string& part : colon_list(env)) out.push_back(normal_absolute(part));
  return out;
}

// What `.miserc.toml` files set (mise reads them before any config).
struct Miserc {
  std::optional<std::vector<std::string>> env, override_config_filenames, ignored_config_paths;
};

// `.miserc.toml` and `.config/miserc.toml` of the folders mise walks (`walk`, nearest first),
// read only inside `top`: a nearer file's keys replace a farther one's, and in one folder
// `.miserc.toml` wins over `.config/miserc.toml` (CONTRIBUTING §11). Relative
// `ignored_config_paths` start at the folder holding the file.
Miserc read_miserc(const FileSystem& disk, const std::vector<fs::path>& walk, const fs::path& top) {
  Miserc out;
  if (walk.empty()) return out;
  ReadFence fence{disk.canonical_fence_root(top.string()), false};
  for (std::size_t i = walk.size(); i-- > 0;) {
    for (const char* name : {".config/miserc.toml", ".miserc.toml"}) {
      fs::path file = walk[i] / name;
      std::string text, why;
      if (disk.read_regular_file(file, text, why, fence) != ReadStatus::Ok) continue;
      TomlParseResult parsed = parse_toml(text, kNoFile);
      if (!parsed.ok) continue;
      auto strings = [&](const char* key, std::optional<std::vector<std::string>>& into, bool paths) {
        const TomlValue* v = parsed.root.find(key);
        if (!v || !v->is_array()) return;
        into.emplace();
        for (const TomlValue& e : v->items)
          if (e.is_string() && !e.string.empty())
            into->push_back(paths ? normal_absolute((file.parent_path() / e.string).string()).string() : e.string);
      };
      strings("env", out.env, false);
      strings("override_config_filenames", out.override_config_filenames, false);
      strings("ignored_config_paths", out.ignored_config_paths, true);
    }
  }
  return out;
}

// The config names from here: MISE_* variables replace `.miserc.toml`'s keys (not when isolated).
ConfigNames config_names(const Miserc& miserc, const ContextOptions& options) {
  ConfigNames names;
  names.envs = !options.envs.empty() ? options.envs : miserc.env.value_or(std::vector<std::string>{});
  const char* overrides = options.isolated ? nullptr : std::getenv("MISE_OVERRIDE_CONFIG_FILENAMES");
  names.overrides = overrides ? colon_list(overrides) : miserc.override_config_filenames.value_or(std::vector<std::string>{});
  // Relative entries of the variable start at the working folder.
  if (const char* ignored = options.isolated ? nullptr : std::getenv("MISE_IGNORED_CONFIG_PATHS")) {
    for (const std::string& p : colon_list(ignored)) names.ignored.push_back(normal_absolute(p).string());
  } else if (miserc.ignored_config_paths) {
    names.ignored = *miserc.ignored_config_paths;
  }
  return names;
}

// `monorepo_root = true` (or the legacy spelling) in one of the folder's configs.
bool declares_monorepo_root(const FileSystem& disk, const fs::path& dir, const ConfigNames& names, ParseCache& cache) {
  for (const fs::path& config : config_files_in(disk, dir, names)) {
    const ParseCache::Entry& e = cache.get(disk, fs::absolute(config).lexically_normal());
    if (e.status != ReadStatus::Ok || !e.parsed.ok) continue;
    for (const char* key : {"monorepo_root", "experimental_monorepo_root"})
      if (const TomlValue* v = e.parsed.root.find(key); v && v->is_bool() && v->boolean) return true;
  }
  return false;
}

}  // namespace

std::string names_looked_for() {
  return "mise.toml, .mise.toml, mise.local.toml, .config/mise.toml, .config/mise/config.toml, "
         ".mise/config.toml, mise/config.toml, conf.d/*.toml, or a task folder (mise-tasks/, .mise/tasks/, …)";
}

std::string repository_root_of(const FileSystem& disk, const std::string& start) {
  fs::path dir = normal_absolute(start);
  if (!disk.is_directory(dir)) dir = dir.parent_path();
  for (fs::path d = dir;; d = d.parent_path()) {
    if (disk.exists(d / ".git")) return d.string();
    if (d == d.root_path() || d.parent_path() == d) break;
  }
  return "";
}

namespace {

fs::path home_folder() {
  const char* home_env = std::getenv("HOME");
  return home_env && *home_env ? normal_absolute(home_env) : fs::path();
}

// The folders mise walks from `dir`, nearest first: up to the repository root; outside a
// repository up to (not into) the home folder, whose configs are the user's global ones (--global).
std::vector<fs::path> folders_walked(const fs::path& dir, const std::string& repository_root,
                                     const std::vector<fs::path>& ceilings, const fs::path& home) {
  std::vector<fs::path> walk;
  fs::path d = dir;
  for (;;) {
    if (std::find(ceilings.begin(), ceilings.end(), d) != ceilings.end()) break;
    if (!home.empty() && d == home && d != dir) break;
    walk.push_back(d);
    if (!repository_root.empty() && d == fs::path(repository_root)) break;
    if (d == d.root_path() || d.parent_path() == d) break;
    d = d.parent_path();
  }
  return walk;
}

// `.miserc.toml` is read from the folder asked about up: up to the repository root, or the
// topmost folder walked (never the home folder's own, the user's).
ConfigNames names_from(const fs::path& dir, const std::vector<fs::path>& walk, const std::string& repository_root,
                       const ContextOptions& options) {
  fs::path top = repository_root.empty() ? (walk.empty() ? dir : walk.back()) : fs::path(repository_root);
  return config_names(read_miserc(*options.disk, walk, top), options);
}

}  // namespace

ConfigNames config_names_at(const std::string& dir_arg, const ContextOptions& options) {
  fs::path dir = normal_absolute(dir_arg);
  std::string repository_root = repository_root_of(*options.disk, dir.string());
  return names_from(dir, folders_walked(dir, repository_root, ceiling_paths(options), home_folder()), repository_root,
                    options);
}

std::optional<ProjectContext> find_project_context(const std::string& dir_arg, const ContextOptions& options,
                                                   ParseCache& cache, std::string& error) {
  ProjectContext context;
  fs::path dir = normal_absolute(dir_arg);
  context.repository_root = repository_root_of(*options.disk, dir.string());
  std::vector<fs::path> ceilings = ceiling_paths(options);
  fs::path home = home_folder();
  std::vector<fs::path> walk = folders_walked(dir, context.repository_root, ceilings, home);
  const ConfigNames& names = context.names = names_from(dir, walk, context.repository_root, options);
  // Above the repository root mise keeps walking: those configs are named, never read.
  if (!context.repository_root.empty() && !walk.empty() && walk.back() == fs::path(context.repository_root)) {
    for (fs::path up = walk.back().parent_path();; up = up.parent_path()) {
      if (std::find(ceilings.begin(), ceilings.end(), up) != ceilings.end()) break;
      if (!home.empty() && up == home) break;
      for (const fs::path& c : config_files_in(*options.disk, up, names)) context.configs_above.push_back(c.string());
      if (up == up.root_path() || up.parent_path() == up) break;
    }
  }

  std::size_t own = walk.size();
  for (std::size_t i = 0; i < walk.size(); ++i)
    if (has_mise_project(*options.disk, walk[i], names)) {
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
    if (has_mise_project(*options.disk, walk[i], names)) context.parents.push_back(walk[i].string());
  // --global: the home folder's global config and task folder (~/.config/mise/…) come first, as
  // the lowest-precedence parent (its tasks can be depended on; its findings are not reported).
  if (options.global && !home.empty() && std::find(walk.begin(), walk.end(), home) == walk.end() &&
      has_mise_project(*options.disk, home, names))
    context.parents.insert(context.parents.begin(), home.string());
  // A monorepo root above the project: mise names and resolves its tasks from there, and loads
  // the project folders on the way down to this one as members (CONTRIBUTING §3.4).
  for (std::size_t i = 0; i < context.parents.size(); ++i)
    if (declares_monorepo_root(*options.disk, context.parents[i], names, cache)) {
      context.monorepo_root = context.parents[i];
      context.monorepo_path.assign(context.parents.begin() + static_cast<std::ptrdiff_t>(i) + 1, context.parents.end());
      context.parents.resize(i);
      break;
    }
  return context;
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
  load.envs = context.names.envs;
  for (const std::string& env : extra_envs)
    if (std::find(load.envs.begin(), load.envs.end(), env) == load.envs.end()) load.envs.push_back(env);
  load.skip_local_overlays = options.isolated;
  load.overlays = options.overlays;
  load.disk = options.disk;
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
  load.fence.root = options.disk->canonical_fence_root(load.fence.root);
  load.parent_dirs = context.parents;
  if (!context.monorepo_root.empty()) {
    load.monorepo_path = context.monorepo_path;
    load.monorepo_path.push_back(context.root);
  }
  load.cache = std::move(cache);
  // The config names as this context resolved them (the variables, else `.miserc.toml`; paths
  // absolute), in the variables' colon-separated form.
  auto colon_joined = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ":") + item;
    return out;
  };
  if (!context.names.overrides.empty()) load.variables["MISE_OVERRIDE_CONFIG_FILENAMES"] = colon_joined(context.names.overrides);
  if (!context.names.ignored.empty()) load.variables["MISE_IGNORED_CONFIG_PATHS"] = colon_joined(context.names.ignored);
  if (!options.isolated)
    for (const char* name : {"MISE_TASK_AUTO_INFER", "MISE_TASK_DISABLE_PATHS", "MISE_TASK_MONOREPO_DEPTH", "MISE_TASK_MONOREPO_EXCLUDE_DIRS",
                             "MISE_TASK_MONOREPO_RESPECT_GITIGNORE", "MISE_EXPERIMENTAL", "MISE_JOBS"})
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
