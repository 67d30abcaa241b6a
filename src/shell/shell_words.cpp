#include "shell/shell_words.h"

#include <cctype>
#include <optional>

namespace mise_audit {

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string> split_whitespace(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

static std::optional<std::vector<std::string>> try_split(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (is_space(c)) {
      if (in_word) words.push_back(std::move(word)), word.clear(), in_word = false;
      ++i;
    } else if (c == '#' && !in_word) {
      while (i < s.size() && s[i] != '\n') ++i;  // comment to end of line
    } else if (c == '\\') {
      in_word = true;
      if (i + 1 >= s.size()) return std::nullopt;
      if (s[i + 1] != '\n') word += s[i + 1];
      i += 2;
    } else if (c == '\'') {
      in_word = true;
      std::size_t end = s.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      word.append(s.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '"') {
      in_word = true;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        char d = s[i];
        if (d == '"') { closed = true; ++i; break; }
        if (d == '\\' && i + 1 < s.size()) {
          char e = s[i + 1];
          if (e == '$' || e == '`' || e == '"' || e == '\\') { word += e; i += 2; continue; }
          if (e == '\n') { i += 2; continue; }
        }
        word += d;
        ++i;
      }
      if (!closed) return std::nullopt;
    } else {
      in_word = true;
      word += c;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::vector<std::string> split_shell_words(std::string_view text) {
  if (auto words = try_split(text)) return *words;
  return split_whitespace(text);
}

bool is_env_assignment(const std::string& word) {
  std::size_t eq = word.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  for (std::size_t i = 0; i < eq; ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (!std::isalnum(c) && c != '_') return false;
  }
  return true;
}

bool only_env_assignments(std::string_view text) {
  if (text.find('=') == std::string_view::npos) return false;  // the usual case, without splitting
  std::vector<std::string> words = split_shell_words(text);
  if (words.size() < 2) return false;
  for (const std::string& w : words)
    if (!is_env_assignment(w)) return false;
  return true;
}

}  // namespace mise_audit
