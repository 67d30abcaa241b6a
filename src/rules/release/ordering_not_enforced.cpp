// ordering-not-enforced: a release prerequisite written only as `wait_for` (which never schedules
// the task), as a `depends_post` on the other side, or as prose ("run X first").
#include <fmt/format.h>

#include <optional>

#include "fix/dependency_edits.h"
#include "release/release_queries.h"

namespace mise_audit {
namespace {

// Why `t` needs `u` to run first, or "" when it does not.
std::string need(const ReleaseModel& m, TaskId t, TaskId u) {
  if (const CommandFact* c = artifact_publisher(m, t); c && supplies(m, u, *c))
    return fmt::format("it builds the {} that {} uploads", kinds_text(c->consumes), task_label(m.graph(), t));
  RoleSet own = m.roles(t);
  if ((own & kRoleProduces) && closure_has(m, u, kRoleVersion))
    return fmt::format("it bumps the version that {} builds into its artifacts", task_label(m.graph(), t));
  if ((own & (kRoleProduces | kRolePublish | kRoleVersion)) && closure_has(m, u, kRolePreflight) &&
      !(m.closure_roles(u) & (kRoleProduces | kRolePublish)))
    return "it is the preflight check";
  return "";
}

const char* how_text(const char* how) {
  std::string_view h(how);
  if (h == "wait_for") return "only `wait_for` links them, and wait_for never schedules a task";
  if (h == "depends_post") return "only a `depends_post` on the other side links them, which runs it after, never before";
  return "only prose says so";
}

// The `wait_for` entry written at `span` becomes a `depends` entry (unsafe: it schedules the task).
std::optional<Fix> wait_for_fix(const Project& project, const Task& task, const SourceSpan& span) {
  for (const DependencyRef& ref : task.wait_for)
    if (ref.span.file == span.file && ref.span.begin == span.begin) return wait_for_to_depends_fix(project, task, ref);
  return std::nullopt;
}

class OrderingNotEnforced final : public Rule {
 public:
  const char* id() const override { return "ordering-not-enforced"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    for (TaskId t = 0; t < g.size(); ++t) {
      if (m.facts(t).dry_run) continue;
      std::optional<TaskSet> pre;
      std::vector<TaskId> seen;
      for (const WeakLink& w : weak_links(m, t)) {
        if (std::find(seen.begin(), seen.end(), w.to) != seen.end()) continue;
        if (!pre) pre = m.before_or_during(t);
        if (pre->contains(w.to)) continue;
        std::string why = need(m, t, w.to);
        if (why.empty()) continue;
        seen.push_back(w.to);
        const std::string& tn = g.task(t).display_name;
        const std::string& un = g.task(w.to).display_name;
        Diagnostic& d = ctx.report({}, {});
        d.task = g.task(w.written_in).display_name;
        d.span = w.span;
        d.message = fmt::format("{} must run before {} ({}), but {}: `mise run {}` alone skips it", task_label(g, w.to),
                                task_label(g, t), why, how_text(w.how), tn);
        d.help = fmt::format("add {} to `{}`", depends_text(g.task(t), un), tn);
        d.suggested_edges.push_back({tn, un});
        if (std::string_view(w.how) == "wait_for") d.fix = wait_for_fix(ctx.project, g.task(t), w.span);
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(OrderingNotEnforced);
}  // namespace mise_audit
