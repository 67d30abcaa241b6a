// orchestrator-incomplete: the top-level release task (the one nothing else runs) does not reach
// every phase, publish included, so "the release" silently stops before publishing.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/disk.h"
#include "fix/dependency_edits.h"
#include "release/release_queries.h"
#include "release/role_book.h"

namespace mise_audit {
namespace {

bool is_top_level(const TaskGraph& g, TaskId t) {
  for (const Edge& e : g.in_edges(t))
    if (e.from != t && e.kind != EdgeKind::WaitFor) return false;
  return true;
}

bool publishes(const ReleaseModel& m, TaskId t) { return publish_command(m, t) != nullptr; }

// Named as the whole release (`release:full`), though it runs a tool itself (`semantic-release`).
bool named_release_entry(const RoleBook& book, const Task& t) {
  std::string name = ascii_lower(t.display_name);
  for (const std::string& glob : book.release_entry_names)
    if (glob_match_simple(glob, name)) return true;
  return false;
}

class OrchestratorIncomplete final : public Rule {
 public:
  const char* id() const override { return "orchestrator-incomplete"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    std::vector<TaskId> tops;
    std::vector<TaskSet> runs;  // execution closure of each top
    for (TaskId o = 0; o < g.size(); ++o) {
      if (!(m.facts(o).orchestrator || named_release_entry(ctx.roles, g.task(o))) || m.facts(o).dry_run || !is_top_level(g, o))
        continue;
      TaskSet e = m.execution_closure(o);
      RoleSet r = 0;
      for (TaskId t : e) r |= m.roles(t);
      if ((r & (kRolePublish | kRoleVersion)) && (r & (kRoleProduces | kRoleVersion))) tops.push_back(o), runs.push_back(std::move(e));
    }
    if (tops.empty()) return;
    // Publishers with their first publish command, and the tops that run each of them.
    struct Publisher { TaskId task; const CommandFact* fact; };
    // By target ("" = unknown), so a release that reaches PyPI skips every other PyPI publisher
    // at once instead of one by one (thousands of packages in a monorepo).
    std::map<std::string, std::vector<Publisher>> by_target;
    for (TaskId p = 0; p < g.size(); ++p)
      if (publishes(m, p))
        for (const CommandFact& f : m.facts(p).commands)
          if (f.roles & kRolePublish) { by_target[f.target].push_back({p, &f}); break; }
    std::unordered_map<TaskId, std::vector<std::size_t>> run_by;  // publisher -> indexes into tops
    for (std::size_t i = 0; i < tops.size(); ++i)
      for (TaskId t : runs[i])
        if (publishes(m, t)) run_by[t].push_back(i);
    std::unordered_map<TaskId, TaskSet> before;  // before_or_during of publishers, on demand
    for (std::size_t i = 0; i < tops.size(); ++i) {
      TaskId o = tops[i];
      const TaskSet& e = runs[i];
      const Task& task_of_top = g.task(o);
      bool has_version = false;
      std::vector<std::string> produced;
      // Publishers it does reach: another publisher of the same kind is a second entry point.
      std::vector<const CommandFact*> reached;
      std::unordered_set<std::string> reached_targets;
      for (TaskId t : e) {
        has_version = has_version || (m.roles(t) & kRoleVersion);
        for (const CommandFact& c : m.facts(t).commands)
          if (brings_artifacts(c)) produced.insert(produced.end(), c.produces.begin(), c.produces.end());
        if (publishes(m, t))
          for (const CommandFact& f : m.facts(t).commands)
            if (f.roles & kRolePublish) {
              reached.push_back(&f);
              if (!f.target.empty()) reached_targets.insert(f.target);
            }
      }
      std::vector<TaskId> missing;
      for (const auto& [target, publishers] : by_target) {
        // A publisher to a target this release already reaches is a second entry point.
        if (!target.empty() && reached_targets.count(target)) continue;
        for (const Publisher& pub : publishers) {
          TaskId p = pub.task;
          const CommandFact* c = pub.fact;
          if (e.contains(p)) continue;
          // A parent folder's publisher (its config is read from here, CONTRIBUTING §4.2) is the
          // parent project's release, not a phase this one forgot.
          const std::string& own_root = g.task(o).config_root;
          const std::string& pub_root = g.task(p).config_root;
          if (pub_root != own_root && path_within(own_root, pub_root)) continue;
          bool mentioned = false;
          for (const ProseRef& r : m.facts(o).prose) mentioned = mentioned || r.target == p;
          if (mentioned && m.facts(o).prints_only) continue;  // orchestrator-pass-through
          bool duplicate = false;
          for (const CommandFact* r : reached)
            duplicate = duplicate || (!c->consumes.empty() && !r->consumes.empty() && kinds_match(c->consumes, r->consumes) &&
                                      !(c->consumes.size() == 1 && c->consumes[0] == "file"));
          if (duplicate) continue;
          // Related: it uploads what the release builds, builds at the version the release bumps,
          // or belongs to the release's group of tasks (`release:pypi` beside `release:full`).
          std::string group = name_group(task_of_top.display_name);
          // A self-building publish releases the version the bump wrote (`cargo publish`); a
          // deploy (`wrangler deploy` of a site) does not, whatever the version says.
          bool versioned = c->self_building && std::find(ctx.roles.deploy_targets.begin(), ctx.roles.deploy_targets.end(),
                                                         c->target) == ctx.roles.deploy_targets.end();
          bool related = (!c->consumes.empty() && kinds_match(c->consumes, produced)) || (has_version && versioned) ||
                         (has_version && !group.empty() && name_group(g.task(p).display_name) == group);
          if (!related) {
            auto it = before.find(p);
            if (it == before.end()) it = before.emplace(p, m.before_or_during(p)).first;
            for (TaskId t : it->second)
              if (t != p && e.contains(t) && (m.roles(t) & ~kRoleInspect)) { related = true; break; }
          }
          if (!related) continue;
          bool elsewhere = false;  // another top-level orchestrator is the one that publishes
          if (auto it = run_by.find(p); it != run_by.end())
            for (std::size_t j : it->second) elsewhere = elsewhere || j != i;
          if (!elsewhere) missing.push_back(p);
        }
      }
      if (missing.empty()) continue;
      std::sort(missing.begin(), missing.end());
      const Task& task = g.task(o);
      std::string names;
      for (TaskId p : missing) names += (names.empty() ? "" : ", ") + task_label(g, p);
      Diagnostic& d = ctx.report({}, {});
      d.task = task.display_name;
      d.span = task.name_span;
      d.confidence = Confidence::Medium;  // "top-level release" is judged from names and roles
      d.message = fmt::format("{} is the top-level release task (nothing else runs it) but never reaches the publish step {}; "
                              "`mise run {}` is not the whole release",
                              task_label(g, o), names, task.display_name);
      std::string deps, steps;
      std::vector<std::string> targets, target_names;
      for (TaskId p : missing) {
        std::string spec = dependency_spec(m, p, o);
        deps += (deps.empty() ? "\"" : ", \"") + spec + "\"";
        steps += fmt::format(", {{ task = \"{}\" }}", spec);
        targets.push_back(spec);
        target_names.push_back(g.task(p).display_name);
      }
      const TaskFacts& of = m.facts(o);
      if (of.orchestrator && !of.calls.empty()) {
        // It runs its phases as steps (`mise run build`): a `depends` would publish before them.
        // Each missing publisher is a step after them, or, when its own closure already runs
        // every step (publish depends on build), the one step in their place.
        std::vector<TaskId> step_targets;
        for (const TaskCall& c : of.calls) step_targets.insert(step_targets.end(), c.targets.begin(), c.targets.end());
        TaskSet covers = m.execution_closure(missing);
        bool replaces = std::all_of(step_targets.begin(), step_targets.end(), [&](TaskId t) { return covers.contains(t); });
        const TaskCall& last = of.calls.back();
        std::string runs, names;
        for (std::size_t k = 0; k < targets.size(); ++k) {
          runs += (k ? ", `mise run " : "`mise run ") + targets[k] + "`";
          names += (k ? ", `" : "`") + target_names[k] + "`";
        }
        std::string prose;
        for (const ProseRef& r : of.prose)
          if (std::find(missing.begin(), missing.end(), r.target) != missing.end() && r.span.has_position()) {
            prose = fmt::format(", the command that the text at line {} only prints", r.span.begin.line);
            break;
          }
        d.help = replaces ? fmt::format("{} already runs what `{}` runs as steps: replace them with {}{}", names,
                                        task.display_name, runs, prose)
                          : fmt::format("add {} after {}{} (a `depends` would publish before the steps run)", runs,
                                        m.describe(last, task_file(task)), prose);
      } else if (of.orchestrator) {
        for (const std::string& t : target_names) d.suggested_edges.push_back({task.display_name, t});
        d.fix = add_depends_fix(ctx.project, task, targets, FixSafety::Safe);
        d.help = fmt::format("add {} to the `depends` of `{}`", deps, task.display_name);
      } else {
        // It runs the release's own step (a version bump, a tag): a `depends` would publish
        // before that step, so the publish goes after it, as a run step.
        std::string own = "\"<its command>\"";
        if (task.run.size() == 1 && task.run[0].kind == RunEntry::Kind::Script && task.run[0].script.find('\n') == std::string::npos &&
            task.run[0].script.find('"') == std::string::npos)
          own = "\"" + task.run[0].script + "\"";
        d.help = fmt::format("run {} after `{}`'s own step: `run = [{}{}]` (a `depends` would publish before it)", deps,
                             task.display_name, own, steps);
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(OrchestratorIncomplete);
}  // namespace mise_audit
