#include "shell/shell_script.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace mise_audit {

namespace {

bool is_assignment(const std::string& w) {
  std::size_t eq = w.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  if (!(std::isalpha(static_cast<unsigned char>(w[0])) || w[0] == '_')) return false;
  std::size_t name_end = w[eq - 1] == '+' ? eq - 1 : eq;  // `x+=y` appends
  for (std::size_t i = 0; i < name_end; ++i)
    if (!(std::isalnum(static_cast<unsigned char>(w[i])) || w[i] == '_')) return false;
  return name_end > 0;
}

// `>file`, `2>/dev/null`, `&>x`, `2>&1`: returns true and whether the target is the next word.
bool is_redirection(const std::string& w, bool& takes_next) {
  if (w.starts_with("<(") || w.starts_with(">(")) return false;  // process substitution: a file argument
  std::size_t i = 0;
  while (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i]))) ++i;
  if (i < w.size() && w[i] == '&' && i + 1 < w.size() && w[i + 1] == '>') ++i;
  if (i >= w.size() || (w[i] != '>' && w[i] != '<')) return false;
  std::size_t j = i;
  while (j < w.size() && (w[j] == '>' || w[j] == '<' || w[j] == '&' || w[j] == '|')) ++j;
  takes_next = j == w.size();
  return true;
}

// A block the reader is inside: what decides whether and how often its commands run.
struct Block {
  enum class Kind { If, Loop, Case, Subshell, Brace, Function } kind;
  Block(Kind k) : kind(k) {}  // NOLINT: implicit, so `blocks_.push_back({Kind::If})` reads as it should
  bool body = false;  // If: past `then` (the condition is not conditional itself)
  std::string loop_var;
  std::vector<std::string> loop_items;
  std::string function_name;  // Function
};

// Substitutions nest; deeper ones are kept as text only (a bound for hostile input).
constexpr int kMaxSubstitutionDepth = 8;

class Scanner {
 public:
  // `line` and `column` say where `s` starts in the script (a substitution's text).
  explicit Scanner(std::string_view s, std::uint32_t line = 0, std::uint32_t column = 1, int depth = 0)
      : s_(s), line_(line), col_(column), depth_(depth) {}

  ShellScript run() {
    while (i_ < s_.size()) step();
    end_word();
    end_command(ShellJoin::Sequence);
    unwrap_argument_runners();
    mark_after_cd();
    return std::move(out_);
  }

 private:
  void mark_after_cd() {
    bool moved = false, moved_in_subshell = false;
    std::optional<std::string> folder = "", subshell_folder;
    for (ShellCommand& c : out_.commands) {
      if (!c.in_subshell) moved_in_subshell = false;  // a subshell that moved has ended
      bool in_moved_subshell = c.in_subshell && moved_in_subshell;
      c.after_cd = moved || in_moved_subshell;
      if (c.after_cd) c.cd_folder = in_moved_subshell ? subshell_folder : folder;
      std::size_t p = skip_command_prefixes(c.words);
      if (p >= c.words.size() || c.in_function) continue;
      const std::string& w = c.words[p];
      bool to_here = w == "cd" && p + 1 < c.words.size() && (c.words[p + 1] == "." || c.words[p + 1] == "./");
      if ((w != "cd" && w != "pushd") || to_here) continue;
      bool in_subshell = c.in_subshell || c.substituted;
      if (in_subshell && !moved_in_subshell) subshell_folder = folder;  // a subshell starts where its parent is
      std::optional<std::string>& at = in_subshell ? subshell_folder : folder;
      at = moved_to(at, w == "cd" && p + 2 == c.words.size() && !(p + 1 < c.word_dynamic.size() && c.word_dynamic[p + 1])
                            ? std::optional<std::string>(c.words[p + 1])
                            : std::nullopt);
      (in_subshell ? moved_in_subshell : moved) = true;
    }
  }

