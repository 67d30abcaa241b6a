// `mise run …` as a step of a script (CONTRIBUTING §3.6): which tasks it runs, with which
// arguments, and how. In mise `mise run A B` runs A with the argument B; `mise run A ::: B` runs
// A and B in parallel. Names built at run time (`$x`, `{{ … }}`) are marked dynamic: they cannot
// be resolved statically, and callers do not guess.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shell/shell_script.h"

namespace mise_audit {

struct MiseRunTask {
  std::string name;
  std::vector<std::string> args;
  std::size_t word = 0;  // index of the name among the command's words
  bool dynamic = false;  // `$TASK`, a backtick, a Tera template
};

struct MiseRun {
  std::vector<MiseRunTask> tasks;  // several: `:::` groups, run in parallel
  std::optional<unsigned> jobs;    // -j N / --jobs N
  bool force = false;              // -f / --force: runs even when sources are fresh
  bool other_folder = false;       // -C dir / --cd dir, or after a `cd`: another folder's tasks
};

// The `mise run` (`mise r`, `mise tasks run`) a simple command makes, starting at `program` (the
// `mise` word; the caller has removed wrappers), or nothing when it runs no task.
std::optional<MiseRun> read_mise_run(const ShellCommand& cmd, std::size_t program);
// The same for a command's words alone (no positions, `$` marks a dynamic name).
std::optional<MiseRun> read_mise_run(const std::vector<std::string>& words, std::size_t program = 0);
// `mise`, `/usr/local/bin/mise`.
bool is_mise_program(const std::string& word);

}  // namespace mise_audit
