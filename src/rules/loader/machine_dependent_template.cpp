// machine-dependent-template: reported by the loader (src/loader/machine_dependent_template.cpp);
// registered here for its id, severity and doc.
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class MachineDependentTemplate final : public LoaderRule {
 public:
  const char* id() const override { return stage_rule_id(StageRule::MachineDependentTemplate); }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MachineDependentTemplate);
}  // namespace mise_audit
