// missing-directory: `dir` names a folder that does not exist (relative to config_root).
#include <filesystem>
#include <fmt/format.h>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class MissingDirectory final : public Rule {
 public:
  const char* id() const override { return "missing-directory"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      // The loader has made `dir` absolute against config_root and rendered {{config_root}}.
      if (!t.dir || t.dir->templated || t.dir->value.empty()) continue;
      if (ctx.disk.is_directory(t.dir->value)) continue;
      // Shown relative to the config root when inside it, so messages do not depend on checkouts.
      std::filesystem::path rel = std::filesystem::path(t.dir->value).lexically_relative(t.config_root);
      std::string shown = rel.empty() || rel.native().rfind("..", 0) == 0 ? t.dir->value : rel.generic_string();
      std::string help = "create it (or have a dependency create it), or fix the path; relative paths start at the config root";
      // A `dir` written in another folder's config (a parent's `[task_config]` reaching this task
      // through `cascade = true`) still starts at this task's own config root.
      if (t.dir->span.file != kNoFile) {
        const SourceFile& written = ctx.project.sources.file(t.dir->span.file);
        if (!written.owner_root.empty() && written.owner_root != t.config_root)
          help = fmt::format(
              "this `dir` is inherited from {} (`[task_config]` with `cascade = true`), and a relative path starts "
              "at the config root of each task that inherits it (here `{}`, below that file's folder): create the "
              "folder there, set `dir` on the task, or add `cascade = false` to the task's own [task_config]",
              written.path, std::filesystem::path(t.config_root).lexically_relative(written.owner_root).generic_string());
      }
      ctx.report(t.dir->span, fmt::format("folder \"{}\" of task \"{}\" does not exist", shown, t.name), std::move(help))
          .task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingDirectory);
}  // namespace mise_audit
