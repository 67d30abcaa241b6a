// One pass of fixing: which fixes of the current findings apply (by safety, inside their
// project), which of them go together (overlapping edits are resolved deterministically: the
// first by file and position wins, the others wait for the next pass), and the edited texts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mise_audit/report.h"

namespace mise_audit {

// An edit addressed by the file's absolute path (FileIds are per project).
struct FileEdit {
  std::string path;  // absolute, as the loader named the file
  std::size_t begin = 0, end = 0;
  std::string replacement;
};

struct PlannedFix {
  std::string rule;
  std::string title;
  FixSafety safety = FixSafety::Safe;
  std::string shown_path;  // the file of the finding, as reported
  std::uint32_t line = 0;
  std::vector<FileEdit> edits;
};

struct FixPass {
  std::vector<PlannedFix> chosen;
  std::map<std::string, std::string> texts;   // path -> text after the chosen fixes (edited files only)
  std::map<std::string, std::string> before;  // path -> the text the edits index
  std::map<std::string, std::string> shown;   // path -> the file's name as reported
};

// The fixes to apply now. `texts` holds the current text of files already edited (the findings
// were computed from these); other files' texts come from the projects.
FixPass plan_fix_pass(const std::vector<LintedProject>& results, bool unsafe);

// `text` with `edits` applied (non-overlapping, any order).
std::string apply_edits(std::string_view text, std::vector<FileEdit> edits);

}  // namespace mise_audit
