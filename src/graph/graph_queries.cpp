// Queries over the built graph: closures, ordering, cycles. All linear in tasks + edges.
#include <algorithm>
#include <deque>
#include <set>

#include "graph/strongly_connected.h"
#include "mise_audit/task_graph.h"

namespace mise_audit {
namespace {

template <class Follow>
std::vector<bool> closure(const TaskGraph& g, TaskId start, Follow follow) {
  std::vector<bool> seen(g.size(), false);
  std::vector<TaskId> stack{start};
  seen[start] = true;
  while (!stack.empty()) {
    TaskId t = stack.back();
    stack.pop_back();
    for (const Edge& e : g.out_edges(t))
      if (follow(e.kind) && !seen[e.to]) seen[e.to] = true, stack.push_back(e.to);
  }
  return seen;
}

// The runtime graph has two instances of each task (CONTRIBUTING §3.5, §3.6): the normal one and the
// "post" one that depends_post schedules; a post instance's own dependencies are post instances.
// Node 2*t is t, 2*t+1 is "t (post)". An arc u -> v means u waits for v.
struct Arc {
  std::uint32_t to;
  std::uint32_t edge;  // index into the flat edge list
};

struct RuntimeGraph {
  std::vector<std::vector<Arc>> arcs;
  std::vector<Edge> edges;
};

// Post instances exist only for depends_post targets and what those schedule in turn.
std::vector<bool> post_instances(const TaskGraph& g) {
  std::vector<bool> post(g.size(), false);
  std::vector<TaskId> stack;
  for (TaskId t = 0; t < g.size(); ++t)
    for (const Edge& e : g.out_edges(t))
      if (e.kind == EdgeKind::DependsPost && !post[e.to]) post[e.to] = true, stack.push_back(e.to);
  while (!stack.empty()) {
    TaskId t = stack.back();
    stack.pop_back();
    for (const Edge& e : g.out_edges(t))
      if ((e.kind == EdgeKind::Depends || e.kind == EdgeKind::DependsPost) && !post[e.to])
        post[e.to] = true, stack.push_back(e.to);
  }
  return post;
}

RuntimeGraph build_runtime_graph(const TaskGraph& g) {
  RuntimeGraph r;
  r.arcs.resize(2 * g.size());
  std::vector<bool> post = post_instances(g);
  auto exists = [&](TaskId t, std::uint32_t phase) { return phase == 0 || post[t]; };
  for (TaskId t = 0; t < g.size(); ++t) {
    for (const Edge& e : g.out_edges(t)) {
      std::uint32_t idx = static_cast<std::uint32_t>(r.edges.size());
      switch (e.kind) {
        case EdgeKind::Depends:
        case EdgeKind::WaitFor:  // validate schedules every task together, so every wait_for counts
          r.edges.push_back(e);
          for (std::uint32_t phase : {0u, 1u})
            if (exists(e.from, phase) && exists(e.to, phase)) r.arcs[2 * e.from + phase].push_back({2 * e.to + phase, idx});
          break;
        case EdgeKind::DependsPost:
          r.edges.push_back(e);
          for (std::uint32_t phase : {0u, 1u})
            if (exists(e.from, phase)) r.arcs[2 * e.to + 1].push_back({2 * e.from + phase, idx});
          break;
        default:
          break;
      }
    }
  }
  return r;
}

std::vector<std::uint32_t> components(const RuntimeGraph& r, std::uint32_t& count) {
  return strongly_connected_components(
      static_cast<std::uint32_t>(r.arcs.size()),
      [&](std::uint32_t v, std::uint32_t i) { return i < r.arcs[v].size() ? r.arcs[v][i].to : kNoMoreArcs; }, count);
}

}  // namespace

std::vector<bool> TaskGraph::scheduled_closure(TaskId id) const {
  return closure(*this, id, [](EdgeKind k) { return k == EdgeKind::Depends || k == EdgeKind::DependsPost; });
}

std::vector<bool> TaskGraph::execution_closure(TaskId id) const {
  return closure(*this, id, [](EdgeKind k) { return k != EdgeKind::WaitFor; });
}

bool TaskGraph::always_runs_before(TaskId before, TaskId after) const {
  if (before == after) return false;
  return closure(*this, after, [](EdgeKind k) { return k == EdgeKind::Depends; })[before];
}

std::vector<TaskGraph::Cycle> TaskGraph::cycle_details() const {
  RuntimeGraph r = build_runtime_graph(*this);
  std::uint32_t ncomp = 0;
  std::vector<std::uint32_t> comp = components(r, ncomp);
  const std::uint32_t n = static_cast<std::uint32_t>(r.arcs.size());
  // Members of each component; components of one node are never cycles (no self arcs: mise
  // drops self-references).
  std::vector<std::vector<std::uint32_t>> members(ncomp);
  for (std::uint32_t v = 0; v < n; ++v) members[comp[v]].push_back(v);
  std::vector<Cycle> out;
  std::set<std::vector<TaskId>> reported;
  std::vector<std::uint32_t> parent(n, UINT32_MAX), parent_edge(n, 0);
  // Normal-phase cycles first, so a cycle that exists in both phases is reported plainly.
  std::vector<std::uint32_t> order;
  for (std::uint32_t c = 0; c < ncomp; ++c)
    if (members[c].size() > 1) order.push_back(c);
  auto start_of = [&](std::uint32_t c) {
    // Canonical start: smallest task name (ids are sorted by name), normal phase first.
    std::uint32_t best = members[c][0];
    for (std::uint32_t v : members[c])
      if ((v % 2) < (best % 2) || ((v % 2) == (best % 2) && v < best)) best = v;
    return best;
  };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    std::uint32_t sa = start_of(a), sb = start_of(b);
    return std::make_pair(sa % 2, sa) < std::make_pair(sb % 2, sb);
  });
  for (std::uint32_t c : order) {
    std::uint32_t start = start_of(c);
    // Shortest way back to `start` inside the component (breadth first, arcs in written order).
    std::deque<std::uint32_t> queue{start};
    std::vector<std::uint32_t> touched{start};
    parent[start] = start;
    std::uint32_t last = UINT32_MAX, last_edge = 0;
    while (!queue.empty() && last == UINT32_MAX) {
      std::uint32_t v = queue.front();
      queue.pop_front();
      for (const Arc& a : r.arcs[v]) {
        if (comp[a.to] != c) continue;
        if (a.to == start) { last = v, last_edge = a.edge; break; }
        if (parent[a.to] != UINT32_MAX) continue;
        parent[a.to] = v, parent_edge[a.to] = a.edge;
        touched.push_back(a.to);
        queue.push_back(a.to);
      }
    }
    if (last != UINT32_MAX) {
      std::vector<std::uint32_t> nodes;
      std::vector<Edge> edges;
      edges.push_back(r.edges[last_edge]);
      for (std::uint32_t v = last; v != start; v = parent[v]) nodes.push_back(v), edges.push_back(r.edges[parent_edge[v]]);
      nodes.push_back(start);
      std::reverse(nodes.begin(), nodes.end());
      std::reverse(edges.begin(), edges.end());
      Cycle cy;
      bool all_post = true;
      for (std::uint32_t v : nodes) cy.tasks.push_back(v / 2), all_post = all_post && (v % 2 == 1);
      cy.edges = std::move(edges);
      cy.post = all_post;
      if (reported.insert(cy.tasks).second) out.push_back(std::move(cy));
    }
    for (std::uint32_t v : touched) parent[v] = UINT32_MAX;
  }
  return out;
}

