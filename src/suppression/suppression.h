// Suppression comments in the linted files (after ruff's noqa and actionlint's ignore):
//   # mise-audit: ignore[rule-a,rule-b] reason       (task header line or the line above: the task;
//                                                    a key line: that key and its value)
//   # mise-audit: file-ignore[rule-a] reason         (the whole file)
// `#MISE` script files accept the same comments: a comment on its own line covers the task (in
// scripts `//` opens the comment too, for JavaScript file tasks).
#pragma once

#include <string>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/task_model.h"

namespace mise_audit {


struct SuppressionEntry {
  std::string rule;
  SourceSpan span;  // the rule name inside the comment
  bool used = false;
};

struct Suppression {
  enum class Scope { File, Task, Lines };
  Scope scope = Scope::Lines;
  FileId file = kNoFile;
  std::uint32_t first_line = 0, last_line = 0;  // Lines
  std::string task;                             // Task: display name
  SourceSpan comment;                           // the whole `mise-audit:` comment
  std::vector<SuppressionEntry> rules;
  // False in a config that does not parse: no rule saw what it covers, so it is never "unused".
  bool judged = true;
};

// Every suppression comment in the project's files, with its scope resolved.
std::vector<Suppression> find_suppressions(const Project& project);

// Drops the findings a suppression covers and appends `unused-suppression` findings for entries
// that covered nothing or name no rule. `diags` must hold the findings of every rule.
void apply_suppressions(const Project& project, std::vector<Diagnostic>& diags);

}  // namespace mise_audit
