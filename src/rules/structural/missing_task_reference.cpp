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

  void check(RuleContext& ctx) const override {
    std::optional<ReferenceHints> hints;
    for (const UnresolvedRef& ref : ctx.graph.unresolved()) {
      if (ref.kind != EdgeKind::RunTask && ref.kind != EdgeKind::Calls) continue;
      if (ref.templated || ref.reason == UnresolvedRef::Reason::OtherProject) continue;
      if (!hints) hints.emplace(ctx.graph);
      const Task& from = ctx.graph.task(ref.from);
      // A `mise run` in a script may change folder or rely on a config mise-audit did not load: less certain.
      bool in_script = ref.kind != EdgeKind::RunTask;
      Diagnostic& d = ctx.report(ref.span,
                                 fmt::format("{} task \"{}\": {}", in_script ? "`mise run` in" : "run entry of", from.name,
                                             unresolved_problem(ref)),
                                 hints->help_for(ref));
      d.task = from.name;
      if (in_script) {
        d.severity = Severity::Warning;
        d.confidence = Confidence::Medium;
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingTaskReference);
}  // namespace mise_audit
