// version-after-build: a build can run before the version bump in the same release (or the bump
// depends on the build), so the artifacts carry the old version.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "release/release_queries.h"

namespace mise_audit {
namespace {

bool bumps(const CommandFact& c) { return c.roles & kRoleVersion; }
bool builds(const CommandFact& c) { return (c.roles & kRoleProduces) && !(c.roles & kRoleVersion) && !c.declared; }

class VersionAfterBuild final : public Rule {
 public:
  const char* id() const override { return "version-after-build"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "A build is not ordered after the version bump, so artifacts carry the old version"; }

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
    // Per task, from one pass over each bump's closures (never a bump × build loop):
    // the first bump that runs it before or during itself, and whether it runs after some bump.
    constexpr TaskId kNone = UINT32_MAX;
    std::vector<TaskId> bump_needing(g.size(), kNone);
    std::vector<bool> after_a_bump(g.size(), false);
    for (TaskId v : versions) {
      after_a_bump[v] = true;
      for (TaskId t : m.before_or_during(v))
        if (t != v && bump_needing[t] == kNone) bump_needing[t] = v;
      for (TaskId t : m.runs_after(v)) after_a_bump[t] = true;
    }
    std::vector<TaskId> reported;
    for (TaskId p : producers) {
      const CommandFact* build = nullptr;
      for (const CommandFact& c : m.facts(p).commands)
        if (builds(c)) { build = &c; break; }
      std::optional<TaskId> culprit;
      if (bump_needing[p] != kNone) culprit = bump_needing[p];  // the bump depends on the build: always wrong
      if (!culprit) {
        if (std::find(versions.begin(), versions.end(), p) != versions.end()) {
          // One script that builds and then bumps.
          const CommandFact* bump = nullptr;
          for (const CommandFact& c : m.facts(p).commands)
            if (bumps(c)) { bump = &c; break; }
          if (build && bump && build->order < bump->order) culprit = p;
        }
      }
      if (!culprit) {
        // Fine when it runs after some bump (each package of a monorepo has its own).
        if (after_a_bump[p]) continue;
        // A guard that HEAD is tagged (Pattern 2) stands for the bump.
        bool guarded = false;
        for (TaskId t : m.prerequisites(p)) guarded = guarded || m.facts(t).guards_tag;
        if (guarded) continue;
        // Only within one release: some task runs both, i.e. the bump is in what the tasks that
        // run this build execute. Name the bump whose name is closest.
        TaskSet together = m.execution_closure(m.executed_by(p).ids());
        std::vector<TaskId> by_name;
        for (TaskId v : versions)
          if (together.contains(v)) by_name.push_back(v);
        auto shared = [&](TaskId v) {
          const std::string &a = g.task(v).name, &b = g.task(p).name;
          std::size_t n = 0;
          while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
          return n;
        };
        std::stable_sort(by_name.begin(), by_name.end(), [&](TaskId x, TaskId y) { return shared(x) > shared(y); });
        if (by_name.empty()) continue;
        culprit = by_name.front();
        bool weak = false;  // ordering-not-enforced says it better
        for (const WeakLink& w : weak_links(m, p)) weak = weak || m.execution_closure(w.to).contains(*culprit);
        if (weak) continue;
      }
      TaskId v = *culprit;
      {
        reported.push_back(p);
        const CommandFact* bump = nullptr;
        for (const CommandFact& c : m.facts(v).commands)
          if (bumps(c)) { bump = &c; break; }
        bool inverted = p != v && m.before_or_during(v).contains(p);
        const std::string& pn = g.task(p).display_name;
        const std::string& vn = g.task(v).display_name;
        Diagnostic d;
        d.rule = id();
        d.severity = default_severity();
        d.task = pn;
        d.span = build->span;
        FileId file = build->span.file;
        if (p == v)
          d.message = fmt::format("{} builds ({}) before it bumps the version ({}), so the artifacts carry the old version",
                                  task_label(g, p), m.describe(*build, file), m.describe(*bump, file));
        else if (inverted)
          d.message = fmt::format("the version bump {} ({}) depends on {}, which builds ({}): the artifacts carry the old version",
                                  task_label(g, v), m.describe(*bump, file), task_label(g, p), m.describe(*build, file));
        else
          d.message = fmt::format("{} builds ({}) but does not run after the version bump {} ({}) that the same release runs, "
                                  "so its artifacts can carry the old version",
                                  task_label(g, p), m.describe(*build, file), task_label(g, v), m.describe(*bump, file));
        if (p == v) {
          d.help = "bump the version first, then build";
        } else if (bump && (bump->roles & kRolePublish)) {
          // `release-it` bumps and publishes in one command: an edge to it would build after the publish.
          d.help = fmt::format("`{}` bumps and publishes in one command, so no `depends` puts the build between them: "
                               "run the build from a hook after the bump (release-it's `hooks.after:bump`) or bump "
                               "and publish in separate steps, and remove `{}` from the depends of `{}`",
                               bump->command, pn, vn);
        } else {
          d.help = fmt::format("make `{}` depend on `{}`{}", pn, vn, inverted ? fmt::format(" and remove `{}` from the depends of `{}`", pn, vn) : "");
          d.suggested_edges.push_back({pn, vn});
        }
        ctx.report(std::move(d));
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(VersionAfterBuild);
}  // namespace mise_audit
