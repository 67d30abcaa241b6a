#include "graph/script_spans.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace mise_audit {

std::uint32_t utf8_length(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

// Byte offset of 1-based code-point column `col` in `line` (npos past the end).
std::size_t byte_offset(std::string_view line, std::uint32_t col) {
  std::uint32_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    if (++seen == col) return i;
  }
  return seen + 1 == col ? line.size() : std::string_view::npos;
}

}  // namespace

SourceSpan span_in_toml_string(const SourceManager& sources, const SourceSpan& value_span, const ScriptTaskCall& call) {
  if (!value_span.has_position()) return value_span;
  std::string_view first = sources.line_text(value_span.file, value_span.begin.line);
  std::size_t open = byte_offset(first, value_span.begin.column);
  if (open == std::string_view::npos || open >= first.size()) return value_span;
  std::string_view rest = first.substr(open);
  std::uint32_t start_line = value_span.begin.line;
  std::uint32_t start_col = value_span.begin.column;
  if (rest.rfind("\"\"\"", 0) == 0 || rest.rfind("'''", 0) == 0) {
    // A newline right after the opening delimiter is trimmed (TOML).
    if (rest.size() == 3) ++start_line, start_col = 1;
    else start_col += 3;
  } else if (rest[0] == '"' || rest[0] == '\'') {
    start_col += 1;
  } else {
    return value_span;
  }
  std::uint32_t line = start_line + call.line - 1;
  std::uint32_t col = (call.line == 1 ? start_col : 1) + call.column - 1;
  if (line > value_span.end.line) return value_span;
  std::string_view text = sources.line_text(value_span.file, line);
  std::uint32_t len = utf8_length(call.task);
  std::size_t at = byte_offset(text, col);
  if (at == std::string_view::npos || text.substr(at, call.task.size()) != call.task) {
    // Escapes moved things: look for the name on that line instead.
    std::size_t found = text.find(call.task);
    if (found == std::string_view::npos) return value_span;
    col = utf8_length(text.substr(0, found)) + 1;
  }
  return SourceSpan{value_span.file, {line, col}, {line, col + len}};
}

std::string display_path(const std::string& absolute) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec) {
    fs::path rel = fs::path(absolute).lexically_relative(cwd);
    if (!rel.empty() && rel.native().rfind("..", 0) != 0) return rel.generic_string();
  }
  return absolute;
}

}  // namespace mise_audit
