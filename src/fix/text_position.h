// Byte offsets of source positions, for edits. The one place fix/ turns a SourcePos (line, code-point
// column) into a byte offset; it goes through the column helpers every stage uses (core/columns.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "mise_audit/source.h"

namespace mise_audit {

// Byte offset of `pos` in the file's text; nullopt when the position is unknown or out of range.
std::optional<std::size_t> byte_offset(const SourceManager& sources, FileId file, SourcePos pos);

// [begin, end) of a span as byte offsets; nullopt when either end is unknown.
struct ByteRange {
  std::size_t begin = 0, end = 0;
};
std::optional<ByteRange> byte_range(const SourceManager& sources, const SourceSpan& span);

// The line terminator a new line inserted at `at` should use: the file's own ("\r\n" when the
// line holding `at`, or else the first line, ends that way).
std::string_view newline_at(std::string_view text, std::size_t at);
// The whitespace that starts the line holding `at`.
std::string_view indentation_at(std::string_view text, std::size_t at);
// Offset of the start of the line holding `at`, and just past its terminator (text.size() at the end).
std::size_t line_begin(std::string_view text, std::size_t at);
std::size_t next_line_begin(std::string_view text, std::size_t at);

}  // namespace mise_audit
