// unknown-field: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class UnknownField final : public LoaderRule {
 public:
  const char* id() const override { return "unknown-field"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A task has a key mise does not know; mise refuses the whole file"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UnknownField);
}  // namespace mise_audit
