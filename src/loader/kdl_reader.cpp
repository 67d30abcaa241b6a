#include "loader/kdl_reader.h"

#include <cctype>

namespace mise_audit {
namespace {

// The code point at `s[i]` and its byte length (a stray byte counts as itself).
std::pair<char32_t, std::size_t> code_point(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + n > s.size()) return {b, 1};
  char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {c, n};
}

bool is_unicode_space(char32_t c) {
  return c == '\t' || c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_newline(char32_t c) { return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029; }

// Characters an identifier string cannot hold (KDL 2 §3.10), besides spaces and newlines.
bool is_identifier_char(char32_t c) {
  if (c < 0x20 || c == 0x7F || is_unicode_space(c) || is_newline(c)) return false;
  for (char d : std::string_view("\\/(){};[]\"#=")) if (c == static_cast<char32_t>(d)) return false;
  return true;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  KdlDocument run() {
    KdlDocument doc;
    nodes(doc.nodes, nullptr);
    doc.error = std::move(error_);
    return doc;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  KdlPos pos_;
  std::optional<KdlError> error_;
  int depth_ = 0;  // child blocks open: a hostile spec must not exhaust the stack

  struct Mark { std::size_t i; KdlPos pos; };
  Mark mark() const { return {i_, pos_}; }
  void reset(Mark m) { i_ = m.i; pos_ = m.pos; }

  bool failed() const { return error_.has_value(); }
  void fail(std::string message, KdlPos at) {
    if (!error_) error_ = KdlError{std::move(message), at};
  }
  bool eof() const { return i_ >= s_.size(); }
  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool at(std::string_view t) const { return s_.substr(i_).starts_with(t); }
  char32_t cp() const { return eof() ? 0 : code_point(s_, i_).first; }

  // Advances one code point (a CRLF pair is one newline).
  void step() {
    if (eof()) return;
    auto [c, n] = code_point(s_, i_);
    if (c == '\r' && peek(1) == '\n') n = 2;
    i_ += n;
    if (is_newline(c)) { ++pos_.line; pos_.column = 1; }
    else ++pos_.column;
  }
  void step(std::size_t n) { for (std::size_t k = 0; k < n; ++k) step(); }

  bool newline() const { return !eof() && is_newline(cp()); }

  void line_comment() { while (!eof() && !newline()) step(); }

  bool block_comment() {
    KdlPos start = pos_;
    step(2);
    for (int depth = 1; depth > 0;) {
      if (eof()) { fail("Unclosed block comment", start); return false; }
      if (at("/*")) { ++depth; step(2); }
      else if (at("*/")) { --depth; step(2); }
      else step();
    }
    return true;
  }

  // Spaces, block comments and `\` line continuations between a node's entries.
  bool node_space() {
    bool any = false;
    while (!eof() && !failed()) {
      if (is_unicode_space(cp())) { step(); any = true; }
      else if (at("/*")) { if (!block_comment()) return any; any = true; }
      else if (peek() == '\\') {
        KdlPos at_backslash = pos_;
        step();
        while (!eof() && is_unicode_space(cp())) step();
        if (at("//")) line_comment();
        if (newline()) step();
        else if (!eof()) { fail("Expected newline after line continuation", at_backslash); return any; }
        any = true;
      } else break;
    }
    return any;
  }

  void line_space() {
    while (!eof() && !failed()) {
      if (node_space()) continue;
      if (newline()) step();
      else if (at("//")) line_comment();
      else break;
    }
  }

  void nodes(std::vector<KdlNode>& out, const KdlPos* open_brace) {
    while (!failed()) {
      line_space();
      if (failed()) return;
      if (eof()) {
        if (open_brace) fail("No closing '}' for child block", *open_brace);
        return;
      }
      if (peek() == '}') {
        if (open_brace) { step(); return; }
        fail("Expected end of document", pos_);
        return;
      }
      bool dropped = false;
      if (at("/-")) {
        step(2);
        line_space();
        dropped = true;
      }
      KdlNode n;
      node(n, open_brace != nullptr);
      if (!dropped && !failed()) out.push_back(std::move(n));
    }
  }

  void node(KdlNode& n, bool in_block) {
    if (peek() == '{') { fail("Found child block instead of node name", pos_); return; }
    if (peek() == ';') { fail("Found invalid node name", pos_); return; }
    if (peek() == '(' && !type_annotation()) return;
    n.pos = pos_;
    std::optional<KdlValue> name = value();
    if (failed()) return;
    if (!name || name->kind != KdlValue::Kind::String) { fail("Found invalid node name", n.pos); return; }
    n.name = name->text;
    bool had_children = false;
    while (!failed()) {
      bool spaced = node_space();
      if (failed() || eof()) return;
      if (newline()) { step(); return; }
      if (peek() == ';') { step(); return; }
      if (at("//")) { line_comment(); return; }
      if (peek() == '}') {
        if (!in_block) fail("Expected end of document", pos_);
        return;
      }
      bool dropped = false;
      if (at("/-")) { step(2); node_space(); dropped = true; }
      if (peek() == '{') {
        if (had_children && !dropped) { fail("Expected end of document (a second child block)", pos_); return; }
        KdlPos brace = pos_;
        if (++depth_ > 64) { fail("child blocks nested more than 64 deep", brace); return; }
        step();
        std::vector<KdlNode> children;
        nodes(children, &brace);
        --depth_;
        if (!dropped) { n.children = std::move(children); had_children = true; }
        continue;
      }
      if (had_children) { fail("Expected end of node after its child block", pos_); return; }
      if (!spaced && !dropped) { fail("Expected whitespace before an argument or property", pos_); return; }
      entry(n, dropped);
    }
  }

  // An argument, or a `key=value` property (spaces around `=` are allowed).
  void entry(KdlNode& n, bool dropped) {
    KdlPos start = pos_;
    bool typed = peek() == '(';
    if (typed && !type_annotation()) return;
    std::optional<KdlValue> v = value();
    if (failed() || !v) return;
    Mark after = mark();
    node_space();
    if (peek() == '=') {
      if (v->kind != KdlValue::Kind::String || typed) { fail("Expected end of document (a property key cannot be typed or a number)", start); return; }
      step();
      node_space();
      if (eof() || newline() || peek() == ';' || peek() == '}' || peek() == '{') {
        fail("Expected property value", start);
        return;
      }
      if (peek() == '(' && !type_annotation()) return;
      std::optional<KdlValue> val = value();
      if (failed() || !val) return;
      if (!dropped) n.props.push_back({v->text, std::move(*val), start});
      return;
    }
    reset(after);
    if (!dropped) n.args.push_back(std::move(*v));
  }

  bool type_annotation() {
    KdlPos start = pos_;
    step();
    node_space();
    std::optional<KdlValue> t = value();
    if (failed()) return false;
    node_space();
    if (!t || t->kind != KdlValue::Kind::String || peek() != ')') { fail("Expected type annotation", start); return false; }
    step();
    node_space();
    return true;
  }

  // After a value: a space, a newline, `;`, `{`, `}`, `=`, `)`, a comment, `\` or the end.
  bool terminated() const {
    if (eof() || newline() || is_unicode_space(cp())) return true;
    char c = peek();
    return c == ';' || c == '{' || c == '}' || c == '=' || c == ')' || c == '\\' || at("//") || at("/*") || at("/-");
  }

  std::optional<KdlValue> value() {
    KdlValue v;
    v.pos = pos_;
    char c = peek();
    bool ok = c == '"'                                     ? quoted(v.text)
              : c == '#' && (peek(1) == '"' || peek(1) == '#') ? raw(v.text)
              : c == '#'                                   ? keyword(v)
              : starts_number()                            ? number(v)
                                                           : identifier(v);
    if (!ok) return std::nullopt;
    if (!terminated()) {
      fail("Expected identifier string (a value is not followed by a space or the end of the node)", v.pos);
      return std::nullopt;
    }
    return v;
  }

  bool starts_number() const {
    char c = peek();
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
    return (c == '+' || c == '-') && std::isdigit(static_cast<unsigned char>(peek(1)));
  }

  bool identifier(KdlValue& v) {
    KdlPos start = pos_;
    std::size_t from = i_;
    while (!eof() && is_identifier_char(cp())) step();
    v.text = std::string(s_.substr(from, i_ - from));
    if (v.text.empty()) {
      fail("Expected identifier string", start);
      return false;
    }
    std::string_view t = v.text;
    bool dot_digit = t.size() > 1 && t[0] == '.' && std::isdigit(static_cast<unsigned char>(t[1]));
    if (t == "true" || t == "false" || t == "null" || t == "inf" || t == "-inf" || t == "nan" || dot_digit) {
      fail("Expected identifier string (KDL 2 writes keywords as #true, #false, #null)", start);
      return false;
    }
    v.kind = KdlValue::Kind::String;
    return true;
  }

  bool keyword(KdlValue& v) {
    KdlPos start = pos_;
    std::size_t from = i_;
    step();
    while (!eof() && is_identifier_char(cp())) step();
    std::string_view k = s_.substr(from, i_ - from);
    v.text = std::string(k);
    if (k == "#true" || k == "#false") v.kind = KdlValue::Kind::Bool;
    else if (k == "#null") v.kind = KdlValue::Kind::Null;
    else if (k == "#inf" || k == "#-inf" || k == "#nan") v.kind = KdlValue::Kind::Number;
    else { fail("Expected a keyword (#true, #false, #null, #inf, #-inf, #nan)", start); return false; }
    return true;
  }

  bool number(KdlValue& v) {
    KdlPos start = pos_;
    std::size_t from = i_;
    if (peek() == '+' || peek() == '-') step();
    bool radix = peek() == '0' && (peek(1) == 'x' || peek(1) == 'o' || peek(1) == 'b');
    char base = radix ? peek(1) : 'd';
    if (radix) step(2);
    bool ok = true, seen_exp = false;
    while (!eof() && is_identifier_char(cp())) {
      char c = peek();
      bool digit = base == 'x' ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                   : base == 'o' ? (c >= '0' && c <= '7')
                   : base == 'b' ? (c == '0' || c == '1')
                                 : std::isdigit(static_cast<unsigned char>(c)) != 0;
      if (!digit && c != '_') {
        if (base == 'd' && (c == '.' || c == 'e' || c == 'E')) { seen_exp = seen_exp || c != '.'; }
        else if (base == 'd' && (c == '+' || c == '-') && seen_exp) {}
        else ok = false;
      }
      step();
    }
    v.text = std::string(s_.substr(from, i_ - from));
    v.kind = KdlValue::Kind::Number;
    if (!ok) fail("Expected a number", start);
    return ok;
  }

  // "…" and """…""" strings, escapes decoded.
  bool quoted(std::string& out) {
    KdlPos start = pos_;
    bool multi = at("\"\"\"");
    if (multi) {
      step(3);
      if (!newline()) { fail("Expected a newline after the opening \"\"\"", start); return false; }
    } else {
      step();
    }
    while (true) {
      if (eof()) { fail("Unclosed string", start); return false; }
      if (multi ? at("\"\"\"") : peek() == '"') { step(multi ? 3 : 1); break; }
      if (!multi && newline()) { fail("Unclosed string (a newline in a single-line string)", start); return false; }
      if (peek() == '\\') {
        char e = peek(1);
        if (is_unicode_space(static_cast<unsigned char>(e)) || e == '\n' || e == '\r') {
          step();
          while (!eof() && (is_unicode_space(cp()) || newline())) step();
          continue;
        }
        static const std::string_view kEscapes = "nrt\\\"bfs";
        std::size_t k = kEscapes.find(e);
        if (e != '\0' && k != std::string_view::npos) {
          out += "\n\r\t\\\"\b\f "[k];
          step(2);
          continue;
        }
        if (e == 'u' && peek(2) == '{') {
          step(3);
          std::size_t from = i_;
          while (std::isxdigit(static_cast<unsigned char>(peek()))) step();
          if (i_ == from || i_ - from > 6 || peek() != '}') { fail("Expected quoted string (invalid \\u{…} escape)", start); return false; }
          step();
          out += '?';  // the value is never needed exactly
          continue;
        }
        fail("Expected quoted string (invalid escape)", start);
        return false;
      }
      std::size_t from = i_;
      step();
      out.append(s_.substr(from, i_ - from));
    }
    if (multi) dedent(out);
    return true;
  }

  // #"…"#, ##"…"##, #"""…"""#: no escapes.
  bool raw(std::string& out) {
    KdlPos start = pos_;
    std::size_t hashes = 0;
    while (peek() == '#') { step(); ++hashes; }
    if (peek() != '"') { fail("Expected a raw string", start); return false; }
    bool multi = at("\"\"\"");
    std::string close = std::string(multi ? "\"\"\"" : "\"") + std::string(hashes, '#');
    step(multi ? 3 : 1);
    std::size_t end = s_.find(close, i_);
    if (end == std::string_view::npos) { fail("Unclosed raw string", start); return false; }
    out = std::string(s_.substr(i_, end - i_));
    while (i_ < end + close.size()) step();
    if (multi) dedent(out);
    return true;
  }

  // A multi-line string drops its first newline and the closing line's indentation from each line.
  static void dedent(std::string& s) {
    if (!s.empty() && s.front() == '\r') s.erase(0, 1);
    if (!s.empty() && s.front() == '\n') s.erase(0, 1);
    std::size_t last_nl = s.rfind('\n');
    std::string indent = last_nl == std::string::npos ? s : s.substr(last_nl + 1);
    s = last_nl == std::string::npos ? "" : s.substr(0, last_nl);
    std::string out;
    for (std::size_t pos = 0; pos <= s.size();) {
      std::size_t nl = s.find('\n', pos);
      std::string_view line = std::string_view(s).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      if (line.starts_with(indent)) line.remove_prefix(indent.size());
      out.append(line);
      if (nl == std::string::npos) break;
      out += '\n';
      pos = nl + 1;
    }
    s = std::move(out);
  }
};

}  // namespace

KdlDocument read_kdl(std::string_view text) { return Reader(text).run(); }

}  // namespace mise_audit
