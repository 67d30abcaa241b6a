// Glob matching with a configurable separator: `:` for task patterns (model §3.3), `/` for
// include paths. Supports `*` (within one segment), `**` (zero or more whole segments), `?`,
// `[abc]`/`[!a-z]` and `{a,b}`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

bool glob_match(std::string_view pattern, std::string_view text, char separator);
// False for patterns that cannot compile (unclosed `[` or `{`), with a reason.
bool glob_is_valid(std::string_view pattern, std::string* why = nullptr);
// Files and folders below `root` whose relative path matches `pattern` (sorted).
std::vector<std::filesystem::path> expand_path_glob(const std::string& root, const std::string& pattern);

}  // namespace mise_audit
