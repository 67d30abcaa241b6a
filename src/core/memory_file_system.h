// A FileSystem held in memory (ninja's VirtualFileSystem idea): tests and fuzzers build a
// project of files, folders, symlinks and FIFOs without touching the disk, and lint it through
// the same stages as a real one. Paths are absolute; parents are created as needed.
#pragma once

#include <map>
#include <string>

#include "core/disk.h"

namespace mise_audit {

class MemoryFileSystem final : public FileSystem {
 public:
  // `executable`: the task bit of a file task (mise skips a task file without it).
  void add_file(const std::filesystem::path& p, std::string text, bool executable = false);
  void add_directory(const std::filesystem::path& p);
  void add_symlink(const std::filesystem::path& p, const std::filesystem::path& target);
  void add_fifo(const std::filesystem::path& p);
  // Makes `p` unreadable (as a file with mode 000 for a user who is not root).
  void deny_read(const std::filesystem::path& p);

  FileInfo stat(const std::filesystem::path& p) const override;
  FileInfo lstat(const std::filesystem::path& p) const override;
  std::vector<std::string> list_directory(const std::filesystem::path& dir) const override;
  std::filesystem::path weakly_canonical(const std::filesystem::path& p, std::error_code& ec) const override;
  std::optional<std::filesystem::path> symlink_target(const std::filesystem::path& p) const override;
  bool readable(const std::filesystem::path& p) const override;
  bool executable(const std::filesystem::path& p) const override;

 protected:
  ReadStatus read_bounded(const std::filesystem::path& p, std::string& out, std::string& why) const override;

 private:
  struct Node {
    FileKind kind = FileKind::Regular;
    std::string text;                    // Regular
    std::filesystem::path target;        // Symlink
    bool executable = false;
    bool readable = true;
    std::uint64_t inode = 0;
  };
  const Node* find(const std::string& path) const;
  // `p` with every symlink resolved ("" when a component is missing or a loop is met).
  std::optional<std::string> resolve(const std::filesystem::path& p, bool follow_last) const;
  const Node* node_at(const std::filesystem::path& p, bool follow_last) const;
  Node& put(const std::filesystem::path& p, FileKind kind);

  std::map<std::string, Node> nodes_;  // absolute, lexically normal path → node
  std::uint64_t next_inode_ = 1;
};

}  // namespace mise_audit
