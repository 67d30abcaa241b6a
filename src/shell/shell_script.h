// The shell-script model: a `run` string, one entry of a `run` array or a file task's script,
// read (never run) into its simple commands, in order, with exact positions and the structure
// that decides whether and when each runs: `&&` / `;` / newlines, `||`, `if` / `while`
// conditions and `[ … ] ||` guards, early `exit`, loops, subshells, function bodies, heredocs,
// and the commands inside command and process substitutions (`$(…)`, backticks, `<(…)`).
// It knows nothing of tasks: `mise run` calls are read by shell/mise_run.h, and the graph and
// the release model interpret both. A forgiving reader: it never fails.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

// What joins a command to the one after it.
enum class ShellJoin : std::uint8_t {
  Sequence,    // `;`, a newline, the end of the script
  And,         // `&&`: the next runs when this one succeeds
  Or,          // `||`: the next runs when this one fails
  Pipe,        // `|`: both run at once
  Background,  // `&`: the next starts without waiting
};

struct ShellCommand {
  // Unquoted words, leading VAR=value assignments, keywords and redirections removed.
  std::vector<std::string> words;
  std::vector<std::uint32_t> word_lines;    // 0-based line of each word in the script
  std::vector<std::uint32_t> word_columns;  // 1-based code-point column of each word's text
  std::vector<bool> word_dynamic;           // holds an unquoted or double-quoted `$` or a backtick
  std::uint32_t line = 0;                   // 0-based line of the first word
  std::vector<std::string> loop_items;      // items of the innermost enclosing `for x in …` loop
  std::string loop_var;
  ShellJoin join = ShellJoin::Sequence;     // what follows it
  bool condition = false;     // the condition of an `if` / `elif` / `while` / `until`, or `!`
  bool guarded = false;       // failure does not stop the script: a condition, or `cmd || …`
  bool conditional = false;   // may not run: inside an if/case body, after `||`, in a loop body
  bool in_loop = false;       // inside a for/while/until loop
  bool in_subshell = false;   // inside `( … )`: cd/export there do not outlive it
  bool in_function = false;   // a function body: runs when the function is called
  bool background = false;    // ends with `&`, or is part of a pipeline, or inside `<(…)` / `>(…)`
  // Inside `$(…)`, a backtick string, `<(…)` or `>(…)` of another command: listed before that
  // command (it runs first, or beside it for `<(…)`), in a subshell; its words keep their
  // positions in the script.
  bool substituted = false;
  std::optional<int> exit_code;  // `exit N` (N = 0 when omitted or not a number)
  // A `cd` / `pushd` before it (not `cd .`; one inside a subshell only until the subshell ends)
  // may have moved it into another folder: a `mise run` there loads that folder's tasks.
  bool after_cd = false;
  // With after_cd: the folder the `cd`s moved it to, relative to where the script started
  // ("tests/integration"), when every one was a literal relative path that stays inside it;
  // nullopt when only the run knows (`cd "$dir"`, `cd -`, `cd ..`, `pushd`).
  std::optional<std::string> cd_folder;
};

// What a reader makes of a script it was asked to read.
struct ShellScript {
  std::vector<ShellCommand> commands;
};

ShellScript read_shell_script(std::string_view script);
// The commands alone (the same reading).
std::vector<ShellCommand> scan_shell(std::string_view script);

// "python3.12" -> "python", "pip3" -> "pip", "/usr/bin/maturin" -> "maturin".
std::string program_name(std::string_view word);
// The same without allocating: a view into `word`, or a static "python" / "pip".
std::string_view program_name_view(std::string_view word);

// Words that may stand before the program of a simple command and are not it (`exec`, `time`,
// `nohup`, `command`, `env`, `sudo`, `xargs`): the index of the program word at or after `from`.
std::size_t skip_command_prefixes(const std::vector<std::string>& words, std::size_t from = 0);

// Is a shell (a task's `shell`, a shebang's interpreter) one that runs sh-family scripts?
// `bash -c`, `/bin/sh -e`, `/usr/bin/env zsh` are; `python`, `node -e`, `pwsh` are not.
bool is_sh_family_shell(std::string_view command_line);
// May a script file be read as shell: an sh-family shebang, or none and no other language's
// extension. Python, JavaScript, Ruby … are not (their lines are not commands): unknown.
bool is_shell_script(std::string_view path, std::string_view text);

}  // namespace mise_audit