  // `from` joined with a literal relative `cd` target, or nullopt when the result is unknown or
  // leaves the folder the script started in.
  static std::optional<std::string> moved_to(const std::optional<std::string>& from, const std::optional<std::string>& target) {
    if (!from || !target || target->empty() || target->front() == '/' || target->front() == '~' || target->front() == '-')
      return std::nullopt;
    std::vector<std::string> parts;
    auto push = [&](std::string_view path) {
      for (std::size_t at = 0; at <= path.size();) {
        std::size_t end = std::min(path.find('/', at), path.size());
        std::string_view part = path.substr(at, end - at);
        at = end + 1;
        if (part.empty() || part == ".") continue;
        if (part == "..") {
          if (parts.empty()) return false;
          parts.pop_back();
        } else {
          parts.emplace_back(part);
        }
      }
      return true;
    };
    if (!push(*from) || !push(*target)) return std::nullopt;
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
    return out;
  }

  // Consumes one byte, keeping the line and the code-point column.
  void advance() {
    unsigned char c = static_cast<unsigned char>(s_[i_]);
    if (c == '\n') ++line_, col_ = 1;
    else if ((c & 0xC0) != 0x80) ++col_;
    ++i_;
  }

  void step() {
    char c = s_[i_];
    if (c == '\n') {
      end_word();
      end_command(ShellJoin::Sequence);
      advance();
      skip_heredocs();
      return;
    }
    if (c == '#' && cur_.empty() && !in_word_) {
      while (i_ < s_.size() && s_[i_] != '\n') advance();
      return;
    }
    if (c == '\\') {
      if (i_ + 1 < s_.size() && s_[i_ + 1] == '\n') { advance(); advance(); return; }
      start_word();
      advance();
      if (i_ < s_.size()) take_char();
      return;
    }
    if (c == '\'' || c == '"') {
      // The word's position is its text's, after an opening quote.
      bool fresh = !in_word_;
      advance();
      if (fresh) start_word();
      while (i_ < s_.size() && s_[i_] != c) {
        if (c == '"' && s_[i_] == '\\' && i_ + 1 < s_.size() &&
            std::string_view("\"\\$`").find(s_[i_ + 1]) != std::string_view::npos) {
          advance();
          take_char();
          continue;
        }
        if (c == '"' && (s_[i_] == '$' || s_[i_] == '`')) {
          dynamic_ = true;
          if (s_[i_] == '`' || starts_command_substitution()) {
            substitution(false);
            continue;
          }
        }
        take_char();
      }
      if (i_ < s_.size()) advance();
      return;
    }
    if (c == '{' && i_ + 1 < s_.size() && (s_[i_ + 1] == '{' || s_[i_ + 1] == '%')) {
      // A Tera tag (`{{ flag(name='x') }}`, `{% if … %}`) is rendered before the shell runs:
      // one opaque, dynamic part of the word, whatever quotes or parentheses it holds.
      std::string_view close = s_[i_ + 1] == '{' ? "}}" : "%}";
      start_word();
      dynamic_ = true;
      while (i_ < s_.size() && s_.substr(i_, 2) != close) take_char();
      if (i_ < s_.size()) take_char();
      if (i_ < s_.size()) take_char();
      return;
    }
    if (c == '`' || starts_command_substitution() ||
        ((c == '<' || c == '>') && i_ + 1 < s_.size() && s_[i_ + 1] == '(' && !in_word_)) {
      substitution(c == '<' || c == '>');
      return;
    }
    if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {  // `${x}`, `$((1 + 2))`
      start_word();
      dynamic_ = true;
      char open = s_[i_ + 1], close = open == '(' ? ')' : '}';
      take_char();
      int depth = 0;
      while (i_ < s_.size()) {
        char d = s_[i_];
        if (open == '{' && (d == '`' || starts_command_substitution())) {  // `${1:-$(mise run x)}`
          substitution(false);
          continue;
        }
        if (d == open) ++depth;
        if (d == close && --depth == 0) { take_char(); break; }
        take_char();
      }
      return;
    }
    if (c == ' ' || c == '\t' || c == '\r') { end_word(); advance(); return; }
    if (c == ';') {
      end_word();
      end_command(ShellJoin::Sequence);
      advance();
      if (i_ < s_.size() && s_[i_] == ';') {  // `;;` ends a case branch; a pattern follows
        advance();
        case_pattern_ = !blocks_.empty() && blocks_.back().kind == Block::Kind::Case;
      }
      return;
    }
    if (c == '&') {
      if (!cur_.empty() && cur_.back() == '>') { take_char(); return; }  // 2>&1
      if (i_ + 1 < s_.size() && s_[i_ + 1] == '>') { start_word(); take_char(); return; }  // &>file
      end_word();
      bool both = i_ + 1 < s_.size() && s_[i_ + 1] == '&';
      end_command(both ? ShellJoin::And : ShellJoin::Background);
      advance();
      if (both) advance();
      return;
    }
    if (c == '|') {
      if (!cur_.empty() && cur_.back() == '>') { take_char(); return; }
      if (case_pattern_) { end_word(); advance(); return; }  // `a|b)`
      end_word();
      bool both = i_ + 1 < s_.size() && s_[i_ + 1] == '|';
      end_command(both ? ShellJoin::Or : ShellJoin::Pipe);
      advance();
      if (both) advance();
      return;
    }
    if (c == '(' && in_word_ && cur_.ends_with("=") && is_assignment(cur_)) {
      array_assignment();
      return;
    }
    if (c == '(' && cur_.empty() && !in_word_) {
      end_command(ShellJoin::Sequence);
      blocks_.push_back({Block::Kind::Subshell});
      advance();
      return;
    }
    if (c == ')' && !cur_.ends_with("(")) {  // `name()` is a function's name
      end_word();
      if (case_pattern_) {  // `a|b)`: a case pattern, not a command
        words_.clear(), lines_.clear(), columns_.clear(), dynamic_words_.clear();
        case_pattern_ = false;
      } else {
        end_command(ShellJoin::Sequence);
        pop(Block::Kind::Subshell);
      }
      advance();
      return;
    }
    if (c == '<' && i_ + 1 < s_.size() && s_[i_ + 1] == '<' && cur_.empty()) {
      read_heredoc_marker();
      return;
    }
    if (c == '$') dynamic_ = true;
    start_word();
    take_char();
  }

