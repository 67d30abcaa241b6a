#include "cli/lint_plan.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>

#include "context/nested_projects.h"
#include "loader/config_files.h"
#include "loader/glob_match.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {


// `glob` matches `path` (relative to `base`) or one of the folders it lies in.
bool matches_at_or_above(const fs::path& path, const fs::path& base, const std::string& glob) {
  if (!path_within(path, base)) return false;
  fs::path rel = path.lexically_relative(base), prefix;
  for (const fs::path& part : rel) {
    prefix /= part;
    if (glob_match(glob, prefix.generic_string(), '/')) return true;
  }
  return false;
}

std::string context_key(const ProjectContext& c) { return c.monorepo_root + "\n" + c.root; }

}  // namespace

bool config_for(const FileSystem& disk, const std::string& path, const std::string& config_file, bool no_config,
                Config& out, std::string& error, ConfigCache* cache) {
  out = Config{};
  if (no_config) return true;
  std::string file = config_file.empty() ? find_config_file(disk, path) : config_file;
  if (file.empty()) return true;
  ConfigCache local;
  ConfigCache& read = cache ? *cache : local;
  auto it = read.find(file);
  if (it == read.end()) it = read.emplace(file, load_config_file(disk, file)).first;
  if (!it->second.error.empty()) {
    error = it->second.error;
    return false;
  }
  out = it->second.config;
  return true;
}

bool is_excluded(const std::string& path, const Config& config, const std::vector<std::string>& cli_excludes) {
  fs::path abs = normal_absolute(path);
  if (!config.dir.empty())
    for (const std::string& g : config.exclude)
      if (matches_at_or_above(abs, config.dir, g)) return true;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  for (const std::string& g : cli_excludes)
    if (matches_at_or_above(abs, cwd, g)) return true;
  return false;
}

