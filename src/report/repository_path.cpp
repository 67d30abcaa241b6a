// Paths as code scanning and workflow annotations want them: relative to the repository root.
#include <filesystem>

#include "context/project_context.h"
#include "mise_audit/report.h"

namespace fs = std::filesystem;

namespace mise_audit {

std::string find_repository_root(const FileSystem& disk, const std::string& start) {
  std::string root = repository_root_of(disk, start);
  if (!root.empty()) return root;
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!disk.is_directory(dir)) dir = dir.parent_path();
  if (dir.filename().empty()) dir = dir.parent_path();
  return dir.string();
}

std::string repository_relative_path(const std::string& absolute, const std::string& root) {
  fs::path rel = fs::path(absolute).lexically_relative(root);
  std::string s = rel.generic_string();
  if (rel.empty() || s.rfind("..", 0) == 0) return fs::path(absolute).generic_string();
  return s;
}

}  // namespace mise_audit
