// One `check` run over one PATH: load, run every rule, apply suppression comments, then the
// configuration and command-line filters (select/ignore, per-path ignores, severities).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "mise_audit/report.h"

namespace mise_audit {

struct SessionOptions {
  LoadOptions load;
  std::vector<std::string> select;  // command line: replaces the config's select when non-empty
  std::vector<std::string> ignore;  // command line: added to the config's ignore
  bool no_ignores = false;          // --no-ignores: suppression comments are not honoured
};

// The rule filter after config and command line are combined.
bool rule_enabled(const std::string& rule, const Config& config, const SessionOptions& options);

// Every rule runs (so suppressions know what they suppress); filters apply afterwards.
// Returns false with `error` set when the path cannot be read.
bool lint_path(const std::string& path, const Config& config, const SessionOptions& options,
               LintedProject& out, std::string& error);

// True when a finding is at or above `fail_on` (error > warning > note): the exit code is 1.
bool fails(const std::vector<LintedProject>& results, Severity fail_on);

}  // namespace mise_audit
