// Inserting the seed's Pattern 2 guard: a hidden task that fails when a publisher's artifacts are
// missing, written just above the publisher's `[tasks.x]` table, and a `depends` on it. For a
// publisher that a release runs as a step after its build, where a `depends` on the build would
// build everything again (a nested `mise run` runs the whole closure).
#pragma once

#include <optional>
#include <string>

#include "mise_audit/task_model.h"

namespace mise_audit {

// Inserts `[tasks.<guard>]` (hide = true, run = `script`) above `task`'s table, in the header's own
// spelling (`[tasks.` or an included task file's `[`), and adds `guard` to `task`'s `depends`.
// Unsafe: it adds a task. nullopt when `task` is not a `[…]` table of an editable config, a task
// named `guard` exists, or either edit is not certain.
std::optional<Fix> insert_guard_task_fix(const Project& project, const Task& task, const std::string& guard,
                                         const std::string& script, const std::string& what);

}  // namespace mise_audit
