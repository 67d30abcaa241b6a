#include "release/run_order.h"

#include <algorithm>
#include <deque>

namespace mise_audit {

RunOrder::RunOrder(const ReleaseModel& model, TaskId root, unsigned jobs) : model_(model), jobs_(jobs) {
  of_task_.resize(model.graph().size());
  if (model.blocked_by_cycle(root)) {
    complete_ = false;
    return;
  }
  invocation({root}, 0, kNoCaller, 0);
  close();
}

std::uint32_t RunOrder::node() {
  succ_.emplace_back();
  return static_cast<std::uint32_t>(succ_.size() - 1);
}

void RunOrder::edge(std::uint32_t from, std::uint32_t to) { succ_[from].push_back(to); }

std::pair<std::uint32_t, std::uint32_t> RunOrder::invocation(const std::vector<TaskId>& roots, int depth,
                                                              std::uint32_t caller, std::uint32_t call_order) {
  std::uint32_t begin = node(), end = node();
  std::uint32_t id = invocations_++;
  edge(begin, end);
  // A task that runs itself through nested `mise run`s never ends: not modelled.
  if (depth > 4 || instances_.size() > kMaxInstances) {
    complete_ = false;
    return {begin, end};
  }
  const TaskGraph& g = model_.graph();
  // What this `mise run` schedules: the roots, their depends and depends_post, transitively.
  std::vector<TaskId> closure;
  std::vector<std::uint32_t> local(g.size(), UINT32_MAX);  // task -> instance index in this run
  std::deque<TaskId> queue(roots.begin(), roots.end());
  while (!queue.empty()) {
    TaskId t = queue.front();
    queue.pop_front();
    if (local[t] != UINT32_MAX) continue;
    local[t] = 0;
    closure.push_back(t);
    for (const Edge& e : g.out_edges(t))
      if ((e.kind == EdgeKind::Depends || e.kind == EdgeKind::DependsPost) && e.to != t) queue.push_back(e.to);
  }
  // Too large a run to model (its reach sets grow with the square of its size): not modelled.
  if (instances_.size() + closure.size() > kMaxInstances) {
    complete_ = false;
    return {begin, end};
  }
  for (TaskId t : closure) {
    std::uint32_t index = static_cast<std::uint32_t>(instances_.size());
    local[t] = index;
    Instance in;
    in.task = t;
    in.caller = caller;
    in.call_order = call_order;
    in.invocation = id;
    in.start = node();
    in.end = node();
    instances_.push_back(in);
    of_task_[t].push_back(index);
    edge(begin, in.start);
    edge(in.end, end);
    // Its steps, in order: each call is a nested run of its targets' closure.
    std::vector<const TaskCall*> calls;
    for (const TaskCall& c : model_.facts(t).calls) calls.push_back(&c);
    std::sort(calls.begin(), calls.end(), [](const TaskCall* a, const TaskCall* b) { return a->order < b->order; });
    std::uint32_t previous = in.start;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> nodes;
    std::vector<std::uint32_t> orders;
    for (const TaskCall* c : calls) {
      auto [b, f] = invocation(c->targets, depth + 1, index, c->order);
      edge(previous, b);
      previous = f;
      nodes.push_back({b, f});
      orders.push_back(c->order);
    }
    edge(previous, in.end);
    instances_[index].call_nodes = std::move(nodes);
    instances_[index].call_orders = std::move(orders);
  }
  for (TaskId t : closure) {
    const Instance& in = instances_[local[t]];
    for (const Edge& e : g.out_edges(t)) {
      if (e.to == t || local[e.to] == UINT32_MAX) continue;
      const Instance& other = instances_[local[e.to]];
      switch (e.kind) {
        case EdgeKind::Depends: edge(other.end, in.start); break;      // depends end first
        case EdgeKind::DependsPost: edge(in.end, other.start); break;  // runs after t ends
        case EdgeKind::WaitFor: edge(other.end, in.start); break;      // only when scheduled here
        default: break;
      }
    }
  }
  return {begin, end};
}

void RunOrder::close() {
  std::size_t n = succ_.size();
  std::vector<std::uint32_t> indegree(n, 0), order;
  for (const auto& s : succ_)
    for (std::uint32_t to : s) ++indegree[to];
  for (std::uint32_t v = 0; v < n; ++v)
    if (!indegree[v]) order.push_back(v);
  for (std::size_t i = 0; i < order.size(); ++i)
    for (std::uint32_t to : succ_[order[i]])
      if (--indegree[to] == 0) order.push_back(to);
  if (order.size() != n) {  // a wait_for against a depends: mise refuses such a run
    complete_ = false;
    return;
  }
  std::size_t words = (n + 63) / 64;
  reach_.assign(n, std::vector<std::uint64_t>(words, 0));
  for (std::size_t i = n; i-- > 0;) {
    std::uint32_t v = order[i];
    for (std::uint32_t to : succ_[v]) {
      reach_[v][to / 64] |= std::uint64_t{1} << (to % 64);
      for (std::size_t w = 0; w < words; ++w) reach_[v][w] |= reach_[to][w];
    }
  }
}

bool RunOrder::reaches(std::uint32_t from, std::uint32_t to) const {
  return (reach_[from][to / 64] >> (to % 64)) & 1u;
}

std::size_t RunOrder::instances(TaskId t) const { return t < of_task_.size() ? of_task_[t].size() : 0; }

RunOrder::Relation RunOrder::relation(TaskId a, TaskId b) const {
  if (!complete_) return Relation::Unknown;
  if (!instances(a) || !instances(b)) return Relation::Absent;
  bool before = false, after = false, unordered = false, nested = false;
  for (std::uint32_t i : of_task_[a])
    for (std::uint32_t j : of_task_[b]) {
      const Instance &x = instances_[i], &y = instances_[j];
      if (reaches(x.end, y.start)) before = true;
      else if (reaches(y.end, x.start)) after = true;
      else if ((reaches(x.start, y.start) && reaches(y.end, x.end)) || (reaches(y.start, x.start) && reaches(x.end, y.end)))
        nested = true;
      else unordered = true;
    }
  if (unordered) return jobs_ > 1 ? Relation::Concurrent : Relation::Serial;
  if (nested) return Relation::Nested;
  if (before && after) return Relation::Mixed;
  return before ? Relation::Before : Relation::After;
}

bool RunOrder::can_happen_before(TaskId a, TaskId b) const {
  Relation r = relation(a, b);
  return r == Relation::Before || r == Relation::Concurrent || r == Relation::Serial || r == Relation::Mixed ||
         r == Relation::Nested || r == Relation::Unknown;
}

std::uint32_t RunOrder::before_step(const Instance& i, std::uint32_t order) const {
  std::uint32_t at = i.start;
  for (std::size_t k = 0; k < i.call_orders.size(); ++k)
    if (i.call_orders[k] < order) at = i.call_nodes[k].second;
    else if (i.call_orders[k] == order) at = i.call_nodes[k].first;
  return at;
}

std::uint32_t RunOrder::after_step(const Instance& i, std::uint32_t order) const {
  for (std::size_t k = 0; k < i.call_orders.size(); ++k) {
    if (i.call_orders[k] > order) return i.call_nodes[k].first;
    if (i.call_orders[k] == order) return i.call_nodes[k].second;
  }
  return i.end;
}

RunOrder::PointOrder RunOrder::order_of(Point a, Point b) const {
  if (a.instance == b.instance)
    return a.order < b.order ? PointOrder::Before : b.order < a.order ? PointOrder::After : PointOrder::Unordered;
  const Instance &x = instances_[a.instance], &y = instances_[b.instance];
  if (reaches(after_step(x, a.order), before_step(y, b.order))) return PointOrder::Before;
  if (reaches(after_step(y, b.order), before_step(x, a.order))) return PointOrder::After;
  return PointOrder::Unordered;
}

bool RunOrder::ends_before_step(TaskId a, TaskId t, std::uint32_t order) const {
  if (!complete_ || !instances(a) || !instances(t)) return false;
  for (std::uint32_t i : of_task_[a])
    for (std::uint32_t j : of_task_[t])
      if (i == j || !reaches(instances_[i].end, before_step(instances_[j], order))) return false;
  return true;
}

bool RunOrder::starts_after_step(TaskId a, TaskId t, std::uint32_t order) const {
  if (!complete_ || !instances(a) || !instances(t)) return false;
  for (std::uint32_t i : of_task_[a])
    for (std::uint32_t j : of_task_[t])
      if (i == j || !reaches(after_step(instances_[j], order), instances_[i].start)) return false;
  return true;
}

}  // namespace mise_audit
