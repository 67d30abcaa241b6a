// alias-conflict: an alias that another task also uses, or that is another task's name. mise
// resolves it to one of them; the other alias is dead.
#include <fmt/format.h>
#include <unordered_map>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class AliasConflict final : public Rule {
 public:
  const char* id() const override { return "alias-conflict"; }

  void check(RuleContext& ctx) const override {
    const TaskList& tasks = ctx.project.tasks;
    std::unordered_map<std::string_view, TaskId> names, first_alias;
    for (TaskId i = 0; i < tasks.size(); ++i) names.emplace(tasks[i].name, i);
    for (TaskId i = 0; i < tasks.size(); ++i) {  // tasks are sorted by name: the first one keeps it
      for (const LocatedString& a : tasks[i].aliases) {
        if (a.templated) continue;
        if (auto n = names.find(a.value); n != names.end()) {
          std::string other = n->second == i ? "this task's own name" : fmt::format("the name of task \"{}\"", a.value);
          ctx.report(a.span,
                     fmt::format("alias \"{}\" of task \"{}\" is {}; the name wins", a.value, tasks[i].name, other),
                     "remove the alias or rename it").task = tasks[i].name;
          continue;
        }
        auto [it, fresh] = first_alias.emplace(a.value, i);
        // Same-named tasks (`x.sh` and `x.py` beside an inline `x`) share the inline block's alias.
        if (fresh || it->second == i || tasks[it->second].name == tasks[i].name) continue;
        ctx.report(a.span,
                   fmt::format("alias \"{}\" of task \"{}\" is also an alias of task \"{}\", which gets it",
                               a.value, tasks[i].name, tasks[it->second].name),
                   "give each task its own alias").task = tasks[i].name;
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(AliasConflict);
}  // namespace mise_audit
