// Roles and artifact flow inferred from what tasks do (issue: release audit). Built lazily, once
// per run, from the task graph and rules/roles.toml; rules only read it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mise_audit/task_graph.h"
#include "mise_audit/task_set.h"

namespace mise_audit {

// What a command (and so a task) does for a release. A bit set: one command can have several.
enum Role : std::uint32_t {
  kRoleWheel = 1u << 0,      // builds wheels
  kRoleSdist = 1u << 1,      // builds a source distribution
  kRoleBuild = 1u << 2,      // builds another artifact (binary, package, image)
  kRolePublish = 1u << 3,    // uploads / releases
  kRoleVersion = 1u << 4,    // bumps the version
  kRoleTag = 1u << 5,        // creates a git tag
  kRoleCopy = 1u << 6,       // moves artifacts (cp, mv, scp, rsync)
  kRoleInspect = 1u << 7,    // reads artifacts (twine check)
  kRoleGuard = 1u << 8,      // checks that artifacts / a tag exist and fails otherwise
  kRolePreflight = 1u << 9,  // clean-tree / branch checks
  kRoleFetch = 1u << 10,     // brings artifacts built elsewhere (docker pull, gh run download)
};
using RoleSet = std::uint32_t;
inline constexpr RoleSet kRoleProduces = kRoleWheel | kRoleSdist | kRoleBuild;
// "wheel", "sdist", "build", "publish", "version", "tag", "copy", "inspect", "guard", "preflight",
// "fetch"
std::string role_names(RoleSet roles);

// One release-relevant command found in a task.
struct CommandFact {
  RoleSet roles = 0;
  std::string command;   // the words matched, e.g. "maturin build" (or the script name)
  std::vector<std::string> produces;  // artifact kinds: wheel, sdist, binary, package, image, file
  std::vector<std::string> consumes;
  std::string writes;                 // folder written, normalised with a trailing '/' ("" unknown)
  std::vector<std::string> reads;     // folders read (publishers, copies, inspections)
  // Files, as globs: `cp a.log dist/` reads "a.log" and writes "dist/a.log"; `maturin build`
  // writes "target/wheels/*.whl"; `twine check dist/*` reads "dist/*". Variables become `*`.
  // Scratch files (/tmp, $TMPDIR, mktemp results) and paths rooted in an unknown variable are
  // left out: they link no two tasks.
  std::vector<std::string> read_files;
  std::vector<std::string> write_files;
  bool self_building = false;         // cargo publish, npm publish, goreleaser release, …
  // Its failure cannot stop the task: a condition (`if ls dist/*.whl`), `cmd || …`, or inside
  // `$(…)` (`N=$(find dist -name '*.whl' | wc -l)`): a probe, not a step that needs its input.
  bool tolerated = false;
  bool remote_source = false;         // a copy from another host (scp host:…): brings new artifacts
  bool from_name = false;             // inferred from a script's file name, not from a command
  bool declared = false;              // from the task's declared `outputs`, not from a command
  std::string target;                 // pypi, crates, npm, github, registry
  std::vector<std::string> args;      // words after the matched command
  // Flags that replaced the command's own roles (role book `flag-roles`: `uv build --wheel`), where
  // they are written, and the roles it has without them (wheel + sdist).
  std::vector<SourceSpan> role_flag_spans;
  std::vector<std::string> role_flags;
  RoleSet unflagged_roles = 0;
  SourceSpan span;                    // where it is written (the program word)
  std::string via_script;             // the script file it was found in, when not in `span`'s file
  std::uint32_t script_line = 0;      // 1-based line within via_script
  std::size_t run_index = 0;          // which run entry (ordering within a task)
  std::uint32_t order = 0;            // position among the task's commands
};

// `mise run X` or "run X first" written as text (echo, printf, description): a prerequisite or a
// next step that nothing enforces.
struct ProseRef {
  std::string text;  // the task reference as written
  TaskId target = 0;
  SourceSpan span;
  bool in_description = false;
};

// A step of a task that runs other tasks: `mise run X` in a script (a separate mise run: X's whole
// `depends` closure runs again at that point), or a `{ task = "X" }` / `{ tasks = [...] }` run
// entry. Ordered with the task's commands.
struct TaskCall {
  std::vector<TaskId> targets;  // resolved; `mise run a ::: b` and `tasks = [...]` name several
  std::vector<std::vector<std::string>> args;  // per target: the arguments it is run with
  std::string text;             // "mise run render" / "task = \"build\""
  SourceSpan span;              // the task name as written
  std::string via_script;       // the script file it was found in, when not in `span`'s file
  std::uint32_t script_line = 0;
  std::size_t run_index = 0;
  std::uint32_t order = 0;      // on the scale of CommandFact::order
};

// Every simple command a task runs (wrappers removed), for rules that read commands directly.
struct ShellStep {
  std::vector<std::string> words;     // from the real program on
  std::vector<std::string> wrappers;  // "uv run", "npx", … that were removed
  SourceSpan span;                    // the program word
  std::vector<std::string> loop_items;  // items of the enclosing `for … in …` loop
  std::string loop_var;
  std::string via_script;
  std::uint32_t script_line = 0;
  // A package.json script's command whose program is one of that package's dependencies: npm
  // puts node_modules/.bin on its PATH, so `npm install` provides it.
  bool from_package_bin = false;
  // After a `cd` in its script (ShellCommand::after_cd): the folder it moved to, relative to the
  // task's, or nullopt when only the run knows.
  bool after_cd = false;
  std::optional<std::string> cd_folder;
};

struct TaskFacts {
  std::vector<CommandFact> commands;
  std::vector<ShellStep> steps;
  RoleSet roles = 0;        // union of the commands' roles plus guard / preflight
  bool orchestrator = false;  // depends on or runs other tasks and runs nothing of substance
  bool prints_only = false;   // every command it runs is echo / printf / true / a comment
  bool dry_run = false;       // passes --dry-run / --snapshot, or its name says dry
  bool guards_artifacts = false;  // a guard that fails when the artifacts are missing
  bool guards_tag = false;        // a guard that fails when HEAD is not tagged
  bool runs_tasks = false;        // its scripts call `mise run`
  std::vector<ProseRef> prose;
  std::vector<TaskCall> calls;  // in order (TaskCall::order)
  std::vector<std::string> unreadable_scripts;  // executed scripts that do not exist here
  bool unknown = false;  // its `run` is in another language (a non-sh `shell`): not read, not guessed
  // Commands whose program is a variable (`$UV_CMD build`): what they do is known only at run time.
  std::vector<std::string> dynamic_programs;
};

// One place a task is run from: a `depends` entry or a step of another task, with the arguments
// passed (`depends = ["build --release"]`, `mise run build --release`).
struct Invocation {
  TaskId by = 0;
  std::vector<std::string> args;
};

struct RoleBook;

class ReleaseModel {
 public:
  // `roles` is the run's vocabulary (release/role_book.h); it must outlive the model.
  ReleaseModel(const TaskGraph& graph, const RoleBook& roles);
  ~ReleaseModel();
  const TaskGraph& graph() const { return *graph_; }
  const RoleBook& roles() const { return *roles_; }

