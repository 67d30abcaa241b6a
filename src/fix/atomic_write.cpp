#include "fix/atomic_write.h"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/disk.h"

namespace fs = std::filesystem;

namespace mise_audit {

std::string write_fixed_file(const std::string& path, const std::string& expected_before, const std::string& text,
                             const std::string& repository_root) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);  // a symlinked config is written at its target
  if (ec) return fmt::format("{}: cannot be resolved ({})", path, ec.message());
  fs::path root = fs::canonical(repository_root, ec);
  if (ec || !path_within(target, root)) return fmt::format("{}: resolves outside the repository; not written", path);
  std::string current, why;
  if (real_file_system().read_regular_file(target, current, why) != ReadStatus::Ok) return fmt::format("{}: {}", path, why);
  if (current != expected_before) return fmt::format("{}: changed since it was read; not written", path);
  struct stat st;
  if (::stat(target.c_str(), &st) != 0) return fmt::format("{}: cannot be examined", path);
  std::string temp = (target.parent_path() / ("." + target.filename().string() + ".mise-audit-XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fmt::format("{}: cannot create a temporary file beside it", path);
  bool ok = ::fchmod(fd, st.st_mode & 07777) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (ok) ok = ::rename(temp.c_str(), target.c_str()) == 0;
  if (!ok) {
    ::unlink(temp.c_str());
    return fmt::format("{}: cannot be written", path);
  }
  return "";
}

}  // namespace mise_audit
