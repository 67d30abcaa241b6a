// Positions inside TOML string values (core/string_span.h) and code-point columns (core/columns.h).
#include "core/string_span.h"

#include <algorithm>

#include "core/columns.h"

namespace mise_audit {

std::size_t byte_of_column(std::string_view line, std::uint32_t col) {
  std::size_t i = 0;
  for (std::uint32_t c = 1; c < col && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

std::uint32_t column_of_byte(std::string_view line, std::size_t byte) {
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < byte && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  return col;
}

std::uint32_t utf8_length(std::string_view s) { return column_of_byte(s, s.size()) - 1; }

SourceSpan locate_in_string(const SourceManager& sources, const SourceSpan& value, std::uint32_t line_in_value,
                            std::string_view needle, std::uint32_t column_in_line) {
  if (!value.has_position()) return value;
  std::string_view first = sources.line_text(value.file, value.begin.line);
  std::size_t at = byte_of_column(first, value.begin.column);
  std::string_view rest = first.substr(std::min(at, first.size()));
  std::uint32_t start_line = value.begin.line, start_col = value.begin.column + 1;
  if (rest.starts_with("\"\"\"") || rest.starts_with("'''")) {
    std::string_view after = rest.substr(3);
    bool newline_follows = std::all_of(after.begin(), after.end(), [](char c) { return c == '\r'; });
    if (newline_follows) { start_line += 1; start_col = 1; }
    else start_col = value.begin.column + 3;
  } else if (!rest.starts_with("\"") && !rest.starts_with("'")) {
    start_col = value.begin.column;  // not a string literal as expected: point at the value
  }
  std::uint32_t last_line = std::max(value.end.line, start_line);
  std::uint32_t estimate = std::min(start_line + line_in_value, last_line);
  SourceSpan out{value.file, {estimate, estimate == start_line ? start_col : 1}, {}};
  if (!needle.empty()) {
    // Exact when nothing before it on that line was escaped.
    if (column_in_line && start_line + line_in_value <= last_line) {
      std::string_view text = sources.line_text(value.file, estimate);
      std::uint32_t col = (estimate == start_line ? start_col : 1) + column_in_line - 1;
      std::size_t b = byte_of_column(text, col);
      if (text.substr(std::min(b, text.size())).starts_with(needle))
        return SourceSpan{value.file, {estimate, col}, {estimate, col + utf8_length(needle)}};
    }
    // The estimate is exact unless escapes or line continuations change the line count; look
    // there first, then further down the value, then back up.
    auto try_line = [&](std::uint32_t l) {
      std::string_view text = sources.line_text(value.file, l);
      std::size_t from = l == value.begin.line ? std::min(at + 1, text.size()) : 0;
      std::size_t hit = text.find(needle, from);
      if (hit == std::string_view::npos) return false;
      std::uint32_t col = column_of_byte(text, hit);
      out = SourceSpan{value.file, {l, col}, {l, col + utf8_length(needle)}};
      return true;
    };
    for (std::uint32_t l = estimate; l <= last_line; ++l)
      if (try_line(l)) return out;
    for (std::uint32_t l = estimate; l-- > value.begin.line;)
      if (try_line(l)) return out;
  }
  out.end = {out.begin.line, out.begin.column + 1};
  return out;
}

}  // namespace mise_audit
