// `mise-audit graph`: the task graph as a picture (Graphviz DOT or Mermaid). Edge kinds are styled
// differently (depends solid, wait_for dashed, calls dotted) and the edges a fix would add are
// drawn red and dashed.
#pragma once

#include <string>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/release_model.h"
#include "mise_audit/task_graph.h"

namespace mise_audit {

struct PictureNode {
  std::string name;
  std::vector<std::string> roles;  // build, publish, version, guard, orchestrator …
  bool hidden = false;
  bool has_finding = false;
};

struct PictureEdge {
  std::size_t from = 0, to = 0;  // indexes into nodes
  EdgeKind kind = EdgeKind::Depends;
  bool suggested = false;        // missing edge a finding proposes
};

struct GraphPicture {
  std::vector<PictureNode> nodes;
  std::vector<PictureEdge> edges;
};

// Nodes are every task (or, with `focus`, the tasks `focus` executes and the tasks that execute
// it), labelled with their release roles; suggested edges come from the findings. `focus` must
// name a task (checked by the caller).
GraphPicture build_picture(const ReleaseModel& release, const std::vector<Diagnostic>& findings,
                           const std::string& focus);

std::string render_dot(const GraphPicture& picture);
std::string render_mermaid(const GraphPicture& picture);

}  // namespace mise_audit
