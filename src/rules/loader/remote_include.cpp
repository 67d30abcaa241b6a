// remote-include: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class RemoteInclude final : public LoaderRule {
 public:
  const char* id() const override { return "remote-include"; }
  Severity default_severity() const override { return Severity::Note; }
  const char* summary() const override { return "A remote include (git::, http) is not fetched, so its tasks are not checked"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(RemoteInclude);
}  // namespace mise_audit
