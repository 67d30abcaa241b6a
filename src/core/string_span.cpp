// Positions inside TOML string values (core/string_span.h) and code-point columns (core/columns.h).
#include "core/string_span.h"

#include <algorithm>
#include <optional>

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

namespace {

// Walks the source text of a TOML string value from its first character of content, keeping the
// decoded position (line and code-point column of the string's value, as a shell reader of that
// value counts them) beside the source position. Escapes (`\n` ends a decoded line on the same
// source line; `\t`, `\"`, `\u00e9` are one column) and line-ending backslashes (the source
// line ends, the decoded one goes on) move the two apart; literal strings have neither.
class StringWalker {
 public:
  StringWalker(const SourceManager& sources, FileId file, SourcePos start, std::uint32_t last_line, bool escapes)
      : sources_(sources), file_(file), last_line_(last_line), escapes_(escapes), line_(start.line) {
    text_ = sources_.line_text(file_, line_);
    byte_ = byte_of_column(text_, start.column);
  }

  // The source position of decoded position (line 0-based, column 1-based); positions are asked
  // in increasing order. Nothing when the value ends first.
  std::optional<SourcePos> seek(std::uint32_t line, std::uint32_t column) {
    while (skip_continuation() || decoded_line_ < line || (decoded_line_ == line && decoded_col_ < column)) {
      if (decoded_line_ < line && skip_lines(line - decoded_line_)) continue;
      if (!step()) return std::nullopt;
    }
    if (decoded_line_ != line || decoded_col_ != column) return std::nullopt;
    return SourcePos{line_, column_of_byte(text_, byte_)};
  }

 private:
  bool next_source_line() {
    if (line_ >= last_line_) return false;
    text_ = sources_.line_text(file_, ++line_);
    byte_ = 0;
    return true;
  }
  void decoded_newline() { ++decoded_line_, decoded_col_ = 1; }

  // Moves down up to `lines` whole source lines at once while nothing on the way is escaped (a
  // source line is then a decoded line), so a long script is not walked byte by byte for every
  // position asked. False when it cannot move.
  bool skip_lines(std::uint32_t lines) {
    if (escapes_ && text_.find('\\', byte_) != std::string_view::npos) return false;
    if (escapes_)
      if (std::uint32_t next = sources_.next_backslash_line(file_, line_ + 1)) lines = std::min(lines, next - line_);
    lines = std::min(lines, last_line_ - line_);
    if (lines == 0) return false;
    line_ += lines;
    decoded_line_ += lines;
    decoded_col_ = 1;
    text_ = sources_.line_text(file_, line_);
    byte_ = 0;
    return true;
  }

  // A line-ending backslash decodes to nothing: it, the newline and the white space after it
  // are trimmed. True when there was one (the walker is past it).
  bool skip_continuation() {
    if (!escapes_ || byte_ >= text_.size() || text_[byte_] != '\\' ||
        text_.find_first_not_of(" \t", byte_ + 1) != std::string_view::npos)
      return false;
    std::uint32_t from = line_;
    do {
      if (!next_source_line()) {
        // The value ends: stay where the backslash is.
        text_ = sources_.line_text(file_, line_ = from);
        return false;
      }
      byte_ = std::min(text_.find_first_not_of(" \t"), text_.size());
    } while (byte_ >= text_.size());
    return true;
  }

  // Consumes one decoded code point (a line-ending backslash is skipped first, by the caller).
  bool step() {
    if (byte_ >= text_.size()) {  // a raw newline of a multi-line string
      if (!next_source_line()) return false;
      decoded_newline();
      return true;
    }
    if (escapes_ && text_[byte_] == '\\') {
      char e = byte_ + 1 < text_.size() ? text_[byte_ + 1] : ' ';
      byte_ += e == 'u' ? 6 : e == 'U' ? 10 : e == 'x' ? 4 : 2;
      byte_ = std::min(byte_, text_.size());
      if (e == 'n') decoded_newline();
      else ++decoded_col_;
      return true;
    }
    ++byte_;
    while (byte_ < text_.size() && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80) ++byte_;
    ++decoded_col_;
    return true;
  }

  const SourceManager& sources_;
  FileId file_;
  std::uint32_t last_line_;
  bool escapes_;
  std::uint32_t line_;
  std::string_view text_;
  std::size_t byte_ = 0;
  std::uint32_t decoded_line_ = 0, decoded_col_ = 1;
};

}  // namespace

SourceSpan locate_in_string(const SourceManager& sources, const SourceSpan& value, std::uint32_t line_in_value,
                            std::string_view needle, std::uint32_t column_in_line) {
  if (!value.has_position()) return value;
  std::string_view first = sources.line_text(value.file, value.begin.line);
  std::size_t at = byte_of_column(first, value.begin.column);
  std::string_view rest = first.substr(std::min(at, first.size()));
  std::uint32_t start_line = value.begin.line, start_col = value.begin.column + 1;
  bool quoted = true;
  if (rest.starts_with("\"\"\"") || rest.starts_with("'''")) {
    std::string_view after = rest.substr(3);
    bool newline_follows = std::all_of(after.begin(), after.end(), [](char c) { return c == '\r'; });
    if (newline_follows) { start_line += 1; start_col = 1; }
    else start_col = value.begin.column + 3;
  } else if (!rest.starts_with("\"") && !rest.starts_with("'")) {
    start_col = value.begin.column;  // not a string literal as expected: point at the value
    quoted = false;
  }
  std::uint32_t last_line = std::max(value.end.line, start_line);
  std::uint32_t estimate = std::min(start_line + line_in_value, last_line);
  SourceSpan out{value.file, {estimate, estimate == start_line ? start_col : 1}, {}};
  if (quoted) {
    StringWalker walker(sources, value.file, {start_line, start_col}, last_line, rest.starts_with("\""));
    if (column_in_line && !needle.empty()) {
      // The decoded position of the needle is known: map its first and last code point.
      std::optional<SourcePos> b = walker.seek(line_in_value, column_in_line);
      std::optional<SourcePos> e = b ? walker.seek(line_in_value, column_in_line + utf8_length(needle)) : std::nullopt;
      if (b && e && b->line == e->line) return SourceSpan{value.file, *b, *e};
      if (b) return SourceSpan{value.file, *b, {b->line, b->column + 1}};
    } else if (std::optional<SourcePos> line_start = walker.seek(line_in_value, 1)) {
      out.begin = *line_start;
      estimate = line_start->line;
    }
  }
  if (!needle.empty()) {
    // Look for the needle on the line the value's line starts on, then further down the value,
    // then back up (a needle that is not in the value as written: a caller's guess).
    auto try_line = [&](std::uint32_t l) {
      std::string_view text = sources.line_text(value.file, l);
      std::size_t from = l == out.begin.line ? byte_of_column(text, out.begin.column)
                       : l == value.begin.line ? std::min(at + 1, text.size()) : 0;
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
