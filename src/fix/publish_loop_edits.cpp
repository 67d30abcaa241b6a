#include "fix/publish_loop_edits.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "fix/text_position.h"

namespace mise_audit {
namespace {

struct Word {
  std::string text;   // as written, quotes included
  std::size_t end = 0;
};

// One command of the loop's text: its words (a comment ends them) and where it ends.
struct Segment {
  std::vector<Word> words;
  std::size_t end = 0;  // offset just past the segment's last byte (before `;` or the newline)
  bool plain = true;    // no operator, redirection, substitution or escape outside what is allowed
};

// Splits `text` from `at` into the next `;`- or newline-ended command. Quotes group words; any
// shell syntax beyond words (`&`, `|`, `<`, `>`, `(`, `)`, brace groups, backquotes, `$(`, `\`) marks the
// segment as not plain: the fix then gives up rather than guess.
Segment next_segment(std::string_view text, std::size_t& at) {
  Segment s;
  std::string cur;
  bool in_word = false, comment = false;
  char quote = 0;
  std::size_t i = at;
  auto end_word = [&] {
    if (in_word) s.words.push_back({cur, i});
    if (cur == "{" || cur == "}") s.plain = false;  // a brace group (`${x}` is a word)
    cur.clear();
    in_word = false;
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (comment) {
      if (c == '\n') break;
      continue;
    }
    if (quote) {
      cur += c;
      if (c == quote) quote = 0;
      else if (quote == '"' && (c == '`' || c == '\\' || (c == '$' && i + 1 < text.size() && text[i + 1] == '('))) s.plain = false;
      continue;
    }
    if (c == '\n' || c == ';') break;
    if (c == ' ' || c == '\t' || c == '\r') { end_word(); continue; }
    if (c == '#' && !in_word) { comment = true; continue; }
    if (std::string_view("&|<>()`\\").find(c) != std::string_view::npos) s.plain = false;
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '(') s.plain = false;
    if (c == '\'' || c == '"') quote = c;
    cur += c;
    in_word = true;
  }
  if (quote) s.plain = false;
  end_word();
  s.end = s.words.empty() ? i : s.words.back().end;
  at = i < text.size() ? i + 1 : i;
  return s;
}

bool plain_flag(const std::string& w) {
  return w.size() > 1 && w[0] == '-' && std::all_of(w.begin(), w.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '=' || c == '.';
  });
}

// The words after `cargo publish`: exactly one package selector naming the loop variable; the
// other words plain flags (returned, to keep them). nullopt for anything else.
std::optional<std::vector<std::string>> publish_flags(const std::vector<Word>& words, const std::string& var) {
  auto is_var = [&](const std::string& w) {
    return w == "$" + var || w == "${" + var + "}" || w == "\"$" + var + "\"" || w == "\"${" + var + "}\"";
  };
  std::vector<std::string> flags;
  int selectors = 0;
  for (std::size_t k = 2; k < words.size(); ++k) {
    const std::string& w = words[k].text;
    if ((w == "-p" || w == "--package") && k + 1 < words.size() && is_var(words[k + 1].text)) {
      ++selectors, ++k;
    } else if (w.starts_with("--package=") && is_var(w.substr(10))) {
      ++selectors;
    } else if (plain_flag(w) && w != "--manifest-path" && !w.starts_with("--manifest-path=")) {
      flags.push_back(w);
    } else {
      return std::nullopt;
    }
  }
  if (selectors != 1) return std::nullopt;
  return flags;
}

