// non-executable-task-file: reported by the loader (src/loader/task_lookalike.cpp); registered here
// for its id, severity and doc.
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class NonExecutableTaskFile final : public LoaderRule {
 public:
  const char* id() const override { return stage_rule_id(StageRule::NonExecutableTaskFile); }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(NonExecutableTaskFile);
}  // namespace mise_audit
