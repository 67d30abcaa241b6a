// empty-script: a `run` entry that is empty or only whitespace.
#include <fmt/format.h>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class EmptyScript final : public Rule {
 public:
  const char* id() const override { return "empty-script"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      for (const RunEntry& e : t.run) {
        if (e.kind != RunEntry::Kind::Script || e.script.find_first_not_of(" \t\r\n") != std::string::npos) continue;
        ctx.report(e.span,
                   fmt::format("task \"{}\" has an empty `run` script", t.name),
                   "remove the entry, or write the command it should run").task = t.name;
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(EmptyScript);
}  // namespace mise_audit
