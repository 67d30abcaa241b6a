#include "mise_audit/rule.h"

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

}  // namespace mise_audit
