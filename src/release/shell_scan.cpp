#include "release/shell_scan.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace mise_audit {

namespace {

bool is_assignment(const std::string& w) {
  std::size_t eq = w.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  if (!(std::isalpha(static_cast<unsigned char>(w[0])) || w[0] == '_')) return false;
  for (std::size_t i = 0; i < eq; ++i)
    if (!(std::isalnum(static_cast<unsigned char>(w[i])) || w[i] == '_')) return false;
  return true;
}

// `>file`, `2>/dev/null`, `&>x`, `2>&1`: returns true and whether the target is the next word.
bool is_redirection(const std::string& w, bool& takes_next) {
  std::size_t i = 0;
  while (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i]))) ++i;
  if (i < w.size() && w[i] == '&' && i + 1 < w.size() && w[i + 1] == '>') ++i;
  if (i >= w.size() || (w[i] != '>' && w[i] != '<')) return false;
  std::size_t j = i;
  while (j < w.size() && (w[j] == '>' || w[j] == '<' || w[j] == '&' || w[j] == '|')) ++j;
  takes_next = j == w.size();
  return true;
}

bool is_keyword(const std::string& w) {
  static const char* const kw[] = {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "esac", "(", ")"};
  return std::any_of(std::begin(kw), std::end(kw), [&](const char* k) { return w == k; });
}

struct Loop {
  std::string var;
  std::vector<std::string> items;
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::vector<ShellCommand> run() {
    while (i_ < s_.size()) step();
    end_word();
    end_command();
    return std::move(out_);
  }

