// deprecated-key: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class DeprecatedKey final : public LoaderRule {
 public:
  const char* id() const override { return "deprecated-key"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "A config key mise deprecates (it warns on every command and will remove it)"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(DeprecatedKey);
}  // namespace mise_audit
