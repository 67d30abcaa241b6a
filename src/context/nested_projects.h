// The mise projects below a repository root, for a CI gate that covers the whole repository.
// Git decides which folders are visited (what .gitignore ignores is skipped, as git decides);
// the files mise loads are never filtered by it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/disk.h"
#include "loader/config_files.h"

namespace mise_audit {

struct NestedProjects {
  std::vector<std::string> roots;  // absolute project folders below the root, top first
  std::string problem;             // non-empty: git was missing or refused; nothing was visited
};

NestedProjects find_nested_projects(const FileSystem& disk, const std::string& repository_root,
                                    const ConfigNames& names);

// The files and folders of `paths` (absolute, inside the repository that holds
// `repository_root`) that .gitignore ignores, as git decides (anything below an ignored folder is
// ignored too). nullopt when git is missing or refuses the folder (outside any repository).
std::optional<std::vector<std::string>> git_ignored_paths(const std::string& repository_root,
                                                          const std::vector<std::string>& paths);

}  // namespace mise_audit
