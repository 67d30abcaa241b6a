// The task graph: tasks as nodes, typed edges resolved exactly as mise resolves references
// (CONTRIBUTING §3.3). Built once per run; every query is linear in tasks + edges.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mise_audit/task_model.h"

namespace mise_audit {

using TaskId = std::uint32_t;

enum class EdgeKind : std::uint8_t {
  Depends,      // depends: scheduled before
  DependsPost,  // depends_post: scheduled after
  WaitFor,      // wait_for: ordering only when both are scheduled
  RunTask,      // run = [{ task = … }] / { tasks = […] }: executed as a step (not in mise's DAG)
  Calls,        // `mise run X` inside a run script or an executed script file
};
const char* edge_kind_name(EdgeKind k);  // "depends", "depends_post", "wait_for", "run", "calls"

struct Edge {
  TaskId from = 0;
  TaskId to = 0;
  EdgeKind kind = EdgeKind::Depends;
  SourceSpan span;        // the reference as written
  std::uint32_t step = 0; // RunTask/Calls: index of the run entry (0-based), for ordering
};

// A reference that names no task.
struct UnresolvedRef {
  enum class Reason : std::uint8_t {
    NotFound,            // task not found
    RelativePathSyntax,  // "pkg/x:build": contains '/' and ':' but no leading //
    ColonOutsideMonorepo,// ":task" outside a monorepo
    MonorepoMissingTask, // "//path" with no ":task"
    UnmatchedPattern,    // a glob that matches nothing
    OtherProject,        // "//path:task" in a monorepo project mise-audit does not load
  };
  TaskId from = 0;
  EdgeKind kind = EdgeKind::Depends;
  std::string pattern;
  SourceSpan span;
  Reason reason = Reason::NotFound;
  bool optional = false;
  bool templated = false;  // contains Tera: cannot be resolved statically
};

class TaskGraph {
 public:
  explicit TaskGraph(const Project& project);
  // `base` with `added` edges too and without the `depends` edges `removed` (from, to): the model
  // as it would be after the hints are followed (the project is shared, not copied).
  TaskGraph(const TaskGraph& base, const std::vector<Edge>& added, const std::vector<std::pair<TaskId, TaskId>>& removed);

  const Project& project() const { return *project_; }
  std::size_t size() const { return project_->tasks.size(); }
  const Task& task(TaskId id) const { return project_->tasks[id]; }

  // Exact name, alias, or display name lookup.
  std::optional<TaskId> find(std::string_view name) const;
  // Full mise resolution of a reference pattern written in task `from` (self removed).
  std::vector<TaskId> resolve(std::string_view pattern, TaskId from) const;
  // The same, saying why nothing matched. `only_self` is set when the pattern matched only
  // `from` itself, which mise drops silently (not an error).
  struct Resolution {
    std::vector<TaskId> tasks;
    UnresolvedRef::Reason reason = UnresolvedRef::Reason::NotFound;  // when tasks is empty
    bool only_self = false;
  };
  Resolution resolve_reference(std::string_view pattern, TaskId from) const;

  const std::vector<Edge>& out_edges(TaskId id) const { return out_[id]; }
  const std::vector<Edge>& in_edges(TaskId id) const { return in_[id]; }
  const std::vector<UnresolvedRef>& unresolved() const { return unresolved_; }

  // Tasks scheduled when `id` is invoked alone: transitive closure over depends and
  // depends_post (and their own depends). wait_for never schedules. Includes `id`.
  std::vector<bool> scheduled_closure(TaskId id) const;
  // Closure that also follows RunTask and Calls edges (everything that executes).
  std::vector<bool> execution_closure(TaskId id) const;
  // True when `before` is guaranteed to finish before `after` starts when `after` runs alone:
  // `before` is in the transitive `depends` closure of `after`.
  bool always_runs_before(TaskId before, TaskId after) const;

  // Cycles on the runtime graph (CONTRIBUTING §3.5), each rotated to start at its smallest task name.
  std::vector<std::vector<TaskId>> cycles() const;
  // The same cycles with the edges that close them: tasks[i] waits for tasks[(i+1) % n]
  // because of edges[i] (as written: for depends_post, edges[i].from is tasks[i+1]).
  // `post` marks a cycle that exists only among depends_post instances ("a (post)").
  struct Cycle {
    std::vector<TaskId> tasks;
    std::vector<Edge> edges;
    bool post = false;
  };
  std::vector<Cycle> cycle_details() const;
  // Topological order over depends edges (dependencies first); tasks on cycles are appended last.
  std::vector<TaskId> topological_order() const;

 private:
  std::vector<TaskId> match_pattern(const std::string& pattern) const;  // exact, stripped, glob
  Resolution resolve_monorepo(std::string_view pattern, TaskId from) const;
  const Project* project_;
  std::vector<std::vector<Edge>> out_;
  std::vector<std::vector<Edge>> in_;
  std::vector<UnresolvedRef> unresolved_;
  struct Index;
  std::shared_ptr<const Index> index_;
};

}  // namespace mise_audit