// The loop starting at `begin` in `text` (which ends where the script's bytes end): its end and
// the replacement, when it has the exact shape this fix knows.
struct Loop {
  std::size_t end = 0;
  std::string replacement;
};
std::optional<Loop> read_loop(std::string_view text, std::size_t begin, const std::string& var,
                              const std::vector<std::string>& items) {
  std::size_t at = begin;
  Segment head = next_segment(text, at);
  if (!head.plain || head.words.size() < 5 || head.words[0].text != "for" || head.words[1].text != var ||
      head.words[2].text != "in" || head.words.size() - 3 != items.size())
    return std::nullopt;
  auto crate_name = [](const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
  };
  for (std::size_t k = 0; k < items.size(); ++k)  // crate names as written: no quotes, no `$`
    if (head.words[k + 3].text != items[k] || !crate_name(items[k])) return std::nullopt;
  bool seen_do = false;
  std::optional<std::vector<std::string>> flags;
  while (at < text.size()) {
    Segment s = next_segment(text, at);
    if (!s.plain) return std::nullopt;
    std::vector<Word> words = s.words;
    if (words.empty()) continue;
    if (words[0].text == "done") {
      if (words.size() != 1 || !seen_do || !flags) return std::nullopt;
      // `done` ends its line, the script or a `;`-separated list.
      std::size_t after = words[0].end;
      while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\r')) ++after;
      if (after < text.size() && text[after] != '\n' && text[after] != ';') return std::nullopt;
      std::string r = "cargo publish --workspace";
      for (const std::string& f : *flags) r += " " + f;
      return Loop{words[0].end, r};
    }
    if (words[0].text == "do") {
      if (seen_do) return std::nullopt;
      seen_do = true;
      words.erase(words.begin());
      if (words.empty()) continue;
    }
    if (!seen_do) return std::nullopt;
    const std::string& program = words[0].text;
    if (program == "cargo") {
      if (flags || words.size() < 2 || words[1].text != "publish") return std::nullopt;
      flags = publish_flags(words, var);
      if (!flags) return std::nullopt;
    } else if (program != "echo" && program != "printf" && program != "sleep") {
      return std::nullopt;
    }
  }
  return std::nullopt;  // no `done`
}

// Where a command may start: the script's first byte, or after blanks that follow a newline or `;`.
bool command_start(std::string_view text, std::size_t content_begin, std::size_t at) {
  std::size_t i = at;
  while (i > content_begin && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  return i == content_begin || text[i - 1] == '\n' || text[i - 1] == ';';
}

}  // namespace

std::optional<Fix> workspace_publish_fix(const Project& project, const Task& task, const SourceSpan& word,
                                         const std::string& loop_var, const std::vector<std::string>& loop_items) {
  FileId file = word.file;
  if (loop_var.empty() || loop_items.size() < 2 || !editable_file(project, file)) return std::nullopt;
  std::string_view text = project.sources.file(file).text;
  auto p = byte_offset(project.sources, file, word.begin);
  if (!p) return std::nullopt;
  // The script's own bytes: a TOML string of a `run` entry (between its quotes), or a script file.
  std::size_t content_begin = 0, content_end = text.size();
  const RunEntry* entry = nullptr;
  for (const RunEntry& e : task.run)
    if (e.kind == RunEntry::Kind::Script && e.span.file == file) {
      auto r = byte_range(project.sources, e.span);
      if (r && r->begin <= *p && *p < r->end) entry = &e, content_begin = r->begin, content_end = r->end;
    }
  if (entry) {
    std::string_view literal = text.substr(content_begin, content_end - content_begin);
    std::size_t q = literal.starts_with("\"\"\"") || literal.starts_with("'''") ? 3
                  : literal.starts_with("\"") || literal.starts_with("'")     ? 1
                                                                                 : 0;
    if (q == 0 || literal.size() < 2 * q) return std::nullopt;
    content_begin += q, content_end -= q;
  } else {
    bool config = std::find(project.config_files.begin(), project.config_files.end(), file) != project.config_files.end();
    if (config || std::filesystem::path(project.sources.file(file).path).extension() == ".toml") return std::nullopt;
  }
  std::string_view content = text.substr(0, content_end);
  // The nearest `for <var> in` that starts a command before the publish.
  std::optional<std::size_t> begin;
  for (std::size_t at = content.rfind("for", *p); at != std::string_view::npos && at >= content_begin;
       at = at == 0 ? std::string_view::npos : content.rfind("for", at - 1)) {
    if (at + 3 < content.size() && (content[at + 3] == ' ' || content[at + 3] == '\t') &&
        command_start(content, content_begin, at)) {
      begin = at;
      break;
    }
  }
  if (!begin) return std::nullopt;
  std::optional<Loop> loop = read_loop(content, *begin, loop_var, loop_items);
  if (!loop || *p >= loop->end) return std::nullopt;
  // No backslash in the replaced bytes: in a basic TOML string it would be an escape, so the
  // bytes would not be the script's.
  if (content.substr(*begin, loop->end - *begin).find('\\') != std::string_view::npos) return std::nullopt;
  std::string crates;
  for (const std::string& i : loop_items) crates += (crates.empty() ? "" : " ") + i;
  return Fix{fmt::format("replace the loop over `{}` with `{}` (needs cargo 1.90+ and publishes every publishable crate "
                         "of the workspace)",
                         crates, loop->replacement),
             FixSafety::Unsafe, {{file, *begin, loop->end, loop->replacement}},
             fmt::format("task {}: the publish loop becomes one `{}`", task.display_name, loop->replacement)};
}

}  // namespace mise_audit
