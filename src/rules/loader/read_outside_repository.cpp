// read-outside-repository: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class ReadOutsideRepository final : public LoaderRule {
 public:
  const char* id() const override { return "read-outside-repository"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "A config, include, task file or symlink leads outside the repository"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(ReadOutsideRepository);
}  // namespace mise_audit
