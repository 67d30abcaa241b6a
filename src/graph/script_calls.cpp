// Finds `mise run X`, `mise r X`, `mise run X ::: Y` and `mise tasks run X` in shell text. A
// small tokenizer, not a shell: words with quotes, comments and the operators that end a
// command. Names built at run time (`$x`, `{{ … }}`) and calls into another folder (`-C dir`)
// are skipped: they cannot be resolved statically.
#include <set>
#include <string>

#include "graph/script_spans.h"
#include "mise_audit/task_graph.h"

namespace mise_audit {
namespace {

struct Word {
  std::string text;         // quotes removed
  std::uint32_t line = 0;   // of the first character of the text
  std::uint32_t column = 0;
  bool dynamic = false;     // contains an unquoted or double-quoted `$` or a backtick
  bool op = false;          // a command separator: ; & | && || ( ) newline
};

std::vector<Word> tokenize(std::string_view s) {
  std::vector<Word> words;
  std::uint32_t line = 1, col = 1;
  std::size_t i = 0;
  auto advance = [&]() {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') ++line, col = 1;
    else if ((c & 0xC0) != 0x80) ++col;
    ++i;
  };
  auto push_op = [&]() {
    if (words.empty() || !words.back().op) words.push_back(Word{"", line, col, false, true});
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && s[i + 1] == '\n') { advance(); advance(); continue; }
    if (c == ' ' || c == '\t' || c == '\r') { advance(); continue; }
    if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`' || c == '{' ||
        c == '}') {
      push_op();
      advance();
      continue;
    }
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') advance();
      continue;
    }
    Word w;
    w.line = line;
    w.column = col;
    bool started = false;
    while (i < s.size()) {
      c = s[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' ||
          c == ')' || c == '`')
        break;
      if (c == '\\' && i + 1 < s.size()) {
        advance();
        if (s[i] != '\n') w.text += s[i];
        advance();
      } else if (c == '\'' || c == '"') {
        char q = c;
        advance();
        if (!started && w.text.empty()) w.line = line, w.column = col;
        while (i < s.size() && s[i] != q) {
          if (q == '"' && s[i] == '\\' && i + 1 < s.size()) advance();
          if (q == '"' && (s[i] == '$' || s[i] == '`')) w.dynamic = true;
          w.text += s[i];
          advance();
        }
        if (i < s.size()) advance();
      } else {
        if (c == '$') w.dynamic = true;
        w.text += c;
        advance();
      }
      started = true;
    }
    words.push_back(std::move(w));
  }
  return words;
}

bool is_assignment(const std::string& w) {
  std::size_t eq = w.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  for (std::size_t i = 0; i < eq; ++i)
    if (!(std::isalnum(static_cast<unsigned char>(w[i])) || w[i] == '_')) return false;
  return true;
}

// Words that may stand before the command word of a simple command.
bool is_command_prefix(const std::string& w) {
  static const std::set<std::string> k = {"exec", "time", "command", "nohup", "then", "do", "else", "elif",
                                          "if", "while", "until", "!", "env", "sudo", "xargs"};
  return k.count(w) > 0 || is_assignment(w);
}

bool is_mise(const std::string& w) {
  return w == "mise" || (w.size() > 5 && w.compare(w.size() - 5, 5, "/mise") == 0);
}

// Options that take a value: global ones, and those of `mise run`.
bool takes_value(const std::string& flag) {
  static const std::set<std::string> k = {"-E", "--env", "-j", "--jobs", "-s", "--shell", "-t", "--tool",
                                          "-o", "--output", "--timeout", "--profile", "--log-level"};
  return k.count(flag) > 0;
}

bool changes_directory(const std::string& flag) {
  return flag == "-C" || flag == "--cd" || flag.rfind("--cd=", 0) == 0 || (flag.rfind("-C", 0) == 0 && flag.size() > 2);
}

// Parses one simple command starting at words[i] (the `mise` word). Appends its task calls.
void parse_mise_command(const std::vector<Word>& words, std::size_t i, std::vector<ScriptTaskCall>& out) {
  std::size_t n = words.size();
  ++i;
  // Global options before the subcommand.
  while (i < n && !words[i].op && words[i].text.size() > 1 && words[i].text[0] == '-') {
    if (changes_directory(words[i].text)) return;
    i += takes_value(words[i].text) ? 2 : 1;
  }
  if (i >= n || words[i].op) return;
  if (words[i].text == "tasks" || words[i].text == "task" || words[i].text == "t") {
    ++i;
    if (i >= n || words[i].op || words[i].text != "run") return;
  } else if (words[i].text != "run" && words[i].text != "r") {
    return;
  }
  ++i;
  bool want_task = true;
  for (; i < n && !words[i].op; ++i) {
    const Word& w = words[i];
    if (w.text == ":::") { want_task = true; continue; }
    if (!want_task) continue;
    if (w.text == "--") continue;
    if (w.text.size() > 1 && w.text[0] == '-') {
      if (changes_directory(w.text)) return;
      if (takes_value(w.text)) ++i;
      continue;
    }
    want_task = false;
    if (w.dynamic || w.text.empty() || is_templated(w.text)) continue;
    out.push_back({w.text, w.line, w.column});
  }
}

}  // namespace

std::vector<std::string> mise_run_targets(const std::vector<std::string>& words) {
  std::vector<Word> ws;
  ws.reserve(words.size());
  for (const std::string& w : words)
    ws.push_back(Word{w, 0, 0, w.find_first_of("$`") != std::string::npos, false});
  std::vector<ScriptTaskCall> calls;
  if (!ws.empty() && is_mise(ws.front().text)) parse_mise_command(ws, 0, calls);
  std::vector<std::string> out;
  for (ScriptTaskCall& c : calls) out.push_back(std::move(c.task));
  return out;
}

std::vector<ScriptTaskCall> find_mise_run_calls(std::string_view script) {
  std::vector<ScriptTaskCall> out;
  if (script.find("mise") == std::string_view::npos) return out;
  std::vector<Word> words = tokenize(script);
  bool at_command_start = true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (w.op) { at_command_start = true; continue; }
    if (!at_command_start) continue;
    if (is_command_prefix(w.text)) continue;
    at_command_start = false;
    if (is_mise(w.text)) parse_mise_command(words, i, out);
  }
  return out;
}

}  // namespace mise_audit
