// `--fix` / `--diff`: fixes applied in passes (each pass re-lints the edited texts, given to the
// loader as overlays, so nothing is written until the end), then written or shown as a diff.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fix/fix_plan.h"

namespace mise_audit {

using Overlays = std::shared_ptr<const std::map<std::string, std::string>>;
// Lints the same paths again with these texts in place of the files.
using Relint = std::function<std::vector<LintedProject>(const Overlays&)>;

struct FixRun {
  std::map<std::string, std::string> before;  // path -> text as first read (edited files)
  std::map<std::string, std::string> after;   // path -> fixed text
  std::map<std::string, std::string> shown;   // path -> name as reported
  std::vector<PlannedFix> applied;
  int passes = 0;
  bool converged = true;               // the last pass found nothing more to fix
  std::vector<LintedProject> results;  // the findings that remain
};

inline constexpr int kMaxFixPasses = 10;

FixRun fix_until_stable(std::vector<LintedProject> first, bool unsafe, const Relint& relint);

// The unified diff of every edited file, in path order.
std::string fix_diff(const FixRun& run);

// Writes every edited file (atomically, refusing files changed since read); the errors.
std::vector<std::string> write_fixes(const FixRun& run);

// "Fixed N findings:" and one line per fix, for --show-fixes.
std::string describe_fixes(const FixRun& run);

}  // namespace mise_audit
