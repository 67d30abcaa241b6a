// unlinked-phase: a phase with no `depends` reads a file that a sibling phase writes, so invoking
// it alone works on missing or stale artifacts ("standalone invocation of any task is safe").
// Judged by files (exact paths and globs that match), never by a shared folder alone nor by
// scratch places, and only inside a release (a publisher runs with one of the two tasks).
#include <fmt/format.h>

#include <unordered_map>

#include "fix/dependency_edits.h"
#include "release/release_queries.h"

namespace mise_audit {
namespace {

class UnlinkedPhase final : public Rule {
 public:
  const char* id() const override { return "unlinked-phase"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    // Files written by each task (builds and copies), with the command that writes them, by the
    // first folder of the pattern ("" when it starts with a wildcard): a reader only compares
    // with writers under the same first folder, and with those of "".
    struct Write { TaskId task; const CommandFact* fact; const std::string* file; };
    std::unordered_map<std::string, std::vector<Write>> writers;
    auto top = [](const std::string& f) {
      std::size_t cut = f.find_first_of("/*?[{");
      return cut == std::string::npos || f[cut] != '/' ? std::string() : f.substr(0, cut + 1);
    };
    for (TaskId t = 0; t < g.size(); ++t)
      for (const CommandFact& c : m.facts(t).commands)
        if (c.roles & (kRoleProduces | kRoleCopy))
          for (const std::string& f : c.write_files) writers[top(f)].push_back({t, &c, &f});
    if (writers.empty()) return;
    std::unordered_map<TaskId, TaskSet> runs;  // execution closures of writers, on demand
    auto executes = [&](TaskId w, TaskId t) {
      auto it = runs.find(w);
      if (it == runs.end()) it = runs.emplace(w, m.execution_closure(w)).first;
      return it->second.contains(t);
    };
    // Inside a release: a publisher runs in what the task runs, or in what runs it.
    std::unordered_map<TaskId, bool> releases;
    auto in_release = [&](TaskId t) {
      auto it = releases.find(t);
      if (it != releases.end()) return it->second;
      bool r = false;
      for (TaskId u : m.execution_closure(m.executed_by(t).ids()))
        if (m.roles(u) & kRolePublish) { r = true; break; }
      return releases.emplace(t, r).first->second;
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
        // An inspection whose failure cannot stop the task (a count, an `if`) only reports.
        if (c.tolerated && !(c.roles & kRoleCopy)) continue;
        for (const std::string& file : c.read_files) {
          if (done) break;
          // Written by the task itself (or what it runs) before reading: fine.
          bool self = false;
          const Write* sibling = nullptr;
          for (const std::string& key : {top(file), std::string()}) {
            auto found = writers.find(key);
            if (found == writers.end()) continue;
            for (const Write& w : found->second) {
              if (!files_match(file, *w.file)) continue;
              if (own.contains(w.task)) { if (w.fact->order < c.order || w.task != t) self = true; continue; }
              if (executes(w.task, t)) continue;  // it runs this task itself afterwards
              if (!sibling && (in_release(t) || in_release(w.task))) sibling = &w;
            }
            if (key.empty()) break;
          }
          if (self || !sibling) continue;
          done = true;
          const std::string& sn = g.task(sibling->task).display_name;
          Diagnostic& d = ctx.report({}, {});
          d.task = task.display_name;
          d.span = c.span;
          d.confidence = Confidence::Medium;  // a producer matched by file globs, not declared
          std::string wrote = (*sibling->file == file ? "" : *sibling->file + ", ") + m.describe(*sibling->fact, c.span.file);
          d.message = fmt::format("{} reads {} ({}), which {} writes ({}), but has no `depends`: run alone it sees "
                                  "missing or stale artifacts",
                                  task_label(g, t), file, m.describe(c, c.span.file), task_label(g, sibling->task), wrote);
          std::string spec = dependency_spec(m, sibling->task, t);
          d.help = fmt::format("add {} to `{}`", depends_text(task, spec), task.display_name);
          d.suggested_edges.push_back({task.display_name, sn});
          d.fix = add_depends_fix(ctx.project, task, {spec}, FixSafety::Safe);
        }
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UnlinkedPhase);
}  // namespace mise_audit
