// orchestrator-incomplete: the top-level release task (the one nothing else runs) does not reach
// every phase, publish included, so "the release" silently stops before publishing.
#include <fmt/format.h>

#include "release/release_queries.h"

namespace mise_audit {
namespace {

bool is_top_level(const TaskGraph& g, TaskId t) {
  for (const Edge& e : g.in_edges(t))
    if (e.from != t && e.kind != EdgeKind::WaitFor) return false;
  return true;
}

bool publishes(const ReleaseModel& m, TaskId t) {
  if (m.facts(t).dry_run) return false;
  for (const CommandFact& c : m.facts(t).commands)
    if (c.roles & kRolePublish) return true;
  return false;
}

class OrchestratorIncomplete final : public Rule {
 public:
  const char* id() const override { return "orchestrator-incomplete"; }
  Severity default_severity() const override { return Severity::Error; }
  const char* summary() const override { return "The top-level release task does not reach every phase, publish included"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    std::vector<TaskId> tops;
    for (TaskId o = 0; o < g.size(); ++o)
      if (m.facts(o).orchestrator && !m.facts(o).dry_run && is_top_level(g, o) &&
          (m.closure_roles(o) & (kRolePublish | kRoleVersion)) && (m.closure_roles(o) & (kRoleProduces | kRoleVersion)))
        tops.push_back(o);
    for (TaskId o : tops) {
      std::vector<bool> e = m.execution_closure(o);
      bool has_version = m.closure_roles(o) & kRoleVersion;
      std::vector<std::string> produced;
      for (TaskId t = 0; t < e.size(); ++t)
        if (e[t])
          for (const CommandFact& c : m.facts(t).commands)
            if (brings_artifacts(c)) produced.insert(produced.end(), c.produces.begin(), c.produces.end());
      // Publishers it does reach: another publisher of the same kind is a second entry point.
      std::vector<const CommandFact*> reached;
      for (TaskId t = 0; t < e.size(); ++t)
        if (e[t] && publishes(m, t))
          for (const CommandFact& f : m.facts(t).commands)
            if (f.roles & kRolePublish) reached.push_back(&f);
      std::vector<TaskId> missing;
      for (TaskId p = 0; p < g.size(); ++p) {
        if (e[p] || !publishes(m, p)) continue;
        bool mentioned = false;
        for (const ProseRef& r : m.facts(o).prose) mentioned = mentioned || r.target == p;
        if (mentioned && m.facts(o).prints_only) continue;  // orchestrator-pass-through
        const CommandFact* c = nullptr;
        for (const CommandFact& f : m.facts(p).commands)
          if (f.roles & kRolePublish) { c = &f; break; }
        std::vector<bool> pre = m.before_or_during(p);
        bool shares = false;
        for (TaskId t = 0; t < e.size(); ++t)
          if (t != p && e[t] && pre[t] && (m.roles(t) & ~kRoleInspect)) shares = true;
        bool related = shares || (!c->consumes.empty() && kinds_match(c->consumes, produced)) ||
                       (has_version && c->self_building);
        if (!related) continue;
        bool duplicate = false;
        for (const CommandFact* r : reached)
          duplicate = duplicate || (!c->target.empty() && c->target == r->target) ||
                      (!c->consumes.empty() && !r->consumes.empty() && kinds_match(c->consumes, r->consumes) &&
                       !(c->consumes.size() == 1 && c->consumes[0] == "file"));
        if (duplicate) continue;
        bool elsewhere = false;  // another top-level orchestrator is the one that publishes
        for (TaskId o2 : tops)
          if (o2 != o && m.execution_closure(o2)[p]) elsewhere = true;
        if (!elsewhere) missing.push_back(p);
      }
      if (missing.empty()) continue;
      const Task& task = g.task(o);
      std::string names;
      for (TaskId p : missing) names += (names.empty() ? "" : ", ") + task_label(g, p);
      Diagnostic d;
      d.rule = id();
      d.severity = default_severity();
      d.task = task.display_name;
      d.span = task.name_span;
      d.message = fmt::format("{} is the top-level release task (nothing else runs it) but never reaches the publish step {}; "
                              "`mise run {}` is not the whole release",
                              task_label(g, o), names, task.display_name);
      std::string deps;
      for (TaskId p : missing) {
        deps += (deps.empty() ? "\"" : ", \"") + g.task(p).display_name + "\"";
        d.suggested_edges.push_back({task.display_name, g.task(p).display_name});
      }
      d.help = fmt::format("add {} to the `depends` of `{}`", deps, task.display_name);
      ctx.report(std::move(d));
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(OrchestratorIncomplete);
}  // namespace mise_audit
