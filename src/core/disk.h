// The one door to the disk, as ninja's DiskInterface: every stage (context, loader, graph,
// release model, rules, config) reads files and asks about them through a FileSystem it is
// given. RealFileSystem is the disk, with the hardened reading (regular files only, bounded in
// size, never blocking on a FIFO swapped in between the check and the read); MemoryFileSystem
// (core/memory_file_system.h) holds a project in memory for tests and fuzzers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace mise_audit {

enum class ReadStatus { Ok, Missing, NotRegular, Unreadable, TooLarge, Outside };

// Where reads may go. mise-audit gates untrusted pull requests: a symlink or an include that
// leads out of the repository (to /proc/self/environ, a runner's secrets) is named, never read.
// /proc, /dev and /sys are never read, whatever the fence.
struct ReadFence {
  std::string root;            // canonical (FileSystem::canonical_fence_root); "" = anywhere but /proc, /dev, /sys
  bool allow_outside = false;  // --allow-outside
};

// True when `p` is `base` or below it, lexically (both absolute and normalised).
bool path_within(const std::filesystem::path& p, const std::filesystem::path& base);

// How every output but SARIF and GitHub annotations names a file: relative to the working folder
// when at or below it, else absolute (as ruff does). `absolute` is absolute.
std::string display_path(const std::filesystem::path& absolute);

enum class FileKind { Missing, Regular, Directory, Fifo, Symlink, Other };

// What a stat says about a path. `Symlink` only from lstat.
struct FileInfo {
  FileKind kind = FileKind::Missing;
  std::uintmax_t size = 0;
  std::uint64_t device = 0, inode = 0;  // identity: a folder reached twice through symlinks

  bool exists() const { return kind != FileKind::Missing; }
  bool is_regular() const { return kind == FileKind::Regular; }
  bool is_directory() const { return kind == FileKind::Directory; }
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Follows symlinks; a dangling one is Missing.
  virtual FileInfo stat(const std::filesystem::path& p) const = 0;
  // The path itself: a symlink (dangling or not) is a Symlink.
  virtual FileInfo lstat(const std::filesystem::path& p) const = 0;
  // The names in a folder (no `.`/`..`), sorted; nothing when it is not a readable folder.
  virtual std::vector<std::string> list_directory(const std::filesystem::path& dir) const = 0;
  // `p` with the symlinks of its existing part resolved (std::filesystem::weakly_canonical).
  virtual std::filesystem::path weakly_canonical(const std::filesystem::path& p, std::error_code& ec) const = 0;
  // Where a symlink points, as written; nothing when `p` is not a symlink.
  virtual std::optional<std::filesystem::path> symlink_target(const std::filesystem::path& p) const = 0;
  // Whether this user may read `p` / execute it (enter it, for a folder): access(2), not a
  // separate question in stat, so a stat stays one system call.
  virtual bool readable(const std::filesystem::path& p) const = 0;
  virtual bool executable(const std::filesystem::path& p) const = 0;

  bool exists(const std::filesystem::path& p) const { return stat(p).exists(); }
  bool is_directory(const std::filesystem::path& p) const { return stat(p).is_directory(); }
  bool is_regular_file(const std::filesystem::path& p) const { return stat(p).is_regular(); }

  // `root` with its symlinks resolved, as ReadFence::root wants it (once per project, not per read).
  std::string canonical_fence_root(const std::string& root) const;

  // "" when `p` may be read; otherwise why not ("resolves to /proc/self/environ, outside …").
  std::string fence_violation(const std::filesystem::path& p, const ReadFence& fence) const;

  // Reads a regular file into `out`; otherwise says why in `why` ("is a FIFO (named pipe), …").
  ReadStatus read_regular_file(const std::filesystem::path& p, std::string& out, std::string& why,
                               const ReadFence& fence = {}) const;

  static constexpr std::uintmax_t kMaxFileSize = 256 * 1024 * 1024;

 protected:
  // A regular file of at most kMaxFileSize, after the fence was checked.
  virtual ReadStatus read_bounded(const std::filesystem::path& p, std::string& out, std::string& why) const = 0;
};

// The disk itself.
class RealFileSystem final : public FileSystem {
 public:
  FileInfo stat(const std::filesystem::path& p) const override;
  FileInfo lstat(const std::filesystem::path& p) const override;
  std::vector<std::string> list_directory(const std::filesystem::path& dir) const override;
  std::filesystem::path weakly_canonical(const std::filesystem::path& p, std::error_code& ec) const override;
  std::optional<std::filesystem::path> symlink_target(const std::filesystem::path& p) const override;
  bool readable(const std::filesystem::path& p) const override;
  bool executable(const std::filesystem::path& p) const override;

 protected:
  ReadStatus read_bounded(const std::filesystem::path& p, std::string& out, std::string& why) const override;
};

// The process's disk: what the command line gives every stage (the default of the options that
// carry a FileSystem).
const FileSystem& real_file_system();

}  // namespace mise_audit
