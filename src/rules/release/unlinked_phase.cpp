// unlinked-phase: a phase with no `depends` reads what a sibling phase writes, so invoking it
// alone works on missing or stale artifacts ("standalone invocation of any task is safe").
#include <fmt/format.h>

#include <unordered_map>

#include "release/release_queries.h"

namespace mise_audit {
namespace {

class UnlinkedPhase final : public Rule {
 public:
  const char* id() const override { return "unlinked-phase"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A phase with no depends consumes what another phase produces"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    // Folders written by each task (builds and copies), with the command that writes them.
    struct Write { TaskId task; const CommandFact* fact; };
    std::unordered_map<std::string, std::vector<Write>> writers;  // by folder, in task order
    for (TaskId t = 0; t < g.size(); ++t)
      for (const CommandFact& c : m.facts(t).commands)
        if ((c.roles & (kRoleProduces | kRoleCopy)) && !c.writes.empty() && c.writes != "./")
          writers[c.writes].push_back({t, &c});
    std::unordered_map<TaskId, TaskSet> runs;  // execution closures of writers, on demand
    auto executes = [&](TaskId w, TaskId t) {
      auto it = runs.find(w);
      if (it == runs.end()) it = runs.emplace(w, m.execution_closure(w)).first;
      return it->second.contains(t);
    };
    for (TaskId t = 0; t < g.size(); ++t) {
      const Task& task = g.task(t);
      const TaskFacts& f = m.facts(t);
      if (!task.depends.empty() || task.hide.value || f.dry_run) continue;
      if (f.roles & (kRoleGuard | kRolePublish)) continue;  // guards check on purpose; publishers: publish-without-build
      TaskSet own = m.before_or_during(t);
      bool done = false;
      for (const CommandFact& c : f.commands) {
        if (done || !(c.roles & (kRoleCopy | kRoleInspect))) continue;
        for (const std::string& folder : c.reads) {
          if (done || folder.empty() || folder == "./") continue;
          // Written by the task itself (or what it runs) before reading: fine.
          bool self = false;
          const Write* sibling = nullptr;
          auto found = writers.find(folder);
          if (found == writers.end()) continue;
          for (const Write& w : found->second) {
            if (own.contains(w.task)) { if (w.fact->order < c.order || w.task != t) self = true; continue; }
            if (executes(w.task, t)) continue;  // it runs this task itself afterwards
            if (!sibling) sibling = &w;
          }
          if (self || !sibling) continue;
          done = true;
          const std::string& sn = g.task(sibling->task).display_name;
          Diagnostic d;
          d.rule = id();
          d.severity = default_severity();
          d.task = task.display_name;
          d.span = c.span;
          d.message = fmt::format("{} reads {} ({}), which {} writes ({}), but has no `depends`: run alone it sees missing or stale artifacts",
                                  task_label(g, t), folder, m.describe(c, c.span.file), task_label(g, sibling->task),
                                  m.describe(*sibling->fact, c.span.file));
          d.help = fmt::format("add `depends = [\"{}\"]` to `{}`", sn, task.display_name);
          d.suggested_edges.push_back({task.display_name, sn});
          ctx.report(std::move(d));
        }
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UnlinkedPhase);
}  // namespace mise_audit
