#include "graph_render/graph_render.h"
#include "mise_audit/report.h"

#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

namespace mise_audit {

GraphPicture build_picture(const ReleaseModel& release, const std::vector<Diagnostic>& findings,
                           const std::string& focus) {
  const TaskGraph& graph = release.graph();
  std::vector<bool> keep(graph.size(), focus.empty());
  if (!focus.empty()) {
    if (auto id = graph.find(focus)) {
      keep = graph.execution_closure(*id);
      // …and whatever runs `focus`, so the picture shows where it is used.
      std::vector<TaskId> stack{*id};
      std::vector<bool> seen(graph.size(), false);
      seen[*id] = true;
      while (!stack.empty()) {
        TaskId t = stack.back();
        stack.pop_back();
        keep[t] = true;
        for (const Edge& e : graph.in_edges(t))
          if (!seen[e.from]) { seen[e.from] = true; stack.push_back(e.from); }
      }
    }
  }
  // The far end of a missing edge a finding proposes is part of the picture too.
  if (!focus.empty()) {
    std::vector<bool> extra = keep;
    for (const Diagnostic& d : findings)
      for (const SuggestedEdge& s : d.suggested_edges) {
        auto from = graph.find(s.from), to = graph.find(s.to);
        if (from && to && (keep[*from] || keep[*to])) extra[*from] = extra[*to] = true;
      }
    keep = std::move(extra);
  }
  GraphPicture pic;
  std::map<std::string, std::size_t> index;
  std::vector<std::size_t> node_of(graph.size(), SIZE_MAX);
  for (TaskId t = 0; t < graph.size(); ++t) {
    if (!keep[t]) continue;
    const Task& task = graph.task(t);
    node_of[t] = pic.nodes.size();
    index[task.display_name] = pic.nodes.size();
    index.emplace(task.name, pic.nodes.size());
    PictureNode n;
    n.name = task.display_name;
    n.hidden = task.hide.value;
    const TaskFacts& facts = release.facts(t);
    std::string roles = role_names(facts.roles);
    for (std::size_t start = 0; start < roles.size();) {
      std::size_t comma = roles.find(',', start);
      if (comma == std::string::npos) comma = roles.size();
      n.roles.push_back(roles.substr(start, comma - start));
      start = comma + 1;
    }
    if (facts.orchestrator) n.roles.push_back("orchestrator");
    pic.nodes.push_back(std::move(n));
  }
  std::set<std::tuple<std::size_t, std::size_t, int>> seen_edges;
  for (TaskId t = 0; t < graph.size(); ++t) {
    if (node_of[t] == SIZE_MAX) continue;
    for (const Edge& e : graph.out_edges(t)) {
      if (node_of[e.to] == SIZE_MAX) continue;
      if (!seen_edges.insert({node_of[e.from], node_of[e.to], static_cast<int>(e.kind)}).second) continue;
      pic.edges.push_back({node_of[e.from], node_of[e.to], e.kind, false});
    }
  }
  for (const Diagnostic& d : findings) {
    if (auto it = index.find(d.task); it != index.end()) pic.nodes[it->second].has_finding = true;
    for (const SuggestedEdge& s : d.suggested_edges) {
      auto from = index.find(s.from), to = index.find(s.to);
      if (from == index.end() || to == index.end()) continue;
      if (!seen_edges.insert({from->second, to->second, -1}).second) continue;
      pic.edges.push_back({from->second, to->second, EdgeKind::Depends, true});
    }
  }
  return pic;
}

namespace {

// DOT double-quoted string: backslash and quote escaped, newlines as \n (Graphviz's line break).
std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') { out += '\\'; out += c; }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') continue;
    else out += c;
  }
  return out + "\"";
}

std::string node_label(const PictureNode& n) {
  std::string label = escape_for_terminal(n.name);  // task names may hold control characters
  if (!n.roles.empty()) label += "\n(" + fmt::format("{}", fmt::join(n.roles, ", ")) + ")";
  return label;
}

