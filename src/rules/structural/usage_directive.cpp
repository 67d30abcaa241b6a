// usage-directive: the `usage` field holds `#USAGE` comment lines, which belong in file tasks.
#include <fmt/format.h>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class UsageDirective final : public Rule {
 public:
  const char* id() const override { return "usage-directive"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      if (!t.usage) continue;
      const std::string& u = t.usage->value;
      if (u.find("#USAGE") == std::string::npos && u.find("# USAGE") == std::string::npos) continue;
      ctx.report(t.usage->span,
                 fmt::format("`usage` of task \"{}\" contains #USAGE directives", t.name),
                 "write the spec itself (e.g. `arg \"<file>\"`); #USAGE comments are for file tasks").task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UsageDirective);
}  // namespace mise_audit
