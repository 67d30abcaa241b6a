// Positions inside TOML string values: where a piece of a string's text (a task name in a `run`
// script, a secret, a template call) is in the config file. The one mapper every stage uses.
#pragma once

#include <cstdint>
#include <string_view>

#include "mise_audit/source.h"

namespace mise_audit {

// Code points in a UTF-8 string (columns count code points).
std::uint32_t utf8_length(std::string_view s);

// Where line `line_in_value` (0-based) of a TOML string value is in the source: basic strings
// start after the opening quote; multi-line strings start on the next line when the opening
// quotes are followed by a newline. `column_in_line` (1-based code points within that line of the
// value, 0 when unknown) is tried first: when `needle` is there, that is the span. Otherwise,
// when `needle` is found on that line (or, failing that, on a later line of the value, then an
// earlier one), the span covers it: escapes and line continuations move text.
SourceSpan locate_in_string(const SourceManager& sources, const SourceSpan& value, std::uint32_t line_in_value,
                            std::string_view needle, std::uint32_t column_in_line = 0);

}  // namespace mise_audit
