// A task's scripts as the shell model reads them, and the `mise run` steps in them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mise_audit/task_model.h"
#include "shell/mise_run.h"
#include "shell/shell_script.h"

namespace mise_audit {

// Are the task's `run` strings sh-family scripts? Not when its `shell` is another language's
// (`python -c`, `node -e`, `pwsh`): then what they do is unknown, and nothing is read from them.
bool run_is_shell(const Task& task);

// Do the task's scripts run in its config root (the folder whose tasks a `mise run` in them
// loads)? Not when its `dir` names another folder, or one known only at run time: a `mise run`
// there loads that folder's tasks, and its names are not resolved against this project.
bool runs_in_config_root(const Task& task);
// The folder the task's commands run in, absolute: its `dir` (relative to its config root), else
// its config root; nullopt when a template decides it at run time.
std::optional<std::string> task_work_dir(const Task& task);

// A `mise run` step of a script: the command it is in and what it runs.
struct ScriptRun {
  const ShellCommand* command = nullptr;
  MiseRun run;
};
// The `mise run` steps of a read script, in order (wrappers such as `exec`, `env X=1` skipped;
// calls into another folder — `-C dir`, after a `cd` — left out).
std::vector<ScriptRun> mise_runs(const ShellScript& script);

}  // namespace mise_audit
