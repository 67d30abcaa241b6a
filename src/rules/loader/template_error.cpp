// template-error: reported by the loader (src/loader); registered here for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class TemplateError final : public LoaderRule {
 public:
  const char* id() const override { return "template-error"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A load-time template reads a missing file or runs a program that is not on PATH; mise loads no tasks"; }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(TemplateError);
}  // namespace mise_audit