  const TaskFacts& facts(TaskId id) const;
  RoleSet roles(TaskId id) const { return facts(id).roles; }
  // Tasks with a command that builds, fetches or copies artifacts, in order: where producers are
  // looked for (asking every task, for each of 10,000 publishers, was quadratic).
  const std::vector<TaskId>& artifact_tasks() const;
  // Every `depends` entry and step that runs `id`, with its arguments.
  const std::vector<Invocation>& invocations(TaskId id) const;
  // Roles of everything that executes when `id` runs alone (depends, run entries, mise run).
  RoleSet closure_roles(TaskId id) const;
  // Tasks that execute when `id` runs alone: the scheduled closure plus everything those tasks
  // run through `run = [{task}]` and `mise run` (and the depends of those). Includes `id`.
  TaskSet execution_closure(TaskId id) const;
  // Everything the tasks of `seeds` execute together (the union of their execution closures).
  TaskSet execution_closure(const std::vector<TaskId>& seeds) const;
  // Tasks whose execution closure holds `id` (the reverse question). Includes `id`.
  TaskSet executed_by(TaskId id) const;
  // Tasks whose execution closure holds one of `ids` (one walk for all). Includes `ids`.
  TaskSet executed_by(const std::vector<TaskId>& ids) const;
  // Tasks that run before or while `id` runs alone: depends (transitively), run entries, mise run.
  TaskSet before_or_during(TaskId id) const;
  // Tasks whose before_or_during closure holds one of `ids` (the reverse question). Includes `ids`.
  TaskSet before_or_during_any_of(const std::vector<TaskId>& ids) const;
  // Tasks guaranteed to finish before `id` starts when `id` runs alone (its depends closure).
  TaskSet prerequisites(TaskId id) const;
  // Tasks that `t` runs before point `order` of its steps: its depends closure and what its
  // earlier steps run (not `t` itself).
  TaskSet runs_before_point(TaskId t, std::uint32_t order) const;
  // Tasks that run `t` through a step, and before that step (depends closure, earlier steps):
  // the rest of the release that `t` takes part in. Does not include `t`'s own closure.
  TaskSet run_before_by_callers(TaskId t) const;

