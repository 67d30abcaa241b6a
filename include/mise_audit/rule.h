// The rule engine's contract. One rule per source file under src/rules/; each registers itself
// with MISE_AUDIT_REGISTER_RULE and has its documentation in rules/<id>.md.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/task_graph.h"

namespace mise_audit {

class ReleaseModel;  // release/release_model.h: roles and artifact flow (built lazily)

struct RuleContext {
  const Project& project;
  const TaskGraph& graph;
  const ReleaseModel& release;  // valid for every rule
  std::vector<Diagnostic>& out;
  // Disk answers (exists, folder, executable): rules never touch the disk themselves; this is
  // the door the project was loaded through (tests: a MemoryFileSystem).
  const FileSystem& disk;

  // Adds a finding for this rule with its default severity.
  void report(Diagnostic d) { out.push_back(std::move(d)); }
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const char* id() const = 0;               // kebab-case, stable
  virtual Severity default_severity() const = 0;
  virtual const char* summary() const = 0;          // one line for `mise-audit rules`
  virtual void check(RuleContext& ctx) const = 0;
};

// Rules whose findings come from the loader (toml-syntax, unknown-field, invalid-type,
// missing-include, …) are registered too, with an empty check(), so they have docs, ids and
// severities like every other rule.
class LoaderRule : public Rule {
 public:
  void check(RuleContext&) const override {}
};

std::vector<const Rule*>& rule_registry();
const Rule* find_rule(std::string_view id);

struct RuleRegistrar {
  explicit RuleRegistrar(const Rule* r) { rule_registry().push_back(r); }
};

#define MISE_AUDIT_REGISTER_RULE(Class) \
  static const Class g_rule_instance_##Class; \
  static const ::mise_audit::RuleRegistrar g_rule_registrar_##Class(&g_rule_instance_##Class)

}  // namespace mise_audit
