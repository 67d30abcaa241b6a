// invalid-shell: `shell` names an absolute program path that does not exist.
#include <filesystem>
#include <fmt/format.h>

#include "shell/shell_words.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class InvalidShell final : public Rule {
 public:
  const char* id() const override { return "invalid-shell"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      if (!t.shell || t.shell->templated) continue;
      std::vector<std::string> words = split_shell_words(t.shell->value);
      if (words.empty() || words[0].empty() || words[0][0] != '/') continue;  // PATH lookups happen at run time
      if (ctx.disk.exists(words[0])) continue;
      ctx.report(t.shell->span,
                 fmt::format("shell \"{}\" of task \"{}\" does not exist", words[0], t.name),
                 "use a shell that exists on every machine, e.g. \"bash -c\" (found on PATH)").task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(InvalidShell);
}  // namespace mise_audit
