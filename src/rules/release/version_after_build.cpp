// version-after-build: a build can run before the version bump in the same release (the bump
// depends on the build, an earlier step builds, a nested `mise run` bumps again), so the artifacts
// carry the old version. Judged over each task's run in order (ReleaseModel::stages): depends
// first, then the steps, a `mise run X` step running X's whole closure at that point.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "fix/dependency_edits.h"
#include "release/release_queries.h"

namespace mise_audit {
namespace {

bool bumps(const CommandFact& c) { return c.roles & kRoleVersion; }
bool builds(const CommandFact& c) { return (c.roles & kRoleProduces) && !(c.roles & kRoleVersion) && !c.declared; }

class VersionAfterBuild final : public Rule {
 public:
  const char* id() const override { return "version-after-build"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    std::vector<TaskId> versions, producers;
    for (TaskId t = 0; t < g.size(); ++t) {
      if (m.facts(t).dry_run) continue;
      const auto& cs = m.facts(t).commands;
      if (std::any_of(cs.begin(), cs.end(), bumps)) versions.push_back(t);
      if (std::any_of(cs.begin(), cs.end(), builds)) producers.push_back(t);
    }
    if (versions.empty() || producers.empty()) return;
    std::vector<bool> is_version(g.size(), false), is_producer(g.size(), false);
    for (TaskId v : versions) is_version[v] = true;
    for (TaskId p : producers) is_producer[p] = true;
    // Per task, from one pass over each bump's later closure (never a bump × build loop):
    // does it run after some bump? A bump's point is its command, so what the bump task's later
    // steps run (`cargo set-version`, then `mise run build`) is after it.
    std::vector<bool> after_a_bump(g.size(), false);
    for (TaskId v : versions) {
      after_a_bump[v] = true;
      for (TaskId t : m.runs_after_point(v, first_bump(m, v)->order)) after_a_bump[t] = true;
    }
    std::vector<bool> reported(g.size(), false);
    // 1. Order inside one task's run: depends, then each step. A build that no bump precedes,
    //    followed by a bump in a later stage (the task's own bump, or a nested `mise run` whose
    //    closure bumps), or a nested run that re-runs the bump a finished build depended on.
    for (TaskId t = 0; t < g.size(); ++t) {
      if (m.facts(t).dry_run || (!is_version[t] && m.facts(t).calls.empty())) continue;
      sequence(ctx, t, is_version, is_producer, after_a_bump, reported);
    }
    // 2. A build and a bump of the same release that nothing orders.
    for (TaskId p : producers) {
      if (reported[p] || after_a_bump[p]) continue;
      const CommandFact* build = first_build(m, p);
      // A guard that HEAD is tagged (Pattern 2) stands for the bump.
      bool guarded = false;
      for (TaskId t : m.prerequisites(p)) guarded = guarded || m.facts(t).guards_tag;
      if (guarded) continue;
      // Only within one release: some task runs both, i.e. the bump is in what the tasks that
      // run this build execute. Name the bump whose name is closest.
      TaskSet together = m.execution_closure(m.executed_by(p).ids());
      std::vector<TaskId> by_name;
      for (TaskId v : versions)
        if (together.contains(v) && v != p) by_name.push_back(v);
      auto shared = [&](TaskId v) {
        const std::string &a = g.task(v).name, &b = g.task(p).name;
        std::size_t n = 0;
        while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
        return n;
      };
      std::stable_sort(by_name.begin(), by_name.end(), [&](TaskId x, TaskId y) { return shared(x) > shared(y); });
      if (by_name.empty()) continue;
      TaskId v = by_name.front();
      bool weak = false;  // ordering-not-enforced says it better
      for (const WeakLink& w : weak_links(m, p)) weak = weak || m.execution_closure(w.to).contains(v);
      if (weak) continue;
      const CommandFact* bump = first_bump(m, v);
      const std::string& pn = g.task(p).display_name;
      const std::string& vn = g.task(v).display_name;
      FileId file = build->span.file;
      Diagnostic& d = finding(ctx, p, build->span);
      d.message = fmt::format("{} builds ({}) but does not run after the version bump {} ({}) that the same release runs, "
                              "so its artifacts can carry the old version",
                              task_label(g, p), m.describe(*build, file), task_label(g, v), m.describe(*bump, file));
      if (bump->roles & kRolePublish) {
        d.help = release_it_help(*bump, pn, vn, false);
      } else {
        std::string spec = dependency_spec(m, v, p);
        d.help = fmt::format("make `{}` depend on `{}`", pn, spec);
        d.suggested_edges.push_back({pn, vn});
        d.fix = add_depends_fix(ctx.project, g.task(p), {spec}, FixSafety::Safe);
      }
    }
  }

 private:
  static const CommandFact* first_bump(const ReleaseModel& m, TaskId t) {
    for (const CommandFact& c : m.facts(t).commands)
      if (bumps(c)) return &c;
    return nullptr;
  }
  static const CommandFact* first_build(const ReleaseModel& m, TaskId t) {
    for (const CommandFact& c : m.facts(t).commands)
      if (builds(c)) return &c;
    return nullptr;
  }

  static Diagnostic& finding(RuleContext& ctx, TaskId task, const SourceSpan& span) {
    Diagnostic& d = ctx.report(span, {});
    d.task = ctx.graph.task(task).display_name;
    return d;
  }

  // `release-it` bumps and publishes in one command: an edge to it would build after the publish.
  static std::string release_it_help(const CommandFact& bump, const std::string& pn, const std::string& vn, bool remove) {
    return fmt::format("`{}` bumps and publishes in one command, so no `depends` puts the build between them: "
                       "run the build from a hook after the bump (release-it's `hooks.after:bump`) or bump "
                       "and publish in separate steps{}",
                       bump.command, remove ? fmt::format(", and remove `{}` from the depends of `{}`", pn, vn) : "");
  }

