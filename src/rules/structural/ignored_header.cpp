// ignored-header: a comment line in a file task that is meant as a `#MISE key=value` header but
// is spelled in a way mise 2026.9.15 ignores (lower case, a typo, indented, `#MISE:`, …).
#include <algorithm>
#include <deque>
#include <fmt/format.h>
#include <set>
#include <string>

#include "core/columns.h"
#include "fix/dependency_edits.h"
#include "loader/file_task_header.h"
#include "mise_audit/rule.h"
#include "mise_audit/toml_value.h"
#include "rules/structural/header_near_miss.h"

namespace mise_audit {
namespace {

// One value a header entry sets: its dotted key path (tables are merged key by key, so `env.A`
// and `env.B` are two settings) and the line of the entry.
struct HeaderSetting {
  std::string path;
  std::uint32_t line = 0;
  const TomlValue* value = nullptr;
};

void add_settings(const TomlValue& table, const std::string& prefix, std::uint32_t line,
                  std::vector<HeaderSetting>& out) {
  for (const TomlEntry& e : table.entries) {
    std::string path = prefix.empty() ? e.key : prefix + "." + e.key;
    if (e.value.is_table()) add_settings(e.value, path, line, out);
    else out.push_back({path, line, &e.value});
  }
}

bool overlaps(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  return b.starts_with(a) && (a.size() == b.size() || b[a.size()] == '.');
}

// The strings of a `depends = "a"` or `["a", "b"]` value, or nullopt for any other shape.
std::optional<std::vector<std::string>> string_list(const TomlValue& v) {
  if (v.is_string()) return std::vector<std::string>{v.string};
  if (!v.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const TomlValue& item : v.items) {
    if (!item.is_string()) return std::nullopt;
    out.push_back(item.string);
  }
  return out;
}

class IgnoredHeader final : public Rule {
 public:
  const char* id() const override { return "ignored-header"; }

  void check(RuleContext& ctx) const override {
    std::set<FileId> seen;
    for (const Task& t : ctx.project.tasks) {
      if (t.script_file == kNoFile || !seen.insert(t.script_file).second) continue;
      const std::string& text = ctx.project.sources.file(t.script_file).text;
      auto lines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n') + 1);
      for (std::uint32_t n = 1; n <= lines; ++n) {
        std::string_view line = ctx.project.sources.line_text(t.script_file, n);
        if (auto miss = header_near_miss(line)) report(ctx, t, n, line, *miss);
      }
      report_overridden(ctx, t, text);
    }
  }

 private:
  // A key set on two header lines: tables merge, but any other value is replaced, so mise keeps
  // only the last line's (CONTRIBUTING §5.3) and the earlier one does nothing.
  void report_overridden(RuleContext& ctx, const Task& t, const std::string& text) const {
    std::deque<TomlParseResult> parsed;  // owns the values the settings point into
    std::vector<HeaderSetting> settings;
    for_each_header_entry(text, [&](const HeaderEntryText& e) {
      if (!e.closed) return false;
      parsed.push_back(parse_toml(e.text, kNoFile));
      if (!parsed.back().ok) return false;  // toml-syntax reports it; mise reads no further
      add_settings(parsed.back().root, "", e.lines.front().file_line, settings);
      return true;
    });
    std::set<std::uint32_t> reported;
    for (std::size_t i = 0; i < settings.size(); ++i) {
      const HeaderSetting& early = settings[i];
      for (std::size_t j = settings.size(); j-- > i + 1;) {
        const HeaderSetting& late = settings[j];
        if (late.line == early.line || !overlaps(early.path, late.path)) continue;
        if (reported.insert(early.line).second) report_overridden(ctx, t, early, late);
        break;
      }
    }
  }

  void report_overridden(RuleContext& ctx, const Task& t, const HeaderSetting& early, const HeaderSetting& late) const {
    std::string_view line = ctx.project.sources.line_text(t.script_file, early.line);
    std::string help = fmt::format("keep one `{}` line (mise uses line {}'s)", early.path, late.line);
    auto a = string_list(*early.value), b = string_list(*late.value);
    if (a && b && early.path == late.path && (early.value->is_array() || late.value->is_array())) {
      std::vector<std::string> all = *a;
      for (const std::string& s : *b)
        if (std::find(all.begin(), all.end(), s) == all.end()) all.push_back(s);
      std::string items;
      for (const std::string& s : all) items += (items.empty() ? "" : ", ") + toml_quoted(s, '"');
      help = fmt::format("set `{}` on one line, e.g. `#MISE {}=[{}]` in place of both", early.path, early.path, items);
    }
    ctx.report(SourceSpan{t.script_file, {early.line, 1}, {early.line, column_of_byte(line, line.size())}},
               fmt::format("mise ignores `{}` on this header line of task \"{}\": line {} sets it again, and mise "
                           "keeps only the last",
                           early.path, t.display_name, late.line),
               help).task = t.name;
  }

  void report(RuleContext& ctx, const Task& t, std::uint32_t line_no, std::string_view line, const HeaderNearMiss& m) const {
    ctx.report(SourceSpan{t.script_file, {line_no, 1}, {line_no, column_of_byte(line, line.size())}},
               fmt::format("mise ignores this header line of task \"{}\": {}", t.display_name, m.why),
               fmt::format("write it as `#MISE {}`", m.entry)).task = t.name;
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(IgnoredHeader);
}  // namespace mise_audit