const char* dot_edge_style(const PictureEdge& e) {
  if (e.suggested) return "style=dashed, color=red, fontcolor=red, penwidth=2, label=\"missing depends\"";
  switch (e.kind) {
    case EdgeKind::Depends: return "style=solid";
    case EdgeKind::DependsPost: return "style=solid, arrowhead=empty, label=\"post\"";
    case EdgeKind::WaitFor: return "style=dashed, label=\"wait_for\"";
    case EdgeKind::RunTask: return "style=dotted, label=\"run\"";
    case EdgeKind::Calls: return "style=dotted, label=\"mise run\"";
  }
  return "style=solid";
}

// Mermaid node ids must be plain words; names go into labels.
std::string mermaid_id(std::size_t i) { return fmt::format("t{}", i); }

// A quoted label: characters Mermaid would read as syntax, an entity (`#…;`), HTML or Markdown
// become entity codes; line breaks become <br/>.
std::string mermaid_label(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "#quot;";
    else if (c == '<') out += "#lt;";
    else if (c == '>') out += "#gt;";
    else if (c == '#' || c == '&' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|' || c == '`')
      out += fmt::format("#{};", static_cast<int>(c));
    else if (c == '\n') out += "<br/>";
    else if (c == '\r') continue;
    else out += c;
  }
  return out + "\"";
}

}  // namespace

std::string render_dot(const GraphPicture& pic) {
  std::string out = "digraph tasks {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (std::size_t i = 0; i < pic.nodes.size(); ++i) {
    const PictureNode& n = pic.nodes[i];
    std::vector<std::string> attrs{"label=" + dot_quote(node_label(n))};
    if (n.has_finding) attrs.push_back("color=red");
    if (n.hidden) attrs.push_back("style=\"rounded,dashed\"");
    out += fmt::format("  n{} [{}];\n", i, fmt::join(attrs, ", "));
  }
  for (const PictureEdge& e : pic.edges)
    out += fmt::format("  n{} -> n{} [{}];\n", e.from, e.to, dot_edge_style(e));
  out += "}\n";
  return out;
}

std::string render_mermaid(const GraphPicture& pic) {
  std::string out = "flowchart LR\n";
  for (std::size_t i = 0; i < pic.nodes.size(); ++i)
    out += fmt::format("  {}[{}]\n", mermaid_id(i), mermaid_label(node_label(pic.nodes[i])));
  std::vector<std::pair<std::size_t, const char*>> styles;
  std::size_t link = 0;
  for (const PictureEdge& e : pic.edges) {
    std::string arrow;
    if (e.suggested) arrow = "-. missing depends .->";
    else switch (e.kind) {
      case EdgeKind::Depends: arrow = "-->"; break;
      case EdgeKind::DependsPost: arrow = "-- post -->"; break;
      case EdgeKind::WaitFor: arrow = "-. wait_for .->"; break;
      case EdgeKind::RunTask: arrow = "-. run .->"; break;
      case EdgeKind::Calls: arrow = "-. mise run .->"; break;
    }
    // Mermaid has one dotted arrow; dash patterns tell wait_for (dashed) from calls (dotted).
    if (e.suggested) styles.push_back({link, "stroke:#d00,stroke-width:2px,stroke-dasharray:6 4"});
    else if (e.kind == EdgeKind::WaitFor) styles.push_back({link, "stroke-dasharray:6 4"});
    else if (e.kind == EdgeKind::RunTask || e.kind == EdgeKind::Calls) styles.push_back({link, "stroke-dasharray:2 2"});
    out += fmt::format("  {} {} {}\n", mermaid_id(e.from), arrow, mermaid_id(e.to));
    ++link;
  }
  for (std::size_t i = 0; i < pic.nodes.size(); ++i)
    if (pic.nodes[i].has_finding) out += fmt::format("  style {} stroke:#d00,stroke-width:2px\n", mermaid_id(i));
  for (const auto& [l, style] : styles) out += fmt::format("  linkStyle {} {}\n", l, style);
  return out;
}

}  // namespace mise_audit