  // True when `id` cannot run at all: a `depends` / `depends_post` cycle is in what it
  // schedules, and mise refuses to run it (dependency-cycle reports that). Release rules leave
  // such tasks alone: their order questions have no answer until the cycle is gone, and asking
  // them of every task of a 10,000-task cycle of publishers took seconds per rule.
  bool blocked_by_cycle(TaskId id) const;

  // "`maturin build` at line 12" / "`uv publish` in scripts/publish.sh:3 (run at line 9)" /
  // "the script name `publish-to-pypi.sh` at line 9", relative to a finding in `in_file`.
  std::string describe(const CommandFact& c, FileId in_file) const;
  // "`mise run render` at line 12" / "the run entry `build` at line 3".
  std::string describe(const TaskCall& c, FileId in_file) const;

 private:
  struct Data;
  const Data& data() const;
  // Breadth-first reach from `seeds` over the edge kinds in `kinds` (a bit per EdgeKind),
  // forwards along out-edges or backwards along in-edges. Costs what it reaches: the visited
  // marks are reused across queries (an epoch per query), never cleared.
  TaskSet reach(const std::vector<TaskId>& seeds, unsigned kinds, bool backwards) const;
  // The forward closure of one task. Every task of a cycle has the same closure: for tasks on
  // cycles it is computed once per cycle and kept (within a budget), so asking it of each task
  // of a 10,000-task cycle is not 10,000 walks over the cycle.
  TaskSet closure_of(TaskId id, unsigned kinds) const;
  struct Cycles;
  Cycles& cycles(unsigned kinds) const;
  // Targets of `t`'s depends edges (not `t` itself).
  std::vector<TaskId> depends_of(TaskId t) const;
  const TaskGraph* graph_;
  const RoleBook* roles_;
  mutable std::unique_ptr<Data> data_;
  mutable std::vector<std::uint32_t> visit_epoch_;
  mutable std::vector<std::unique_ptr<Cycles>> cycles_;  // per edge-kind mask, on first use
  mutable std::vector<bool> blocked_;                     // blocked_by_cycle, on first use
  mutable std::uint32_t epoch_ = 0;
};

// Checks role patterns in rules/roles.toml's schema (e.g. from a user's .mise-audit.toml):
// `[[command]] match = "./scripts/ship.sh"  roles = ["publish"]`. Returns "" or an error.
std::string check_role_patterns(std::string_view toml_text);

// Do two file globs of CommandFact::read_files / write_files name a common file? ("dist/*" and
// "dist/*.whl" do; "a.log" and "settings.json" do not.)
bool files_match(std::string_view a, std::string_view b);

// Masks a secret for messages: the first 4 characters, then "…" and the length.
std::string mask_secret(std::string_view secret);

}  // namespace mise_audit
