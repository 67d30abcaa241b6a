// The typed task model: every task mise would load, with every field and where it was written.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/disk.h"
#include "mise_audit/diagnostic.h"
#include "mise_audit/source.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

// A string value with its position. `templated` marks Tera ({{ }}, {% %}, {# #}) left unresolved.
struct LocatedString {
  std::string value;
  SourceSpan span;
  bool templated = false;
};

// An optional LocatedString in one pointer, with std::optional's interface. A Task has nine
// such fields and most are unset: inline, they were 576 of a Task's 1,272 bytes.
class OptionalString {
 public:
  OptionalString() = default;
  OptionalString(std::nullopt_t) {}
  OptionalString(LocatedString s) : p_(std::make_unique<LocatedString>(std::move(s))) {}
  OptionalString(const std::optional<LocatedString>& s) : p_(s ? std::make_unique<LocatedString>(*s) : nullptr) {}
  OptionalString(std::optional<LocatedString>&& s) : p_(s ? std::make_unique<LocatedString>(std::move(*s)) : nullptr) {}
  OptionalString(const OptionalString& o) : p_(o.p_ ? std::make_unique<LocatedString>(*o.p_) : nullptr) {}
  OptionalString(OptionalString&&) noexcept = default;
  OptionalString& operator=(const OptionalString& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<LocatedString>(*o.p_) : nullptr;
    return *this;
  }
  OptionalString& operator=(OptionalString&&) noexcept = default;
  OptionalString& operator=(std::nullopt_t) {
    p_.reset();
    return *this;
  }

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return p_ != nullptr; }
  LocatedString* operator->() { return p_.get(); }
  const LocatedString* operator->() const { return p_.get(); }
  LocatedString& operator*() { return *p_; }
  const LocatedString& operator*() const { return *p_; }
  void reset() { p_.reset(); }

 private:
  std::unique_ptr<LocatedString> p_;
};

struct LocatedBool {
  bool value = false;
  SourceSpan span;
};

// One entry of depends / depends_post / wait_for, split the way mise splits it (CONTRIBUTING §3.2).
struct DependencyRef {
  enum class Form : std::uint8_t { String, Array, Object };
  Form form = Form::String;
  std::string raw;   // the string as written (String form / Object `task`), or element 0 (Array)
  std::string task;  // the task pattern after splitting
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  bool optional = false;
  bool templated = false;
  SourceSpan span;  // the whole entry
  bool split_from_raw = false;  // task/args/env came from shell-splitting `raw` (String form, or
                                // an Object without args/env)
};

enum class DependencyKind : std::uint8_t { Depends, DependsPost, WaitFor };
const char* dependency_kind_field(DependencyKind k);  // "depends", "depends_post", "wait_for"

// One `run` entry (CONTRIBUTING §2.3).
struct RunEntry {
  enum class Kind : std::uint8_t { Script, Task, Tasks };
  Kind kind = Kind::Script;
  std::string script;                // Script
  std::vector<LocatedString> tasks;  // Task (one) / Tasks (several): "name arg…" specs
  std::vector<std::string> args;     // Task: `args = [...]`
  SourceSpan span;
  std::vector<std::pair<std::string, std::string>> env;  // Task: `env = { K = "v" }`
};

struct EnvEntry {
  std::string key;
  std::string value;    // as mise prints it in tasks ls --json ("K=V" is built from key/value)
  bool directive = false;  // `_.file`, `_.path`, `_.source`: printed as `_.file = "x"`
  SourceSpan span;
  std::string shown;  // when set, the exact `tasks ls --json` text ("K (required)", "unset K", …)
};

struct ToolEntry {
  std::string name;
  std::string version;  // the version string ("" when given only as a table without version)
  TomlValue value;      // as written: a string or a table of options
  SourceSpan span;
};

enum class TaskOrigin : std::uint8_t { ConfigToml, IncludedToml, FileScript };

struct Task {
  std::string name;          // internal name (file tasks keep their extension: "test:unit.sh")
  std::string display_name;  // the name `mise tasks ls` shows
  SourceSpan name_span;      // the table key, or the script file (line 0)
  TaskOrigin origin = TaskOrigin::ConfigToml;
  FileId source = kNoFile;                 // file of the base definition
  std::vector<FileId> config_sources;      // every file that contributed
  std::string config_root;                 // absolute directory

  std::vector<LocatedString> aliases;
  OptionalString description;
  std::vector<DependencyRef> depends;
  std::vector<DependencyRef> depends_post;
  std::vector<DependencyRef> wait_for;
  std::vector<RunEntry> run;
  std::vector<RunEntry> run_windows;
  SourceSpan run_span;  // the `run` value as a whole
  OptionalString file;
  OptionalString dir;
  OptionalString shell;
  OptionalString timeout;
  OptionalString usage;
  OptionalString extends;
  OptionalString confirm;
  OptionalString output;
  std::vector<EnvEntry> env;
  std::vector<LocatedString> sources;
  std::vector<LocatedString> outputs;
  bool outputs_auto = false;
  std::vector<ToolEntry> tools;
  std::vector<std::string> args;
  std::vector<LocatedString> daemons;
  bool daemons_all = false;  // daemons = true
  bool daemons_off = false;  // daemons = false (mise prints it as written)

