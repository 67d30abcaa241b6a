#include "suppression/suppression.h"
#include "core/stage_rules.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "config/config.h"
#include "fix/suppression_edits.h"
#include "mise_audit/rule.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {
namespace {

constexpr std::string_view kMarker = "mise-audit:";

std::uint32_t code_points(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

// A parsed `# mise-audit: …` comment on one line.
struct RawComment {
  bool file_wide = false;
  bool own_line = false;  // nothing but whitespace before the `#`
  std::uint32_t column = 0;
  std::vector<SuppressionEntry> rules;
  bool malformed = false;
  SourceSpan span;
};

// `#` starts a comment; in script files `//` does too (JavaScript file tasks).
bool parse_comment(std::string_view line, FileId file, std::uint32_t line_no, RawComment& out, bool slashes) {
  std::size_t hash = std::string_view::npos;
  for (std::string_view opener : {std::string_view("#"), std::string_view("//")}) {
    if (opener == "//" && (!slashes || hash != std::string_view::npos)) break;
    for (std::size_t pos = line.find(opener); pos != std::string_view::npos; pos = line.find(opener, pos + 1)) {
      std::size_t at = line.find_first_not_of(" \t", pos + opener.size());
      if (at != std::string_view::npos && line.substr(at, kMarker.size()) == kMarker) {
        hash = pos;
        break;
      }
    }
  }
  if (hash == std::string_view::npos) return false;
  out.own_line = blank(line.substr(0, hash));
  out.column = code_points(line.substr(0, hash)) + 1;
  out.span = SourceSpan{file, {line_no, out.column}, {line_no, code_points(line) + 1}};
  std::size_t p = line.find(kMarker, hash) + kMarker.size();
  p = line.find_first_not_of(" \t", p);
  std::string_view rest = p == std::string_view::npos ? std::string_view() : line.substr(p);
  std::size_t kw_len;
  if (rest.substr(0, 11) == "file-ignore") { out.file_wide = true; kw_len = 11; }
  else if (rest.substr(0, 6) == "ignore") kw_len = 6;
  else { out.malformed = true; return true; }
  if (rest.size() <= kw_len || rest[kw_len] != '[') { out.malformed = true; return true; }
  std::size_t open = p + kw_len;  // offset of '[' in `line`
  std::size_t close = line.find(']', open);
  if (close == std::string_view::npos) { out.malformed = true; return true; }
  std::size_t start = open + 1;
  while (start <= close) {
    std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos || comma > close) comma = close;
    std::size_t b = start, e = comma;
    while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
    if (e > b) {
      std::uint32_t col = code_points(line.substr(0, b)) + 1;
      out.rules.push_back({std::string(line.substr(b, e - b)), SourceSpan{file, {line_no, col}, {line_no, col + code_points(line.substr(b, e - b))}}, false});
    }
    start = comma + 1;
  }
  if (out.rules.empty()) out.malformed = true;
  return true;
}

// Lines inside multi-line strings hold script text, not TOML comments.
void collect_string_lines(const TomlValue& v, std::set<std::uint32_t>& lines) {
  if (v.kind == TomlValue::Kind::String && v.span.end.line > v.span.begin.line)
    for (std::uint32_t l = v.span.begin.line + 1; l <= v.span.end.line; ++l) lines.insert(l);
  for (const TomlValue& i : v.items) collect_string_lines(i, lines);
  for (const TomlEntry& e : v.entries) collect_string_lines(e.value, lines);
}

// The last line of the entry whose key starts on `line` (its value may span several lines).
std::uint32_t key_extent(const TomlValue& v, std::uint32_t line) {
  for (const TomlEntry& e : v.entries) {
    if (e.key_span.begin.line == line) return std::max(line, e.value.span.end.line);
    if (std::uint32_t r = key_extent(e.value, line)) return r;
  }
  for (const TomlValue& i : v.items)
    if (std::uint32_t r = key_extent(i, line)) return r;
  return 0;
}

}  // namespace

