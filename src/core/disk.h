// The door to the disk for file contents: regular files only, bounded in size, never blocking on
// a FIFO swapped in between the check and the read.
#pragma once

#include <filesystem>
#include <string>

namespace mise_audit {

enum class ReadStatus { Ok, Missing, NotRegular, Unreadable, TooLarge, Outside };

// Where reads may go. mise-audit gates untrusted pull requests: a symlink or an include that
// leads out of the repository (to /proc/self/environ, a runner's secrets) is named, never read.
// /proc, /dev and /sys are never read, whatever the fence.
struct ReadFence {
  std::string root;            // canonical (canonical_fence_root); "" = anywhere but /proc, /dev, /sys
  bool allow_outside = false;  // --allow-outside
};

// True when `p` is `base` or below it, lexically (both absolute and normalised).
bool path_within(const std::filesystem::path& p, const std::filesystem::path& base);

// `root` with its symlinks resolved, as ReadFence::root wants it (once per project, not per read).
std::string canonical_fence_root(const std::string& root);

// "" when `p` may be read; otherwise why not ("resolves to /proc/self/environ, outside …").
std::string fence_violation(const std::filesystem::path& p, const ReadFence& fence);

// Reads a regular file into `out`; otherwise says why in `why` ("is a FIFO (named pipe), …").
ReadStatus read_regular_file(const std::filesystem::path& p, std::string& out, std::string& why,
                             const ReadFence& fence = {});

}  // namespace mise_audit
