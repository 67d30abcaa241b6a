// The only translation unit that includes toml++ (its header-only mode compiles slowly, and the
// unreleased TOML 1.1 features mise relies on are only available header-only).
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_UNRELEASED_FEATURES 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <optional>
#include <vector>
#include <cstdio>
#include <sstream>

#include "mise_audit/toml_value.h"

namespace mise_audit {
namespace {

SourcePos to_pos(const toml::source_position& p) { return SourcePos{p.line, p.column}; }

SourceSpan to_span(const toml::source_region& r, FileId file) {
  return SourceSpan{file, to_pos(r.begin), to_pos(r.end)};
}

void convert(const toml::node& node, FileId file, TomlValue& out, int depth);

void convert_table(const toml::table& table, FileId file, TomlValue& out, int depth) {
  out.kind = TomlValue::Kind::Table;
  out.entries.reserve(table.size());
  for (auto&& [key, value] : table) {
    TomlEntry& e = out.entries.emplace_back();
    e.key = std::string(key.str());
    e.key_span = to_span(key.source(), file);
    convert(value, file, e.value, depth + 1);
  }
  // toml++ keeps tables key-sorted; diagnostics and "first definition" logic want source order.
  std::stable_sort(out.entries.begin(), out.entries.end(), [](const TomlEntry& a, const TomlEntry& b) {
    return a.key_span.begin < b.key_span.begin;
  });
}

void convert(const toml::node& node, FileId file, TomlValue& out, int depth) {
  out.span = to_span(node.source(), file);
  switch (node.type()) {
    case toml::node_type::table:
      convert_table(*node.as_table(), file, out, depth);
      break;
    case toml::node_type::array: {
      out.kind = TomlValue::Kind::Array;
      const toml::array& arr = *node.as_array();
      out.items.resize(arr.size());
      for (std::size_t i = 0; i < arr.size(); ++i) convert(arr[i], file, out.items[i], depth + 1);
      break;
    }
    case toml::node_type::string:
      out.kind = TomlValue::Kind::String;
      out.string = node.as_string()->get();
      break;
    case toml::node_type::integer:
      out.kind = TomlValue::Kind::Integer;
      out.integer = node.as_integer()->get();
      out.string = std::to_string(out.integer);
      break;
    case toml::node_type::floating_point: {
      out.kind = TomlValue::Kind::Float;
      out.floating = node.as_floating_point()->get();
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", out.floating);
      out.string = buf;
      break;
    }
    case toml::node_type::boolean:
      out.kind = TomlValue::Kind::Boolean;
      out.boolean = node.as_boolean()->get();
      out.string = out.boolean ? "true" : "false";
      break;
    default: {  // date, time, date_time
      out.kind = TomlValue::Kind::DateTime;
      std::ostringstream ss;
      node.visit([&](auto&& v) { ss << v; });
      out.string = ss.str();
      break;
    }
  }
}

// Decodes one UTF-8 code point at `i` (advancing it); U+FFFD for a malformed sequence.
char32_t decode_utf8(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

// toml++ 3.3 asserts (Debug: abort; Release: undefined behaviour) on a table header whose key
// starts with anything but a key character or a quote: `[`, `[.]`, `[!]` (toml-test
// key/single-open-bracket, table/dot, table/dotdot, table/bare-invalid-character-01,
// table/no-close-04). This scan finds table headers (a `[` first on a line, outside strings,
// comments and open arrays/inline tables) and reports that case itself; everything else is
// left to toml++.
std::optional<SourcePos> bad_table_header(std::string_view text) {
  std::uint32_t line = 1, col = 1;
  int depth = 0;
  bool line_start = true;
  std::size_t i = 0;
  auto advance = [&](std::size_t n) {
    for (std::size_t k = 0; k < n && i < text.size(); ++k, ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '\n') { ++line; col = 1; line_start = true; }
      else if ((c & 0xC0) != 0x80) ++col;
    }
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r') { advance(1); continue; }
    if (c == '\n') { advance(1); continue; }
    if (c == '#') { while (i < text.size() && text[i] != '\n') advance(1); continue; }
    bool at_line_start = line_start;
    line_start = false;
    if (text.substr(i, 3) == "\"\"\"" || text.substr(i, 3) == "'''") {
      std::string_view q = text.substr(i, 3);
      advance(3);
      while (i < text.size() && text.substr(i, 3) != q) advance(c == '"' && text[i] == '\\' ? 2 : 1);
      advance(3);
      while (i < text.size() && text[i] == q[0]) advance(1);  // up to two quotes may end the string
      line_start = false;
      continue;
    }
    if (c == '"' || c == '\'') {
      advance(1);
      while (i < text.size() && text[i] != c && text[i] != '\n') advance(c == '"' && text[i] == '\\' ? 2 : 1);
      if (i < text.size() && text[i] == c) advance(1);
      continue;
    }
    if (c == '[' && depth == 0 && at_line_start) {
      advance(1);
      if (i < text.size() && text[i] == '[') advance(1);
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) advance(1);
      SourcePos pos{line, col};
      if (i >= text.size()) return pos;
      std::size_t j = i;
      char32_t cp = decode_utf8(text, j);
      if (cp == 0xFFFD) return std::nullopt;  // toml++ reports the invalid UTF-8 itself
      if (cp != U']' && !toml::impl::is_bare_key_character(cp) && !toml::impl::is_string_delimiter(cp)) return pos;
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    else if ((c == ']' || c == '}') && depth > 0) --depth;
    advance(1);
  }
  return std::nullopt;
}

// toml++ 3.3's is_non_ascii_horizontal_whitespace() reaches TOML_UNREACHABLE (undefined
// behaviour; UBSan stops there, found by tests/fuzz) for U+00A1–U+0499 and U+2C8E–U+3087
// (Latin-1 letters, Cyrillic, CJK punctuation) wherever whitespace may appear, e.g. `a = é`.
// Outside strings and comments such a character is an error for mise anyway, so it is
// reported here before toml++ sees it. Same lexing as bad_table_header().
std::optional<SourcePos> whitespace_check_hazard(std::string_view text) {
  std::uint32_t line = 1, col = 1;
  std::size_t i = 0;
  auto advance = [&](std::size_t n) {
    for (std::size_t k = 0; k < n && i < text.size(); ++k, ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '\n') { ++line; col = 1; }
      else if ((c & 0xC0) != 0x80) ++col;
    }
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '#') { while (i < text.size() && text[i] != '\n') advance(1); continue; }
    if (text.substr(i, 3) == "\"\"\"" || text.substr(i, 3) == "'''") {
      std::string_view q = text.substr(i, 3);
      advance(3);
      while (i < text.size() && text.substr(i, 3) != q) advance(c == '"' && text[i] == '\\' ? 2 : 1);
      advance(3);
      while (i < text.size() && text[i] == q[0]) advance(1);
      continue;
    }
    if (c == '"' || c == '\'') {
      advance(1);
      while (i < text.size() && text[i] != c && text[i] != '\n') advance(c == '"' && text[i] == '\\' ? 2 : 1);
      if (i < text.size() && text[i] == c) advance(1);
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t j = i;
      char32_t cp = decode_utf8(text, j);
      if ((cp > 0xA0 && cp <= 0x499) || (cp >= 0x2C8E && cp <= 0x3087 && cp != 0x3000)) return SourcePos{line, col};
    }
    advance(1);
  }
  return std::nullopt;
}

