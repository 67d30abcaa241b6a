// replaced-file-task: reported by the loader (src/loader/task_merge.cpp); registered here for its id and doc.
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class ReplacedFileTask final : public LoaderRule {
 public:
  const char* id() const override { return stage_rule_id(StageRule::ReplacedFileTask); }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(ReplacedFileTask);
}  // namespace mise_audit
