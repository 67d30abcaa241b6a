#include "loader/task_file_path.h"

#include <filesystem>

namespace mise_audit {

std::optional<std::string> task_file_path(const Task& t) {
  if (t.origin == TaskOrigin::FileScript || !t.file || t.file->templated || t.file->value.empty()) return std::nullopt;
  const std::string& f = t.file->value;
  if (f.rfind("http://", 0) == 0 || f.rfind("https://", 0) == 0 || f.rfind("git::", 0) == 0) return std::nullopt;
  std::filesystem::path p(f);
  if (!p.is_absolute()) p = std::filesystem::path(t.config_root) / p;
  return p.lexically_normal().string();
}

}  // namespace mise_audit
