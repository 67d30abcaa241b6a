// Paths as code scanning and workflow annotations want them: relative to the repository root.
#include <filesystem>

#include "mise_audit/report.h"

namespace fs = std::filesystem;

namespace mise_audit {

std::string find_repository_root(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  if (dir.filename().empty()) dir = dir.parent_path();
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::exists(d / ".git", ec)) return d.string();
    if (d == d.root_path() || d.parent_path() == d) break;
  }
  return dir.string();
}

std::string repository_relative_path(const std::string& absolute, const std::string& root) {
  fs::path rel = fs::path(absolute).lexically_relative(root);
  std::string s = rel.generic_string();
  if (rel.empty() || s.rfind("..", 0) == 0) return fs::path(absolute).generic_string();
  return s;
}

}  // namespace mise_audit
