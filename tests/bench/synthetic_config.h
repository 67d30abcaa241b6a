// Synthetic release-pipeline projects for benchmarks: N tasks in groups of ten release phases
// (preflight → sync → version → build:* → build-all → smoke → postflight → pypi → full), with
// chains, wildcard fan-in, aliases, a task template, file tasks with #MISE headers and included
// task files. Deterministic: the same options always write the same bytes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace mise_audit::bench {

enum class Layout {
  Single,   // every task inline in one mise.toml (what the bare toml++ floor is measured on)
  Project,  // mise.toml + task_config.includes: included .toml task files and file tasks
};

struct SyntheticOptions {
  std::size_t tasks = 100;
  Layout layout = Layout::Project;
};

// Writes the project into `dir` (created; existing generated files are overwritten).
// Returns the number of tasks written (== options.tasks).
std::size_t write_synthetic_project(const std::filesystem::path& dir, const SyntheticOptions& options);

// A repository of nested projects under one root config: `dir/mise.toml` with ten root tasks
// (setup, lint, test, …) and `projects` nested projects `dir/packages/pkgNNNNN/mise.toml`, each one
// release group of ten tasks (the same phases as above, its own task template, no chain across
// projects); every third project's preflight depends on the root config's `setup`, a task mise
// finds in the parent config. Writes files only: the caller runs `git init` (the nested projects
// are found with `git ls-files`). Returns the number of tasks written (10 × projects + 10).
std::size_t write_synthetic_repository(const std::filesystem::path& dir, std::size_t projects);

}  // namespace mise_audit::bench
