// `--diff`: a unified diff (3 lines of context) between a file's text before and after fixing.
#pragma once

#include <string>
#include <string_view>

namespace mise_audit {

// "" when the texts are equal. Lines keep their terminators ("\r\n" stays visible to patch).
std::string unified_diff(const std::string& path, std::string_view before, std::string_view after);

}  // namespace mise_audit
