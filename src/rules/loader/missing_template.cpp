// missing-template: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class MissingTemplate final : public LoaderRule {
 public:
  const char* id() const override { return "missing-template"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "`extends` names a task template that does not exist; mise loads no tasks"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingTemplate);
}  // namespace mise_audit
