// read-outside-repository: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class ReadOutsideRepository final : public LoaderRule {
 public:
  const char* id() const override { return stage_rule_id(StageRule::ReadOutsideRepository); }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(ReadOutsideRepository);
}  // namespace mise_audit