std::vector<Suppression> find_suppressions(const Project& project) {
  std::vector<Suppression> out;
  const SourceManager& sources = project.sources;
  for (FileId f = 0; f < sources.size(); ++f) {
    const SourceFile& file = sources.file(f);
    if (file.text.find(kMarker) == std::string::npos) continue;
    std::vector<const Task*> script_tasks;
    for (const Task& t : project.tasks)
      if (t.script_file == f) script_tasks.push_back(&t);
    bool is_script = !script_tasks.empty();
    std::set<std::uint32_t> string_lines;
    TomlParseResult toml;
    if (!is_script) {
      toml = parse_toml(file.text, f);
      if (toml.ok) collect_string_lines(toml.root, string_lines);
    }
    std::uint32_t line_count = static_cast<std::uint32_t>(std::count(file.text.begin(), file.text.end(), '\n') + 1);
    for (std::uint32_t l = 1; l <= line_count; ++l) {
      if (string_lines.count(l)) continue;
      std::string_view text = sources.line_text(f, l);
      RawComment c;
      if (!parse_comment(text, f, l, c, is_script)) continue;
      Suppression s;
      s.file = f;
      s.judged = is_script || toml.ok || !file.path.ends_with(".toml");
      s.comment = c.span;
      s.rules = std::move(c.rules);
      if (c.malformed) {
        s.rules.clear();
        s.rules.push_back({"", c.span, false});  // reported as malformed
        out.push_back(std::move(s));
        continue;
      }
      if (c.file_wide) {
        s.scope = Suppression::Scope::File;
        out.push_back(std::move(s));
        continue;
      }
      // A comment on its own line applies to the line below it (other comment lines between
      // them are skipped; a blank line is not, so the comment stays next to what it covers).
      std::uint32_t target = l;
      if (c.own_line) {
        target = l + 1;
        while (target <= line_count) {
          std::string_view t = sources.line_text(f, target);
          std::size_t first = t.find_first_not_of(" \t\r");
          if (first == std::string_view::npos || t[first] != '#') break;
          ++target;
        }
      }
      if (is_script) {
        if (c.own_line) {
          s.scope = Suppression::Scope::Task;
          s.task = script_tasks.front()->display_name;
        } else {
          s.first_line = s.last_line = l;
        }
        out.push_back(std::move(s));
        continue;
      }
      const Task* task = nullptr;
      for (const Task& t : project.tasks)
        if (t.name_span.file == f && t.name_span.begin.line == target) task = &t;
      if (task) {
        s.scope = Suppression::Scope::Task;
        s.task = task->display_name;
      } else {
        s.first_line = target;
        s.last_line = toml.ok ? std::max(target, key_extent(toml.root, target)) : target;
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

namespace {

bool covers(const Suppression& s, const Diagnostic& d) {
  switch (s.scope) {
    case Suppression::Scope::File: return d.span.file == s.file;
    case Suppression::Scope::Task: return !d.task.empty() && d.task == s.task;
    case Suppression::Scope::Lines:
      return d.span.file == s.file && d.span.begin.line >= s.first_line && d.span.begin.line <= s.last_line;
  }
  return false;
}

// Marks the covering entries used; true when `d` is suppressed.
bool suppressed(std::vector<Suppression>& sups, const Diagnostic& d, bool mark) {
  bool hit = false;
  for (Suppression& s : sups) {
    if (!covers(s, d)) continue;
    for (SuppressionEntry& e : s.rules)
      if (e.rule == d.rule) {
        hit = true;
        if (mark) e.used = true;
      }
  }
  return hit;
}

}  // namespace

void apply_suppressions(const Project& project, std::vector<Diagnostic>& diags) {
  std::vector<Suppression> sups = find_suppressions(project);
  if (sups.empty()) return;
  std::vector<Diagnostic> kept;
  kept.reserve(diags.size());
  for (Diagnostic& d : diags)
    if (!suppressed(sups, d, true)) kept.push_back(std::move(d));

  std::vector<Diagnostic> found;
  for (const Suppression& s : sups) {
    std::vector<SourceSpan> entry_spans;
    for (const SuppressionEntry& e : s.rules) entry_spans.push_back(e.span);
    for (std::size_t i = 0; i < s.rules.size(); ++i) {
      const SuppressionEntry& e = s.rules[i];
      if (e.used || e.rule == stage_rule_id(StageRule::UnusedSuppression)) continue;
      Diagnostic d = stage_finding(StageRule::UnusedSuppression, e.span, "", "", s.task);
      if (e.rule.empty()) {
        d.message = "malformed suppression comment";
        d.help = "write `# mise-audit: ignore[rule-id] reason` or `# mise-audit: file-ignore[rule-id] reason`";
      } else if (!find_rule(e.rule)) {
        std::string for_task = s.task.empty() ? "" : fmt::format(" for task `{}`", s.task);
        d.message = fmt::format("unknown rule `{}` in suppression comment{}{}", e.rule, for_task, rule_suggestion(e.rule));
      } else if (!s.judged) {
        continue;
      } else {
        std::string where = s.scope == Suppression::Scope::Task   ? fmt::format("in task `{}`", s.task)
                            : s.scope == Suppression::Scope::File ? std::string("in this file")
                                                                  : std::string("here");
        d.message = fmt::format("unused suppression: no `{}` finding {}", e.rule, where);
        d.help = "remove it from the comment";
        d.fix = remove_suppression_fix(project, s.comment, entry_spans, i, e.rule);
      }
      found.push_back(std::move(d));
    }
  }
  // `ignore[unused-suppression]` silences these findings too (without counting as use of itself).
  for (Diagnostic& d : found)
    if (!suppressed(sups, d, false)) kept.push_back(std::move(d));
  diags = std::move(kept);
}

}  // namespace mise_audit
