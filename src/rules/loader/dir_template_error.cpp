// dir-template-error: reported by the loader (src/loader/task_merge.cpp); registered here for its id, severity and doc.
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class DirTemplateError final : public LoaderRule {
 public:
  const char* id() const override { return stage_rule_id(StageRule::DirTemplateError); }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(DirTemplateError);
}  // namespace mise_audit
