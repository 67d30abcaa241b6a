// publish-skips-preflight: a publisher that can run alone without the release's preflight phase
// (checks, tests, a clean tree), so `mise run <publisher>` ships whatever the tree holds. The
// checklist's "standalone invocation of any task is safe".
#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "release/release_queries.h"
#include "release/role_book.h"

namespace mise_audit {
namespace {

// 0: not a preflight; 1: a preflight by its checks or part of its name (`release:linux-preflight`,
// a build's own preflight); 2: named exactly as one (`release:preflight`, `pre-release`).
int preflight_rank(const ReleaseModel& m, const RoleBook& book, TaskId t) {
  std::string name = ascii_lower(m.graph().task(t).display_name);
  std::string last = name.substr(name.rfind(':') == std::string::npos ? 0 : name.rfind(':') + 1);
  int rank = (m.roles(t) & kRolePreflight) ? 1 : 0;
  for (const std::string& glob : book.preflight_task_names) {
    if (!glob_match_simple(glob, name)) continue;
    std::string bare = glob;
    std::erase(bare, '*');
    rank = std::max(rank, last == bare ? 2 : 1);
  }
  return rank;
}

// A build's own check (`release:linux` depends on `release:linux-preflight`): what it checks is
// that build's tools, not the release.
bool build_prerequisite(const ReleaseModel& m, TaskId t) {
  for (const Edge& e : m.graph().in_edges(t))
    if (e.kind == EdgeKind::Depends && e.from != t && (m.roles(e.from) & kRoleProduces) && !(m.roles(e.from) & kRolePublish))
      return true;
  return false;
}

class PublishSkipsPreflight final : public Rule {
 public:
  const char* id() const override { return "publish-skips-preflight"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    std::vector<std::pair<TaskId, int>> preflights;  // with their rank
    for (TaskId t = 0; t < g.size(); ++t)
      if (int rank = preflight_rank(m, ctx.roles, t);
          rank && !m.facts(t).dry_run && !(m.roles(t) & kRolePublish) && !build_prerequisite(m, t))
        preflights.emplace_back(t, rank);
    if (preflights.empty()) return;
    for (TaskId p = 0; p < g.size(); ++p) {
      const CommandFact* pub = publish_command(m, p);
      if (!pub || m.blocked_by_cycle(p)) continue;
      // A publisher whose build is missing too: publish-without-build names the bigger gap.
      if (const CommandFact* a = artifact_publisher(m, p); a && !supplied_before(m, p, *a) && !producers_of(m, *a, p).empty())
        continue;
      const Task& task = g.task(p);
      TaskSet before = m.before_or_during(p);
      // Guarded already when a preflight of the top rank runs before it.
      int guarded = 0;
      for (auto [q, rank] : preflights)
        if (before.contains(q)) guarded = std::max(guarded, rank);
      std::optional<TaskId> skipped;
      int skipped_rank = 0;
      for (auto [q, rank] : preflights) {
        const Task& pre = g.task(q);
        // The same project, and a preflight of this publisher's group ("release:preflight" for
        // "release:pypi") or of the whole project ("preflight").
        if (q == p || rank <= guarded || pre.config_root != task.config_root || before.contains(q)) continue;
        std::string group = name_group(pre.display_name);
        if (!group.empty() && group != name_group(task.display_name)) continue;
        if (m.before_or_during(q).contains(p)) continue;  // the preflight runs the publisher
        // The release's own preflight before a build's; then the outermost (it runs the others).
        if (!skipped || rank > skipped_rank || (rank == skipped_rank && m.before_or_during(q).contains(*skipped)))
          skipped = q, skipped_rank = rank;
      }
      if (!skipped) continue;
      const Task& pre = g.task(*skipped);
      Diagnostic& d = ctx.report(
          pub->span,
          fmt::format("{} publishes ({}) but {} does not run before it: `mise run {}` alone skips the release's preflight",
                      task_label(g, p), m.describe(*pub, pub->span.file), task_label(g, *skipped), task.display_name),
          fmt::format("add {} to {} so the publish never runs without its checks",
                      depends_text(task, dependency_spec(m, *skipped, p)), task_label(g, p)));
      d.task = task.display_name;
      // A role read off a script's name, or a preflight known only by its name, is a guess.
      d.confidence = pub->from_name || !(m.roles(*skipped) & kRolePreflight) ? Confidence::Low : Confidence::Medium;
      d.suggested_edges.push_back({task.display_name, pre.display_name});
      // A choice (which checks must precede a publish) a reviewer makes.
      d.fix = add_depends_fix(ctx.project, task, {dependency_spec(m, *skipped, p)}, FixSafety::Unsafe);
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(PublishSkipsPreflight);
}  // namespace mise_audit
