#include "fix/text_position.h"

#include "core/columns.h"

namespace mise_audit {

std::optional<std::size_t> byte_offset(const SourceManager& sources, FileId file, SourcePos pos) {
  if (file == kNoFile || file >= sources.size() || pos.line == 0 || pos.column == 0) return std::nullopt;
  const std::string& text = sources.file(file).text;
  std::string_view line = sources.line_text(file, pos.line);
  if (line.data() < text.data() || line.data() > text.data() + text.size()) return std::nullopt;
  if (line.empty() && pos.line > 1) {
    // line_text gives an empty view for lines past the end; check the line really exists.
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    if (pos.line > lines) return std::nullopt;
  }
  std::size_t start = static_cast<std::size_t>(line.data() - text.data());
  std::size_t in_line = byte_of_column(line, pos.column);
  // A column one past the line's end is the line terminator (toml++ ends spans there).
  if (pos.column > column_of_byte(line, line.size())) in_line = line.size() + (pos.column - column_of_byte(line, line.size()));
  if (start + in_line > text.size()) return std::nullopt;
  return start + in_line;
}

std::optional<ByteRange> byte_range(const SourceManager& sources, const SourceSpan& span) {
  auto b = byte_offset(sources, span.file, span.begin);
  auto e = byte_offset(sources, span.file, span.end);
  if (!b || !e || *e < *b) return std::nullopt;
  return ByteRange{*b, *e};
}

std::size_t line_begin(std::string_view text, std::size_t at) {
  std::size_t nl = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t next_line_begin(std::string_view text, std::size_t at) {
  std::size_t nl = text.find('\n', at);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

std::string_view newline_at(std::string_view text, std::size_t at) {
  std::size_t nl = text.find('\n', at);
  if (nl == std::string_view::npos) nl = text.find('\n');
  if (nl == std::string_view::npos) return "\n";
  return nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

std::string_view indentation_at(std::string_view text, std::size_t at) {
  std::size_t b = line_begin(text, at);
  std::size_t e = b;
  while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
  return text.substr(b, e - b);
}

}  // namespace mise_audit
