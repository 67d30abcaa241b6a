#include "rules/structural/header_near_miss.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "loader/file_task_header.h"
#include "loader/task_decoder.h"
#include "mise_audit/edit_distance.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

// The key of a `key = value` entry up to its first dot, if it is one a header recognises.
bool is_header_key(std::string_view entry) {
  std::size_t end = entry.find_first_of(".= \t");
  std::string key(entry.substr(0, end));
  const auto& keys = header_keys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
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

bool is_bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// The `key=value` entry mise would read for `key` and `value` written another way: the value as
// written when it is TOML, else quoted; nullopt unless the key is one a header recognises.
std::optional<std::string> meant_entry(std::string_view key, std::string_view value) {
  if (!is_bare_key(key) || !is_header_key(std::string(key) + "=")) return std::nullopt;
  while (!value.empty() && is_blank(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_blank(value.back())) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  bool toml = parse_toml(fmt::format("v = {}", value), kNoFile).ok;
  return fmt::format("{}={}", key, toml ? std::string(value) : toml_quoted(value, '"'));
}

// `description: Deploy the site` (`key: value`, as YAML writes it).
std::optional<std::string> colon_entry(std::string_view rest) {
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view value = rest.substr(colon + 1);
  if (!value.starts_with(" ")) return std::nullopt;
  return meant_entry(rest.substr(0, colon), value);
}

// Why mise ignores `line`, when it looks like a header entry mise does not read (CONTRIBUTING §5.3).
}  // namespace

std::optional<HeaderNearMiss> header_near_miss(std::string_view line) {
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
  if (looks_like_entry(rest) && is_header_key(rest)) return HeaderNearMiss{*why, std::string(rest)};
  if (auto entry = colon_entry(rest)) return HeaderNearMiss{*why + "; and a header entry is `key=value`, not `key: value`", *entry};
  return std::nullopt;
}

std::optional<std::string> entry_without_equals(std::string_view body) {
  if (looks_like_entry(body)) return std::nullopt;
  std::size_t i = 0;
  while (i < body.size() && !is_blank(body[i]) && body[i] != ':') ++i;
  std::string_view key = body.substr(0, i), value = body.substr(i);
  if (value.starts_with(":")) value.remove_prefix(1);
  if (value.empty() || !is_blank(value.front())) return std::nullopt;
  return meant_entry(key, value);
}

}  // namespace mise_audit
