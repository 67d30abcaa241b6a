// toml-syntax: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class TomlSyntax final : public LoaderRule {
 public:
  const char* id() const override { return "toml-syntax"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A config or task file is not valid TOML; mise refuses it"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(TomlSyntax);
}  // namespace mise_audit