  LocatedBool hide, global, raw, raw_args, interactive, quiet;
  std::string silent = "false";  // "false" | "true" | "stdout" | "stderr"

  // File tasks: the script's absolute path and text (never executed).
  std::string script_path;
  FileId script_file = kNoFile;
  bool script_executable = false;
  // TOML tasks: the script `file = "…"` names, read by the loader (kNoFile if it cannot be).
  FileId file_script = kNoFile;

  const std::vector<DependencyRef>& deps(DependencyKind k) const {
    return k == DependencyKind::Depends ? depends
         : k == DependencyKind::DependsPost ? depends_post
                                            : wait_for;
  }
  bool has_command() const { return !run.empty() || !run_windows.empty() || file.has_value(); }
};

// Tasks one allocation each (a Task is over a kilobyte): merging frees each candidate as it
// builds the task, and a deque reuses that memory where one reserved vector would hold every
// task beside every candidate (the peak of a large load).
using TaskList = std::deque<Task>;

struct ReparsedConfigs;  // src/fix/dependency_edits.cpp

struct Project {
  SourceManager sources;
  std::string root;                      // absolute project directory
  std::vector<FileId> config_files;      // config files loaded, lowest precedence first
  TaskList tasks;                        // sorted by name
  std::vector<Diagnostic> diagnostics;   // loader findings (syntax, schema, includes)
  std::vector<ToolEntry> tools;          // merged [tools] of the loaded configs
  bool monorepo_root = false;
  // A monorepo root's members as `config_roots` (or the walk) finds them, absolute; not the
  // folders mise adds from where it runs (LoadOptions::monorepo_path).
  std::vector<std::string> monorepo_members;
  bool load_failed = false;              // a config mise would refuse (tasks may be partial)
  ReadFence fence;                       // where later stages may read (scripts a task runs)
  const FileSystem* disk = &real_file_system();  // the door it was loaded through; later stages read through it too
  std::vector<std::string> configs_above;  // configs mise reads above the repository root: never read
  unsigned jobs = 8;                     // `jobs` / MISE_JOBS: tasks mise runs at once (1: one at a time)
  // Config trees parsed again after loading, with positions (the fixers edit values in place):
  // once per file per run, however many findings ask (src/fix/dependency_edits.cpp).
  mutable std::shared_ptr<ReparsedConfigs> reparsed_configs;
};

class ParseCache;

struct LoadOptions {
  std::vector<std::string> envs;  // MISE_ENV / --env, in order
  // Project folders above the one loaded whose configs and task folders mise also reads when run
  // there, top first (chosen by the project context). A nearer folder's task replaces a farther
  // one's of the same name whole.
  std::vector<std::string> parent_dirs;
  // Loading a monorepo root: project folders below it that mise, run in the last of them, loads as
  // members too, whether `config_roots` (or the walk) finds them or not (CONTRIBUTING §3.4).
  std::vector<std::string> monorepo_path;
  // Shared by the project contexts of one run, so a parent config is parsed once (may be null).
  std::shared_ptr<ParseCache> cache;
  bool skip_local_overlays = false;  // --isolated: `*.local.toml` configs are a developer's own
  ReadFence fence;                   // reads stay inside the repository (set by the project context)
  const FileSystem* disk = &real_file_system();  // every read and stat (tests: a MemoryFileSystem)
  // Texts that replace files on disk (overlay_key → text): an editor's unsaved buffer given on
  // stdin is linted in its project, as the file it will be; `--fix` relints its edits this way.
  std::shared_ptr<const std::map<std::string, std::string>> overlays;
  // The variables that change what is loaded (MISE_TASK_DISABLE_PATHS, MISE_EXPERIMENTAL, …), as
  // the project context read them; none when isolated. They replace the configs' [settings].
  std::map<std::string, std::string> variables;
};

// The key of a file in LoadOptions::overlays: its absolute path with symlinks resolved, so an
// edit made through one name of a file (`.mise.toml` → `mise.toml`) is read through every name.
std::string overlay_key(const FileSystem& disk, const std::filesystem::path& p);

// Loads a file (config or [tasks]-body task file) or a directory as a project root.
// Paths that cannot be read are reported in `error` (exit 2); config problems are diagnostics.
struct LoadResult {
  Project project;
  std::string error;  // non-empty: usage/IO failure
};
LoadResult load_project(const std::string& path, const LoadOptions& options);

// Splits a dependency string the way mise does (shell words; leading KEY=VAL env).
DependencyRef parse_dependency_string(const std::string& text, SourceSpan span);

// True when the string holds Tera syntax.
bool is_templated(std::string_view s);

}  // namespace mise_audit