  // `files=( a b … )` (bash arrays, over several lines too): data, not commands. Taken whole
  // into the assignment word; quotes and comments inside are skipped over.
  void array_assignment() {
    int depth = 0;
    char quote = 0;
    while (i_ < s_.size()) {
      char d = s_[i_];
      if (quote) {
        if (d == '\\' && quote == '"' && i_ + 1 < s_.size()) take_char();
        else if (d == quote) quote = 0;
        take_char();
        continue;
      }
      if (d == '#' && !cur_.empty() && (cur_.back() == ' ' || cur_.back() == '\t' || cur_.back() == '\n' || cur_.back() == '(')) {
        while (i_ < s_.size() && s_[i_] != '\n') take_char();
        continue;
      }
      if (d == '"' || d == '\'') quote = d;
      else if (d == '(') ++depth;
      else if (d == ')' && --depth == 0) { take_char(); return; }
      take_char();
    }
  }

  // `$(` and not `$((` (arithmetic) at the reading position.
  bool starts_command_substitution() const {
    return s_[i_] == '$' && i_ + 1 < s_.size() && s_[i_ + 1] == '(' && !(i_ + 2 < s_.size() && s_[i_ + 2] == '(');
  }

  // `$(…)`, a backtick string, `<(…)` or `>(…)` at the reading position. Its text stays in the
  // word (a value known only when the script runs); the commands inside are read as commands of
  // their own, which run before the command around them (`<(…)` and `>(…)`: beside it).
  void substitution(bool process) {
    start_word();
    dynamic_ = true;
    bool backtick = s_[i_] == '`';
    take_char();
    if (!backtick) take_char();  // the `(`
    std::size_t from = i_;
    std::uint32_t line = line_, col = col_;
    int parens = 1;
    while (i_ < s_.size()) {
      char d = s_[i_];
      if (d == '\\' && i_ + 1 < s_.size()) { take_char(); take_char(); continue; }
      if (backtick) {
        if (d == '`') break;
        take_char();
        continue;
      }
      if (d == '\'' || d == '"') {  // quoted parentheses do not count
        take_char();
        while (i_ < s_.size() && s_[i_] != d) {
          if (d == '"' && s_[i_] == '\\' && i_ + 1 < s_.size()) take_char();
          take_char();
        }
        if (i_ < s_.size()) take_char();
        continue;
      }
      if (d == '(') ++parens;
      if (d == ')' && --parens == 0) break;
      take_char();
    }
    std::string_view inner = s_.substr(from, i_ - from);
    if (i_ < s_.size()) take_char();  // the closing `)` or backtick
    if (depth_ >= kMaxSubstitutionDepth) return;
    for (ShellCommand& c : Scanner(inner, line, col, depth_ + 1).run().commands) {
      c.substituted = true;
      c.in_subshell = true;
      c.exit_code.reset();  // `exit` there ends the substitution only
      if (process) c.background = true;
      substituted_.push_back(std::move(c));
    }
  }

