// The only translation unit that includes toml++ (its header-only mode compiles slowly, and the
// unreleased TOML 1.1 features mise relies on are only available header-only).
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_UNRELEASED_FEATURES 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
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

}  // namespace

TomlParseResult parse_toml(std::string_view text, FileId file) {
  TomlParseResult result;
  toml::parse_result parsed = toml::parse(text, std::string_view{});
  if (!parsed) {
    const toml::parse_error& err = parsed.error();
    result.error = std::string(err.description());
    result.error_span = to_span(err.source(), file);
    if (result.error_span.begin.line == 0) result.error_span.begin = {1, 1};
    return result;
  }
  result.ok = true;
  convert_table(parsed.table(), file, result.root, 0);
  result.root.span = SourceSpan{file, {1, 1}, {1, 1}};
  return result;
}

}  // namespace mise_audit
