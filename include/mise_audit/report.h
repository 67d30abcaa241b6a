// Reporters: turn findings into text for a terminal, JSON, and the `tasks --json` model dump.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/engine.h"
#include "mise_audit/task_model.h"

namespace mise_audit {

enum class ColorMode { Auto, Always, Never };

// Colour is decided here and only here: --color, then NO_COLOR, CLICOLOR_FORCE / FORCE_COLOR,
// then whether `fd` is a terminal.
bool decide_color(ColorMode mode, int fd);

// One linted PATH: its LintRun (project, graph, release model) and the findings reported (sorted).
struct LintedProject {
  // The release vocabulary the rules used (built-in plus the config's [roles]); the run's release
  // model refers to it, so it is declared first (and destroyed last).
  std::shared_ptr<const RoleBook> roles;
  LintRun run;
  std::vector<Diagnostic> diagnostics;  // the run's findings left after suppressions, scope and filters
  const Project& project() const { return run.project(); }
  // Files the findings are about, by FileId (parent configs are loaded but reported by their own
  // project; a pre-commit run reports on the files it was given). Empty: every file.
  std::vector<bool> scope;
  bool in_scope(FileId f) const { return scope.empty() || (f < scope.size() && scope[f]); }
};

struct Summary {
  std::size_t errors = 0, warnings = 0, notes = 0;
  std::size_t files = 0, tasks = 0;
};
Summary summarize(const std::vector<LintedProject>& results);

// How the run went, apart from its findings: usage and I/O failures (a path that does not exist,
// a file that cannot be read). A run with errors is never reported as clean in any format.
struct RunStatus {
  std::vector<std::string> errors;
  bool successful() const { return errors.empty(); }
};

// `FILE:LINE:COL: SEVERITY[RULE]: MESSAGE` (`[*] MESSAGE` when `--fix` can fix it), the source
// line with a caret underline, `help:`, then a summary line, the count of fixable findings
// ("[*] N fixable with --fix (M more with --unsafe-fixes).") and "checking failed: …" when
// `status` has errors.
std::string render_text(const std::vector<LintedProject>& results, const RunStatus& status, bool color);
// {"version": 1, "mise_version": …, "execution": {"successful", "errors"}, "diagnostics": [...],
// "summary": {...}}
std::string render_json(const std::vector<LintedProject>& results, const RunStatus& status);
// Same shapes as `mise tasks ls --json --hidden`.
std::string render_tasks_json(const Project& project);

// SARIF 2.1.0 for code scanning. URIs are relative to `repo_root` (absolute), with forward slashes.
// `invocations[0].executionSuccessful` is false when `status` has errors, each a notification.
std::string render_sarif(const std::vector<LintedProject>& results, const RunStatus& status,
                         const std::string& repo_root);
// GitHub Actions workflow commands (`::error file=…,line=…::message`), one per finding and one
// `::error::` per run error.
std::string render_github(const std::vector<LintedProject>& results, const RunStatus& status,
                          const std::string& repo_root);

// The closest directory at or above `start` that holds `.git`; `start` itself when there is none.
std::string find_repository_root(const FileSystem& disk, const std::string& start);
// `absolute` relative to `root` with forward slashes; `absolute` unchanged when outside `root`.
std::string repository_relative_path(const std::string& absolute, const std::string& root);

// Makes user text safe for a terminal: control characters become \xNN / \n escapes.
std::string escape_for_terminal(std::string_view s);
// The same, optionally keeping line breaks (for formats that escape them their own way).
std::string sanitize_text(std::string_view s, bool keep_line_breaks);

}  // namespace mise_audit
