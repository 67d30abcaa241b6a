// replaced-config-task: reported by the loader (src/loader/task_merge.cpp); registered here for its id and doc.
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class ReplacedConfigTask final : public LoaderRule {
 public:
  const char* id() const override { return stage_rule_id(StageRule::ReplacedConfigTask); }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(ReplacedConfigTask);
}  // namespace mise_audit
