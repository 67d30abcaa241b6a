#include "loader/usage_comments.h"

#include "core/columns.h"
#include "core/text_lines.h"
#include "loader/file_task_header.h"

namespace mise_audit {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// After `#`, `//` or `::` and optional whitespace: the keyword (USAGE, [USAGE], MISE, [MISE]) and
// the byte where the text after it starts; 0 when the line has none.
std::size_t keyword_end(std::string_view line, std::string_view& keyword) {
  std::size_t i;
  if (line.starts_with("#")) i = 1;
  else if (line.starts_with("//") || line.starts_with("::")) i = 2;
  else return 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  for (std::string_view k : {"USAGE", "[USAGE]", "MISE", "[MISE]"})
    if (line.substr(i).starts_with(k)) {
      keyword = k;
      return i + k.size();
    }
  return 0;
}

bool is_blank_comment(std::string_view line) {
  std::size_t i = line.starts_with("#") ? 1 : (line.starts_with("//") || line.starts_with("::")) ? 2 : 0;
  if (i == 0) return false;
  for (; i < line.size(); ++i)
    if (!is_blank(line[i])) return false;
  return true;
}

}  // namespace

std::size_t usage_prefix_length(std::string_view line) {
  std::string_view keyword;
  std::size_t end = keyword_end(line, keyword);
  return keyword.find("USAGE") != std::string_view::npos ? end : 0;
}

UsageComments extract_usage_comments(std::string_view script) {
  UsageComments out;
  bool started = false;
  for_each_line(script, [&](std::string_view line, std::uint32_t line_no) {
    std::string_view keyword;
    std::size_t end = keyword_end(line, keyword);
    if (end == 0) return !started || is_blank_comment(line);  // any other line ends the spec
    std::size_t body = end;
    while (body < line.size() && is_blank(line[body])) ++body;
    std::string_view text = line.substr(body);
    while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
    if (keyword.find("MISE") != std::string_view::npos && looks_like_entry(text)) return true;  // a header entry
    started = true;
    if (!out.lines.empty()) out.spec += '\n';
    out.spec += text;
    out.lines.push_back({line_no, column_of_byte(line, body) - 1});
    return true;
  });
  return out;
}

}  // namespace mise_audit
