// A file in a task folder that mise skips because it is not executable (CONTRIBUTING §5.1), yet looks
// like a task: a shebang on its first line, or a `#MISE` entry or `#USAGE` spec mise would read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mise_audit/diagnostic.h"

namespace mise_audit {

struct TaskMarker {
  std::uint32_t line = 0;      // 1-based
  std::string_view what;       // "a shebang", "a #MISE header", "a #USAGE spec"
};

// The first line that marks `text` as a task script, if any. Helper scripts sourced by tasks,
// READMEs and data files have none and are not tasks.
std::optional<TaskMarker> find_task_marker(std::string_view text);

// The `non-executable-task-file` finding for file `id`, which would be task `task`.
Diagnostic non_executable_task_file(const SourceManager& sources, FileId id, const TaskMarker& marker,
                                    const std::string& task);

}  // namespace mise_audit
