// `#MISE key=value` metadata in executable task scripts (model §5.3).
#pragma once

#include <string_view>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

struct FileTaskHeader {
  TomlValue table;      // merged entries, positioned in the script file
  bool failed = false;  // invalid header TOML: mise refuses every task (model §5.3)
};

// Scans every line of `script` (file id `file`) for header entries and parses them.
FileTaskHeader parse_file_task_header(std::string_view script, FileId file, const std::string& task,
                                      std::vector<Diagnostic>& diags);

}  // namespace mise_audit
