// The mise projects below a repository root, for a CI gate that covers the whole repository.
// Git decides which folders are visited (what .gitignore ignores is skipped, as git decides);
// the files mise loads are never filtered by it.
#pragma once

#include <string>
#include <vector>

namespace mise_audit {

struct NestedProjects {
  std::vector<std::string> roots;  // absolute project folders below the root, top first
  std::string problem;             // non-empty: git was missing or refused; nothing was visited
};

NestedProjects find_nested_projects(const std::string& repository_root, const std::vector<std::string>& envs);

}  // namespace mise_audit
