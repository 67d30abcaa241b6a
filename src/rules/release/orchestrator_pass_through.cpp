// orchestrator-pass-through: an orchestrator whose `run` only prints the next step ("Now run:
// mise run release:pypi") instead of depending on it (seed anti-pattern 4).
#include <fmt/format.h>

#include "release/release_queries.h"

namespace mise_audit {
namespace {

class OrchestratorPassThrough final : public Rule {
 public:
  const char* id() const override { return "orchestrator-pass-through"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    for (TaskId o = 0; o < g.size(); ++o) {
      const TaskFacts& f = m.facts(o);
      // Only prose names a next step; the closure is computed for those alone (every task of a
      // 10,000-task cycle of `echo` tasks is a printing orchestrator).
      if (!f.orchestrator || !f.prints_only || f.dry_run || f.prose.empty()) continue;
      TaskSet closure = m.execution_closure(o);
      for (const ProseRef& p : f.prose) {
        if (p.in_description || closure.contains(p.target)) continue;
        if (!(m.closure_roles(p.target) & (kRolePublish | kRoleProduces | kRoleVersion))) continue;
        const std::string& on = g.task(o).display_name;
        const std::string& tn = g.task(p.target).display_name;
        Diagnostic& d = ctx.report({}, {});
        d.task = on;
        d.span = p.span;
        d.confidence = Confidence::Medium;  // read from prose
        d.message = fmt::format("{} only tells the user to run {} next; nothing runs it, so `mise run {}` stops short", task_label(g, o),
                                task_label(g, p.target), on);
        d.help = fmt::format("add \"{}\" to the `depends` of `{}`", tn, on);
        d.suggested_edges.push_back({on, tn});
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(OrchestratorPassThrough);
}  // namespace mise_audit
