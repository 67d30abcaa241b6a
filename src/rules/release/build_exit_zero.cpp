// build-exit-zero: a build that a publisher depends on can `exit 0` before it builds ("this
// version is already on PyPI, nothing to do"). The build task then succeeds without building, and
// the publisher that depends on it uploads whatever the artifact folder holds, or fails late.
#include <fmt/format.h>

#include "release/release_queries.h"

namespace mise_audit {
namespace {

bool after(const SourceSpan& a, const SourceSpan& b) {  // a written after b, in one file
  return a.file == b.file && (a.begin.line > b.begin.line || (a.begin.line == b.begin.line && a.begin.column > b.begin.column));
}

// The first `exit 0` (or a bare `exit`) of a task's own commands.
const ShellStep* first_exit_zero(const TaskFacts& f) {
  for (const ShellStep& s : f.steps)
    if (!s.words.empty() && s.words[0] == "exit" && (s.words.size() == 1 || s.words[1] == "0")) return &s;
  return nullptr;
}

// Does the task build after `from`, through its own command or a step that runs a builder?
bool builds_after(const ReleaseModel& m, TaskId t, const SourceSpan& from) {
  const TaskFacts& f = m.facts(t);
  for (const CommandFact& c : f.commands)
    if ((c.roles & kRoleProduces) && !c.from_name && after(c.span, from)) return true;
  for (const TaskCall& call : f.calls)
    if (after(call.span, from))
      for (TaskId u : call.targets)
        if (closure_has(m, u, kRoleProduces)) return true;
  return false;
}

class BuildExitZero final : public Rule {
 public:
  const char* id() const override { return "build-exit-zero"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    for (TaskId b = 0; b < g.size(); ++b) {
      if (m.blocked_by_cycle(b)) continue;
      const ShellStep* exit = first_exit_zero(m.facts(b));
      if (!exit || !builds_after(m, b, exit->span)) continue;
      // A publisher that depends on the build and does not make the same check itself.
      std::optional<TaskId> publisher;
      for (TaskId p = 0; p < g.size() && !publisher; ++p) {
        if (p == b || m.blocked_by_cycle(p)) continue;
        const CommandFact* c = artifact_publisher(m, p);
        if (!c || !m.prerequisites(p).contains(b)) continue;
        const ShellStep* own = first_exit_zero(m.facts(p));
        if (own && after(c->span, own->span)) continue;  // it skips its publish the same way
        publisher = p;
      }
      if (!publisher) continue;
      const CommandFact& upload = *artifact_publisher(m, *publisher);
      std::string where = upload.reads.empty() ? std::string("its artifact folder") : upload.reads.front();
      Diagnostic& d = ctx.report(
          exit->span,
          fmt::format("{} can `exit 0` here, before it builds: the build then succeeds without building, and {}, "
                      "which depends on it, still publishes ({}) whatever {} holds",
                      task_label(g, b), task_label(g, *publisher), m.describe(upload, exit->span.file), where),
          fmt::format("exit non-zero when there is nothing to build (the release stops there), or move the check "
                      "into a guard task that {} depends on too, so the publish is skipped with the build",
                      task_label(g, *publisher)));
      d.task = g.task(b).display_name;
      d.confidence = Confidence::Medium;  // the condition may make the publish a no-op as well
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(BuildExitZero);
}  // namespace mise_audit
