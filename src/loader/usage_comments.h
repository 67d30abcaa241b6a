// `#USAGE` spec comments in file-task scripts (CONTRIBUTING §5.4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

// The byte length of a `#USAGE` prefix: `#`, `//` or `::`, optional whitespace, then `USAGE` or
// `[USAGE]` (upper case only; no space needed after it), or 0 when the line has none. Lines must
// start at column 0. Checked with the binary 2026.9.15.
std::size_t usage_prefix_length(std::string_view line);

// The spec mise 2026.9.15 reads from a script: from the first `#USAGE` line on, every `#USAGE`
// line and every `#MISE` / `# [MISE]` line that is not a `key=value` header entry (`#MISE: x`,
// `#MISE flag "--f"`), each trimmed; blank comment lines and header entries are skipped, and any
// other line ends the spec. Checked with the binary (it differs from CONTRIBUTING §5.4 and from usage's
// own reader).
struct UsageComments {
  struct Line {
    std::uint32_t file_line = 0;      // 1-based line of the script
    std::uint32_t column_offset = 0;  // code points before the spec text on that line
  };
  std::string spec;         // the lines joined with '\n'
  std::vector<Line> lines;  // one per spec line
};
UsageComments extract_usage_comments(std::string_view script);

}  // namespace mise_audit
