// `#MISE key=value` metadata in executable task scripts (CONTRIBUTING §5.3).
#pragma once

#include <string_view>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

struct FileTaskHeader {
  TomlValue table;      // merged entries, positioned in the script file
  bool failed = false;  // invalid header TOML: mise refuses every task (CONTRIBUTING §5.3)
};

// The byte length of a header prefix mise accepts ("#MISE ", "# [MISE] ", "//MISE ", "::MISE "),
// or 0 when the line is not a header line.
std::size_t header_prefix_length(std::string_view line);
// "key = value" where key is a TOML bare/dotted key: the text after a prefix is a header entry.
bool looks_like_entry(std::string_view text);

// Scans every line of `script` (file id `file`) for header entries and parses them.
FileTaskHeader parse_file_task_header(std::string_view script, FileId file, const std::string& task,
                                      std::vector<Diagnostic>& diags);

}  // namespace mise_audit
