// missing-dependency: a depends / depends_post / wait_for entry that resolves to no task.
#include <fmt/format.h>
#include <optional>

#include "mise_audit/rule.h"
#include "rules/structural/reference_hints.h"

namespace mise_audit {
namespace {

class MissingDependency final : public Rule {
 public:
  const char* id() const override { return "missing-dependency"; }

  void check(RuleContext& ctx) const override {
    std::optional<ReferenceHints> hints;
    for (const UnresolvedRef& ref : ctx.graph.unresolved()) {
      if (ref.kind != EdgeKind::Depends && ref.kind != EdgeKind::DependsPost && ref.kind != EdgeKind::WaitFor) continue;
      // Optional entries may match nothing; templates and unloaded projects cannot be checked.
      if (ref.templated || ref.reason == UnresolvedRef::Reason::OtherProject) continue;
      if (ref.optional && ref.reason != UnresolvedRef::Reason::RelativePathSyntax &&
          ref.reason != UnresolvedRef::Reason::MonorepoMissingTask)
        continue;
      if (!hints) hints.emplace(ctx.graph);
      const Task& from = ctx.graph.task(ref.from);
      ctx.report(ref.span,
                 fmt::format("`{}` of task \"{}\": {}", edge_kind_name(ref.kind), from.name, unresolved_problem(ref)),
                 hints->help_for(ref)).task = from.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingDependency);
}  // namespace mise_audit
