// version-after-build: a build can run before the version bump in the same release (the bump
// depends on the build, an earlier step builds, a nested `mise run` bumps again), so the artifacts
// carry the old version. Judged over the execution order of each run that holds both
// (release/run_order.h, CONTRIBUTING §3.6): the build's command must come after a bump's
// command in every run, and no bump may follow it.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "fix/dependency_edits.h"
#include "release/release_queries.h"
#include "release/run_order.h"

namespace mise_audit {
namespace {

bool bumps(const CommandFact& c) { return c.roles & kRoleVersion; }
bool builds(const CommandFact& c) { return (c.roles & kRoleProduces) && !(c.roles & kRoleVersion) && !c.declared; }

class VersionAfterBuild final : public Rule {
 public:
  const char* id() const override { return "version-after-build"; }

  // Runs examined at most, in instances: the hostile cases stay linear.
  static constexpr std::size_t kInstanceBudget = 50000;

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    std::vector<TaskId> versions, producers;
    std::vector<bool> is_version(g.size(), false), is_producer(g.size(), false);
    for (TaskId t = 0; t < g.size(); ++t) {
      if (m.facts(t).dry_run) continue;
      const auto& cs = m.facts(t).commands;
      if (std::any_of(cs.begin(), cs.end(), bumps)) { versions.push_back(t); is_version[t] = true; }
      if (std::any_of(cs.begin(), cs.end(), builds)) { producers.push_back(t); is_producer[t] = true; }
    }
    if (versions.empty() || producers.empty()) return;
    // The runs to read: every task whose run holds a bump and a build; first those that nothing
    // else runs (their runs hold the others'), so the budget goes to the widest runs.
    std::vector<TaskId> roots;
    {
      TaskSet bumping = m.executed_by(versions), building = m.executed_by(producers);
      for (TaskId t : bumping)
        if (building.contains(t) && !m.facts(t).dry_run && !m.blocked_by_cycle(t)) roots.push_back(t);
      auto run_by_another = [&](TaskId t) {
        for (const Edge& e : g.in_edges(t))
          if (e.from != t && e.kind != EdgeKind::WaitFor) return true;
        return false;
      };
      std::sort(roots.begin(), roots.end());
      std::stable_partition(roots.begin(), roots.end(), [&](TaskId t) { return !run_by_another(t); });
    }
    std::vector<bool> reported(g.size(), false), after_a_bump(g.size(), false);
    std::vector<Unordered> unordered;
    std::vector<SourceSpan> said;  // one finding per place the order is decided
    std::size_t spent = 0;
    for (TaskId r : roots) {
      if (spent > kInstanceBudget) break;
      RunOrder order(m, r, ctx.project.jobs);
      spent += order.all_instances().size();
      if (!order.complete()) continue;
      std::vector<RunOrder::Point> bump_points, build_points;
      for (std::uint32_t i = 0; i < order.all_instances().size(); ++i) {
        TaskId t = order.all_instances()[i].task;
        if (is_version[t]) bump_points.push_back({i, first_bump(m, t)->order});
        if (is_producer[t]) build_points.push_back({i, first_build(m, t)->order});
      }
      for (const RunOrder::Point& b : build_points) {
        TaskId bt = order.all_instances()[b.instance].task;
        bool before = false;
        std::vector<RunOrder::Point> later, loose;
        for (const RunOrder::Point& v : bump_points) {
          if (v.instance == b.instance && v.order == b.order) continue;
          switch (order.order_of(v, b)) {
            case RunOrder::PointOrder::Before: before = true; break;
            case RunOrder::PointOrder::After: later.push_back(v); break;
            case RunOrder::PointOrder::Unordered: loose.push_back(v); break;
          }
        }
        if (before) after_a_bump[bt] = true;
        if (reported[bt]) continue;
        // A bump after the build: any, when no bump preceded it; else only a re-run of the bump
        // the build itself depended on (a nested `mise run` that runs it again).
        std::optional<RunOrder::Point> v;
        for (const RunOrder::Point& l : later) {
          TaskId lt = order.all_instances()[l.instance].task;
          if (before && (lt == bt || !m.before_or_during(bt).contains(lt))) continue;
          // The earliest such bump.
          if (!v || order.order_of(l, *v) == RunOrder::PointOrder::Before) v = l;
        }
        if (v) {
          if (report_ordered(ctx, order, b, *v, before, is_producer, said)) reported[bt] = true;
          continue;
        }
        if (!before && !loose.empty()) {
          Unordered u{bt, {}};
          for (const RunOrder::Point& l : loose) u.bumps.push_back(order.all_instances()[l.instance].task);
          unordered.push_back(std::move(u));
        }
      }
    }
    // A build and a bump of the same release that nothing orders, when the build follows a
    // bump in no run at all.
    for (const Unordered& u : unordered) {
      TaskId p = u.build;
      if (reported[p] || after_a_bump[p]) continue;
      // A guard that HEAD is tagged (Pattern 2) stands for the bump.
      bool guarded = false;
      for (TaskId t : m.prerequisites(p)) guarded = guarded || m.facts(t).guards_tag;
      if (guarded) continue;
      // Name the bump whose name is closest.
      std::vector<TaskId> by_name;
      for (TaskId v : u.bumps)
        if (v != p && std::find(by_name.begin(), by_name.end(), v) == by_name.end()) by_name.push_back(v);
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
      reported[p] = true;
      const CommandFact* build = first_build(m, p);
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
  struct Unordered {
    TaskId build;
    std::vector<TaskId> bumps;  // that no order puts before or after it
  };

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
  static const TaskCall* call_at(const ReleaseModel& m, TaskId t, std::uint32_t order) {
    for (const TaskCall& c : m.facts(t).calls)
      if (c.order == order) return &c;
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

  // A point's way up to the top run: the point itself, then the step of each caller that started
  // the nested run it is in.
  struct Hop {
    std::uint32_t invocation, instance, order;
  };
  static std::vector<Hop> lineage(const RunOrder& o, RunOrder::Point p) {
    std::vector<Hop> out;
    std::uint32_t i = p.instance, order = p.order;
    for (;;) {
      const RunOrder::Instance& in = o.all_instances()[i];
      out.push_back({in.invocation, i, order});
      if (in.caller == RunOrder::kNoCaller) return out;
      order = in.call_order;
      i = in.caller;
    }
  }

  // Reports build `b` followed by bump `v` where the order between them is decided: the task run
  // (instance) or the `depends` that holds both. False when that place was reported already.
  bool report_ordered(RuleContext& ctx, const RunOrder& o, RunOrder::Point b, RunOrder::Point v, bool rerun,
                      const std::vector<bool>& is_producer, std::vector<SourceSpan>& said) const {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    TaskId bt = o.all_instances()[b.instance].task, vt = o.all_instances()[v.instance].task;
    const CommandFact* build = first_build(m, bt);
    const CommandFact* bump = first_bump(m, vt);
    // The innermost run that holds both, and the instance of each side in it.
    std::vector<Hop> up_b = lineage(o, b), up_v = lineage(o, v);
    std::size_t kb = 0, kv = 0;
    auto in_v = [&](std::size_t k) {
      for (kv = 0; kv < up_v.size(); ++kv)
        if (up_v[kv].invocation == up_b[k].invocation) return true;
      return false;
    };
    while (kb < up_b.size() && !in_v(kb)) ++kb;
    if (kb == up_b.size()) return false;
    const Hop &hb = up_b[kb], &hv = up_v[kv];
    TaskId tb = o.all_instances()[hb.instance].task, tv = o.all_instances()[hv.instance].task;
    bool direct_b = kb == 0, direct_v = kv == 0;
    auto once = [&](const SourceSpan& span) {
      for (const SourceSpan& s : said)
        if (s.file == span.file && s.begin == span.begin) return false;
      said.push_back(span);
      return true;
    };
    const std::string& pn = g.task(tb).display_name;
    if (direct_v && (hb.instance != hv.instance || direct_b)) {
      if (!once(build->span)) return false;
      FileId file = build->span.file;
      Diagnostic& d = finding(ctx, bt, build->span);
      if (hb.instance == hv.instance) {
        // One script that builds and then bumps.
        d.message = fmt::format("{} builds ({}) before it bumps the version ({}), so the artifacts carry the old version",
                                task_label(g, bt), m.describe(*build, file), m.describe(*bump, file));
        d.help = "bump the version first, then build";
        return true;
      }
      const std::string& tn = g.task(vt).display_name;
      if (!m.prerequisites(vt).contains(tb)) {
        // Ordered another way: a task of this run names the bump in its `depends_post`.
        const Edge* post = nullptr;
        for (const Edge& e : g.in_edges(vt))
          if (e.kind == EdgeKind::DependsPost && o.instances(e.from) && (!post || e.from == tb)) post = &e;
        std::string owner = post ? g.task(post->from).display_name : std::string();
        d.message = fmt::format("the version bump {} ({}) runs after {}, which builds ({}){}: the artifacts carry the old version",
                                task_label(g, vt), m.describe(*bump, file), task_label(g, tb), m.describe(*build, file),
                                post ? fmt::format(", because `{}` names it in `depends_post` at line {}", owner, post->span.begin.line)
                                     : std::string());
        d.help = post ? fmt::format("make `{}` depend on `{}` and remove `{}` from the `depends_post` of `{}`", pn, tn, tn, owner)
                      : fmt::format("make `{}` depend on `{}`", pn, tn);
        d.suggested_edges.push_back({pn, tn});
        return true;
      }
      // The bump task depends on the build: the order is decided by its `depends`.
      d.message = fmt::format("the version bump {} ({}) depends on {}, which builds ({}): the artifacts carry the old version",
                              task_label(g, vt), m.describe(*bump, file), task_label(g, tb), m.describe(*build, file));
      if (bump->roles & kRolePublish) {
        d.help = release_it_help(*bump, pn, tn, true);
      } else {
        d.help = fmt::format("make `{}` depend on `{}` and remove `{}` from the depends of `{}`", pn, tn, pn, tn);
        d.suggested_edges.push_back({pn, tn});
        d.removed_edges.push_back({tn, pn});
      }
      return true;
    }
    if (direct_v) {
      // The task bumps after an earlier step of its own ran the build: the script line decides.
      const TaskCall* early = call_at(m, tv, hb.order);
      if (!early || !once(early->span)) return false;
      FileId file = early->span.file;
      Diagnostic& d = finding(ctx, tv, early->span);
      d.message = fmt::format("{} runs {} ({}), which builds ({}), before it bumps the version ({}): the artifacts carry "
                              "the old version",
                              task_label(g, tv), task_label(g, bt), m.describe(*early, file), m.describe(*build, file),
                              m.describe(*bump, file));
      d.help = fmt::format("move `{}` after the version bump in `{}`", early->text, g.task(tv).display_name);
      return true;
    }
    // A later step runs a bump (a nested `mise run` runs its whole closure at that point).
    const TaskCall* late = call_at(m, tv, hv.order);
    if (!late || !once(late->span)) return false;
    FileId file = late->span.file;
    std::string where;
    if (hb.instance != hv.instance) where = "its `depends`";
    else if (!direct_b)
      if (const TaskCall* early = call_at(m, tb, hb.order)) where = m.describe(*early, file);
    if (where.empty()) where = m.describe(*build, file);
    Diagnostic& d = finding(ctx, tv, late->span);
    d.message = fmt::format("{} runs {}, which {} the version bump {} ({}), after {} built ({}, run by {}): the artifacts "
                            "carry the old version",
                            task_label(g, tv), m.describe(*late, file), rerun ? "runs again" : "runs", task_label(g, vt),
                            m.describe(*bump, file), task_label(g, bt), m.describe(*build, file), where);
    TaskSet again = m.execution_closure(late->targets);
    bool rebuilds = std::any_of(again.begin(), again.end(), [&](TaskId u) { return is_producer[u]; });
    const std::string& tn = g.task(tv).display_name;
    if (rebuilds)
      d.help = fmt::format("`{}` bumps the version and builds again: drop the earlier build ({}) from `{}`", late->text, where, tn);
    else
      d.help = fmt::format("bump the version before the build in `{}`: run `{}` before {}", tn, g.task(vt).display_name, where);
    return true;
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(VersionAfterBuild);
}  // namespace mise_audit
