// missing-daemon: a task's `daemons` names a daemon no [daemons] table declares, or one mise
// ignores because `experimental = true` is not set (`mise tasks validate`: missing-daemon).
#include <fmt/format.h>

#include "mise_audit/rule.h"
#include "rules/structural/daemon_declarations.h"

namespace mise_audit {
namespace {

class MissingDaemon final : public Rule {
 public:
  const char* id() const override { return "missing-daemon"; }

  void check(RuleContext& ctx) const override {
    DaemonDeclarations decl = read_daemon_declarations(ctx.project);
    for (const Task& t : ctx.project.tasks)
      for (const LocatedString& d : t.daemons) {
        if (d.templated || (decl.experimental && decl.declares(d.value))) continue;
        bool ignored = !decl.experimental && decl.declares(d.value);
        ctx.report(d.span,
                   ignored ? fmt::format("task \"{}\" requires daemon \"{}\", but mise ignores [daemons] without "
                                         "`experimental = true`, so it is not defined",
                                         t.display_name, d.value)
                           : fmt::format("task \"{}\" requires daemon \"{}\", which is not defined in [daemons]",
                                         t.display_name, d.value),
                   ignored ? "add `[settings] experimental = true` (daemons are experimental in mise 2026.9.15)"
                           : "declare it in [daemons] (a daemon group's name does not count) or remove it from this task").task = t.name;
      }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingDaemon);
}  // namespace mise_audit
