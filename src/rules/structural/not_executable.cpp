// not-executable: `file = "…"` names a script without the executable bit; mise execs it directly.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

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
      struct stat st;
      if (!path || ::stat(path->c_str(), &st) != 0 || !S_ISREG(st.st_mode) || ::access(path->c_str(), X_OK) == 0)
        continue;
      ctx.report(t.file->span,
                 fmt::format("task \"{}\" runs \"{}\", which is not executable", t.name, t.file->value),
                 fmt::format("chmod +x {}", t.file->value)).task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(NotExecutable);
}  // namespace mise_audit
