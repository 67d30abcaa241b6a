// Word splitting as the `shell_words` crate mise uses does it (CONTRIBUTING §3.2): quotes,
// backslashes, `#` comments at word starts. Unbalanced quoting falls back to splitting on
// whitespace. Dependency strings and `shell` values are split with it; scripts are read by
// shell/shell_script.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

std::vector<std::string> split_shell_words(std::string_view text);
std::vector<std::string> split_whitespace(std::string_view text);

// `KEY=VAL` with KEY of [A-Za-z0-9_]+: a leading env assignment in a dependency string.
bool is_env_assignment(const std::string& word);
// Two or more words, all env assignments: mise refuses such a dependency ("missing task name").
bool only_env_assignments(std::string_view text);

}  // namespace mise_audit
