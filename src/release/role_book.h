// rules/roles.toml, parsed: the release model's command knowledge (plus user additions).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <unordered_map>
#include <vector>

#include "mise_audit/release_model.h"
#include "shell/shell_script.h"

namespace mise_audit {

struct CommandPattern {
  std::vector<std::string> match;
  RoleSet roles = 0;
  std::vector<std::string> produces, consumes;
  std::string writes;
  std::vector<std::string> out_flags;
  std::string reads;
  bool path_args = false;
  std::size_t skip_positionals = 0;
  // The first positional argument is the source folder, and `writes` lies inside it
  // (`python -m build docs/` writes docs/dist/) unless an out-flag names the folder.
  bool source_positional = false;
  std::vector<std::string> value_flags;
  bool self_building = false;
  std::string target;
  std::vector<std::string> unless_flags;
  // Without one of these the command only shows what it would do (`cargo release` needs --execute).
  std::vector<std::string> only_with_flags;
  std::vector<std::pair<std::string, RoleSet>> flag_roles;
  // A copy whose destination is another host (`host:path`, `user@host:path`) has these roles
  // instead: `rsync dist/ web:/srv/` deploys what dist/ holds.
  RoleSet remote_roles = 0;
  bool operator==(const CommandPattern&) const = default;
};

struct NamePattern {
  std::string glob;
  RoleSet roles = 0;
  bool operator==(const NamePattern&) const = default;
};

struct ToolRequirement {
  std::vector<std::string> match;
  std::string flag;
  std::vector<std::string> tools;
  std::vector<std::vector<std::string>> wrapped_by;
  // Tools that, declared, make a run through any `wrapped_by` wrapper enough (npx needs node).
  std::vector<std::string> wrapper_tools;
  std::string why;
  bool operator==(const ToolRequirement&) const = default;
};

// One entry of roles.toml [[source-files]]: the words (program and subcommand, then flags that
// must be there) and the kind of source files ("python", "web", "rust", …) it reads or rewrites.
struct SourceTool {
  std::vector<std::string> words;
  std::string files;
  bool rewrites = false;
  bool operator==(const SourceTool&) const = default;
};

struct SecretPrefix {
  std::string prefix;
  std::size_t min = 0;
  bool operator==(const SecretPrefix&) const = default;
};

struct RoleBook {
  std::vector<std::vector<std::string>> wrappers;
  // First words of `wrappers` (sorted), and whether one of them is a path: built with the
  // command index, so most commands are told "no wrapper" with one lookup.
  std::vector<std::string> wrapper_programs;
  bool wrapper_paths = false;
  std::vector<std::string> wrapper_value_flags;
  // Package managers that run a package's program named by their first argument (`yarn tsup`).
  std::vector<std::string> bin_runners;
  std::vector<CommandPattern> commands;
  // Indexes into `commands` by the first word of `match` when it has no '/' (the program name
  // it matches), and those whose first word is a path: a command is compared only with the
  // patterns that can match its program.
  std::unordered_map<std::string, std::vector<std::size_t>> commands_by_program;
  std::vector<std::size_t> commands_by_path;
  std::vector<NamePattern> names;
  std::vector<ToolRequirement> requires_;
  std::vector<std::string> guard_exits, artifact_hints, tag_checks, preflight_checks;
  // A task that runs one of these changes the repository (commits, pushes, opens a PR): whatever
  // it checks first, it is not a preflight to run before every publish.
  std::vector<std::string> preflight_not_if;
  // Hosts on the developer's machine: a publish to one (`docker push localhost:5000/x`) is a
  // local registry, not a release.
  std::vector<std::string> local_hosts;
  // Publish targets that deploy a service (a Worker, a host) rather than publish a version: a
  // version bump does not make their deploy part of the release (orchestrator-incomplete).
  std::vector<std::string> deploy_targets;
  // Commands that rewrite a kind of the project's source files in place (formatters, `--fix`
  // linters) or read them (checks, linters, tests, compilers).
  std::vector<SourceTool> source_tools;
  // Globs over a task's name (lower case) that make it the release's preflight phase.
  std::vector<std::string> preflight_task_names;
  // Globs over a task's name (lower case) that make it the whole release (`release:full`), even
  // when it runs a command itself (`semantic-release`) rather than only other tasks.
  std::vector<std::string> release_entry_names;
  std::vector<SecretPrefix> secret_prefixes;
  std::vector<std::string> secret_keys, secret_placeholders;
  // Values holding one of these name a secret kept elsewhere (`op://…`, `${{ secrets.X }}`).
  std::vector<std::string> secret_references;
  // Below this many bits per character (Shannon) a value is a word or a pattern, not a token.
  double secret_min_entropy = 0;
  bool operator==(const RoleBook&) const = default;
};

// The built-in rules/roles.toml, parsed once. A run's own book (with a user's patterns) comes from
// extend_role_book() and is passed down to the release model and the rules; nothing is global.
const RoleBook& builtin_role_book();
// `base` plus role patterns in roles.toml's schema (a user's `.mise-audit.toml [roles]`), after
// the built-in ones; nullopt with `error` set when the text is not valid.
std::optional<RoleBook> extend_role_book(const RoleBook& base, std::string_view toml_text, std::string& error);
// Parses `text` (roles.toml schema) into `book`, appending. Returns "" or an error.
std::string parse_role_book(std::string_view text, RoleBook& book);
// The built-in rules/roles.toml, parsed at build time (role_book_codegen.cpp writes code that
// fills a RoleBook; it registers itself here). Parsing the embedded text at every start was half
// of a small project's run. Without the generated code, builtin_role_book() parses the text.
using RoleBookFiller = void (*)(RoleBook&);
bool register_precompiled_role_book(RoleBookFiller fill);
RoleBookFiller precompiled_role_book();
// The built-in book parsed from the embedded text (the generator's input; tests compare).
RoleBook parse_builtin_role_book();

// A command with wrappers (uv run, npx, sudo, …) removed: index of the real program in words.
std::size_t skip_wrappers(const RoleBook& book, const std::vector<std::string>& words,
                          std::vector<std::string>* wrappers_seen = nullptr);
// What a command does to the project's source files: `ruff format` rewrites the Python ones, `mypy`
// reads them. The most specific entry decides (`black --check` reads, `black` rewrites); nullptr
// when none matches.
const SourceTool* source_tool(const RoleBook& book, const std::vector<std::string>& words);
// True when `text` holds one of `needles` (the book's substring lists: guard exits, hints, checks).
bool contains_any(std::string_view text, const std::vector<std::string>& needles);
// True when a task's scripts `text` read as Pattern 2's artifact guard: an exit on failure and a
// look at artifacts (what ReleaseModel calls guards_artifacts, when the task builds nothing).
bool reads_as_artifact_guard(const RoleBook& book, std::string_view text);
// Matches `pattern` at words[at]; returns the index after the matched words or 0.
std::size_t match_words(const std::vector<std::string>& pattern, const std::vector<std::string>& words, std::size_t at);

// "dist/*.whl" -> "dist/", "target/wheels/" -> "target/wheels/", "$OUT/x" -> "" (unknown).
std::string folder_of(std::string_view path, bool is_directory);

bool glob_match_simple(std::string_view glob, std::string_view text);

// `s` with ASCII letters in lower case (names and words compared without case).
std::string ascii_lower(std::string_view s);

}  // namespace mise_audit
