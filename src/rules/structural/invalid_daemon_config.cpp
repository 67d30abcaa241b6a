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
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override {
    return "A [daemons] declaration mise refuses, or [daemons] without `experimental = true`";
  }

  void check(RuleContext& ctx) const override {
    DaemonDeclarations decl = read_daemon_declarations(ctx.project);
    if (!decl.experimental) {
      for (const SourceSpan& s : decl.tables)
        ctx.report({id(), Severity::Warning,
                    "mise ignores daemon declarations without `experimental = true` (\"[daemons] requires experimental "
                    "= true; ignoring daemon declarations\")",
                    s, "", "add `[settings] experimental = true`, or remove the declarations", {}});
      return;
    }
    for (const auto* list : {&decl.daemons, &decl.groups})
      for (const DaemonDeclarations::Entry& e : *list)
        if (!e.problem.empty())
          ctx.report({id(), default_severity(), fmt::format("{}; mise refuses the whole config", e.problem), e.span, "",
                      "", {}});
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(InvalidDaemonConfig);
}  // namespace mise_audit
