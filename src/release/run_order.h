// Execution order as mise performs one `mise run ROOT` (CONTRIBUTING §3.6): every task instance
// it runs and a happens-before relation between them. A task starts when its `depends` have
// ended (tasks with no order between them run in parallel when `jobs` > 1), and runs its steps
// in order; a step `mise run X` / `{ task = "X" }` runs X's whole closure again at that point, as
// a new set of instances; a `depends_post` task starts when the task that names it has ended; a
// `wait_for` target orders only when it is scheduled in the same run. Proven against the live
// mise by tests/unit/run_order_differential_test.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "mise_audit/release_model.h"

namespace mise_audit {

class RunOrder {
 public:
  // `jobs`: mise's `jobs` setting (MISE_JOBS, -j); 1 runs one task at a time.
  RunOrder(const ReleaseModel& model, TaskId root, unsigned jobs);

  // False when the run cannot be modelled: a dependency cycle, a task that runs itself through
  // `mise run`, or more than kMaxInstances instances. Then every answer is Unknown.
  bool complete() const { return complete_; }
  static constexpr std::size_t kMaxInstances = 2000;

  enum class Relation : std::uint8_t {
    Absent,      // one of them does not run
    Before,      // every run of A ends before any run of B starts
    After,       // the reverse
    Concurrent,  // some run of A and some run of B may overlap (jobs > 1)
    Serial,      // never overlap, but no order between them (jobs = 1)
    Mixed,       // A runs both before and after B (a nested `mise run` re-runs one of them)
    Nested,      // one runs inside the other: a step `mise run` of one runs the other
    Unknown,     // not complete()
  };
  Relation relation(TaskId a, TaskId b) const;
  // Can some run of A start before some run of B has ended (Concurrent, Serial, Mixed, Before)?
  bool can_happen_before(TaskId a, TaskId b) const;
  // Every run of `a` ends before the step at `order` (a CommandFact / TaskCall order) of every
  // run of `t` starts.
  bool ends_before_step(TaskId a, TaskId t, std::uint32_t order) const;
  // Every run of `a` starts after the step at `order` of every run of `t` has ended.
  bool starts_after_step(TaskId a, TaskId t, std::uint32_t order) const;

  std::size_t instances(TaskId t) const;  // how many times `t` runs

  // One run of a task, in the order mise creates them. `caller` is the instance whose step
  // (`mise run X`, `{ task = "X" }`, at TaskCall::order `call_order`) started the nested run
  // this one belongs to (kNoCaller for the top run); `invocation` numbers those runs.
  static constexpr std::uint32_t kNoCaller = UINT32_MAX;
  struct Instance {
    TaskId task = 0;
    std::uint32_t caller = kNoCaller, call_order = 0, invocation = 0;
    std::uint32_t start = 0, end = 0;
    // Per step with a call: the nodes where it begins and ends, keyed by TaskCall::order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> call_nodes;
    std::vector<std::uint32_t> call_orders;
  };
  const std::vector<Instance>& all_instances() const { return instances_; }
  const std::vector<std::uint32_t>& instances_of(TaskId t) const { return of_task_[t]; }

  // A point of a run: the command or step at `order` (CommandFact / TaskCall order) of instance
  // `instance`. Before: every part of `a` ends before `b` starts.
  struct Point {
    std::uint32_t instance = 0, order = 0;
  };
  enum class PointOrder : std::uint8_t { Before, After, Unordered };
  PointOrder order_of(Point a, Point b) const;

 private:
  std::uint32_t node();
  void edge(std::uint32_t from, std::uint32_t to);
  // Adds the instances of one `mise run` of `roots`; returns its begin and end nodes.
  std::pair<std::uint32_t, std::uint32_t> invocation(const std::vector<TaskId>& roots, int depth, std::uint32_t caller,
                                                      std::uint32_t call_order);
  bool reaches(std::uint32_t from, std::uint32_t to) const;
  // The nodes just before and just after the step at `order` of instance `i`.
  std::uint32_t before_step(const Instance& i, std::uint32_t order) const;
  std::uint32_t after_step(const Instance& i, std::uint32_t order) const;
  void close();

  const ReleaseModel& model_;
  unsigned jobs_;
  bool complete_ = true;
  std::uint32_t invocations_ = 0;
  std::vector<std::vector<std::uint32_t>> succ_;
  std::vector<Instance> instances_;
  std::vector<std::vector<std::uint32_t>> of_task_;  // instance indexes per task
  std::vector<std::vector<std::uint64_t>> reach_;     // per node, the nodes it happens before
};

}  // namespace mise_audit
