#include "core/hint_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

namespace mise_audit {
namespace {

// What identifies a finding across the two passes (its message may change with the edges).
using FindingKey = std::tuple<std::string, std::string, FileId, std::uint32_t, std::uint32_t>;
FindingKey key_of(const Diagnostic& d) { return {d.rule, d.task, d.span.file, d.span.begin.line, d.span.begin.column}; }

using EdgeSet = std::set<std::pair<TaskId, TaskId>>;

// Does `from` reach `to` over `depends` edges of `graph` plus `added`, minus `removed`? Returns
// the path.
std::vector<TaskId> depends_path(const TaskGraph& graph, const std::multimap<TaskId, TaskId>& added, const EdgeSet& removed,
                                 TaskId from, TaskId to) {
  std::vector<TaskId> parent(graph.size(), static_cast<TaskId>(-1));
  std::vector<TaskId> queue{from};
  parent[from] = from;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    TaskId t = queue[i];
    if (t == to) {
      std::vector<TaskId> path{to};
      while (path.back() != from) path.push_back(parent[path.back()]);
      std::reverse(path.begin(), path.end());
      return path;
    }
    auto visit = [&](TaskId n) {
      if (parent[n] == static_cast<TaskId>(-1)) { parent[n] = t; queue.push_back(n); }
    };
    for (const Edge& e : graph.out_edges(t))
      if (e.kind == EdgeKind::Depends && !removed.count({t, e.to})) visit(e.to);
    for (auto [it, end] = added.equal_range(t); it != end; ++it) visit(it->second);
  }
  return {};
}

}  // namespace

// The rule whose finding an added `depends` entry can cause by itself (its golden
// tests/golden/orchestrator-incomplete/fires-no-fix-when-it-would-race shows it).
constexpr std::string_view kRaceRule = "parallel-depends-race";

void check_hints(const TaskGraph& graph, const RoleBook& roles, std::vector<Diagnostic>& findings, const Relint& relint) {
  // Edges in finding order (findings come sorted by position): the first hint wins a conflict.
  std::multimap<TaskId, TaskId> added_by_task;
  std::vector<Edge> added;
  EdgeSet removed;
  std::vector<std::vector<std::pair<TaskId, TaskId>>> edges_of(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Diagnostic& d = findings[i];
    if (d.suggested_edges.empty()) continue;
    std::vector<std::pair<TaskId, TaskId>> mine;
    EdgeSet my_removals = removed;
    for (const SuggestedEdge& s : d.removed_edges)
      if (std::optional<TaskId> from = graph.find(s.from), to = graph.find(s.to); from && to) my_removals.insert({*from, *to});
    std::string cycle;
    for (const SuggestedEdge& s : d.suggested_edges) {
      std::optional<TaskId> from = graph.find(s.from), to = graph.find(s.to);
      if (!from || !to) continue;
      // A task whose name a `depends` entry cannot spell (`a:b/c` reads as a relative path, which
      // mise rejects) gets the hint, not an edit.
      if (std::vector<TaskId> named = graph.resolve(s.to, *from);
          d.fix && std::find(named.begin(), named.end(), *to) == named.end())
        d.fix.reset();
      std::vector<TaskId> path = depends_path(graph, added_by_task, my_removals, *to, *from);
      if (!path.empty()) {
        std::string chain;
        bool through_hint = false;  // the path needs an edge another hint adds
        for (std::size_t k = 0; k < path.size(); ++k) {
          chain += (chain.empty() ? "`" : " → `") + graph.task(path[k]).display_name + "`";
          if (k + 1 == path.size()) break;
          bool real = false;
          for (const Edge& e : graph.out_edges(path[k])) real = real || (e.kind == EdgeKind::Depends && e.to == path[k + 1]);
          through_hint = through_hint || !real;
        }
        cycle = fmt::format("`{}` {} `{}` ({}), so that `depends` would close a dependency cycle, which mise refuses",
                            s.to, through_hint ? "would, through another hint, depend on" : "already depends on", s.from, chain);
        if (through_hint) cycle += "; choose one of the two hints";
        break;
      }
      mine.emplace_back(*from, *to);
    }
    if (!cycle.empty()) {
      // Following it would make mise refuse the project: no edge, no fix, and the reason.
      d.suggested_edges.clear();
      d.fix.reset();
      d.help = d.help.empty() ? "not by a `depends`: " + cycle : d.help + " — not as it stands: " + cycle;
      continue;
    }
    removed = std::move(my_removals);
    for (auto [from, to] : mine) {
      added_by_task.emplace(from, to);
      added.push_back(Edge{from, to, EdgeKind::Depends, {}, 0});
    }
    edges_of[i] = std::move(mine);
  }
  if (added.empty()) return;
  TaskGraph after(graph, added, std::vector<std::pair<TaskId, TaskId>>(removed.begin(), removed.end()));
  ReleaseModel release_after(after, roles);
  std::vector<Diagnostic> again = relint(after, release_after);
  std::set<FindingKey> before;
  for (const Diagnostic& d : findings) before.insert(key_of(d));
  std::map<TaskId, TaskSet> runs_of_to;  // what an edge's target runs, once per target
  for (const Diagnostic& n : again) {
    if (before.count(key_of(n))) continue;
    // A new finding belongs to the hints whose edge touches what it is about: its task runs the
    // edge's dependent, is one of its ends, or is run by the edge's target (a build the publisher
    // now runs through the aggregate it depends on).
    std::optional<TaskId> subject = after.find(n.task);
    std::optional<TaskSet> runs;
    if (subject) runs = release_after.execution_closure(*subject);
    std::vector<std::size_t> touching;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      bool touches = false;
      for (auto [from, to] : edges_of[i]) {
        touches = touches || !subject || *subject == to || runs->contains(from);
        if (touches) break;
        auto it = runs_of_to.find(to);
        if (it == runs_of_to.end()) it = runs_of_to.emplace(to, release_after.execution_closure(to)).first;
        touches = it->second.contains(*subject);
      }
      if (touches) touching.push_back(i);
    }
    for (std::size_t i : touching) {
      // The edges are added together: when several hints touch the finding, it may take them all.
      std::string others;
      for (std::size_t j : touching)
        if (j != i) others += (others.empty() ? "`" : "`, `") + findings[j].rule + "` on `" + findings[j].task;
      Diagnostic& d = findings[i];
      std::string when = others.empty() ? "then" : "with the hints of " + others + "` followed too,";
      d.help += fmt::format("; {} `{}` reports{}: {}", when, n.rule, n.task.empty() ? "" : " on `" + n.task + "`", n.message);
      d.revealed.emplace_back(n.rule, n.task);
      // A race in the very `depends` the hint edits (a publisher added beside the phases it
      // needs, which then run in parallel with it), and no other hint's, is the edit's own
      // doing: no fix, only the help.
      bool caused = false;
      if (touching.size() == 1)
        for (auto [from, to] : edges_of[i]) caused = caused || (subject && *subject == from && n.rule == kRaceRule);
      if (caused && d.fix) {
        d.fix.reset();
        d.help += " (so it is not offered as a fix)";
        continue;
      }
      // A new error means the edit breaks something: a reviewer applies it. A new warning is
      // usually a defect the missing edge hid, and the fix stays as safe as it was.
      if (d.fix && n.severity == Severity::Error) d.fix->safety = FixSafety::Unsafe;
    }
  }
}

}  // namespace mise_audit
