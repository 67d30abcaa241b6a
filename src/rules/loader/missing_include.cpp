// missing-include: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class MissingInclude final : public LoaderRule {
 public:
  const char* id() const override { return "missing-include"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "A task_config.includes entry matches nothing; mise silently loads no tasks from it"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingInclude);
}  // namespace mise_audit
