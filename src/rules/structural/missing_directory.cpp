// missing-directory: `dir` names a folder that does not exist (relative to config_root).
#include <filesystem>
#include <fmt/format.h>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class MissingDirectory final : public Rule {
 public:
  const char* id() const override { return "missing-directory"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "`dir` names a folder that does not exist"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      // The loader has made `dir` absolute against config_root and rendered {{config_root}}.
      if (!t.dir || t.dir->templated || t.dir->value.empty()) continue;
      if (ctx.disk.is_directory(t.dir->value)) continue;
      // Shown relative to the config root when inside it, so messages do not depend on checkouts.
      std::filesystem::path rel = std::filesystem::path(t.dir->value).lexically_relative(t.config_root);
      std::string shown = rel.empty() || rel.native().rfind("..", 0) == 0 ? t.dir->value : rel.generic_string();
      ctx.report({id(), default_severity(),
                  fmt::format("folder \"{}\" of task \"{}\" does not exist", shown, t.name), t.dir->span, t.name,
                  "create it (or have a dependency create it), or fix the path; relative paths start at the config root",
                  {}});
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingDirectory);
}  // namespace mise_audit
