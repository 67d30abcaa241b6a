// ignored-header: a comment line in a file task that is meant as a `#MISE key=value` header but
// is spelled in a way mise 2026.9.15 ignores (lower case, a typo, indented, `#MISE:`, …).
#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <optional>
#include <set>
#include <string>

#include "core/columns.h"
#include "fix/dependency_edits.h"
#include "loader/file_task_header.h"
#include "loader/task_decoder.h"
#include "mise_audit/edit_distance.h"
#include "mise_audit/rule.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {
namespace {

struct NearMiss {
  std::string why;    // what mise does not accept
  std::string entry;  // the `key=value` text, as written
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The key of a `key = value` entry up to its first dot, if it is one a header recognises.
bool is_header_key(std::string_view entry) {
  std::size_t end = entry.find_first_of(".= \t");
  std::string key(entry.substr(0, end));
  const auto& keys = header_keys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Is `word` (letters, maybe bracketed) a misspelling of MISE: another case, one edit, or its
// letters swapped (MSIE)?
std::optional<std::string> misspelling(std::string_view word) {
  bool bracketed = word.size() > 2 && word.front() == '[' && word.back() == ']';
  std::string_view bare = bracketed ? word.substr(1, word.size() - 2) : word;
  std::string up = upper(bare);
  if (bare == "MISE") return std::nullopt;
  if (up == "MISE") return fmt::format("`{}` must be upper case (`{}`)", word, bracketed ? "[MISE]" : "MISE");
  std::string sorted = up;
  std::sort(sorted.begin(), sorted.end());
  if (bare.size() >= 3 && (edit_distance(up, "MISE", 1) <= 1 || sorted == "EIMS"))
    return fmt::format("`{}` is not `MISE`", word);
  return std::nullopt;
}

// `description: Deploy the site` (`key: value`, as YAML writes it) for a key a header recognises,
// as the `key=value` entry mise would read: the value as written when it is TOML, else quoted.
std::optional<std::string> colon_entry(std::string_view rest) {
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view key = rest.substr(0, colon), value = rest.substr(colon + 1);
  bool bare_key = std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (!bare_key || !value.starts_with(" ") || !is_header_key(std::string(key) + "=")) return std::nullopt;
  while (!value.empty() && is_blank(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_blank(value.back())) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  bool toml = parse_toml(fmt::format("v = {}", value), kNoFile).ok;
  return fmt::format("{}={}", key, toml ? std::string(value) : toml_quoted(value, '"'));
}

// Why mise ignores `line`, when it looks like a header entry mise does not read (CONTRIBUTING §5.3).
std::optional<NearMiss> near_miss(std::string_view line) {
  if (header_prefix_length(line) > 0) return std::nullopt;
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  bool indented = i > 0;
  std::size_t marker = i;
  if (line.substr(i, 1) == "#") { while (i < line.size() && line[i] == '#') ++i; }
  else if (line.substr(i, 2) == "//" || line.substr(i, 2) == "::") i += 2;
  else return std::nullopt;
  bool repeated_hash = line[marker] == '#' && i - marker > 1;
  while (i < line.size() && is_blank(line[i])) ++i;
  std::size_t word_begin = i;
  if (i < line.size() && line[i] == '[') ++i;
  while (i < line.size() && std::isalpha(static_cast<unsigned char>(line[i]))) ++i;
  if (i < line.size() && line[i] == ']' && line[word_begin] == '[') ++i;
  std::string_view word = line.substr(word_begin, i - word_begin);
  std::optional<std::string> why;
  std::string_view rest = line.substr(i);
  if (word.size() > 4 && upper(word.substr(0, 4)) == "MISE" && is_header_key(word.substr(4))) {
    // `#MISEdescription=…`: no space between MISE and the key.
    rest = line.substr(word_begin + 4);
    why = misspelling(word.substr(0, 4)).value_or("there is no space after `MISE`");
  } else {
    why = misspelling(word);
    bool exact = word == "MISE" || word == "[MISE]";
    if (!why && !exact) return std::nullopt;
    if (rest.starts_with(":")) {
      if (!why) why = fmt::format("`{}:` has a colon", word);
      rest.remove_prefix(1);
    } else if (!why && rest.starts_with("\t")) {
      why = fmt::format("a tab follows `{}` (mise needs a space)", word);
    } else if (!why && !rest.starts_with(" ")) {
      return std::nullopt;
    }
    while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
  }
  if (!why && repeated_hash) why = "the line starts with more than one `#`";
  if (!why && indented) why = "the line is indented (headers start at column 1)";
  if (!why) return std::nullopt;
  if (looks_like_entry(rest) && is_header_key(rest)) return NearMiss{*why, std::string(rest)};
  if (auto entry = colon_entry(rest)) return NearMiss{*why + "; and a header entry is `key=value`, not `key: value`", *entry};
  return std::nullopt;
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
        if (auto miss = near_miss(line)) report(ctx, t, n, line, *miss);
      }
    }
  }

 private:
  void report(RuleContext& ctx, const Task& t, std::uint32_t line_no, std::string_view line, const NearMiss& m) const {
    ctx.report(SourceSpan{t.script_file, {line_no, 1}, {line_no, column_of_byte(line, line.size())}},
               fmt::format("mise ignores this header line of task \"{}\": {}", t.display_name, m.why),
               fmt::format("write it as `#MISE {}`", m.entry)).task = t.name;
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(IgnoredHeader);
}  // namespace mise_audit
