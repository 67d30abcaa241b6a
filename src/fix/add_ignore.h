// `--add-ignore`: a `mise-audit: ignore[rule] TODO` comment for every current finding, in the
// scope the suppression reader gives it (src/suppression): above the task's key or header line
// (the task), as an own line in a file task's script (`#`, `//` in JavaScript), above the
// finding's line (that key), or `file-ignore` at the top when no line can hold one.
#pragma once

#include <string>
#include <vector>

#include "mise_audit/report.h"

namespace mise_audit {

struct AddIgnoreResult {
  std::size_t comments = 0;         // comment lines written
  std::vector<std::string> errors;  // files not written, and why
};

AddIgnoreResult add_ignore_comments(const std::vector<LintedProject>& results);

}  // namespace mise_audit
