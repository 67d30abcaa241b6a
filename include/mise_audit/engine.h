// The engine: one LintRun per project — the project, its task graph and release model, each
// built once, and every finding of the loader and the rules, sorted by position. `check`
// reports it, `tasks` lists its project, `graph` draws its graph and release model.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/release_model.h"
#include "mise_audit/task_graph.h"
#include "mise_audit/task_model.h"

namespace mise_audit {

struct RoleBook;

struct LintOptions {
  std::vector<std::string> select;  // empty: all rules
  std::vector<std::string> ignore;
  const RoleBook* roles = nullptr;  // the release vocabulary; nullptr: the built-in one
};

class LintRun {
 public:
  LintRun();  // an empty project
  // Builds the graph and the release model over `project` and runs the enabled rules once.
  LintRun(Project project, const LintOptions& options);

  const Project& project() const { return *project_; }
  Project& project() { return *project_; }  // renaming a source (stdin) after the run
  const TaskGraph& graph() const { return *graph_; }
  const ReleaseModel& release() const { return *release_; }
  // The loader's findings and the rules', filtered by the options, sorted.
  const std::vector<Diagnostic>& findings() const { return findings_; }
  std::vector<Diagnostic> take_findings() { return std::move(findings_); }

 private:
  // Behind pointers: the graph points into the project and the release model into the graph,
  // so a LintRun moves without leaving them dangling.
  std::unique_ptr<Project> project_;
  std::unique_ptr<TaskGraph> graph_;
  std::unique_ptr<ReleaseModel> release_;
  std::vector<Diagnostic> findings_;
};

// A LintRun's findings for a project the caller keeps (tests, fuzzers, benchmarks).
std::vector<Diagnostic> lint_project(const Project& project, const LintOptions& options);

}  // namespace mise_audit
