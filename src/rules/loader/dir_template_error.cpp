// dir-template-error: reported by the loader (src/loader/task_merge.cpp); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class DirTemplateError final : public LoaderRule {
 public:
  const char* id() const override { return "dir-template-error"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A task's `dir` template reads a name that is not defined; mise refuses every command"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(DirTemplateError);
}  // namespace mise_audit
