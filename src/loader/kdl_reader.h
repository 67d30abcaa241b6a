// A reader for the part of KDL 2 that usage specs are written in (CONTRIBUTING §5.4): nodes with
// arguments, `key=value` properties and `{ … }` child blocks; identifier, quoted, multi-line and
// raw strings; numbers; #true / #false / #null; `//`, `/* */` and `/-` comments; `\` line
// continuations. Debian has no KDL library. It reports the first syntax error, with its position,
// and never throws. Checked against `mise tasks validate` (tests/fixtures/usage-specs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

struct KdlPos {
  std::uint32_t line = 1;    // 1-based, within the text read
  std::uint32_t column = 1;  // 1-based, in code points
};

struct KdlValue {
  enum class Kind : std::uint8_t { String, Number, Bool, Null };
  Kind kind = Kind::String;
  std::string text;  // a string's value; a number, bool or null as written
  KdlPos pos;
};

struct KdlProp {
  std::string key;
  KdlValue value;
  KdlPos pos;  // the key
};

struct KdlNode {
  std::string name;
  KdlPos pos;
  std::vector<KdlValue> args;
  std::vector<KdlProp> props;  // in order; a repeated key keeps both (the last one wins in mise)
  std::vector<KdlNode> children;
};

struct KdlError {
  std::string message;
  KdlPos pos;
};

struct KdlDocument {
  std::vector<KdlNode> nodes;
  std::optional<KdlError> error;  // the first syntax error; `nodes` is then partial
};

KdlDocument read_kdl(std::string_view text);

}  // namespace mise_audit
