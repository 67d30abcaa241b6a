// unresolved-template: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class UnresolvedTemplate final : public LoaderRule {
 public:
  const char* id() const override { return "unresolved-template"; }
  Severity default_severity() const override { return Severity::Note; }
  const char* summary() const override { return "A templated include is not rendered, so its tasks are not checked"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UnresolvedTemplate);
}  // namespace mise_audit
