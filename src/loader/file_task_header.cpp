#include "loader/file_task_header.h"
#include "core/stage_rules.h"

#include <cctype>
#include <fmt/format.h>
#include <string>

namespace mise_audit {

// Lines must start at column 0.
std::size_t header_prefix_length(std::string_view line) {
  std::size_t i;
  if (line.substr(0, 1) == "#") i = 1;
  else if (line.substr(0, 2) == "//" || line.substr(0, 2) == "::") i = 2;
  else return 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (line.substr(i, 4) == "MISE") i += 4;
  else if (line.substr(i, 6) == "[MISE]") i += 6;
  else return 0;
  if (i >= line.size() || line[i] != ' ') return 0;
  return i + 1;
}

// "key = value" where key is a TOML bare/dotted key (upper case too: the binary accepts it).
bool looks_like_entry(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' ||
                             text[i] == '.' || text[i] == '-'))
    ++i;
  if (i == 0) return false;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i < text.size() && text[i] == '=';
}

namespace {

// Does the TOML fragment leave a bracket, brace or multi-line string open?
bool is_open(std::string_view text) {
  int depth = 0;
  bool in_basic = false, in_literal = false, in_ml_basic = false, in_ml_literal = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_ml_basic) { if (text.substr(i, 3) == "\"\"\"") { in_ml_basic = false; i += 2; } else if (c == '\\') ++i; continue; }
    if (in_ml_literal) { if (text.substr(i, 3) == "'''") { in_ml_literal = false; i += 2; } continue; }
    if (in_basic) { if (c == '\\') ++i; else if (c == '"' || c == '\n') in_basic = false; continue; }
    if (in_literal) { if (c == '\'' || c == '\n') in_literal = false; continue; }
    if (text.substr(i, 3) == "\"\"\"") { in_ml_basic = true; i += 2; continue; }
    if (text.substr(i, 3) == "'''") { in_ml_literal = true; i += 2; continue; }
    if (c == '"') in_basic = true;
    else if (c == '\'') in_literal = true;
    else if (c == '#') { while (i < text.size() && text[i] != '\n') ++i; }
    else if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') --depth;
  }
  return depth > 0 || in_ml_basic || in_ml_literal;
}

using LineMap = HeaderEntryText::Line;

void remap(SourceSpan& s, FileId file, const std::vector<LineMap>& map) {
  auto fix = [&](SourcePos& p) {
    if (p.line == 0 || p.line > map.size()) return;
    const LineMap& m = map[p.line - 1];
    p.column += m.column_offset;
    p.line = m.file_line;
  };
  s.file = file;
  fix(s.begin);
  fix(s.end);
}

void remap_tree(TomlValue& v, FileId file, const std::vector<LineMap>& map) {
  remap(v.span, file, map);
  for (TomlValue& item : v.items) remap_tree(item, file, map);
  for (TomlEntry& e : v.entries) {
    remap(e.key_span, file, map);
    remap_tree(e.value, file, map);
  }
}

// Repeated dotted keys deep-merge tables; any other repeated key: the last value wins.
void merge_into(TomlValue& dst, TomlValue&& src) {
  for (TomlEntry& e : src.entries) {
    TomlEntry* existing = nullptr;
    for (TomlEntry& d : dst.entries)
      if (d.key == e.key) existing = &d;
    if (existing && existing->value.is_table() && e.value.is_table()) {
      merge_into(existing->value, std::move(e.value));
    } else if (existing) {
      existing->value = std::move(e.value);
      existing->key_span = e.key_span;
    } else {
      dst.entries.push_back(std::move(e));
    }
  }
}

std::uint32_t code_points(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

void for_each_header_entry(std::string_view script, const std::function<bool(const HeaderEntryText&)>& visit) {
  HeaderEntryText entry;
  std::uint32_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= script.size()) {
    std::size_t nl = script.find('\n', pos);
    std::string_view line = script.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    std::size_t prefix = header_prefix_length(line);
    if (prefix > 0) {
      std::string_view body = line.substr(prefix);
      std::uint32_t offset = code_points(line.substr(0, prefix));
      if (!entry.text.empty()) {  // a continuation of an open multi-line value
        entry.text += '\n';
        entry.text += body;
        entry.lines.push_back({line_no, offset});
      } else if (looks_like_entry(body)) {
        entry.text = std::string(body);
        entry.lines.push_back({line_no, offset});
      }
      if (!entry.text.empty() && !is_open(entry.text)) {
        if (!visit(entry)) return;
        entry = HeaderEntryText{};
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (!entry.text.empty()) {
    entry.closed = false;
    visit(entry);
  }
}

FileTaskHeader parse_file_task_header(std::string_view script, FileId file, const std::string& task,
                                      std::vector<Diagnostic>& diags) {
  FileTaskHeader header;
  header.table.kind = TomlValue::Kind::Table;
  header.table.span = SourceSpan{file, {1, 1}, {1, 1}};
  for_each_header_entry(script, [&](const HeaderEntryText& entry) {
    if (!entry.closed) {
      SourceSpan span{file, {entry.lines.front().file_line, 1}, {entry.lines.front().file_line, 1}};
      diags.push_back(stage_finding(StageRule::TomlSyntax, span,
                                    "task header value is never closed (missing `]`, `}` or closing quotes); mise refuses every task",
                                    "",
                                    task));
      header.failed = true;
      return false;
    }
    TomlParseResult parsed = parse_toml(entry.text, file);
    if (!parsed.ok) {
      remap(parsed.error_span, file, entry.lines);
      diags.push_back(stage_finding(StageRule::TomlSyntax, parsed.error_span,
                                    fmt::format("invalid task header TOML: {}; mise refuses every task", parsed.error),
                                    "",
                                    task));
      header.failed = true;
      return false;  // mise stops at the first header it cannot parse: one finding
    }
    remap_tree(parsed.root, file, entry.lines);
    merge_into(header.table, std::move(parsed.root));
    return true;
  });
  return header;
}

}  // namespace mise_audit