  void take_char() {
    cur_ += s_[i_];
    advance();
  }
  void start_word() {
    if (!in_word_) { in_word_ = true; word_line_ = line_; word_col_ = col_; }
  }
  void end_word() {
    if (in_word_) {
      words_.push_back(std::move(cur_));
      lines_.push_back(word_line_);
      columns_.push_back(word_col_);
      dynamic_words_.push_back(dynamic_);
      cur_.clear();
      in_word_ = false;
      dynamic_ = false;
    }
  }

  void read_heredoc_marker() {
    advance();
    advance();
    if (i_ < s_.size() && s_[i_] == '<') { advance(); return; }  // here-string <<<
    if (i_ < s_.size() && s_[i_] == '-') advance();
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) advance();
    std::string delim;
    while (i_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_])) && s_[i_] != ';' && s_[i_] != '|' && s_[i_] != '&') {
      if (s_[i_] != '\'' && s_[i_] != '"') delim += s_[i_];
      advance();
    }
    if (!delim.empty()) heredocs_.push_back(delim);
  }

  // A heredoc's body is text, not commands.
  void skip_heredocs() {
    for (const std::string& delim : heredocs_) {
      while (i_ < s_.size()) {
        std::size_t eol = s_.find('\n', i_);
        std::string_view l = s_.substr(i_, eol == std::string_view::npos ? std::string_view::npos : eol - i_);
        while (!l.empty() && (l.front() == '\t' || l.front() == ' ')) l.remove_prefix(1);
        while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.remove_suffix(1);
        i_ = eol == std::string_view::npos ? s_.size() : eol + 1;
        ++line_;
        col_ = 1;
        if (l == delim) break;
      }
    }
    heredocs_.clear();
  }

  void pop(Block::Kind kind) {
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it)
      if (it->kind == kind) {
        blocks_.erase(std::next(it).base(), blocks_.end());
        return;
      }
  }

  bool inside(Block::Kind kind) const {
    return std::any_of(blocks_.begin(), blocks_.end(), [&](const Block& b) { return b.kind == kind; });
  }

  void end_command(ShellJoin join) {
    std::vector<std::string> w = std::move(words_);
    std::vector<std::uint32_t> l = std::move(lines_), c = std::move(columns_);
    std::vector<bool> d = std::move(dynamic_words_);
    words_.clear(), lines_.clear(), columns_.clear(), dynamic_words_.clear();
    ShellJoin before = previous_join_;
    if (!w.empty()) previous_join_ = join;  // `a ||` then a newline: the next line is still after `||`
    // Drop redirections.
    ShellCommand cmd;
    for (std::size_t k = 0; k < w.size(); ++k) {
      bool takes_next = false;
      if (is_redirection(w[k], takes_next)) {
        if (takes_next) ++k;
        continue;
      }
      cmd.words.push_back(std::move(w[k]));
      cmd.word_lines.push_back(l[k]);
      cmd.word_columns.push_back(c[k]);
      cmd.word_dynamic.push_back(d[k]);
    }
    // Keywords and assignments before the program.
    std::size_t start = 0;
    bool negated = false;
    for (; start < cmd.words.size(); ++start) {
      const std::string& first = cmd.words[start];
      if (first == "if" || first == "elif" || first == "while" || first == "until") {
        if (first == "if") blocks_.push_back({Block::Kind::If});
        if (first == "while" || first == "until") blocks_.push_back({Block::Kind::Loop});
        in_condition_ = true;
      } else if (first == "then" || first == "else" || first == "do") {
        in_condition_ = false;
        if (first != "do" && !blocks_.empty() && blocks_.back().kind == Block::Kind::If) blocks_.back().body = true;
      } else if (first == "fi") {
        pop(Block::Kind::If);
      } else if (first == "done") {
        pop(Block::Kind::Loop);
      } else if (first == "esac") {
        pop(Block::Kind::Case);
        case_pattern_ = false;
      } else if (first == "{") {
        blocks_.push_back({pending_function_ ? Block::Kind::Function : Block::Kind::Brace});
        if (pending_function_) blocks_.back().function_name = pending_function_name_;
        pending_function_ = false;
      } else if (first == "}") {
        if (!blocks_.empty() && (blocks_.back().kind == Block::Kind::Brace || blocks_.back().kind == Block::Kind::Function))
          blocks_.pop_back();
      } else if (first == "!") {
        negated = true;
      } else if (first == "(" || first == ")" || is_assignment(first)) {
      } else {
        break;
      }
    }
    if (!substituted_.empty()) {
      // What the blocks around the command say holds for what its substitutions run, too.
      ShellCommand around;
      set_context(around, join, before, negated);
      for (ShellCommand& c : substituted_) {
        c.condition = c.condition || around.condition;
        c.guarded = c.guarded || around.guarded;
        c.conditional = c.conditional || around.conditional;
        c.in_loop = c.in_loop || around.in_loop;
        c.in_function = c.in_function || around.in_function;
        if (c.loop_var.empty()) c.loop_var = around.loop_var, c.loop_items = around.loop_items;
        out_.commands.push_back(std::move(c));
      }
      substituted_.clear();
    }
    if (start >= cmd.words.size()) return;
    const std::string& program = cmd.words[start];
    if (program == "for" || program == "select") {
      Block loop{Block::Kind::Loop};
      if (start + 1 < cmd.words.size()) loop.loop_var = cmd.words[start + 1];
      if (start + 2 < cmd.words.size() && cmd.words[start + 2] == "in")
        for (std::size_t k = start + 3; k < cmd.words.size(); ++k) loop.loop_items.push_back(cmd.words[k]);
      blocks_.push_back(std::move(loop));
      return;
    }
    if (program == "case") {
      blocks_.push_back({Block::Kind::Case});
      case_pattern_ = true;
      return;
    }
    // A function definition: `name() {`, `name () {`, `function name {`; its body follows.
    bool named = program == "function" ||
                 (program.size() > 2 && program.ends_with("()")) ||
                 (start + 1 < cmd.words.size() && cmd.words[start + 1] == "()");
    if (named) {
      pending_function_ = true;
      pending_function_name_ = program == "function" ? (start + 1 < cmd.words.size() ? cmd.words[start + 1] : "") : program;
      if (pending_function_name_.ends_with("()")) pending_function_name_.resize(pending_function_name_.size() - 2);
      for (std::size_t k = start + 1; k < cmd.words.size(); ++k)
        if (cmd.words[k] == "{") {
          blocks_.push_back({Block::Kind::Function});
          blocks_.back().function_name = pending_function_name_;
          pending_function_ = false;
          // `f() { cmd …` on one line: the rest is the body's first command.
          start = k + 1;
          while (start < cmd.words.size() && is_assignment(cmd.words[start])) ++start;
          if (start >= cmd.words.size()) return;
          named = false;
          break;
        }
      if (named) return;
    }
    auto erase_front = [&](auto& v) { v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(start)); };
    erase_front(cmd.words), erase_front(cmd.word_lines), erase_front(cmd.word_columns), erase_front(cmd.word_dynamic);
    cmd.line = cmd.word_lines.front();
    set_context(cmd, join, before, negated);
    // `"$@"` as a function's program: the function runs its arguments (a dry-run wrapper).
    if (cmd.in_function && (cmd.words.front() == "$@" || cmd.words.front() == "${@}"))
      for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it)
        if (it->kind == Block::Kind::Function) {
          if (!it->function_name.empty()) argument_runners_.push_back(it->function_name);
          break;
        }
    if (cmd.words.front() == "exit") {
      int code = 0;
      if (cmd.words.size() > 1 && !cmd.words[1].empty() &&
          std::all_of(cmd.words[1].begin(), cmd.words[1].end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
        code = std::stoi(cmd.words[1].substr(0, 4));
      cmd.exit_code = code;
    }
    out_.commands.push_back(std::move(cmd));
  }

  // The join after a command, the one before it and the blocks around it: when and whether it runs.
  void set_context(ShellCommand& cmd, ShellJoin join, ShellJoin before, bool negated) const {
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it)
      if (it->kind == Block::Kind::Loop && !it->loop_var.empty()) {
        cmd.loop_items = it->loop_items;
        cmd.loop_var = it->loop_var;
        break;
      }
    cmd.join = join;
    cmd.condition = in_condition_ || negated;
    cmd.guarded = cmd.condition || join == ShellJoin::Or || join == ShellJoin::And;
    cmd.in_loop = inside(Block::Kind::Loop);
    cmd.in_subshell = inside(Block::Kind::Subshell);
    cmd.in_function = inside(Block::Kind::Function);
    cmd.background = join == ShellJoin::Background || join == ShellJoin::Pipe;
    cmd.conditional = before == ShellJoin::Or || inside(Block::Kind::Case) ||
                      std::any_of(blocks_.begin(), blocks_.end(), [&](const Block& b) {
                        return b.kind == Block::Kind::If && (b.body || &b != &blocks_.back() || !in_condition_);
                      });
  }

  // A call of a function that runs its arguments (`run_cmd poetry publish`, with `run_cmd() { …
  // "$@"; }`) is the command it is given: the function's name is read as a wrapper.
  void unwrap_argument_runners() {
    if (argument_runners_.empty()) return;
    for (ShellCommand& cmd : out_.commands) {
      if (cmd.in_function || cmd.words.size() < 2) continue;
      if (std::find(argument_runners_.begin(), argument_runners_.end(), cmd.words.front()) == argument_runners_.end()) continue;
      auto drop = [](auto& v) { v.erase(v.begin()); };
      drop(cmd.words), drop(cmd.word_lines), drop(cmd.word_columns), drop(cmd.word_dynamic);
      cmd.line = cmd.word_lines.front();
    }
  }

  std::vector<std::string> argument_runners_;
  std::string pending_function_name_;
  std::string_view s_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 0, col_ = 1, word_line_ = 0, word_col_ = 1;
  int depth_ = 0;
  std::vector<ShellCommand> substituted_;  // read from the current command's substitutions
  std::string cur_;
  bool in_word_ = false, dynamic_ = false, in_condition_ = false, pending_function_ = false, case_pattern_ = false;
  ShellJoin previous_join_ = ShellJoin::Sequence;
  std::vector<std::string> words_;
  std::vector<std::uint32_t> lines_, columns_;
  std::vector<bool> dynamic_words_;
  std::vector<std::string> heredocs_;
  std::vector<Block> blocks_;
  ShellScript out_;
};

}  // namespace

