// not-executable: `file = "…"` names a script without the executable bit; mise execs it directly.
#include <fmt/format.h>

#include "mise_audit/rule.h"
#include "loader/task_file_path.h"

namespace mise_audit {
namespace {

class NotExecutable final : public Rule {
 public:
  const char* id() const override { return "not-executable"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      auto path = task_file_path(t);
      if (!path || !ctx.disk.is_regular_file(*path) || ctx.disk.executable(*path)) continue;
      ctx.report(t.file->span,
                 fmt::format("task \"{}\" runs \"{}\", which is not executable", t.name, t.file->value),
                 fmt::format("chmod +x {}", t.file->value)).task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(NotExecutable);
}  // namespace mise_audit
