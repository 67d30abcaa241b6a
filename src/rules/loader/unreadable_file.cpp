// unreadable-file: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class UnreadableFile final : public LoaderRule {
 public:
  const char* id() const override { return "unreadable-file"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A config or task file cannot be read"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UnreadableFile);
}  // namespace mise_audit
