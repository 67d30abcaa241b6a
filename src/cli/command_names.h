// "Did you mean" for the command line: a mistyped subcommand (`chekc`) or long flag (`--formta`).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace mise_audit {

// "unknown command `chekc` (did you mean `check`?)" when `word` is close to one of the visible
// subcommands of `app`; empty otherwise (the word is then taken for a PATH).
std::string unknown_command_message(const CLI::App& app, const std::string& word);

// "did you mean `--format`?" for the first `--flag` in `args` that no command of `app` knows but
// one is close to; empty otherwise.
std::string unknown_flag_hint(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace mise_audit
