// invalid-glob: a `sources` or `outputs` pattern that does not compile (unclosed `[` or `{`).
#include <fmt/format.h>

#include "loader/glob_match.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class InvalidGlob final : public Rule {
 public:
  const char* id() const override { return "invalid-glob"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      for (const auto* list : {&t.sources, &t.outputs}) {
        const char* field = list == &t.sources ? "sources" : "outputs";
        for (const LocatedString& s : *list) {
          if (s.templated) continue;
          std::string_view p = s.value;
          if (list == &t.sources) {
            if (p.rfind("@group:", 0) == 0) continue;  // task_config.input_groups
            if (p.rfind("\\!", 0) == 0) p.remove_prefix(2);
            else if (p.rfind("!", 0) == 0) p.remove_prefix(1);
          }
          std::string why;
          if (glob_is_valid(p, &why)) continue;
          ctx.report(s.span,
                     fmt::format("`{}` pattern \"{}\" of task \"{}\" is not a valid glob: {}", field, s.value, t.name, why),
                     "close the bracket or brace, or escape it with a backslash").task = t.name;
        }
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(InvalidGlob);
}  // namespace mise_audit
