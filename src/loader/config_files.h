// Which files mise reads as configs in one folder, and which folder a config belongs to
// (CONTRIBUTING §4.1, §5.1).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/disk.h"

namespace mise_audit {

// Config files present in `dir`, lowest precedence first; `envs` adds the mise.<env>.toml names.
std::vector<std::filesystem::path> config_files_in(const FileSystem& disk, const std::filesystem::path& dir,
                                                   const std::vector<std::string>& envs);

// The environment a `mise.<env>.toml`-style config is for (`mise.ci.local.toml` → "ci").
std::optional<std::string> env_of_config(const std::filesystem::path& file);

// mise.<env>.toml-style files of the project folder `dir`, for any environment.
std::vector<std::filesystem::path> env_config_files_in(const FileSystem& disk, const std::filesystem::path& dir);

// The five default task folders, in mise's order (the last one wins a name clash).
const std::vector<std::string>& default_task_dirs();

// True when `dir` holds a config file or a default task folder: mise sees a project there.
bool has_mise_project(const FileSystem& disk, const std::filesystem::path& dir, const std::vector<std::string>& envs);

// The project folder a config file belongs to (`X/.config/mise/config.toml` → `X`).
std::filesystem::path config_root_for(const std::filesystem::path& file);

// True for a file name/path mise reads as a config (any of the names above, conf.d entries).
bool is_config_name(const std::filesystem::path& file);

// A TOML file in a task folder whose name is a mise config name is not a task file.
bool is_config_file_name(const std::string& name);

}  // namespace mise_audit