LintPlan plan_lint(const std::vector<std::string>& paths, const PlanOptions& plan, const SessionOptions& session) {
  LintPlan out;
  const FileSystem& disk = *session.context.disk;
  std::map<std::string, std::size_t> by_context;  // context key → index in out.targets
  std::set<std::string> warned_above;
  ConfigCache configs;

  auto add_target = [&](const ProjectContext& context, const std::string& file) -> bool {
    std::string key = context_key(context);
    auto it = by_context.find(key);
    if (it == by_context.end()) {
      PlannedTarget t;
      t.target.context = context;
      std::string error;
      if (!config_for(disk, context.root, plan.config_file, plan.no_config, t.config, error, &configs)) {
        if (out.config_error.empty()) out.config_error = error;
        return false;
      }
      for (const std::string& above : context.configs_above)
        if (warned_above.insert(above).second)
          out.warnings.push_back(fmt::format(
              "note: mise also reads {} (above the repository root {}); mise-audit does not lint it", above,
              context.repository_root));
      it = by_context.emplace(key, out.targets.size()).first;
      out.targets.push_back(std::move(t));
    }
    PlannedTarget& t = out.targets[it->second];
    if (file.empty()) {
      t.whole = true;
      t.target.files.clear();
    } else if (!t.whole && std::find(t.target.files.begin(), t.target.files.end(), file) == t.target.files.end()) {
      t.target.files.push_back(file);
    }
    return true;
  };

  // mise.<env>.toml files are read only when their environment is selected: say which were not.
  auto note_unselected_envs = [&](const ProjectContext& context) {
    std::vector<std::string> names;
    // The environments selected: -E / MISE_ENV, else `.miserc.toml`'s (the context read it).
    const std::vector<std::string>& selected = context.names.envs;
    for (const fs::path& f : env_config_files_in(disk, context.root)) {
      std::string env = *env_of_config(f);
      if (std::find(selected.begin(), selected.end(), env) == selected.end())
        names.push_back(fmt::format("{} (-E {})", display_path(f), env));
    }
    if (!names.empty())
      out.warnings.push_back(fmt::format("note: not linted, read by mise only in their environment: {}", fmt::join(names, ", ")));
  };
  std::vector<std::string> repository_roots;
  std::map<std::string, std::string> without_project;  // a repository root with no config of its own → the path given
  for (const std::string& path : paths) {
    FileInfo st = disk.stat(path);
    if (!st.exists()) {
      // A file the commit deletes is not an error for the hook.
      if (!plan.pre_commit) out.errors.push_back(fmt::format("{}: no such file or directory", path));
      continue;
    }
    fs::path abs = normal_absolute(path);
    if (abs.filename().empty()) abs = abs.parent_path();
    bool explicit_exclusion_applies = plan.force_exclude || plan.pre_commit;
    if (explicit_exclusion_applies) {
      Config config;
      std::string error;
      if (config_for(disk, abs.string(), plan.config_file, plan.no_config, config, error, &configs) &&
          is_excluded(abs.string(), config, plan.excludes))
        continue;
    }
    std::string error;
    if (st.is_directory()) {
      auto context = find_project_context(abs.string(), session.context, *session.cache, error);
      bool repository_root = plan.nested && repository_root_of(disk, abs.string()) == abs.string();
      if (repository_root && std::find(repository_roots.begin(), repository_roots.end(), abs.string()) == repository_roots.end())
        repository_roots.push_back(abs.string());
      if (!context) {
        // A repository whose mise projects all lie below its root: the nested ones are linted;
        // the error stands only when there is none.
        if (repository_root) without_project.emplace(abs.string(), abs.string());
        else out.errors.push_back(error);
        continue;
      }
      if (add_target(*context, "")) note_unselected_envs(*context);
      continue;
    }
    if (!st.is_regular()) {
      out.errors.push_back(fmt::format("{}: not a regular file or directory", path));
      continue;
    }
    // A config file belongs to its config root; any other file (a file task, an included task
    // file) to the project that loads it, which the lint step confirms.
    auto context = find_project_context(context_folder_for(abs.string(), false), session.context, *session.cache, error);
    if (!context) {
      if (!plan.pre_commit) out.errors.push_back(fmt::format("{}: not part of a mise project ({})", path, error));
      continue;
    }
    if (!add_target(*context, abs.string())) continue;
    // A mise.<env>.toml passed by name is linted with its environment selected.
    if (auto env = env_of_config(abs); env && std::find(session.context.envs.begin(), session.context.envs.end(), *env) == session.context.envs.end()) {
      PlannedTarget& t = out.targets[by_context.at(context_key(*context))];
      if (std::find(t.target.envs.begin(), t.target.envs.end(), *env) == t.target.envs.end()) t.target.envs.push_back(*env);
    }
  }

  // The CI gate covers the repository: every nested project, each in its own context.
  for (const std::string& repo : repository_roots) {
    // The names the repository root's context uses (its `.miserc.toml`); each nested project
    // then reads its own.
    std::optional<ProjectContext> repo_context;
    for (const PlannedTarget& t : out.targets)
      if (t.target.context.root == repo) repo_context = t.target.context;
    NestedProjects nested =
        find_nested_projects(disk, repo, repo_context ? repo_context->names : config_names_at(repo, session.context));
    auto rootless = without_project.find(repo);
    if (rootless != without_project.end() && (!nested.problem.empty() || nested.roots.empty())) {
      out.errors.push_back(nested.problem.empty()
                               ? fmt::format("{}: no mise config found here or in a project below it (looked for {})",
                                             rootless->second, names_looked_for())
                               : fmt::format("{}: no mise config found here (looked for {}), and projects below it could "
                                             "not be looked for: {}",
                                             rootless->second, names_looked_for(), nested.problem));
      continue;
    }
    if (!nested.problem.empty()) {
      out.warnings.push_back(fmt::format("warning: {}: nested projects were not linted: {}", repo, nested.problem));
      continue;
    }
    for (const std::string& root : nested.roots) {
      std::string error;
      Config config;
      if (config_for(disk, root, plan.config_file, plan.no_config, config, error, &configs) && is_excluded(root, config, plan.excludes))
        continue;
      auto context = find_project_context(root, session.context, *session.cache, error);
      if (!context || context->root != root) continue;
      // A member of a monorepo linted whole is covered by its root; whether the root loads it as
      // a member is known once the root is loaded (run_plan).
      std::string covering_root;
      if (!context->monorepo_root.empty()) {
        ProjectContext root_context;
        root_context.root = context->monorepo_root;
        auto it = by_context.find(context_key(root_context));
        if (it != by_context.end() && out.targets[it->second].whole) covering_root = context->monorepo_root;
      }
      if (by_context.count(context_key(*context))) continue;
      if (!add_target(*context, "")) continue;
      out.targets[by_context.at(context_key(*context))].unless_member_of = covering_root;
      note_unselected_envs(*context);
    }
  }

  // -E / MISE_ENV naming an environment no config of these projects is for selects nothing.
  for (const std::string& env : session.context.envs) {
    bool found = false;
    for (const PlannedTarget& t : out.targets) {
      std::vector<std::string> folders = t.target.context.parents;
      folders.push_back(t.target.context.root);
      if (!t.target.context.monorepo_root.empty()) folders.push_back(t.target.context.monorepo_root);
      for (const std::string& folder : folders)
        for (const fs::path& f : env_config_files_in(disk, folder)) found |= env_of_config(f) == env;
    }
    if (!found && !out.targets.empty())
      out.warnings.push_back(fmt::format(
          "warning: environment `{}` (-E / MISE_ENV) has no config here (mise.{}.toml, .mise.{}.toml, "
          "mise/config.{}.toml, …): it selects nothing",
          env, env, env, env));
  }
  return out;
}

}  // namespace mise_audit

