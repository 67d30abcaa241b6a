// Positions inside TOML string values: where a piece of a string's text (a task name in a `run`
// script, a secret, a template call) is in the config file. The one mapper every stage uses.
#pragma once

#include <cstdint>
#include <string_view>

#include "mise_audit/source.h"

namespace mise_audit {

// Code points in a UTF-8 string (columns count code points).
std::uint32_t utf8_length(std::string_view s);

// Where line `line_in_value` (0-based) of a TOML string value is in the source. The value is
// decoded as TOML does it (escapes such as `\n` and `\t`, line-ending backslashes, the newline
// trimmed after opening `"""`), so a position in the decoded text maps to the exact source
// position even after `$'\n'` in a script. With `column_in_line` (1-based code points within that
// line of the value) the span is the needle's decoded range; without it (0), `needle` is looked
// for from the start of that line, then on later lines of the value, then on earlier ones.
SourceSpan locate_in_string(const SourceManager& sources, const SourceSpan& value, std::uint32_t line_in_value,
                            std::string_view needle, std::uint32_t column_in_line = 0);

}  // namespace mise_audit
