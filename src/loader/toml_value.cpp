#include "mise_audit/toml_value.h"

namespace mise_audit {

const TomlValue* TomlValue::find(std::string_view key) const {
  const TomlEntry* e = find_entry(key);
  return e ? &e->value : nullptr;
}

const TomlEntry* TomlValue::find_entry(std::string_view key) const {
  for (const TomlEntry& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const char* toml_kind_name(TomlValue::Kind kind) {
  switch (kind) {
    case TomlValue::Kind::String: return "string";
    case TomlValue::Kind::Integer: return "integer";
    case TomlValue::Kind::Float: return "float";
    case TomlValue::Kind::Boolean: return "boolean";
    case TomlValue::Kind::DateTime: return "datetime";
    case TomlValue::Kind::Array: return "array";
    case TomlValue::Kind::Table: return "table";
  }
  return "value";
}

static void quote_into(std::string& out, const std::string& s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  out += '"';
}

std::string toml_value_to_display(const TomlValue& v) {
  std::string out;
  switch (v.kind) {
    case TomlValue::Kind::String: quote_into(out, v.string); break;
    case TomlValue::Kind::Array:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        out += toml_value_to_display(v.items[i]);
      }
      out += ']';
      break;
    case TomlValue::Kind::Table:
      out += '{';
      for (std::size_t i = 0; i < v.entries.size(); ++i) {
        out += i ? ", " : " ";
        out += v.entries[i].key + " = " + toml_value_to_display(v.entries[i].value);
      }
      out += v.entries.empty() ? "}" : " }";
      break;
    default: out += v.string; break;
  }
  return out;
}

}  // namespace mise_audit
