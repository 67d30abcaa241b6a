// hardcoded-secret: a literal token in a config or task script (`pypi-…`, `ghp_…`,
// `github_pat_…`, `npm_…`, `*_TOKEN = "literal"`). Anyone who can read the repository can publish
// as the project. Messages never repeat the secret. Names of secrets (references to a vault,
// ALL_CAPS names, words) and low-entropy values are not secrets.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/string_span.h"
#include "release/release_queries.h"
#include "release/role_book.h"

namespace mise_audit {
namespace {

bool token_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct Hit {
  std::size_t offset = 0;  // byte offset of the secret in the text
  std::string secret;
  std::string kind;        // "a PyPI token (pypi-…)" / "`PYPI_TOKEN`"
  // A token's own prefix (`pypi-`, `ghp_`) is certain; a literal under a secret-looking key
  // (`PYPI_TOKEN = "…"`) may still be a placeholder we did not recognise.
  Confidence confidence = Confidence::Medium;
};

bool placeholder(const RoleBook& book, std::string_view value) {
  std::string low(value);
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(book.secret_placeholders.begin(), book.secret_placeholders.end(),
                     [&](const std::string& p) { return low.find(p) != std::string::npos; });
}

// Shannon entropy of the characters, in bits per character.
double entropy(std::string_view v) {
  if (v.empty()) return 0;
  std::array<std::size_t, 256> count{};
  for (char c : v) ++count[static_cast<unsigned char>(c)];
  double bits = 0;
  for (std::size_t n : count)
    if (n) {
      double p = static_cast<double>(n) / static_cast<double>(v.size());
      bits -= p * std::log2(p);
    }
  return bits;
}

// A word, as people write them: `pypi`, `PyPI`, `Token`, `TOKEN` (not `kQxZpLmN`).
bool word(std::string_view w) {
  auto up = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  if (w.empty() || !std::all_of(w.begin(), w.end(), alpha)) return false;
  std::size_t uppers = static_cast<std::size_t>(std::count_if(w.begin(), w.end(), up));
  return uppers == 0 || uppers == w.size() || (uppers == 1 && up(w[0])) ||
         (w.size() <= 6 && uppers <= 2);  // short brand names: PyPI, GitHub
}

// The name of a secret rather than the secret: a reference to a store (`op://vault/item`,
// `${{ secrets.PYPI }}`), an ALL_CAPS name (`PYPI_TOKEN`), words joined by separators
// (`pypi-publish-token`, `Engineering/PyPI Token`), or too little entropy for a token.
bool identifier_like(const RoleBook& book, std::string_view v) {
  if (std::any_of(book.secret_references.begin(), book.secret_references.end(),
                  [&](const std::string& r) { return v.find(r) != std::string_view::npos; }))
    return true;
  // An ALL_CAPS name has an underscore or no digit: `RELEASE_TOKEN`, `PYPI_TOKEN_2`, not `Q7XK2M9PLR4TZ8WB`.
  bool caps = !v.empty() && std::isupper(static_cast<unsigned char>(v[0])) &&
              std::all_of(v.begin(), v.end(), [](char c) {
                return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
              }) &&
              (v.find('_') != std::string_view::npos ||
               std::none_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }));
  if (caps) return true;
  bool words = true;
  for (std::size_t at = 0; at <= v.size() && words;) {
    std::size_t end = v.find_first_of("-_./: ", at);
    if (end == std::string_view::npos) end = v.size();
    if (end > at) words = word(v.substr(at, end - at));
    at = end + 1;
  }
  return words || entropy(v) < book.secret_min_entropy;
}

bool literal_secret(const RoleBook& book, std::string_view v) {
  return v.size() >= 8 && v.find('$') == std::string_view::npos && !placeholder(book, v) && !identifier_like(book, v);
}

bool secret_key(const RoleBook& book, const std::string& key) {
  std::string k = upper(key);
  return std::any_of(book.secret_keys.begin(), book.secret_keys.end(), [&](const std::string& s) { return k.ends_with(s) && k.size() > s.size(); });
}

// Can a TOML file hold anything the tree walk below reports? Every string value and key is in
// the raw text as written unless it uses a \u, \U or \x escape, so a text without a token
// prefix, a secret key name and such escapes needs no second parse.
bool may_hold_secret(const RoleBook& book, std::string_view text) {
  if (text.find("\\u") != std::string_view::npos || text.find("\\U") != std::string_view::npos ||
      text.find("\\x") != std::string_view::npos)
    return true;
  for (const SecretPrefix& p : book.secret_prefixes)
    if (text.find(p.prefix) != std::string_view::npos) return true;
  // Secret key names ("_TOKEN", …) in any case; they all start with '_'.
  for (std::size_t at = text.find('_'); at != std::string_view::npos; at = text.find('_', at + 1))
    for (const std::string& key : book.secret_keys) {
      if (key.empty() || key[0] != '_' || text.size() - at < key.size()) continue;
      bool same = true;
      for (std::size_t k = 1; k < key.size() && same; ++k)
        same = std::toupper(static_cast<unsigned char>(text[at + k])) == std::toupper(static_cast<unsigned char>(key[k]));
      if (same) return true;
    }
  return false;
}