 private:
  void step() {
    char c = s_[i_];
    if (c == '\n') {
      end_word();
      end_command();
      ++line_;
      ++i_;
      skip_heredocs();
      return;
    }
    if (c == '#' && cur_.empty() && !in_word_) {
      while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      return;
    }
    if (c == '\\') {
      if (i_ + 1 < s_.size() && s_[i_ + 1] == '\n') { i_ += 2; ++line_; return; }
      if (i_ + 1 < s_.size()) { start_word(); cur_ += s_[i_ + 1]; i_ += 2; return; }
      ++i_;
      return;
    }
    if (c == '\'') {
      start_word();
      ++i_;
      while (i_ < s_.size() && s_[i_] != '\'') take_char();
      ++i_;
      return;
    }
    if (c == '"') {
      start_word();
      ++i_;
      while (i_ < s_.size() && s_[i_] != '"') {
        if (s_[i_] == '\\' && i_ + 1 < s_.size() && std::string_view("\"\\$`").find(s_[i_ + 1]) != std::string_view::npos) {
          cur_ += s_[i_ + 1];
          i_ += 2;
          continue;
        }
        take_char();
      }
      ++i_;
      return;
    }
    if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
      start_word();
      char open = s_[i_ + 1], close = open == '(' ? ')' : '}';
      cur_ += '$';
      ++i_;
      int depth = 0;
      while (i_ < s_.size()) {
        char d = s_[i_];
        if (d == open) ++depth;
        if (d == close && --depth == 0) { take_char(); break; }
        take_char();
      }
      return;
    }
    if (c == '`') {
      start_word();
      take_char();
      while (i_ < s_.size() && s_[i_] != '`') take_char();
      if (i_ < s_.size()) take_char();
      return;
    }
    if (c == ' ' || c == '\t' || c == '\r') { end_word(); ++i_; return; }
    if (c == ';') { end_word(); end_command(); ++i_; return; }
    if (c == '&') {
      if (!cur_.empty() && cur_.back() == '>') { take_char(); return; }  // 2>&1
      if (i_ + 1 < s_.size() && s_[i_ + 1] == '>') { start_word(); take_char(); return; }  // &>file
      end_word();
      end_command();
      i_ += (i_ + 1 < s_.size() && s_[i_ + 1] == '&') ? 2 : 1;
      return;
    }
    if (c == '|') {
      if (!cur_.empty() && cur_.back() == '>') { take_char(); return; }
      end_word();
      end_command();
      i_ += (i_ + 1 < s_.size() && s_[i_ + 1] == '|') ? 2 : 1;
      return;
    }
    if ((c == '(' || c == ')') && cur_.empty()) { end_word(); end_command(); ++i_; return; }
    if (c == '<' && i_ + 1 < s_.size() && s_[i_ + 1] == '<' && cur_.empty()) {
      read_heredoc_marker();
      return;
    }
    start_word();
    take_char();
  }

  void take_char() {
    if (s_[i_] == '\n') ++line_;
    cur_ += s_[i_];
    ++i_;
  }
  void start_word() {
    if (!in_word_) { in_word_ = true; word_line_ = line_; }
  }
  void end_word() {
    if (in_word_) {
      words_.push_back(std::move(cur_));
      lines_.push_back(word_line_);
      cur_.clear();
      in_word_ = false;
    }
  }

  void read_heredoc_marker() {
    i_ += 2;
    if (i_ < s_.size() && s_[i_] == '<') { ++i_; return; }  // here-string <<<
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    std::string delim;
    while (i_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_])) && s_[i_] != ';' && s_[i_] != '|' && s_[i_] != '&') {
      if (s_[i_] != '\'' && s_[i_] != '"') delim += s_[i_];
      ++i_;
    }
    if (!delim.empty()) heredocs_.push_back(delim);
  }

  void skip_heredocs() {
    for (const std::string& delim : heredocs_) {
      while (i_ < s_.size()) {
        std::size_t eol = s_.find('\n', i_);
        std::string_view l = s_.substr(i_, eol == std::string_view::npos ? std::string_view::npos : eol - i_);
        while (!l.empty() && (l.front() == '\t' || l.front() == ' ')) l.remove_prefix(1);
        while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.remove_suffix(1);
        i_ = eol == std::string_view::npos ? s_.size() : eol + 1;
        ++line_;
        if (l == delim) break;
      }
    }
    heredocs_.clear();
  }

  void end_command() {
    std::vector<std::string> w = std::move(words_);
    std::vector<std::uint32_t> l = std::move(lines_);
    words_.clear();
    lines_.clear();
    // Drop redirections.
    std::vector<std::string> kept;
    std::vector<std::uint32_t> kept_lines;
    for (std::size_t k = 0; k < w.size(); ++k) {
      bool takes_next = false;
      if (is_redirection(w[k], takes_next)) {
        if (takes_next) ++k;
        continue;
      }
      kept.push_back(std::move(w[k]));
      kept_lines.push_back(l[k]);
    }
    std::size_t start = 0;
    while (start < kept.size()) {
      const std::string& first = kept[start];
      if (first == "done") { if (!loops_.empty()) loops_.pop_back(); ++start; continue; }
      if (first == "while" || first == "until") { loops_.push_back({}); ++start; continue; }
      if (is_keyword(first) || is_assignment(first)) { ++start; continue; }
      break;
    }
    if (start >= kept.size()) return;
    if (kept[start] == "for") {
      Loop loop;
      if (start + 1 < kept.size()) loop.var = kept[start + 1];
      if (start + 2 < kept.size() && kept[start + 2] == "in")
        for (std::size_t k = start + 3; k < kept.size(); ++k) loop.items.push_back(kept[k]);
      loops_.push_back(std::move(loop));
      return;
    }
    if (kept[start].size() > 2 && kept[start].ends_with("()")) return;  // function definition
    ShellCommand cmd;
    cmd.words.assign(std::make_move_iterator(kept.begin() + static_cast<std::ptrdiff_t>(start)),
                     std::make_move_iterator(kept.end()));
    cmd.word_lines.assign(kept_lines.begin() + static_cast<std::ptrdiff_t>(start), kept_lines.end());
    cmd.line = cmd.word_lines.front();
    for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
      if (!it->var.empty()) { cmd.loop_items = it->items; cmd.loop_var = it->var; break; }
    out_.push_back(std::move(cmd));
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 0, word_line_ = 0;
  std::string cur_;
  bool in_word_ = false;
  std::vector<std::string> words_;
  std::vector<std::uint32_t> lines_;
  std::vector<std::string> heredocs_;
  std::vector<Loop> loops_;
  std::vector<ShellCommand> out_;
};

}  // namespace

std::vector<ShellCommand> scan_shell(std::string_view script) { return Scanner(script).run(); }

std::string_view program_name_view(std::string_view word) {
  std::size_t slash = word.rfind('/');
  std::string_view base = slash == std::string_view::npos ? word : word.substr(slash + 1);
  for (std::string_view s : {std::string_view("python"), std::string_view("pip")}) {
    if (base.size() > s.size() && base.starts_with(s) &&
        std::all_of(base.begin() + static_cast<std::ptrdiff_t>(s.size()), base.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; }))
      return s;
  }
  return base;
}

std::string program_name(std::string_view word) { return std::string(program_name_view(word)); }

}  // namespace mise_audit
