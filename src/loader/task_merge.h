// Same-name definitions and templates, merged as mise merges them (CONTRIBUTING §2.5, §4.3).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "loader/task_decoder.h"

namespace mise_audit {

// `[task_templates]` of the configs mise reads where it runs: the parent folders' and the
// project's own (and, in a monorepo, the members on the way there), one set for every task of
// the run — a member's or a parent's `extends` finds the root's template, and a nearer config's
// template replaces a farther one's. A member's templates off that path are not read
// (CONTRIBUTING §2.5; confirmed with the binary).
struct TaskTemplates {
  struct Entry {
    DecodedTask decoded;
    int rank;  // nearness: higher is nearer to where mise runs
  };
  std::map<std::string, Entry> by_name;
  void add(DecodedTask tmpl, int rank);
};

class TaskMerger {
 public:
  TaskMerger(Project& project, std::vector<Diagnostic>& diags) : project_(project), diags_(diags) {}

  // precedence: config files count up from 0 in mise's order; task folders/includes from 1000.
  void add(DecodedTask task, int precedence);
  // Templates are read from the run's shared set (set_templates), else from the merger's own.
  void add_template(DecodedTask tmpl, int precedence) { templates().add(std::move(tmpl), precedence); }
  void set_templates(TaskTemplates* shared) { shared_templates_ = shared; }
  // The precedence of the config whose `task_config.includes` is in use: inline definitions
  // from lower-precedence configs are only overlaid on same-named file tasks (confirmed with
  // the binary), never replace them.
  void set_includes_precedence(int precedence) { includes_precedence_ = precedence; }
  // [vars] of the root's configs, merged; used to render `{{ vars.X }}`.
  void set_vars(TemplateVars vars) { vars_ = std::move(vars); }
  // [task_config] dir / shell of the root's highest-precedence config that sets them: the default
  // for tasks that leave them unset (confirmed with the binary).
  void set_task_config_defaults(std::optional<LocatedString> dir, std::optional<LocatedString> shell) {
    default_dir_ = std::move(dir);
    default_shell_ = std::move(shell);
  }
  // `[monorepo.task_defaults.NAME]` of the monorepo root (experimental): a member's task NAME
  // takes what it leaves unset from it, as from an `extends` template (confirmed with the binary).
  void set_task_defaults(const std::map<std::string, DecodedTask>* defaults) { task_defaults_ = defaults; }
  // Monorepo: "//:" for the root, "//packages/app:" for a sub-project (CONTRIBUTING §3.4).
  void set_name_prefix(std::string prefix) { name_prefix_ = std::move(prefix); }
  // Resolves precedence, overlays and `extends`, computes display names and fills project.tasks.
  void finish();

 private:
  struct Candidate {
    DecodedTask decoded;
    int precedence;
  };
  Project& project_;
  std::vector<Diagnostic>& diags_;
  void report_replaced(const Task& replaced, const Task& by);
  void report_replaced_config(const Task& replaced, const Task& by);
  void report_replaced_configs();
  // A task of one shared config that a later one of the same folder replaces (replaced-config-task),
  // collected while merging and reported per pair of files.
  struct ConfigReplacement {
    std::string name;
    SourceSpan span;       // the replaced task's name
    FileId by_file = kNoFile;
    std::uint32_t by_line = 0;
  };
  std::vector<ConfigReplacement> config_replacements_;
  std::map<std::string, std::vector<Candidate>> by_name_;
  TaskTemplates& templates() { return shared_templates_ ? *shared_templates_ : own_templates_; }
  TaskTemplates own_templates_;
  TaskTemplates* shared_templates_ = nullptr;
  std::map<std::string, std::string> renamed_;  // `x.sh` -> `x`: a file task named after an inline block
  int includes_precedence_ = -1;
  TemplateVars vars_;
  std::string name_prefix_;
  std::optional<LocatedString> default_dir_, default_shell_;
  const std::map<std::string, DecodedTask>* task_defaults_ = nullptr;
};

}  // namespace mise_audit
