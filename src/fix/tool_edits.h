// Declaring a tool in [tools]: the entry a release command needs, added to the project's config
// file that defines the task (or, for tasks written elsewhere, the config that holds [tools]).
#pragma once

#include <optional>
#include <string>

#include "mise_audit/task_model.h"

namespace mise_audit {

// Adds `<tool> = "latest"` to [tools] (a `[tools]` table appended at the end of the file when it
// has none). Unsafe: "latest" stands in for the version a person must choose. nullopt when no
// config of the project can be edited or its layout is not recognised.
std::optional<Fix> declare_tool_fix(const Project& project, const Task& task, const std::string& tool);

}  // namespace mise_audit
