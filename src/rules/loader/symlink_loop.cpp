// symlink-loop: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class SymlinkLoop final : public LoaderRule {
 public:
  const char* id() const override { return "symlink-loop"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "A task folder is reached again through a symlink"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(SymlinkLoop);
}  // namespace mise_audit
