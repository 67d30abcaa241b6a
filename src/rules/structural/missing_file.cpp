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
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "`file` names a script that does not exist"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      auto path = task_file_path(t);
      if (!path || ctx.disk.exists(*path)) continue;
      ctx.report({id(), default_severity(),
                  fmt::format("task \"{}\" runs \"{}\", which does not exist", t.name, t.file->value), t.file->span,
                  t.name, "`file` is relative to the config root (the folder the config belongs to), not to the working directory",
                  {}});
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingFile);
}  // namespace mise_audit
