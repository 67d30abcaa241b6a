// Which files mise reads as configs in one folder, and which folder a config belongs to
// (CONTRIBUTING §4.1, §5.1).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/disk.h"

namespace mise_audit {

// What decides which config files mise reads in a folder (CONTRIBUTING §4.1, §11).
struct ConfigNames {
  std::vector<std::string> envs;       // MISE_ENV / -E / `.miserc.toml` env: adds the mise.<env>.toml names
  // `override_config_filenames` (MISE_OVERRIDE_CONFIG_FILENAMES): when set, the only plain names,
  // lowest precedence first (the mise.<env>.toml names and the task folders stay).
  std::vector<std::string> overrides;
  // `ignored_config_paths` (MISE_IGNORED_CONFIG_PATHS), absolute: a config at or below one, or
  // matching one as a glob, is not read (its task folders still are).
  std::vector<std::string> ignored;
};

// Config files present in `dir`, lowest precedence first.
std::vector<std::filesystem::path> config_files_in(const FileSystem& disk, const std::filesystem::path& dir,
                                                   const ConfigNames& names);

// True when `names` ignores the config `file` of the folder `dir` (by path alone: no disk access).
bool is_ignored_config(const std::filesystem::path& file, const std::filesystem::path& dir, const ConfigNames& names);

// The environment a `mise.<env>.toml`-style config is for (`mise.ci.local.toml` → "ci").
std::optional<std::string> env_of_config(const std::filesystem::path& file);

// mise.<env>.toml-style files of the project folder `dir`, for any environment.
std::vector<std::filesystem::path> env_config_files_in(const FileSystem& disk, const std::filesystem::path& dir);

// The five default task folders, in mise's order (the last one wins a name clash).
const std::vector<std::string>& default_task_dirs();

// True when `dir` holds a config file or a default task folder: mise sees a project there.
bool has_mise_project(const FileSystem& disk, const std::filesystem::path& dir, const ConfigNames& names);

// The project folder a config file belongs to (`X/.config/mise/config.toml` → `X`).
std::filesystem::path config_root_for(const std::filesystem::path& file);

// True for a file name/path mise reads as a config (any of the names above, conf.d entries).
bool is_config_name(const std::filesystem::path& file);

// The project folder of `rel` (a path relative to a repository root) when it is a config by one
// of the `overrides` names (`pkg/custom.toml` with `custom.toml` → `pkg`).
std::optional<std::filesystem::path> override_config_root(const std::filesystem::path& rel,
                                                          const std::vector<std::string>& overrides);

// A TOML file in a task folder whose name is a mise config name is not a task file.
bool is_config_file_name(const std::string& name);

}  // namespace mise_audit
