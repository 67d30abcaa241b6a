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

// Iterative-free recursive matcher; patterns are short, so recursion depth is bounded by them.
bool match_here(std::string_view p, std::string_view t, char sep) {
  std::size_t pi = 0, ti = 0;
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      bool doublestar = pi + 1 < p.size() && p[pi + 1] == '*';
      if (doublestar) {
        // `**` matches zero or more whole segments: "a:**" matches "a:b:c" but not "a" itself
        // only when followed by a separator in the pattern.
        std::size_t rest = pi + 2;
        if (rest < p.size() && p[rest] == sep) {
          // "**:" — zero segments, or skip any prefix ending in a separator.
          if (match_here(p.substr(rest + 1), t.substr(ti), sep)) return true;
          for (std::size_t k = ti; k < t.size(); ++k)
            if (t[k] == sep && match_here(p.substr(rest + 1), t.substr(k + 1), sep)) return true;
          return false;
        }
        for (std::size_t k = ti; k <= t.size(); ++k)
          if (match_here(p.substr(rest), t.substr(k), sep)) return true;
        return false;
      }
      for (std::size_t k = ti; k <= t.size(); ++k) {
        if (match_here(p.substr(pi + 1), t.substr(k), sep)) return true;
        if (k < t.size() && t[k] == sep) break;
      }
      return false;
    }
    if (ti >= t.size()) return false;
    if (c == '?') {
      if (t[ti] == sep) return false;
      ++pi, ++ti;
    } else if (c == '[') {
      if (t[ti] == sep || !match_class(p, pi, t[ti])) return false;
      ++ti;
    } else if (c == '\\' && pi + 1 < p.size()) {
      if (p[pi + 1] != t[ti]) return false;
      pi += 2, ++ti;
    } else {
      if (c != t[ti]) return false;
      ++pi, ++ti;
    }
  }
  return ti == t.size();
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
