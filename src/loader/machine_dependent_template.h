// Load-time templates ([env], [vars]) whose value depends on the machine mise runs on: a file
// under the user's home or outside the repository (`read_file`), an environment variable that no
// config defines and that has no default (`env.X`, `get_env(name="X")`). mise refuses the whole
// config wherever the file or variable is missing: CI runners, fresh clones, colleagues' machines.
#pragma once

#include <string>
#include <vector>

#include "core/disk.h"
#include "mise_audit/diagnostic.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

// `value` is a string holding Tera; `known_env` are the [env] keys the configs set before it.
void check_machine_dependent_template(const FileSystem& disk, const TomlValue& value, const std::string& config_root,
                                      const std::vector<std::string>& known_env,
                                      std::vector<Diagnostic>& diags);

}  // namespace mise_audit
