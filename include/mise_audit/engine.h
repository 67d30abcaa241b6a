// Runs the rules over a loaded project and returns every finding, sorted by position.
#pragma once

#include <string>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/task_model.h"

namespace mise_audit {

struct RoleBook;

struct LintOptions {
  std::vector<std::string> select;  // empty: all rules
  std::vector<std::string> ignore;
  const RoleBook* roles = nullptr;  // the release vocabulary; nullptr: the built-in one
};

std::vector<Diagnostic> lint_project(const Project& project, const LintOptions& options);

}  // namespace mise_audit
