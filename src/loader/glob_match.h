// Glob matching with a configurable separator: `:` for task patterns (CONTRIBUTING §3.3), `/` for
// include paths. Supports `*` (within one segment), `**` (zero or more whole segments), `?`,
// `[abc]`/`[!a-z]`, `{a,b}` (nestable) and `\x` (the character x).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/disk.h"

namespace mise_audit {

// A pattern compiled once into a small automaton and matched in pattern × text time, whatever
// the pattern: no backtracking and no brace expansion (both were exponential on hostile input,
// found by tests/fuzz). Compile once when matching one pattern against many names.
class Glob {
 public:
  Glob(std::string_view pattern, char separator);
  bool matches(std::string_view text) const;

 private:
  enum class Op : std::uint8_t { Char, NotSeparator, Any, Class, Fork, Jump, Match };
  struct Step {
    Op op;
    char ch = 0;              // Char
    std::uint32_t a = 0, b = 0;  // Class: `[` at a, `]` at b; Fork: forks_ range [a, b); Jump: target
  };
  std::uint32_t emit(Op op, char ch = 0, std::uint32_t a = 0, std::uint32_t b = 0);
  void add(std::vector<std::uint32_t>& list, std::uint32_t pc) const;
  bool class_matches(const Step& s, char c) const;

  std::string pattern_;
  char separator_;
  std::vector<Step> program_;
  std::vector<std::uint32_t> forks_;  // Fork targets, each Fork a contiguous range
  std::size_t min_length_ = 0;        // no text shorter than this can match
  // Scratch for matches() (so one Glob is not for concurrent use; mise-audit has one thread):
  // the generation in which each step was last added, and a work stack.
  mutable std::vector<std::uint32_t> mark_, stack_;
  mutable std::uint32_t generation_ = 0;
};

bool glob_match(std::string_view pattern, std::string_view text, char separator);
// True when `s` holds a glob character (`*`, `?`, `[`, `{`).
inline bool has_glob_chars(std::string_view s) { return s.find_first_of("*?[{") != std::string_view::npos; }
// False for patterns that cannot compile (unclosed `[` or `{`), with a reason.
bool glob_is_valid(std::string_view pattern, std::string* why = nullptr);
// Files and folders below `root` whose relative path matches `pattern` (sorted).
std::vector<std::filesystem::path> expand_path_glob(const FileSystem& disk, const std::string& root, const std::string& pattern);

}  // namespace mise_audit
