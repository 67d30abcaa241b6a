// missing-file: `file = "…"` names a script that does not exist (relative to config_root).
#include <filesystem>
#include <fmt/format.h>

#include "mise_audit/rule.h"
#include "loader/task_file_path.h"

namespace mise_audit {
namespace {

class MissingFile final : public Rule {
 public:
  const char* id() const override { return "missing-file"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      auto path = task_file_path(t);
      if (!path || ctx.disk.exists(*path)) continue;
      ctx.report(t.file->span,
                 fmt::format("task \"{}\" runs \"{}\", which does not exist", t.name, t.file->value),
                 "`file` is relative to the config root (the folder the config belongs to), not to the working directory").task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingFile);
}  // namespace mise_audit
