// Source files and positions. Every value the loader produces remembers where it came from.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

// 1-based line and column (columns count Unicode code points, as editors do). 0 = unknown.
struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

inline bool operator<(SourcePos a, SourcePos b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}
inline bool operator==(SourcePos a, SourcePos b) { return a.line == b.line && a.column == b.column; }

// [begin, end): end is exclusive, as toml++ reports it.
struct SourceSpan {
  FileId file = kNoFile;
  SourcePos begin;
  SourcePos end;

  bool valid() const { return file != kNoFile; }
  bool has_position() const { return file != kNoFile && begin.line > 0; }
};

struct SourceFile {
  std::string path;      // as shown to the user (relative to the working directory when possible)
  std::string absolute;  // absolute, lexically normalised
  std::string text;  // full contents; empty for files we only name (e.g. unreadable)
  std::vector<std::uint32_t> line_starts;  // byte offset of each line, computed on demand
  std::vector<std::uint32_t> backslash_lines;  // 1-based lines holding a backslash, with line_starts
  std::string owner_root;  // the config root (absolute folder) this file configures; "" unknown
  std::string loaded_as;   // why the loader read it: "config", "parent config", "task folder", …
};

// Owns every file the loader read. FileIds index into it; stable for the whole run.
class SourceManager {
 public:
  FileId add(std::string path, std::string absolute, std::string text);
  const SourceFile& file(FileId id) const { return files_[id]; }
  std::size_t size() const { return files_.size(); }
  // The text of a 1-based line without its line terminator; empty when out of range.
  std::string_view line_text(FileId id, std::uint32_t line) const;
  // The first 1-based line at or after `from` that holds a backslash, 0 when none does: where a
  // TOML basic string's escapes may start (core/string_span.cpp skips the lines before it).
  std::uint32_t next_backslash_line(FileId id, std::uint32_t from) const;
  // Which config root a file belongs to and why it was read (`--show-files`, project scopes).
  void set_origin(FileId id, std::string owner_root, std::string loaded_as) {
    files_[id].owner_root = std::move(owner_root);
    files_[id].loaded_as = std::move(loaded_as);
  }
  // Find an already-added file by path.
  FileId find(std::string_view path) const;
  // Renames a file after loading (stdin is loaded from a scratch copy, then shown by its name).
  void rename(FileId id, std::string path, std::string absolute) {
    files_[id].path = std::move(path);
    files_[id].absolute = std::move(absolute);
  }

 private:
  mutable std::deque<SourceFile> files_;
};

}  // namespace mise_audit
