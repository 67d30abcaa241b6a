// min-version: a config's `min_version` asks for a newer mise than 2026.9.15, the one modelled.
// A plain (hard) version makes that mise refuse the whole config; `{ soft = "…" }` only warns.
#include <fmt/format.h>
#include <optional>
#include <vector>

#include "mise_audit/rule.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {
namespace {

constexpr int kModelled[] = {2026, 9, 15};

// The numeric release parts of "2026.10.1" ({2026, 10, 1}); a pre-release ("-rc.1") sorts before
// its release. Nothing for a version mise does not read as one ("abc" is accepted silently).
std::optional<std::vector<int>> release_parts(std::string_view v) {
  std::vector<int> parts;
  std::size_t i = 0;
  while (i < v.size()) {
    int n = 0;
    std::size_t start = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9' && n < 100000) n = n * 10 + (v[i++] - '0');
    if (i == start) return std::nullopt;
    parts.push_back(n);
    if (i == v.size() || v[i] == '-' || v[i] == '+') break;
    if (v[i] != '.') return std::nullopt;
    ++i;
  }
  if (parts.empty()) return std::nullopt;
  return parts;
}

bool newer_than_modelled(std::string_view v) {
  auto parts = release_parts(v);
  if (!parts) return false;
  for (std::size_t k = 0; k < 3; ++k) {
    int p = k < parts->size() ? (*parts)[k] : 0;
    if (p != kModelled[k]) return p > kModelled[k];
  }
  return false;
}

class MinVersion final : public Rule {
 public:
  const char* id() const override { return "min-version"; }

  void check(RuleContext& ctx) const override {
    for (FileId f : ctx.project.config_files) {
      const std::string& text = ctx.project.sources.file(f).text;
      if (text.find("min_version") == std::string::npos) continue;  // parse again only where it is
      TomlParseResult doc = parse_toml(text, f);
      const TomlValue* mv = doc.ok ? doc.root.find("min_version") : nullptr;
      if (!mv) continue;
      if (mv->is_string()) hard(ctx, *mv);
      if (mv->is_table()) {
        if (const TomlValue* h = mv->find("hard"); h && h->is_string()) hard(ctx, *h);
        if (const TomlValue* s = mv->find("soft"); s && s->is_string() && newer_than_modelled(s->string))
          ctx.report(s->span,
                     fmt::format("`min_version` recommends mise {}: mise 2026.9.15 and older warn \"mise version {} is "
                                 "recommended\" on every command, and run",
                                 s->string, s->string)).severity = Severity::Note;
      }
    }
  }

 private:
  void hard(RuleContext& ctx, const TomlValue& v) const {
    if (!newer_than_modelled(v.string)) return;
    ctx.report(v.span,
               fmt::format("`min_version` requires mise {}: mise 2026.9.15 (the version mise-audit models) and every "
                           "older mise refuse the whole config, so no task runs",
                           v.string),
               "make sure every machine and CI runner has that mise; `min_version = { soft = \"…\" }` only warns");
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MinVersion);
}  // namespace mise_audit
