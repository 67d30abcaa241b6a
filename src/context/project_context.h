// Which project mise sees from a folder: the folder's own project (or the nearest one above it),
// the parent folders whose configs mise also reads, and the monorepo it belongs to
// (CONTRIBUTING §4.2). Decides what is loaded; the loader decides how.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loader/config_files.h"
#include "mise_audit/task_model.h"

namespace mise_audit {

struct ContextOptions {
  std::vector<std::string> envs;  // MISE_ENV / -E
  bool isolated = false;          // ignore MISE_* variables (MISE_CEILING_PATHS …)
  bool allow_outside = false;     // --allow-outside: read includes and symlinks outside the repository
  bool global = false;            // --global: the user's global config (~/.config/mise) is a parent too
  std::shared_ptr<const std::map<std::string, std::string>> overlays;  // stdin: path → text
  const FileSystem* disk = &real_file_system();  // every read and stat (tests: a MemoryFileSystem)
};

struct ProjectContext {
  std::string root;                   // the project folder linted: the folder asked about, or the nearest above it
  std::vector<std::string> parents;   // folders above `root` whose configs mise also reads, top first
  std::string monorepo_root;          // a monorepo root above `root`: the project is loaded from there
  // Project folders between `monorepo_root` and `root`, top first: mise run in `root` loads them
  // (and `root`) as members of the monorepo whether `config_roots` lists them or not (CONTRIBUTING §3.4).
  std::vector<std::string> monorepo_path;
  std::string repository_root;        // the folder holding `.git`; "" outside a repository
  std::vector<std::string> configs_above;  // configs mise reads above the repository root: named, never loaded
  // The config names mise uses from here: environments (-E / MISE_ENV, else `.miserc.toml`'s
  // `env`), `override_config_filenames` and `ignored_config_paths` (their MISE_* variables, else
  // `.miserc.toml`), CONTRIBUTING §11.
  ConfigNames names;
};

// The context of `dir` (an existing folder). Fails, with a message naming what was looked for,
// when neither `dir` nor a folder above it (up to the repository root) has a mise config or
// task folder.
std::optional<ProjectContext> find_project_context(const std::string& dir, const ContextOptions& options,
                                                   ParseCache& cache, std::string& error);

// What "no mise config found" looked for, for messages.
std::string names_looked_for();

// The config names mise uses in `dir` (as ProjectContext::names), for a folder that may have no
// project context (a repository root whose projects are all nested below it).
ConfigNames config_names_at(const std::string& dir, const ContextOptions& options);

// The folder whose context a path is linted in: a folder itself, a config file's project
// folder, or the folder holding any other file (a file task, an included task file).
std::string context_folder_for(const std::string& absolute_path, bool is_directory);

// What to pass to load_project for a context: the folder, and options with its parent folders
// (`extra_envs`: environments selected for this project only, e.g. for a `mise.ci.toml` passed
// as an argument).
std::string context_load_dir(const ProjectContext& context);
LoadOptions context_load_options(const ProjectContext& context, const ContextOptions& options,
                                 std::shared_ptr<ParseCache> cache, const std::vector<std::string>& extra_envs = {});

// Files of `project` a context reports on: those of its project folder (and, for a monorepo
// root, of its members), never those of parent folders, which their own context reports.
std::vector<bool> files_in_scope(const Project& project, const ProjectContext& context);

// `p` made absolute and lexically normal, without a trailing separator.
std::filesystem::path normal_absolute(const std::string& p);

// The folder holding `.git` at or above `start`, or "" when there is none.
std::string repository_root_of(const FileSystem& disk, const std::string& start);

}  // namespace mise_audit
