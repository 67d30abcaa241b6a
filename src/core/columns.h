// Columns count Unicode code points (SourcePos); these convert within one line of text.
// Defined in src/core/string_span.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mise_audit {

// Byte index of 1-based code-point column `col` in `line`.
std::size_t byte_of_column(std::string_view line, std::uint32_t col);
// 1-based code-point column of byte `byte` in `line` (one past the end for line.size()).
std::uint32_t column_of_byte(std::string_view line, std::size_t byte);

}  // namespace mise_audit
