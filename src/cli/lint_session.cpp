#include "cli/lint_session.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <optional>

#include "core/stage_timer.h"
#include "loader/glob_match.h"
#include "mise_audit/engine.h"
#include "mise_audit/release_model.h"
#include "release/role_book.h"
#include "suppression/suppression.h"

namespace fs = std::filesystem;

namespace mise_audit {

bool rule_enabled(const std::string& rule, const Config& config, const SessionOptions& options) {
  auto in = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), rule) != v.end(); };
  const std::vector<std::string>& select = options.select.empty() ? config.select : options.select;
  if (!select.empty() && !in(select)) return false;
  return !in(config.ignore) && !in(options.ignore);
}

namespace {

bool path_ignored(const Diagnostic& d, const Project& project, const Config& config) {
  if (config.path_ignores.empty() || d.span.file == kNoFile) return false;
  std::string rel = fs::path(project.sources.file(d.span.file).absolute).lexically_relative(config.dir).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0) return false;
  for (const PathIgnore& pi : config.path_ignores) {
    if (!glob_match(pi.glob, rel, '/')) continue;
    if (pi.rules.empty() || std::find(pi.rules.begin(), pi.rules.end(), d.rule) != pi.rules.end()) return true;
  }
  return false;
}

}  // namespace

namespace {

// The config's release vocabulary: the built-in book, plus its [roles] when it has any.
bool set_roles(const Config& config, LintedProject& out, std::string& error) {
  if (config.roles.empty()) {
    out.roles = std::shared_ptr<const RoleBook>(std::shared_ptr<void>(), &builtin_role_book());
    return true;
  }
  std::string problem;
  std::optional<RoleBook> book = extend_role_book(builtin_role_book(), role_patterns_toml(config.roles), problem);
  if (!book) {
    error = fmt::format("{}: invalid role patterns: {}", config.path, problem);
    return false;
  }
  out.roles = std::make_shared<const RoleBook>(std::move(*book));
  return true;
}

// Lints a loaded project once (its LintRun: graph, release model, every rule, with the config's
// role book) and keeps the findings the filters let through.
void run_rules(Project loaded, LintedProject& out, const Config& config, const SessionOptions& options) {
  LintOptions lint;
  lint.roles = out.roles.get();
  out.run = LintRun(std::move(loaded), lint);
  // A copy: the run keeps its own findings (`tasks` and `graph` look for refusals among them).
  std::vector<Diagnostic> all = out.run.findings();
  StageTimer timer("suppressions");
  const Project& project = out.project();
  if (!options.no_ignores) apply_suppressions(project, all);
  out.diagnostics.clear();
  auto task_in_scope = [&](const std::string& name) {
    auto it = std::lower_bound(project.tasks.begin(), project.tasks.end(), name,
                               [](const Task& t, const std::string& key) { return t.name < key; });
    if (it == project.tasks.end() || it->name != name) return false;
    return out.in_scope(it->source) || (it->script_file != kNoFile && out.in_scope(it->script_file));
  };
  for (Diagnostic& d : all) {
    bool about_scope = d.span.file == kNoFile ? out.scope.empty() || d.task.empty() || task_in_scope(d.task)
                                              : out.in_scope(d.span.file) || (!d.task.empty() && task_in_scope(d.task));
    if (!about_scope) continue;
    if (!rule_enabled(d.rule, config, options) || path_ignored(d, project, config)) continue;
    // Confidence is ordered high < medium < low, so "at least as sure" is <=.
    Confidence min = options.min_confidence.value_or(config.min_confidence.value_or(Confidence::Low));
    if (static_cast<int>(d.confidence) > static_cast<int>(min)) continue;
    if (auto it = config.severity.find(d.rule); it != config.severity.end()) d.severity = it->second;
    out.diagnostics.push_back(std::move(d));
  }
  sort_diagnostics(out.diagnostics, project.sources);
}

}  // namespace

bool lint_target(const LintTarget& target, const Config& config, const SessionOptions& options,
                 LintedProject& out, std::vector<std::string>& unloaded, std::string& error) {
  if (!set_roles(config, out, error)) return false;
  std::optional<StageTimer> timer(std::in_place, "load");
  LoadOptions load = context_load_options(target.context, options.context, options.cache, target.envs);
  LoadResult loaded = load_project(context_load_dir(target.context), load);
  timer.reset();
  if (!loaded.error.empty()) {
    error = loaded.error;
    return false;
  }
  Project& project = loaded.project;
  project.configs_above = target.context.configs_above;
  if (target.files.empty()) {
    out.scope = files_in_scope(project, target.context);
  } else {
    out.scope.assign(project.sources.size(), false);
    for (const std::string& file : target.files) {
      bool found = false;
      for (FileId id = 0; id < project.sources.size(); ++id)
        if (fs::path(project.sources.file(id).absolute).lexically_normal() == fs::path(file) &&
            !project.sources.file(id).loaded_as.empty()) {
          out.scope[id] = true;
          found = true;
        }
      if (!found) unloaded.push_back(file);
    }
  }
  run_rules(std::move(project), out, config, options);
  return true;
}

bool lint_path(const std::string& path, const Config& config, const SessionOptions& options,
               LintedProject& out, std::string& error) {
  if (!set_roles(config, out, error)) return false;
  std::optional<StageTimer> timer(std::in_place, "load");
  LoadResult loaded = load_project(path, options.load);
  timer.reset();
  if (!loaded.error.empty()) {
    error = loaded.error;
    return false;
  }
  run_rules(std::move(loaded.project), out, config, options);
  return true;
}

bool fails(const std::vector<LintedProject>& results, Severity fail_on) {
  // Severity is ordered error < warning < note, so "at or above" is <=.
  for (const LintedProject& r : results)
    for (const Diagnostic& d : r.diagnostics)
      if (static_cast<int>(d.severity) <= static_cast<int>(fail_on)) return true;
  return false;
}

}  // namespace mise_audit