// mise's TOML 1.1 parser allows only ASCII letters, digits, `-` and `_` in bare keys; toml++'s
// unreleased-features mode also takes Unicode bare keys (toml-test key/special-character). A
// key with non-ASCII characters whose source does not start with a quote is such a bare key.
std::optional<SourcePos> unicode_bare_key(const TomlValue& v, std::string_view text,
                                          const std::vector<std::size_t>& line_starts) {
  for (const TomlEntry& e : v.entries) {
    bool ascii = std::all_of(e.key.begin(), e.key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    SourcePos p = e.key_span.begin;
    if (!ascii && p.line >= 1 && p.line <= line_starts.size()) {
      std::size_t i = line_starts[p.line - 1];
      for (std::uint32_t col = 1; col < p.column && i < text.size();) {  // columns count code points
        decode_utf8(text, i);
        ++col;
      }
      if (i < text.size() && text[i] != '"' && text[i] != '\'') return p;
    }
    if (auto bad = unicode_bare_key(e.value, text, line_starts)) return bad;
  }
  for (const TomlValue& item : v.items)
    if (auto bad = unicode_bare_key(item, text, line_starts)) return bad;
  return std::nullopt;
}

// mise's TOML parser (toml_edit) refuses values nested more than 80 levels deep ("recursion
// limit", confirmed with the binary for arrays, inline tables and table headers). toml++ only
// limits arrays and inline tables (to 256), not dotted keys or headers, so `a.a.a…` 100,000
// levels deep would overflow the stack in the recursive conversion below. Checked iteratively.
constexpr int kMaxNesting = 80;

const toml::node* too_deep(const toml::table& root) {
  std::vector<std::pair<const toml::node*, int>> stack;
  for (auto&& [key, value] : root) stack.emplace_back(&value, 1);
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (const toml::table* t = node->as_table()) {
      if (depth > kMaxNesting) return node;
      for (auto&& [key, value] : *t) stack.emplace_back(&value, depth + 1);
    } else if (const toml::array* a = node->as_array()) {
      if (depth > kMaxNesting) return node;
      for (const toml::node& item : *a) stack.emplace_back(&item, depth + 1);
    }
  }
  return nullptr;
}

}  // namespace

TomlParseResult parse_toml(std::string_view text, FileId file) {
  TomlParseResult result;
  if (auto pos = bad_table_header(text)) {
    result.error = "invalid table header: expected a key (a bare key or a quoted string) after `[`";
    result.error_span = SourceSpan{file, *pos, *pos};
    return result;
  }
  if (auto pos = whitespace_check_hazard(text)) {
    result.error = "unexpected character outside a string or comment (quote keys and strings that use non-ASCII letters)";
    result.error_span = SourceSpan{file, *pos, *pos};
    return result;
  }
  toml::parse_result parsed = toml::parse(text, std::string_view{});
  if (!parsed) {
    const toml::parse_error& err = parsed.error();
    result.error = std::string(err.description());
    result.error_span = to_span(err.source(), file);
    if (result.error_span.begin.line == 0) result.error_span.begin = {1, 1};
    return result;
  }
  if (const toml::node* deep = too_deep(parsed.table())) {
    result.error = "tables or arrays nested more than 80 levels deep (mise: \"recursion limit\")";
    result.error_span = to_span(deep->source(), file);
    if (result.error_span.begin.line == 0) result.error_span.begin = {1, 1};
    return result;
  }
  convert_table(parsed.table(), file, result.root, 0);
  std::vector<std::size_t> line_starts = {0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  if (auto pos = unicode_bare_key(result.root, text, line_starts)) {
    result = TomlParseResult{};
    result.error = "invalid unquoted key: bare keys may only contain ASCII letters, digits, `-` and `_` (quote it)";
    result.error_span = SourceSpan{file, *pos, *pos};
    return result;
  }
  result.ok = true;
  result.root.span = SourceSpan{file, {1, 1}, {1, 1}};
  return result;
}

}  // namespace mise_audit
