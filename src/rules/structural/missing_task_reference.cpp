// missing-task-reference: a `run = [{ task = … }]` / `{ tasks = […] }` step, or a `mise run X`
// in a script, that names no task.
#include <fmt/format.h>
#include <optional>

#include "mise_audit/rule.h"
#include "rules/structural/reference_hints.h"

namespace mise_audit {
namespace {

class MissingTaskReference final : public Rule {
 public:
  const char* id() const override { return "missing-task-reference"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A run entry ({ task = … } or `mise run X` in a script) names no task"; }

  void check(RuleContext& ctx) const override {
    std::optional<ReferenceHints> hints;
    for (const UnresolvedRef& ref : ctx.graph.unresolved()) {
      if (ref.kind != EdgeKind::RunTask && ref.kind != EdgeKind::Calls) continue;
      if (ref.templated || ref.reason == UnresolvedRef::Reason::OtherProject) continue;
      if (!hints) hints.emplace(ctx.graph);
      const Task& from = ctx.graph.task(ref.from);
      Diagnostic d{id(), default_severity(), "", ref.span, from.name, hints->help_for(ref), {}};
      if (ref.kind == EdgeKind::RunTask) {
        d.message = fmt::format("run entry of task \"{}\": {}", from.name, unresolved_problem(ref));
      } else {
        // A script may change folder or rely on a config mise-audit did not load: less certain.
        d.severity = Severity::Warning;
        d.message = fmt::format("`mise run` in task \"{}\": {}", from.name, unresolved_problem(ref));
      }
      ctx.report(std::move(d));
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingTaskReference);
}  // namespace mise_audit
