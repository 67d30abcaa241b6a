// Placeholder until the graph builder lands: no edges.
#include "mise_audit/task_graph.h"

namespace mise_audit {

struct TaskGraph::Index {};

TaskGraph::TaskGraph(const Project& project) : project_(&project) {
  out_.resize(project.tasks.size());
  in_.resize(project.tasks.size());
}

std::optional<TaskId> TaskGraph::find(std::string_view name) const {
  for (TaskId i = 0; i < project_->tasks.size(); ++i)
    if (project_->tasks[i].name == name) return i;
  return std::nullopt;
}
std::vector<TaskId> TaskGraph::resolve(std::string_view, TaskId) const { return {}; }
std::vector<bool> TaskGraph::scheduled_closure(TaskId id) const { std::vector<bool> v(size()); v[id] = true; return v; }
std::vector<bool> TaskGraph::execution_closure(TaskId id) const { return scheduled_closure(id); }
bool TaskGraph::always_runs_before(TaskId, TaskId) const { return false; }
std::vector<std::vector<TaskId>> TaskGraph::cycles() const { return {}; }
std::vector<TaskId> TaskGraph::topological_order() const { return {}; }
const char* edge_kind_name(EdgeKind) { return "depends"; }
std::vector<ScriptTaskCall> find_mise_run_calls(std::string_view) { return {}; }

}  // namespace mise_audit
