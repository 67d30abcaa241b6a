// invalid-type: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class InvalidType final : public LoaderRule {
 public:
  const char* id() const override { return "invalid-type"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A task field has the wrong type (in #MISE headers some are only ignored)"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(InvalidType);
}  // namespace mise_audit
