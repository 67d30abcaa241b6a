// The script a TOML task's `file = "…"` names, resolved as mise runs it: against config_root
// (unlike `mise tasks validate`, which checks it against the working directory).
#pragma once

#include <optional>
#include <string>

#include "mise_audit/task_model.h"

namespace mise_audit {

// The absolute path, or nothing for file tasks, templates and URLs.
std::optional<std::string> task_file_path(const Task& t);

}  // namespace mise_audit
