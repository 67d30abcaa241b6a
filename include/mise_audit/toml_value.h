// A positioned TOML tree of our own. toml++ stays inside src/loader/toml_parse.cpp; everything
// else reads this tree, whose tables keep source order (toml++'s are key-sorted maps).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mise_audit/source.h"

namespace mise_audit {

struct TomlEntry;

struct TomlValue {
  enum class Kind : std::uint8_t { String, Integer, Float, Boolean, DateTime, Array, Table };

  Kind kind = Kind::Table;
  SourceSpan span;
  std::string string;  // String; DateTime as written
  std::int64_t integer = 0;
  double floating = 0;
  bool boolean = false;
  std::vector<TomlValue> items;    // Array
  std::vector<TomlEntry> entries;  // Table, in source order

  bool is_string() const { return kind == Kind::String; }
  bool is_table() const { return kind == Kind::Table; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_bool() const { return kind == Kind::Boolean; }
  const TomlValue* find(std::string_view key) const;
  TomlValue* find(std::string_view key) { return const_cast<TomlValue*>(std::as_const(*this).find(key)); }
  const TomlEntry* find_entry(std::string_view key) const;
};

struct TomlEntry {
  std::string key;
  SourceSpan key_span;
  TomlValue value;
};

// "string", "integer", "float", "boolean", "datetime", "array", "table"
const char* toml_kind_name(TomlValue::Kind kind);

struct TomlParseResult {
  bool ok = false;
  TomlValue root;         // when ok
  SourceSpan error_span;  // when !ok
  std::string error;      // when !ok, toml++'s description
};

// Parses TOML 1.1 (as mise does: newlines and trailing commas in inline tables).
TomlParseResult parse_toml(std::string_view text, FileId file);

// Renders a value back as compact TOML/JSON-like text, for messages and `tasks --json`.
std::string toml_value_to_display(const TomlValue& v);

}  // namespace mise_audit
