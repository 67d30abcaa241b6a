// Hints are applied to the model before they are printed (CONTRIBUTING, "Hints that are right"):
// every `depends` edge a finding suggests is added to a copy of the task graph, all at once, and
// the rules run again on it. A hint whose edge would close a dependency cycle loses its edge and
// its fix and says why; a hint after which the rules report something new says what, and its
// fix becomes unsafe when the new finding is an error (a reviewer must handle both).
#pragma once

#include <functional>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/release_model.h"
#include "mise_audit/task_graph.h"

namespace mise_audit {

// Runs the rules over a graph with the suggested edges added (the engine's own rule pass).
using Relint = std::function<std::vector<Diagnostic>(const TaskGraph& graph, const ReleaseModel& release)>;

void check_hints(const TaskGraph& graph, const RoleBook& roles, std::vector<Diagnostic>& findings, const Relint& relint);

}  // namespace mise_audit