ShellScript read_shell_script(std::string_view script) { return Scanner(script).run(); }

std::vector<ShellCommand> scan_shell(std::string_view script) { return read_shell_script(script).commands; }

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

std::size_t skip_command_prefixes(const std::vector<std::string>& words, std::size_t from) {
  static const std::string_view prefixes[] = {"exec", "time", "command", "nohup", "env", "sudo", "xargs"};
  std::size_t p = from;
  while (p < words.size() &&
         (std::find(std::begin(prefixes), std::end(prefixes), words[p]) != std::end(prefixes) || is_assignment(words[p])))
    ++p;
  return p;
}

namespace {

bool is_sh_family_program(std::string_view program) {
  for (std::string_view sh : {"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh"})
    if (program == sh) return true;
  return false;
}

// The interpreter a command line names: `/usr/bin/env -S bash -e` -> "bash".
std::string_view interpreter_of(std::string_view line) {
  auto next_word = [&]() {
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    std::string_view w = line.substr(0, line.find_first_of(" \t"));
    line.remove_prefix(w.size());
    return w;
  };
  std::string_view program = next_word();
  program = program.substr(program.find_last_of('/') + 1);
  if (program == "env") {
    std::string_view w = next_word();
    while (w.starts_with("-") || (w.find('=') != std::string_view::npos)) w = next_word();
    program = w.substr(w.find_last_of('/') + 1);
  }
  return program;
}

}  // namespace

bool is_sh_family_shell(std::string_view command_line) { return is_sh_family_program(interpreter_of(command_line)); }

bool is_shell_script(std::string_view path, std::string_view text) {
  if (text.starts_with("#!")) return is_sh_family_shell(text.substr(2, text.find('\n') - 2));
  for (std::string_view ext : {".py", ".js", ".mjs", ".cjs", ".ts", ".mts", ".rb", ".pl", ".ps1", ".lua", ".php", ".go",
                               ".nu", ".fish", ".bat", ".cmd", ".kts", ".exs", ".R", ".jl"})
    if (path.ends_with(ext)) return false;
  return true;
}

}  // namespace mise_audit
