// monorepo-config-root: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class MonorepoConfigRoot final : public LoaderRule {
 public:
  const char* id() const override { return "monorepo-config-root"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override { return "A [monorepo] config_roots entry mise ignores (** globs, absolute paths, ..)"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MonorepoConfigRoot);
}  // namespace mise_audit
