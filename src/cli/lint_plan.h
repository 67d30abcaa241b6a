// From command-line PATHs to the projects to lint: a folder is linted in its project context
// (and, at a repository root, so is every nested project); files are grouped by project, each
// project loaded once, and only the passed files are reported on.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/lint_session.h"

namespace mise_audit {

struct PlanOptions {
  bool pre_commit = false;     // files come from the pre-commit hook: skip what mise does not load
  bool force_exclude = false;  // exclusions apply to explicit arguments too
  bool nested = true;          // a repository-root folder also lints the projects below it
  std::vector<std::string> excludes;  // --exclude globs, relative to the working directory
  std::string config_file;     // --config
  bool no_config = false;      // --no-config
};

struct PlannedTarget {
  LintTarget target;
  Config config;       // the .mise-audit.toml that applies to the project
  bool whole = false;  // a folder was passed: the whole project, whatever files were too
  // Found by the nested-project walk below a monorepo root that is linted whole in this run: left
  // out when that root loads it as a member (its findings are the root's); linted in its own
  // context when `config_roots` misses it (mise loads it only when run there, CONTRIBUTING §3.4).
  std::string unless_member_of;
};

struct LintPlan {
  std::vector<PlannedTarget> targets;
  std::vector<std::string> errors;    // I/O errors (a path missing, no config found): the run exits 2
  std::string config_error;           // an invalid .mise-audit.toml: a usage error, nothing is linted
  std::vector<std::string> warnings;  // said on stderr (git missing, configs above the repository)
};

// `paths` are existing or not; stdin (`-`) is handled by the caller.
LintPlan plan_lint(const std::vector<std::string>& paths, const PlanOptions& plan, const SessionOptions& session);

struct LintOutcome {
  std::vector<LintedProject> results;
  std::vector<std::string> errors;    // the run exits 2
  std::optional<Severity> fail_on;    // from a .mise-audit.toml
};

// Lints every planned project once.
LintOutcome run_plan(LintPlan plan, const PlanOptions& plan_options, const SessionOptions& session);

// .mise-audit.toml files already read in this run, by path (a repository-wide run covers many
// projects with one config).
using ConfigCache = std::map<std::string, ConfigResult>;

// Config for one linted path: --no-config, --config FILE, or the closest .mise-audit.toml.
bool config_for(const FileSystem& disk, const std::string& path, const std::string& config_file, bool no_config,
                Config& out, std::string& error, ConfigCache* cache = nullptr);

// True when `path` (absolute) matches an `exclude` glob of `config` or of the command line, or
// lies in a folder that does.
bool is_excluded(const std::string& path, const Config& config, const std::vector<std::string>& cli_excludes);

}  // namespace mise_audit
