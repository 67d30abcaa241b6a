#include "core/disk.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace mise_audit {

bool path_within(const std::filesystem::path& p, const std::filesystem::path& base) {
  std::filesystem::path rel = p.lexically_relative(base);
  return !rel.empty() && rel.native().rfind("..", 0) != 0;
}

std::string display_path(const std::filesystem::path& absolute) {
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  std::filesystem::path normal = absolute.lexically_normal();
  if (!ec && path_within(normal, cwd)) return normal.lexically_relative(cwd).generic_string();
  return absolute.generic_string();
}

std::string FileSystem::canonical_fence_root(const std::string& root) const {
  if (root.empty()) return root;
  std::error_code ec;
  std::filesystem::path canonical = weakly_canonical(root, ec);
  return ec ? std::filesystem::path(root).lexically_normal().string() : canonical.string();
}

std::string FileSystem::fence_violation(const std::filesystem::path& p, const ReadFence& fence) const {
  std::error_code ec;
  std::filesystem::path real = weakly_canonical(std::filesystem::absolute(p, ec), ec);
  if (ec) real = std::filesystem::absolute(p, ec).lexically_normal();
  for (const char* system : {"/proc", "/dev", "/sys"})
    if (real == system || path_within(real, system))
      return fmt::format("resolves to {}, which mise-audit never reads", real.string());
  if (fence.root.empty() || fence.allow_outside) return "";
  std::filesystem::path root(fence.root);
  if (path_within(real, root)) return "";
  return fmt::format("resolves to {}, outside the repository {}; not read (--allow-outside reads it)", real.string(),
                     root.string());
}

ReadStatus FileSystem::read_regular_file(const std::filesystem::path& p, std::string& out, std::string& why,
                                         const ReadFence& fence) const {
  if (std::string problem = fence_violation(p, fence); !problem.empty()) {
    why = std::move(problem);
    return ReadStatus::Outside;
  }
  return read_bounded(p, out, why);
}

namespace {

FileInfo info_of(const struct stat& st) {
  FileInfo info;
  info.kind = S_ISREG(st.st_mode)    ? FileKind::Regular
              : S_ISDIR(st.st_mode)  ? FileKind::Directory
              : S_ISFIFO(st.st_mode) ? FileKind::Fifo
              : S_ISLNK(st.st_mode)  ? FileKind::Symlink
                                     : FileKind::Other;
  info.size = static_cast<std::uintmax_t>(st.st_size);
  info.device = static_cast<std::uint64_t>(st.st_dev);
  info.inode = static_cast<std::uint64_t>(st.st_ino);
  return info;
}

}  // namespace

FileInfo RealFileSystem::stat(const std::filesystem::path& p) const {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) return {};
  return info_of(st);
}

FileInfo RealFileSystem::lstat(const std::filesystem::path& p) const {
  struct stat st;
  if (::lstat(p.c_str(), &st) != 0) return {};
  return info_of(st);
}

std::vector<std::string> RealFileSystem::list_directory(const std::filesystem::path& dir) const {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return names;
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

std::filesystem::path RealFileSystem::weakly_canonical(const std::filesystem::path& p, std::error_code& ec) const {
  return std::filesystem::weakly_canonical(p, ec);
}

std::optional<std::filesystem::path> RealFileSystem::symlink_target(const std::filesystem::path& p) const {
  std::error_code ec;
  std::filesystem::path target = std::filesystem::read_symlink(p, ec);
  if (ec) return std::nullopt;
  return target;
}

bool RealFileSystem::readable(const std::filesystem::path& p) const { return ::access(p.c_str(), R_OK) == 0; }

bool RealFileSystem::executable(const std::filesystem::path& p) const { return ::access(p.c_str(), X_OK) == 0; }

// FIFOs and devices are refused before open(), and open() is non-blocking, so a FIFO swapped in
// between cannot block us either; read errors (EIO) count.
ReadStatus RealFileSystem::read_bounded(const std::filesystem::path& p, std::string& out, std::string& why) const {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) { why = std::strerror(errno); return ReadStatus::Missing; }
  if (S_ISDIR(st.st_mode)) { why = "is a directory, not a file"; return ReadStatus::NotRegular; }
  if (S_ISFIFO(st.st_mode)) { why = "is a FIFO (named pipe), not a file"; return ReadStatus::NotRegular; }
  if (!S_ISREG(st.st_mode)) { why = "is not a regular file"; return ReadStatus::NotRegular; }
  constexpr off_t kMaxSize = static_cast<off_t>(kMaxFileSize);
  if (st.st_size > kMaxSize) { why = "is larger than 256 MiB"; return ReadStatus::TooLarge; }
  int fd = ::open(p.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) { why = std::strerror(errno); return ReadStatus::Unreadable; }
  struct stat fst;
  if (::fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
    ::close(fd);
    why = "is not a regular file";
    return ReadStatus::NotRegular;
  }
  out.clear();
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      why = fmt::format("read error: {}", std::strerror(errno));
      ::close(fd);
      return ReadStatus::Unreadable;
    }
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > static_cast<std::size_t>(kMaxSize)) {
      ::close(fd);
      why = "is larger than 256 MiB";
      return ReadStatus::TooLarge;
    }
  }
  ::close(fd);
  return ReadStatus::Ok;
}

const FileSystem& real_file_system() {
  static const RealFileSystem disk;
  return disk;
}

}  // namespace mise_audit
