// A set of tasks as a sorted list of ids. Closures in real (and synthetic monorepo) projects are
// small next to the project, so a query costs what the closure holds, not what the project holds:
// a dense bit vector per query made every "for each task, its closure" loop quadratic.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mise_audit {

using TaskId = std::uint32_t;

class TaskSet {
 public:
  TaskSet() = default;
  // `ids` need not be sorted; duplicates are removed.
  explicit TaskSet(std::vector<TaskId> ids) : ids_(std::move(ids)) {
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
  }

  bool contains(TaskId t) const { return std::binary_search(ids_.begin(), ids_.end(), t); }
  bool empty() const { return ids_.empty(); }
  std::size_t size() const { return ids_.size(); }
  // Ascending ids.
  std::vector<TaskId>::const_iterator begin() const { return ids_.begin(); }
  std::vector<TaskId>::const_iterator end() const { return ids_.end(); }
  const std::vector<TaskId>& ids() const { return ids_; }

  bool intersects(const TaskSet& other) const {
    auto a = ids_.begin(), b = other.ids_.begin();
    while (a != ids_.end() && b != other.ids_.end()) {
      if (*a == *b) return true;
      if (*a < *b) ++a;
      else ++b;
    }
    return false;
  }
  void erase(TaskId t) {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), t);
    if (it != ids_.end() && *it == t) ids_.erase(it);
  }

 private:
  std::vector<TaskId> ids_;
};

}  // namespace mise_audit
