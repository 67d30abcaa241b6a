#include "loader/glob_match.h"

#include <algorithm>

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// Expands the first {a,b} group; patterns without braces expand to themselves.
void expand_braces(std::string_view p, std::vector<std::string>& out, int depth = 0) {
  std::size_t open = p.find('{');
  if (open == std::string_view::npos || depth > 16) { out.emplace_back(p); return; }
  int level = 0;
  std::size_t close = std::string_view::npos;
  std::vector<std::size_t> commas;
  for (std::size_t i = open; i < p.size(); ++i) {
    if (p[i] == '{') ++level;
    else if (p[i] == '}') { if (--level == 0) { close = i; break; } }
    else if (p[i] == ',' && level == 1) commas.push_back(i);
  }
  if (close == std::string_view::npos) { out.emplace_back(p); return; }
  std::size_t start = open + 1;
  commas.push_back(close);
  for (std::size_t c : commas) {
    std::string alt = std::string(p.substr(0, open)) + std::string(p.substr(start, c - start)) +
                      std::string(p.substr(close + 1));
    expand_braces(alt, out, depth + 1);
    start = c + 1;
  }
}

bool match_class(std::string_view p, std::size_t& i, char c) {
  // p[i] == '['
  std::size_t j = i + 1;
  bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negate) ++j;
  bool matched = false;
  bool first = true;
  while (j < p.size() && (first || p[j] != ']')) {
    first = false;
    char lo = p[j];
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      if (c >= lo && c <= p[j + 2]) matched = true;
      j += 3;
    } else {
      if (c == lo) matched = true;
      ++j;
    }
  }
  i = j + 1;  // past ']'
  return matched != negate;
}

// The pattern as a set of positions advanced over the text one character at a time (an NFA
// simulation): O(pattern × text) whatever the pattern. The backtracking matcher this replaces
// was exponential in the number of stars (`**********…`, found by tests/fuzz).
//   `*`    stays while the character is not the separator; may match nothing
//   `**`   stays on any character; may match nothing
//   `**:`  (followed by the separator) zero segments, or any prefix ending in a separator
//   `?`, `[…]`  one character other than the separator; `\x` the character x
bool match_here(std::string_view p, std::string_view t, char sep) {
  const std::size_t m = p.size();
  auto segments_star = [&](std::size_t pi) { return pi + 2 < m && p[pi] == '*' && p[pi + 1] == '*' && p[pi + 2] == sep; };
  // `cur[pi]`: at pattern position pi. `inside[pi]`: within the prefix a `**:` at pi skips,
  // which may only end after a separator.
  std::vector<char> cur(m + 1, 0), next(m + 1, 0), inside(m + 1, 0), next_inside(m + 1, 0);
  // Positions reachable without consuming text; these moves only go forward, so one pass.
  auto close = [&](std::vector<char>& s) {
    for (std::size_t pi = 0; pi < m; ++pi) {
      if (!s[pi] || p[pi] != '*') continue;
      if (segments_star(pi)) s[pi + 3] = 1;            // zero segments
      else if (pi + 1 < m && p[pi + 1] == '*') s[pi + 2] = 1;
      else s[pi + 1] = 1;
    }
  };
  cur[0] = 1;
  close(cur);
  for (char c : t) {
    std::fill(next.begin(), next.end(), 0);
    std::fill(next_inside.begin(), next_inside.end(), 0);
    bool any = false;
    auto go = [&](std::size_t to) { next[to] = 1, any = true; };
    for (std::size_t pi = 0; pi < m; ++pi) {
      if (inside[pi]) {  // within a `**:` prefix: any character; a separator may end it
        next_inside[pi] = 1, any = true;
        if (c == sep) go(pi + 3);
      }
      if (!cur[pi]) continue;
      char pc = p[pi];
      if (pc == '*') {
        if (segments_star(pi)) {
          next_inside[pi] = 1, any = true;
          if (c == sep) go(pi + 3);
        } else if (pi + 1 < m && p[pi + 1] == '*') {
          go(pi);
        } else if (c != sep) {
          go(pi);
        }
      } else if (pc == '?') {
        if (c != sep) go(pi + 1);
      } else if (pc == '[') {
        std::size_t j = pi;
        if (match_class(p, j, c) && c != sep) go(std::min(j, m));
      } else if (pc == '\\' && pi + 1 < m) {
        if (p[pi + 1] == c) go(pi + 2);
      } else if (pc == c) {
        go(pi + 1);
      }
    }
    if (!any) return false;
    close(next);
    cur.swap(next);
    inside.swap(next_inside);
  }
  return cur[m];
}

}  // namespace

bool glob_is_valid(std::string_view pattern, std::string* why) {
  int braces = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') { ++i; continue; }
    if (c == '[') {
      std::size_t j = i + 1;
      if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;
      while (j < pattern.size() && pattern[j] != ']') ++j;
      if (j >= pattern.size()) { if (why) *why = "unclosed character class `[`"; return false; }
      i = j;
    } else if (c == '{') {
      ++braces;
    } else if (c == '}') {
      if (braces == 0) { if (why) *why = "unmatched `}`"; return false; }
      --braces;
    }
  }
  if (braces > 0) { if (why) *why = "unclosed alternation `{`"; return false; }
  return true;
}

bool glob_match(std::string_view pattern, std::string_view text, char separator) {
  std::vector<std::string> alternatives;
  expand_braces(pattern, alternatives);
  for (const std::string& alt : alternatives)
    if (match_here(alt, text, separator)) return true;
  return false;
}

std::vector<fs::path> expand_path_glob(const std::string& root, const std::string& pattern) {
  std::vector<fs::path> out;
  std::error_code ec;
  // Walk only as deep as needed: a pattern without `**` has a fixed number of segments.
  bool deep = pattern.find("**") != std::string::npos;
  std::size_t segments = std::count(pattern.begin(), pattern.end(), '/') + 1;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (!deep && static_cast<std::size_t>(it.depth()) + 1 >= segments) it.disable_recursion_pending();
    if (it.depth() > 32) { it.disable_recursion_pending(); continue; }
    std::string rel = it->path().lexically_relative(root).generic_string();
    if (glob_match(pattern, rel, '/')) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mise_audit
