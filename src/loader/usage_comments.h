// `#USAGE` spec comments in file-task scripts (model §5.4).
#pragma once

#include <cstddef>
#include <string_view>

namespace mise_audit {

// The byte length of a `#USAGE` prefix: `#`, `//` or `::`, optional whitespace, then `USAGE` or
// `[USAGE]` (upper case only; no space needed after it), or 0 when the line has none. Lines must
// start at column 0. Checked with the binary 2026.9.15.
std::size_t usage_prefix_length(std::string_view line);

}  // namespace mise_audit
