// non-executable-task-file: reported by the loader (src/loader/task_lookalike.cpp); registered here
// for its id, severity and doc.
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class NonExecutableTaskFile final : public LoaderRule {
 public:
  const char* id() const override { return "non-executable-task-file"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override {
    return "A file in a task folder looks like a task but is not executable; mise skips it silently";
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(NonExecutableTaskFile);
}  // namespace mise_audit
