#include "mise_audit/engine.h"

#include <algorithm>

#include "core/stage_timer.h"

#include "mise_audit/release_model.h"
#include "mise_audit/rule.h"
#include "release/role_book.h"

namespace mise_audit {

static bool enabled(const std::string& rule, const LintOptions& o) {
  auto in = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), rule) != v.end(); };
  if (!o.select.empty() && !in(o.select)) return false;
  return !in(o.ignore);
}

std::vector<Diagnostic> lint_project(const Project& project, const LintOptions& options) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : project.diagnostics)
    if (enabled(d.rule, options)) out.push_back(d);
  const TaskGraph graph = [&] {
    StageTimer timer("graph");
    return TaskGraph(project);
  }();
  const RoleBook& roles = options.roles ? *options.roles : builtin_role_book();
  ReleaseModel release(graph, roles);
  if (profiling_enabled() && graph.size()) {
    StageTimer timer("release model");  // built lazily by the first rule that asks otherwise
    release.facts(0);
  }
  std::vector<Diagnostic> found;
  RuleContext ctx{project, graph, release, roles, found};
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

}  // namespace mise_audit