  // A build seen in `t`'s run, and the stage that ran it.
  struct Built {
    TaskId task;
    const CommandFact* build;
    const RunStage* stage;
    bool after_bump;  // a bump ran before it in this run
  };

  void sequence(RuleContext& ctx, TaskId t, const std::vector<bool>& is_version, const std::vector<bool>& is_producer,
                const std::vector<bool>& after_a_bump, std::vector<bool>& reported) const {
    const ReleaseModel& m = ctx.release;
    std::vector<RunStage> stages = m.stages(t);
    std::vector<Built> built;
    bool bumped = false;
    for (const RunStage& s : stages) {
      // The bumps this stage runs.
      std::vector<TaskId> bumps_here;
      if (s.kind == RunStage::Kind::Command) {
        if (bumps(*s.command)) bumps_here.push_back(t);
      } else {
        for (TaskId u : s.tasks)
          if (is_version[u]) bumps_here.push_back(u);
      }
      if (!bumps_here.empty()) {
        for (const Built& b : built) {
          if (reported[b.task]) continue;
          // A build no bump preceded; or one whose own bump this stage runs again.
          std::optional<TaskId> v;
          if (!b.after_bump) v = bumps_here.front();
          else
            for (TaskId u : bumps_here)
              if (!v && u != b.task && m.before_or_during(b.task).contains(u)) v = u;
          if (!v) continue;
          report(ctx, t, b, s, *v);
          reported[b.task] = true;
          return;  // one finding per run: the first wrong order
        }
      }
      // The builds this stage runs.
      if (s.kind == RunStage::Kind::Command) {
        if (builds(*s.command)) built.push_back({t, s.command, &s, bumped});
      } else {
        for (TaskId u : s.tasks) {
          if (!is_producer[u] || m.facts(u).dry_run) continue;
          const CommandFact* b = first_build(m, u);
          const CommandFact* own = is_version[u] ? first_bump(m, u) : nullptr;
          bool after = bumped || (own && own->order < b->order) || (after_a_bump[u] && !bumps_here.empty());
          built.push_back({u, b, &s, after});
        }
      }
      if (!bumps_here.empty()) bumped = true;
    }
  }

  void report(RuleContext& ctx, TaskId t, const Built& b, const RunStage& s, TaskId v) const {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    const CommandFact* bump = first_bump(m, v);
    const std::string& tn = g.task(t).display_name;
    const std::string& pn = g.task(b.task).display_name;
    if (s.kind == RunStage::Kind::Command && b.stage->kind != RunStage::Kind::Call) {
      FileId file = b.build->span.file;
      Diagnostic& d = finding(ctx, b.task, b.build->span);
      if (b.task == t) {
        // One script that builds and then bumps.
        d.message = fmt::format("{} builds ({}) before it bumps the version ({}), so the artifacts carry the old version",
                                task_label(g, t), m.describe(*b.build, file), m.describe(*bump, file));
        d.help = "bump the version first, then build";
      } else {
        // The bump task depends on the build: the order is decided by its `depends`.
        d.message = fmt::format("the version bump {} ({}) depends on {}, which builds ({}): the artifacts carry the old version",
                                task_label(g, t), m.describe(*bump, file), task_label(g, b.task), m.describe(*b.build, file));
        if (bump->roles & kRolePublish) {
          d.help = release_it_help(*bump, pn, tn, true);
        } else {
          d.help = fmt::format("make `{}` depend on `{}` and remove `{}` from the depends of `{}`", pn, tn, pn, tn);
          d.suggested_edges.push_back({pn, tn});
          d.removed_edges.push_back({tn, pn});
        }
      }
      return;
    }
    if (s.kind == RunStage::Kind::Command) {
      // The task bumps after an earlier step of its own ran the build: the script line decides.
      const TaskCall& early = *b.stage->call;
      FileId file = early.span.file;
      Diagnostic& d = finding(ctx, t, early.span);
      d.message = fmt::format("{} runs {} ({}), which builds ({}), before it bumps the version ({}): the artifacts carry "
                              "the old version",
                              task_label(g, t), task_label(g, b.task), m.describe(early, file), m.describe(*b.build, file),
                              m.describe(*bump, file));
      d.help = fmt::format("move `{}` after the version bump in `{}`", early.text, tn);
      return;
    }
    // A later step runs a bump (a nested `mise run` runs its whole closure at that point).
    const TaskCall& late = *s.call;
    FileId file = late.span.file;
    std::string where = b.stage->kind == RunStage::Kind::Depends ? "its `depends`"
                      : b.stage->kind == RunStage::Kind::Call ? m.describe(*b.stage->call, file)
                                                              : m.describe(*b.build, file);
    Diagnostic& d = finding(ctx, t, late.span);
    bool rerun = b.after_bump;
    d.message = fmt::format("{} runs {}, which {} the version bump {} ({}), after {} built ({}, run by {}): the artifacts "
                            "carry the old version",
                            task_label(g, t), m.describe(late, file), rerun ? "runs again" : "runs", task_label(g, v),
                            m.describe(*bump, file), task_label(g, b.task), m.describe(*b.build, file), where);
    bool rebuilds = false;
    for (TaskId u : s.tasks)
      if (const CommandFact* c = first_build(m, u); c && !m.facts(u).dry_run) rebuilds = true;
    if (rebuilds)
      d.help = fmt::format("`{}` bumps the version and builds again: drop the earlier build ({}) from `{}`", late.text, where, tn);
    else
      d.help = fmt::format("bump the version before the build in `{}`: run `{}` before {}", tn, g.task(v).display_name, where);
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(VersionAfterBuild);
}  // namespace mise_audit
