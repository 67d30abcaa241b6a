// no-execution: a task with nothing to run here: no `run` (on this platform), no `file`, no
// depends and no depends_post. mise refuses to run it.
#include <fmt/format.h>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

class NoExecution final : public Rule {
 public:
  const char* id() const override { return "no-execution"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      if (!t.run.empty() || t.file || !t.depends.empty() || !t.depends_post.empty()) continue;
      std::string help = !t.run_windows.empty()
          ? "it has only `run_windows`, which runs only on Windows; add `run` for other systems"
          : !t.wait_for.empty()
          ? "`wait_for` orders tasks but schedules nothing; use `depends` or add `run`"
          : "add `run` or `file`, or `depends` to make it a group of tasks; a task defined again in a nearer config "
            "replaces the parent's completely";
      ctx.report(t.name_span, fmt::format("task \"{}\" has nothing to run", t.name), help).task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(NoExecution);
}  // namespace mise_audit
