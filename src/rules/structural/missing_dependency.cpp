// missing-dependency: a depends / depends_post / wait_for entry that resolves to no task.
#include <fmt/format.h>
#include <optional>
#include <set>

#include "fix/dependency_edits.h"
#include "mise_audit/release_model.h"
#include "mise_audit/rule.h"
#include "rules/structural/reference_hints.h"

namespace mise_audit {
namespace {

bool names_dependency(const Task& task, const std::string& name) {
  for (DependencyKind k : {DependencyKind::Depends, DependencyKind::DependsPost, DependencyKind::WaitFor})
    for (const DependencyRef& d : task.deps(k))
      if (d.task == name) return true;
  return false;
}

class MissingDependency final : public Rule {
 public:
  const char* id() const override { return "missing-dependency"; }

  void check(RuleContext& ctx) const override {
    std::optional<ReferenceHints> hints;
    std::set<std::pair<TaskId, std::string>> proposed;  // one rename to a name per task
    for (const UnresolvedRef& ref : ctx.graph.unresolved()) {
      if (ref.kind != EdgeKind::Depends && ref.kind != EdgeKind::DependsPost && ref.kind != EdgeKind::WaitFor) continue;
      // Optional entries may match nothing; templates and unloaded projects cannot be checked.
      if (ref.templated || ref.reason == UnresolvedRef::Reason::OtherProject) continue;
      if (ref.optional && ref.reason != UnresolvedRef::Reason::RelativePathSyntax &&
          ref.reason != UnresolvedRef::Reason::MonorepoMissingTask)
        continue;
      if (!hints) hints.emplace(ctx.graph);
      const Task& from = ctx.graph.task(ref.from);
      Diagnostic& d = ctx.report(ref.span,
                                 fmt::format("`{}` of task \"{}\": {}", edge_kind_name(ref.kind), from.name, unresolved_problem(ref)),
                                 hints->help_for(ref));
      d.task = from.name;
      // A "did you mean" rename: unsafe, the closest name may not be the one meant. Not when the
      // task already depends on that name (the rename would only repeat it).
      if (ref.reason == UnresolvedRef::Reason::NotFound)
        if (std::string near = hints->closest_name(ref.pattern);
            !near.empty() && !names_dependency(from, near) && proposed.insert({ref.from, near}).second) {
          // A rename to a task that already depends on this one would close a cycle: said, not
          // offered (checked here, not by the hint check, whose edges go in all at once).
          std::optional<TaskId> target = ctx.graph.find(near);
          if (ref.kind == EdgeKind::Depends && target && ctx.release.prerequisites(*target).contains(ref.from)) {
            d.help += fmt::format(" — not as it stands: `{}` already depends on `{}`, so a `depends` on it would close a "
                                  "dependency cycle, which mise refuses", near, from.display_name);
            continue;
          }
          // The rename adds that edge: the hint check applies it to the model (and reports what
          // resolving the name reveals, such as a release the unresolved name hid).
          if (ref.kind == EdgeKind::Depends) d.suggested_edges.push_back({from.display_name, near});
          d.fix = replace_dependency_fix(ctx.project, ref.span, ref.pattern, {near}, false,
                                         fmt::format("rename \"{}\" to \"{}\"", ref.pattern, near),
                                         fmt::format("edge {} -> {} ({})", from.display_name, near, edge_kind_name(ref.kind)),
                                         FixSafety::Unsafe);
        }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingDependency);
}  // namespace mise_audit
