#include "mise_audit/engine.h"

#include <algorithm>

#include "core/hint_check.h"
#include "core/stage_timer.h"
#include "fix/fmt_layout.h"

#include "mise_audit/rule.h"
#include "release/role_book.h"

namespace mise_audit {
namespace {

bool enabled(const std::string& rule, const LintOptions& o) {
  auto in = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), rule) != v.end(); };
  if (!o.select.empty() && !in(o.select)) return false;
  return !in(o.ignore);
}

// The enabled rules' findings over one graph, sorted.
std::vector<Diagnostic> rule_findings(const Project& project, const TaskGraph& graph, const ReleaseModel& release,
                                      const LintOptions& options) {
  std::vector<Diagnostic> found, out;
  RuleContext ctx{project, graph, release, release.roles(), found, *project.disk};
  for (const Rule* rule : rule_registry()) {
    if (!enabled(rule->id(), options)) continue;
    StageTimer timer(rule->id());
    ctx.rule = rule;
    rule->check(ctx);
  }
  for (Diagnostic& d : found)
    if (enabled(d.rule, options)) out.push_back(std::move(d));
  sort_diagnostics(out, project.sources);
  return out;
}

std::vector<Diagnostic> run_rules(const Project& project, const TaskGraph& graph, const ReleaseModel& release,
                                  const LintOptions& options) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : project.diagnostics)
    if (enabled(d.rule, options)) out.push_back(d);
  if (profiling_enabled() && graph.size()) {
    StageTimer timer("release model");  // built lazily by the first rule that asks otherwise
    release.facts(0);
  }
  std::vector<Diagnostic> found = rule_findings(project, graph, release, options);
  {
    StageTimer timer("hint check");
    check_hints(graph, release.roles(), found, [&](const TaskGraph& after, const ReleaseModel& release_after) {
      return rule_findings(project, after, release_after, options);
    });
  }
  keep_fmt_layout(project.sources, found);  // so `mise fmt --check` still passes after --fix
  for (Diagnostic& d : found) out.push_back(std::move(d));
  sort_diagnostics(out, project.sources);
  return out;
}

std::unique_ptr<TaskGraph> build_graph(const Project& project) {
  StageTimer timer("graph");
  return std::make_unique<TaskGraph>(project);
}

const RoleBook& roles_of(const LintOptions& options) {
  return options.roles ? *options.roles : builtin_role_book();
}

}  // namespace

LintRun::LintRun()
    : project_(std::make_unique<Project>()),
      graph_(std::make_unique<TaskGraph>(*project_)),
      release_(std::make_unique<ReleaseModel>(*graph_, builtin_role_book())) {}

LintRun::LintRun(Project project, const LintOptions& options)
    : project_(std::make_unique<Project>(std::move(project))),
      graph_(build_graph(*project_)),
      release_(std::make_unique<ReleaseModel>(*graph_, roles_of(options))),
      findings_(run_rules(*project_, *graph_, *release_, options)) {}

std::vector<Diagnostic> lint_project(const Project& project, const LintOptions& options) {
  const std::unique_ptr<TaskGraph> graph = build_graph(project);
  ReleaseModel release(*graph, roles_of(options));
  return run_rules(project, *graph, release, options);
}

}  // namespace mise_audit
