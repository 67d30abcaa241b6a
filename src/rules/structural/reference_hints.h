// Hints for references that name no task: "did you mean …?" over every name, alias and display
// name, and where a missing task probably lives (a parent config, a remote or templated include).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mise_audit/task_graph.h"

namespace mise_audit {

class ReferenceHints {
 public:
  explicit ReferenceHints(const TaskGraph& graph);
  // The help line for an unresolved reference, "" when there is nothing useful to say.
  std::string help_for(const UnresolvedRef& ref) const;
  // "did you mean \"x\"?" or "".
  std::string did_you_mean(std::string_view name) const;
  // The name did_you_mean proposes, or "".
  std::string closest_name(std::string_view name) const;

 private:
  std::vector<std::string> candidates_;  // sorted, unique
  std::string elsewhere_;  // where unknown names may come from, or ""
};

// Short wording of an unresolved reference's problem: "names no task", "matches no task", …
std::string unresolved_problem(const UnresolvedRef& ref);

}  // namespace mise_audit
