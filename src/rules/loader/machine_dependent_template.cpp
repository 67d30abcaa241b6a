// machine-dependent-template: reported by the loader (src/loader/machine_dependent_template.cpp);
// registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class MachineDependentTemplate final : public LoaderRule {
 public:
  const char* id() const override { return "machine-dependent-template"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override {
    return "A load-time template reads the user's home, a file outside the repository or an unset variable";
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MachineDependentTemplate);
}  // namespace mise_audit
