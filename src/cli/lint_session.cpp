#include "cli/lint_session.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <optional>

#include "core/stage_timer.h"
#include "loader/glob_match.h"
#include "mise_audit/engine.h"
#include "mise_audit/release_model.h"
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

bool lint_path(const std::string& path, const Config& config, const SessionOptions& options,
               LintedProject& out, std::string& error) {
  // Extra role patterns are global to the release model: set them for this path's config only.
  clear_role_patterns();
  if (!config.roles.empty()) {
    if (std::string problem = add_role_patterns(role_patterns_toml(config.roles)); !problem.empty()) {
      error = fmt::format("{}: invalid role patterns: {}", config.path, problem);
      return false;
    }
  }
  std::optional<StageTimer> timer(std::in_place, "load");
  LoadResult loaded = load_project(path, options.load);
  timer.reset();
  if (!loaded.error.empty()) {
    error = loaded.error;
    return false;
  }
  out.project = std::move(loaded.project);
  std::vector<Diagnostic> all = lint_project(out.project, LintOptions{});
  timer.emplace("suppressions");
  if (!options.no_ignores) apply_suppressions(out.project, all);
  out.diagnostics.clear();
  for (Diagnostic& d : all) {
    if (!rule_enabled(d.rule, config, options) || path_ignored(d, out.project, config)) continue;
    if (auto it = config.severity.find(d.rule); it != config.severity.end()) d.severity = it->second;
    out.diagnostics.push_back(std::move(d));
  }
  sort_diagnostics(out.diagnostics, out.project.sources);
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
