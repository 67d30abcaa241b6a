// invalid-daemon-config: a [daemons] / [daemon_groups] declaration mise refuses (with
// `experimental = true`), or declarations it ignores with a warning (without it).
#include <fmt/format.h>

#include "mise_audit/rule.h"
#include "rules/structural/daemon_declarations.h"

namespace mise_audit {
namespace {

class InvalidDaemonConfig final : public Rule {
 public:
  const char* id() const override { return "invalid-daemon-config"; }

  void check(RuleContext& ctx) const override {
    DaemonDeclarations decl = read_daemon_declarations(ctx.project);
    if (!decl.experimental) {
      for (const SourceSpan& s : decl.tables)
        ctx.report(s,
                   "mise ignores daemon declarations without `experimental = true` (\"[daemons] requires experimental "
                   "= true; ignoring daemon declarations\")",
                   "add `[settings] experimental = true`, or remove the declarations").severity = Severity::Warning;
      return;
    }
    for (const auto* list : {&decl.daemons, &decl.groups})
      for (const DaemonDeclarations::Entry& e : *list)
        if (!e.problem.empty())
          ctx.report(e.span, fmt::format("{}; mise refuses the whole config", e.problem));
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(InvalidDaemonConfig);
}  // namespace mise_audit
