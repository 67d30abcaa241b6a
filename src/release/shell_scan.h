// A small, forgiving reader of shell scripts: enough to find simple commands, their words and
// lines, and the `for` loops around them. It never runs anything and never fails.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

struct ShellCommand {
  std::vector<std::string> words;  // unquoted words, leading VAR=value assignments removed
  std::vector<std::uint32_t> word_lines;  // 0-based line of each word
  std::uint32_t line = 0;          // 0-based line of the first word
  std::vector<std::string> loop_items;  // items of the innermost enclosing `for x in …` loop
  std::string loop_var;
};

std::vector<ShellCommand> scan_shell(std::string_view script);

// "python3.12" -> "python", "pip3" -> "pip", "/usr/bin/maturin" -> "maturin".
std::string program_name(std::string_view word);
// The same without allocating: a view into `word`, or a static "python" / "pip".
std::string_view program_name_view(std::string_view word);

}  // namespace mise_audit
