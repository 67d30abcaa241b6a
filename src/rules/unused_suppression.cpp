// unused-suppression: its findings come from suppression/suppression.cpp, which needs every other
// rule's findings first; registered here for its id, severity and doc.
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class UnusedSuppression final : public LoaderRule {
 public:
  const char* id() const override { return stage_rule_id(StageRule::UnusedSuppression); }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UnusedSuppression);
}  // namespace mise_audit
