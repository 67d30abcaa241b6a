// package.json, read as data: the Node manifest that `task.auto_infer` turns into tasks and whose
// `scripts` a task runs through `npm run X` (the release model reads those). Nothing is run.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/disk.h"

namespace mise_audit {

// The JSON object in `file` (its text in `text`), or nullopt when it cannot be read through
// `disk` or is not a JSON object.
std::optional<nlohmann::json> read_json_object(const FileSystem& disk, const std::filesystem::path& file,
                                               const ReadFence& fence, std::string& text);

// The command of script `name` in the manifest's `scripts`, or nullopt.
std::optional<std::string> package_script(const nlohmann::json& manifest, std::string_view name);

// Is `package` one of the manifest's dependencies (dependencies, devDependencies,
// optionalDependencies, peerDependencies)? Its programs are then on the PATH of its scripts
// (node_modules/.bin) once the packages are installed.
bool package_depends_on(const nlohmann::json& manifest, std::string_view package);

// 1-based line of the first `"name":` key in JSON `text` (0 when not found): where a script is
// written, for messages.
std::uint32_t json_key_line(std::string_view text, std::string_view name);

}  // namespace mise_audit
