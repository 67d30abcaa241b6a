// Tarjan's strongly connected components, iteratively (deep chains must not overflow the stack).
// Shared by the graph's cycle report and the release model's per-cycle closures.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace mise_audit {

inline constexpr std::uint32_t kSkipArc = UINT32_MAX - 1;  // an arc the caller does not follow
inline constexpr std::uint32_t kNoMoreArcs = UINT32_MAX;   // past the last arc of a node

// `arc(v, i)` is the node the i-th arc out of `v` leads to, kSkipArc, or kNoMoreArcs. Returns
// each node's component; components are numbered in completion order, so what a component
// reaches has a smaller number (reverse topological order). `count` receives their number.
template <class Arc>
std::vector<std::uint32_t> strongly_connected_components(std::uint32_t n, Arc arc, std::uint32_t& count) {
  constexpr std::uint32_t kUnset = UINT32_MAX;
  std::vector<std::uint32_t> index(n, kUnset), low(n, 0), comp(n, kUnset);
  std::vector<bool> on_stack(n, false);
  std::vector<std::uint32_t> stack;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> call;  // node, next arc
  std::uint32_t next = 0;
  count = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnset) continue;
    call.push_back({root, 0});
    index[root] = low[root] = next++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!call.empty()) {
      auto& [v, ai] = call.back();
      if (std::uint32_t w = arc(v, ai); w != kNoMoreArcs) {
        ++ai;
        if (w == kSkipArc) continue;
        if (index[w] == kUnset) {
          index[w] = low[w] = next++;
          stack.push_back(w);
          on_stack[w] = true;
          call.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      std::uint32_t done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
      if (low[done] == index[done]) {
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp[w] = count;
        } while (w != done);
        ++count;
      }
    }
  }
  return comp;
}

}  // namespace mise_audit
