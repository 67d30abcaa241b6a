// The lookup tables behind TaskGraph::find and resolve: hash maps for exact names, aliases and
// extension-stripped names, and sorted lists so a glob scans only the names that share its
// literal prefix.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mise_audit/task_graph.h"

namespace mise_audit {

struct TaskGraph::Index {
  std::unordered_map<std::string_view, TaskId> names;
  std::unordered_map<std::string_view, TaskId> aliases;        // first task (by name) wins
  std::deque<std::string> project_aliases;  // `//path:alias` keys of `aliases` (a deque: views stay valid)
  std::unordered_map<std::string_view, TaskId> display_names;
  std::unordered_map<std::string, std::vector<TaskId>> stripped;  // "build" -> build.sh, …
  std::vector<std::pair<std::string_view, TaskId>> sorted_aliases;
  std::vector<std::string> stripped_names;  // per task, strip_task_extension(name)
  bool monorepo_names = false;  // the loader named tasks `//path:task` (monorepo root)
};

// "test:unit.sh" -> "test:unit"; "a.b.c" -> "a.b"; the dot must be in the last `:` group.
std::string strip_task_extension(std::string_view name);

// True when a reference is a pattern (CONTRIBUTING §3.3): `* ? [ {` or `...`.
bool is_task_glob(std::string_view pattern);

}  // namespace mise_audit
