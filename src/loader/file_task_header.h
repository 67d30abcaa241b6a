// `#MISE key=value` metadata in executable task scripts (CONTRIBUTING §5.3).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

struct FileTaskHeader {
  TomlValue table;      // merged entries, positioned in the script file
  bool failed = false;  // invalid header TOML: mise refuses every task (CONTRIBUTING §5.3)
};

// The byte length of a header prefix mise accepts ("#MISE ", "# [MISE] ", "//MISE ", "::MISE "),
// or 0 when the line is not a header line.
std::size_t header_prefix_length(std::string_view line);
// "key = value" where key is a TOML bare/dotted key: the text after a prefix is a header entry.
bool looks_like_entry(std::string_view text);

// One header entry as mise reads it: the text after the prefixes of its lines (continuation lines
// of an open multi-line value joined with '\n'), and where each of those lines is.
struct HeaderEntryText {
  struct Line {
    std::uint32_t file_line;      // 1-based
    std::uint32_t column_offset;  // code points of the prefix removed from that line
  };
  std::string text;
  std::vector<Line> lines;
  bool closed = true;  // false: a bracket or multi-line string is still open at the end of the file
};
// Calls `visit` with each entry of `script` in order, until it returns false.
void for_each_header_entry(std::string_view script, const std::function<bool(const HeaderEntryText&)>& visit);

// Scans every line of `script` (file id `file`) for header entries and parses them.
FileTaskHeader parse_file_task_header(std::string_view script, FileId file, const std::string& task,
                                      std::vector<Diagnostic>& diags);

}  // namespace mise_audit