namespace mise_audit {

LintOutcome run_plan(LintPlan plan, const PlanOptions& plan_options, const SessionOptions& session) {
  LintOutcome outcome;
  outcome.errors = std::move(plan.errors);
  // A LintedProject is copied, not moved, when the vector grows (std::deque's move constructor
  // may throw): room for every target up front (a retry above may still add one).
  outcome.results.reserve(plan.targets.size());
  std::map<std::string, std::size_t> whole_monorepos;  // a monorepo root linted whole → its result
  auto loaded_as_member = [&](const PlannedTarget& t) {
    auto it = whole_monorepos.find(t.unless_member_of);
    if (t.unless_member_of.empty() || it == whole_monorepos.end()) return false;
    const std::vector<std::string>& members = outcome.results[it->second].project().monorepo_members;
    return std::find(members.begin(), members.end(), t.target.context.root) != members.end();
  };
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    PlannedTarget& planned = plan.targets[i];
    if (loaded_as_member(planned)) continue;
    LintedProject linted;
    std::vector<std::string> unloaded;
    std::string error;
    if (!lint_target(planned.target, planned.config, session, linted, unloaded, error)) {
      outcome.errors.push_back(error);
      continue;
    }
    if (planned.config.fail_on) outcome.fail_on = planned.config.fail_on;
    // A passed file this project does not load may belong to a project further up (an include
    // of the repository root seen from a sub-project's folder): try there, then give up.
    if (!unloaded.empty()) {
      bool nothing_loaded = planned.target.files.size() == unloaded.size();
      std::string up = fs::path(planned.target.context.root).parent_path().string();
      std::optional<ProjectContext> above;
      if (planned.target.context.root != planned.target.context.repository_root && up != planned.target.context.root)
        above = find_project_context(up, session.context, *session.cache, error);
      if (above) {
        PlannedTarget retry;
        retry.target.context = *above;
        retry.target.files = unloaded;
        retry.target.envs = planned.target.envs;
        retry.config = std::move(planned.config);
        plan.targets.push_back(std::move(retry));  // `planned` is not used after this
      } else if (!plan_options.pre_commit) {
        for (const std::string& f : unloaded)
          outcome.errors.push_back(fmt::format(
              "{}: not a file mise loads for tasks (configs such as mise.toml, task files in task folders or "
              "`task_config.includes`, `file =` scripts)",
              display_path(f)));
      }
      if (nothing_loaded) continue;  // none of the files passed for this project is loaded by it
    }
    if (planned.whole && planned.target.context.monorepo_root.empty() && linted.project().monorepo_root)
      whole_monorepos.emplace(planned.target.context.root, outcome.results.size());
    outcome.results.push_back(std::move(linted));
  }
  // A run that loaded projects but none of their files was not a check: never "No problems found".
  std::size_t files = 0;
  for (const LintedProject& r : outcome.results)
    for (FileId f = 0; f < r.project().sources.size(); ++f) files += r.in_scope(f);
  if (files == 0 && !outcome.results.empty() && outcome.errors.empty()) {
    std::vector<std::string> roots;
    for (const PlannedTarget& t : plan.targets) roots.push_back(t.target.context.root);
    outcome.errors.push_back(fmt::format("{}: nothing was checked: mise loads no config or task file there", fmt::join(roots, ", ")));
  }
  return outcome;
}

}  // namespace mise_audit