std::vector<std::vector<TaskId>> TaskGraph::cycles() const {
  std::vector<std::vector<TaskId>> out;
  for (Cycle& c : cycle_details()) out.push_back(std::move(c.tasks));
  return out;
}

std::vector<TaskId> TaskGraph::topological_order() const {
  // Kahn's algorithm over depends edges; a task is ready when all its dependencies are placed.
  std::vector<std::uint32_t> pending(size(), 0);
  for (TaskId t = 0; t < size(); ++t)
    for (const Edge& e : out_edges(t))
      if (e.kind == EdgeKind::Depends) ++pending[t];
  std::vector<TaskId> order;
  order.reserve(size());
  std::deque<TaskId> ready;
  for (TaskId t = 0; t < size(); ++t)
    if (pending[t] == 0) ready.push_back(t);
  std::vector<bool> placed(size(), false);
  while (!ready.empty()) {
    TaskId t = ready.front();
    ready.pop_front();
    order.push_back(t);
    placed[t] = true;
    for (const Edge& e : in_edges(t))
      if (e.kind == EdgeKind::Depends && --pending[e.from] == 0) ready.push_back(e.from);
  }
  for (TaskId t = 0; t < size(); ++t)
    if (!placed[t]) order.push_back(t);
  return order;
}

}  // namespace mise_audit
