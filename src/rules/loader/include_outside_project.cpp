// include-outside-project: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class IncludeOutsideProject final : public LoaderRule {
 public:
  const char* id() const override { return "include-outside-project"; }
  Severity default_severity() const override { return Severity::Note; }
  const char* summary() const override { return "An include points outside the project folder"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(IncludeOutsideProject);
}  // namespace mise_audit
