// One `check` run over one project: load it in its context, run every rule, apply suppression
// comments, keep the findings in scope, then the configuration and command-line filters
// (select/ignore, per-path ignores, severities).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "context/project_context.h"
#include "mise_audit/report.h"

namespace mise_audit {

struct SessionOptions {
  LoadOptions load;                 // environments
  ContextOptions context;           // how project contexts are chosen
  std::shared_ptr<ParseCache> cache;  // one per run: parent configs are parsed once
  std::vector<std::string> select;  // command line: replaces the config's select when non-empty
  std::vector<std::string> ignore;  // command line: added to the config's ignore
  bool no_ignores = false;          // --no-ignores: suppression comments are not honoured
  std::optional<Confidence> min_confidence;  // command line: replaces the config's min-confidence
};

// A project to lint: its context, and the files passed for it (report only on those); no files
// means the whole project.
struct LintTarget {
  ProjectContext context;
  std::vector<std::string> files;  // absolute, normalised
  std::vector<std::string> envs;   // environments selected for this project only (a mise.<env>.toml passed)
};

// The rule filter after config and command line are combined.
bool rule_enabled(const std::string& rule, const Config& config, const SessionOptions& options);

// Every rule runs (so suppressions know what they suppress); filters apply afterwards.
// `unloaded` receives the passed files mise does not load in this context. Returns false with
// `error` set when the project cannot be read.
bool lint_target(const LintTarget& target, const Config& config, const SessionOptions& options,
                 LintedProject& out, std::vector<std::string>& unloaded, std::string& error);

// A path linted on its own, without a context (stdin's scratch copy).
bool lint_path(const std::string& path, const Config& config, const SessionOptions& options,
               LintedProject& out, std::string& error);

// True when a finding is at or above `fail_on` (error > warning > note): the exit code is 1.
bool fails(const std::vector<LintedProject>& results, Severity fail_on);

}  // namespace mise_audit
