// The command line's names: "did you mean" for a mistyped subcommand (`chekc`) or long flag
// (`--formta`), and `help COMMAND`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace mise_audit {

// "unknown command `chekc` (did you mean `check`?)" when `word` is close to one of the visible
// subcommands of `app`; empty otherwise (the word is then taken for a PATH).
std::string unknown_command_message(const CLI::App& app, const std::string& word);

// `mise-audit help [COMMAND]`: the help of the program (COMMAND empty) or of one visible command.
// False, with the message in `text`, for an unknown command.
bool help_text(const CLI::App& app, const std::string& command, std::string& text);

// "did you mean `--format`?" for the first `--flag` in `args` that no command of `app` knows but
// one is close to; empty otherwise.
std::string unknown_flag_hint(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace mise_audit