// Known token shapes and KEY=literal assignments in free text (scripts, run strings).
std::vector<Hit> scan_text(const RoleBook& book, std::string_view text) {
  std::vector<Hit> hits;
  for (const SecretPrefix& p : book.secret_prefixes) {
    for (std::size_t at = text.find(p.prefix); at != std::string_view::npos; at = text.find(p.prefix, at + 1)) {
      if (at > 0 && token_char(text[at - 1])) continue;
      std::size_t end = at + p.prefix.size();
      while (end < text.size() && token_char(text[end])) ++end;
      if (end - at - p.prefix.size() < p.min) continue;
      std::string secret(text.substr(at, end - at));
      if (placeholder(book, secret) || entropy(std::string_view(secret).substr(p.prefix.size())) < book.secret_min_entropy) continue;
      hits.push_back({at, secret, "a token (`" + p.prefix + "…`)", Confidence::High});
    }
  }
  for (std::size_t eq = text.find('='); eq != std::string_view::npos; eq = text.find('=', eq + 1)) {
    std::size_t b = eq;
    while (b > 0 && (std::isalnum(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '_')) --b;
    std::string key(text.substr(b, eq - b));
    if (key.empty() || !secret_key(book, key)) continue;
    std::size_t v = eq + 1;
    char quote = v < text.size() && (text[v] == '"' || text[v] == '\'') ? text[v] : 0;
    if (quote) ++v;
    std::size_t e = v;
    while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e])) && text[e] != quote && text[e] != ';') ++e;
    std::string_view value = text.substr(v, e - v);
    if (!literal_secret(book, value)) continue;
    bool dup = std::any_of(hits.begin(), hits.end(), [&](const Hit& h) { return h.offset == v; });
    if (!dup) hits.push_back({v, std::string(value), "`" + key + "`"});
  }
  return hits;
}

class HardcodedSecret final : public Rule {
 public:
  const char* id() const override { return "hardcoded-secret"; }

  void check(RuleContext& ctx) const override {
    const RoleBook& book = ctx.roles;
    const SourceManager& sources = ctx.project.sources;
    for (FileId f = 0; f < sources.size(); ++f) {
      const SourceFile& file = sources.file(f);
      if (file.text.empty()) continue;
      if (file.path.ends_with(".toml")) {
        if (!may_hold_secret(book, file.text)) continue;
        TomlParseResult parsed = parse_toml(file.text, f);
        if (parsed.ok) walk(ctx, book, parsed.root, "", f);
      } else {
        for (const Hit& h : scan_text(book, file.text)) {
          std::uint32_t line = 1 + static_cast<std::uint32_t>(std::count(file.text.begin(), file.text.begin() + static_cast<std::ptrdiff_t>(h.offset), '\n'));
          std::size_t bol = file.text.rfind('\n', h.offset);
          std::uint32_t col = static_cast<std::uint32_t>(h.offset - (bol == std::string::npos ? 0 : bol + 1)) + 1;
          report(ctx, h, SourceSpan{f, {line, col}, {line, col + static_cast<std::uint32_t>(h.secret.size())}}, "");
        }
      }
    }
  }

 private:
  void walk(RuleContext& ctx, const RoleBook& book, const TomlValue& v, const std::string& key, FileId f) const {
    if (v.is_table()) {
      for (const TomlEntry& e : v.entries) {
        if (key == "env" && secret_key(book, e.key)) {
          const TomlValue* s = e.value.is_string() ? &e.value : e.value.is_table() ? e.value.find("value") : nullptr;
          if (s && s->is_string() && literal_secret(book, s->string)) {
            report(ctx, Hit{0, s->string, "`" + e.key + "`"}, locate_in_string(ctx.project.sources, s->span, 0, s->string.substr(0, 4)), "");
            continue;
          }
        }
        walk(ctx, book, e.value, e.key, f);
      }
      return;
    }
    if (v.is_array()) {
      for (const TomlValue& i : v.items) walk(ctx, book, i, key, f);
      return;
    }
    if (!v.is_string()) return;
    for (const Hit& h : scan_text(book, v.string)) {
      std::uint32_t line = static_cast<std::uint32_t>(std::count(v.string.begin(), v.string.begin() + static_cast<std::ptrdiff_t>(h.offset), '\n'));
      std::string needle = h.secret.substr(0, std::min<std::size_t>(h.secret.size(), 12));
      report(ctx, h, locate_in_string(ctx.project.sources, v.span, line, needle), "");
    }
  }

  void report(RuleContext& ctx, const Hit& h, SourceSpan span, std::string task) const {
    Diagnostic& d = ctx.report({}, {});
    d.task = std::move(task);
    d.span = span;
    d.message = fmt::format("{} holds a literal secret ({}): anyone who can read this file can use it", h.kind, mask_secret(h.secret));
    d.help = "revoke it, then read it from the environment (CI secrets, an untracked `_.file`, a secret manager) instead";
    d.redact_span = true;
    d.confidence = h.confidence;
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(HardcodedSecret);
}  // namespace mise_audit
