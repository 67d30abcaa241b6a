#include "mise_audit/rule.h"

#include "core/rule_docs.h"

namespace mise_audit {

std::vector<const Rule*>& rule_registry() {
  static std::vector<const Rule*> rules;
  return rules;
}

const Rule* find_rule(std::string_view id) {
  for (const Rule* r : rule_registry())
    if (id == r->id()) return r;
  return nullptr;
}

// docs_test checks that every registered rule has a doc; without one a rule is an error.
Severity Rule::default_severity() const {
  const RuleDoc* doc = find_rule_doc(id());
  return doc ? doc->severity : Severity::Error;
}

std::string_view Rule::summary() const {
  const RuleDoc* doc = find_rule_doc(id());
  return doc ? std::string_view(doc->summary) : std::string_view();
}

Diagnostic& RuleContext::report(SourceSpan span, std::string message, std::string help) {
  Diagnostic& d = out.emplace_back();
  d.rule = rule->id();
  d.severity = rule->default_severity();
  d.message = std::move(message);
  d.span = std::move(span);
  d.help = std::move(help);
  return d;
}

}  // namespace mise_audit
