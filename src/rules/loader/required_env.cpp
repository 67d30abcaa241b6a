// required-env: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class RequiredEnv final : public LoaderRule {
 public:
  const char* id() const override { return "required-env"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "An env var marked required = true is not set; mise loads no tasks"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(RequiredEnv);
}  // namespace mise_audit
