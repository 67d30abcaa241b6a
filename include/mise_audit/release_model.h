// Roles and artifact flow inferred from what tasks do (issue: release audit). Built once per run
// from the task graph; rules only read it.
#pragma once

#include "mise_audit/task_graph.h"

namespace mise_audit {

class ReleaseModel {
 public:
  explicit ReleaseModel(const TaskGraph& graph) : graph_(&graph) {}
  const TaskGraph& graph() const { return *graph_; }

 private:
  const TaskGraph* graph_;
};

}  // namespace mise_audit
