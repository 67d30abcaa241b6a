// `.mise-audit.toml`: which rules run, how severe they are, when the run fails, extra release
// roles, and per-path ignores. Found next to the linted path or in a parent up to the repository
// root (closest wins). Errors are values carrying the config's own file:line:col.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/disk.h"
#include "mise_audit/diagnostic.h"

namespace mise_audit {

// "`./scripts/ship.sh` publishes": commands matching `pattern` give a task `role`.
struct RolePattern {
  std::string role;     // build, publish, version, guard, orchestrator, …
  std::string pattern;  // command prefix or glob, as the release model interprets it
};

// Findings of `rules` in files matching `glob` (relative to the config's folder) are dropped.
struct PathIgnore {
  std::string glob;
  std::vector<std::string> rules;  // empty: every rule
};

struct Config {
  std::string path;  // the file read; "" when there was none
  std::string dir;   // its folder (absolute); per-path globs are relative to it
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::map<std::string, Severity> severity;
  std::optional<Severity> fail_on;
  std::optional<Confidence> min_confidence;  // `min-confidence`: hide less certain findings
  std::vector<RolePattern> roles;
  std::vector<PathIgnore> path_ignores;
  // Folders and files (globs relative to `dir`) that discovery skips: nested projects of the
  // repository, files passed by the pre-commit hook; explicit arguments only with --force-exclude.
  std::vector<std::string> exclude;
};

struct ConfigResult {
  Config config;
  std::string error;  // "FILE:LINE:COL: message" when the config is invalid (exit 2)
};

inline constexpr const char* kConfigFileName = ".mise-audit.toml";

// The closest `.mise-audit.toml` at or above `linted_path` (a file or folder), not going above the
// repository root (the folder holding `.git`), or "" when there is none.
std::string find_config_file(const FileSystem& disk, const std::string& linted_path);

ConfigResult load_config_file(const FileSystem& disk, const std::string& path);
// Parses config text; `display_path` is used in error messages.
ConfigResult parse_config(const std::string& text, const std::string& display_path, const std::string& dir);

// The roles as rules/roles.toml `[[command]]` entries, for extend_role_book() (release/role_book.h).
std::string role_patterns_toml(const std::vector<RolePattern>& roles);

// "error" | "warning" | "note".
std::optional<Severity> parse_severity(std::string_view word);

// The unknown-rule usage error: "unknown rule `x` (did you mean `y`?)"; "" when `id` is known.
std::string unknown_rule_message(const std::string& id);
// " (did you mean `y`?)" for the closest rule id, or a pointer to `mise-audit rules`.
std::string rule_suggestion(const std::string& id);

}  // namespace mise_audit
