// ignored-field: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class IgnoredField final : public LoaderRule {
 public:
  const char* id() const override { return "ignored-field"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "A #MISE header key that mise ignores with a warning"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(IgnoredField);
}  // namespace mise_audit
