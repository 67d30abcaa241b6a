// Replacing a hand-ordered crate loop (`for crate in a b c; do cargo publish -p "$crate"; done`)
// with `cargo publish --workspace`, as one replacement of the loop's exact bytes: in the TOML
// string that holds the script (basic, literal or multi-line: only where the bytes are the script's
// own, without escapes) or in the script file a task runs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mise_audit/task_model.h"

namespace mise_audit {

// `word` is the `cargo` of the publish command inside the loop over `loop_items` bound to
// `loop_var`. Only a loop of this exact shape gets a fix: `for VAR in <plain words>` then `do`, a
// body of the one `cargo publish` (its package `$VAR`; other arguments plain flags, kept) and
// `echo` / `printf` / `sleep` lines, then `done` ending its line (or followed by `;`). Anything else
// (a condition, a pipe, a redirection, an escape, a second loop) gets none.
std::optional<Fix> workspace_publish_fix(const Project& project, const Task& task, const SourceSpan& word,
                                         const std::string& loop_var, const std::vector<std::string>& loop_items);

}  // namespace mise_audit
