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

class Rule;
struct RoleBook;

// What a rule sees, and the one way it reports. Rules never touch the disk (they ask `disk`) or
// process-wide state: everything they need comes in here.
struct RuleContext {
  const Project& project;
  const TaskGraph& graph;
  const ReleaseModel& release;  // valid for every rule
  const RoleBook& roles;        // the release vocabulary of this run (built-in + .mise-audit.toml)
  std::vector<Diagnostic>& out;
  // Disk answers (exists, folder, executable): rules never touch the disk themselves; this is
  // the door the project was loaded through (tests: a MemoryFileSystem).
  const FileSystem& disk;
  const Rule* rule = nullptr;   // the rule being run; the engine sets it

  // Adds a finding of the running rule, stamped with its id and the severity of its doc. The
  // returned finding is the rule's to complete (its task, suggested edges, a lower confidence).
  Diagnostic& report(SourceSpan span, std::string message, std::string help = {});
};

// A rule's id is its code; its severity and summary are its doc's (rules/<id>.md), read from the
// docs compiled into the binary, so the two can never disagree.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const char* id() const = 0;  // kebab-case, stable
  virtual void check(RuleContext& ctx) const = 0;

  Severity default_severity() const;   // `- severity:` of the doc
  std::string_view summary() const;    // `- summary:` of the doc
};

// Rules whose findings come from the loader (toml-syntax, unknown-field, invalid-type,
// missing-include, …) are registered too, with an empty check(), so they have docs, ids and
// severities like every other rule.
class LoaderRule : public Rule {
 public:
  void check(RuleContext&) const override {}
};

std::vector<const Rule*>& rule_registry();
// The rule with this id; nullptr for an unknown id.
const Rule* find_rule(std::string_view id);

struct RuleRegistrar {
  explicit RuleRegistrar(const Rule* r) { rule_registry().push_back(r); }
};

#define MISE_AUDIT_REGISTER_RULE(Class) \
  static const Class g_rule_instance_##Class; \
  static const ::mise_audit::RuleRegistrar g_rule_registrar_##Class(&g_rule_instance_##Class)

}  // namespace mise_audit
