// A file in a task folder that mise skips because it is not executable (CONTRIBUTING §5.1), yet looks
// like a task: a shebang on its first line, or a `#MISE` entry or `#USAGE` spec mise would read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mise_audit/diagnostic.h"
#include "mise_audit/task_model.h"

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

// A library a task sources (`source "$(dirname "$0")/_lib.sh"`, `. ./lib.sh`) sits in a task folder
// without the executable bit on purpose: `chmod +x` would make it a bogus task. Drops the
// `non-executable-task-file` findings for files whose name a task's shell script (a file task,
// a `file = "…"` script, a `run` string) sources by a path ending in that name.
void drop_sourced_libraries(const Project& project, std::vector<Diagnostic>& diags);

}  // namespace mise_audit
