// unused-suppression: its findings come from suppression/suppression.cpp, which needs every other
// rule's findings first; registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class UnusedSuppression final : public LoaderRule {
 public:
  const char* id() const override { return "unused-suppression"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "A `# mise-audit: ignore[…]` comment that suppresses nothing or names no rule"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UnusedSuppression);
}  // namespace mise_audit
