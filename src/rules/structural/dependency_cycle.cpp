// dependency-cycle: tasks that wait for each other on mise's runtime graph (CONTRIBUTING §3.5).
#include <fmt/format.h>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class DependencyCycle final : public Rule {
 public:
  const char* id() const override { return "dependency-cycle"; }

  void check(RuleContext& ctx) const override {
    for (const TaskGraph::Cycle& c : ctx.graph.cycle_details()) {
      std::string path;
      const char* suffix = c.post ? " (post)" : "";
      for (TaskId t : c.tasks) path += ctx.graph.task(t).name + suffix + " -> ";
      path += ctx.graph.task(c.tasks[0]).name + suffix;
      bool through_wait_for = false;
      for (const Edge& e : c.edges) through_wait_for = through_wait_for || e.kind == EdgeKind::WaitFor;
      std::string help = through_wait_for
          ? "a wait_for closes this cycle: it deadlocks whenever these tasks run in one invocation; remove one edge"
          : "remove one of these dependencies";
      // Point at the entry, written in the first task, that leads to the next one.
      const Edge& first = c.edges[0];
      ctx.report(first.span, fmt::format("circular dependency: {}", path), help).task = ctx.graph.task(first.from).name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(DependencyCycle);
}  // namespace mise_audit
