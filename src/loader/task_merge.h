// Same-name definitions and templates, merged as mise merges them (CONTRIBUTING §2.5, §4.3).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "loader/task_decoder.h"

namespace mise_audit {

class TaskMerger {
 public:
  TaskMerger(Project& project, std::vector<Diagnostic>& diags) : project_(project), diags_(diags) {}

  // precedence: config files count up from 0 in mise's order; task folders/includes from 1000.
  void add(DecodedTask task, int precedence);
  void add_template(DecodedTask tmpl, int precedence);
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
  std::map<std::string, std::vector<Candidate>> by_name_;
  std::map<std::string, Candidate> templates_;
  std::map<std::string, std::string> renamed_;  // `x.sh` -> `x`: a file task named after an inline block
  int includes_precedence_ = -1;
  TemplateVars vars_;
  std::string name_prefix_;
  std::optional<LocatedString> default_dir_, default_shell_;
  const std::map<std::string, DecodedTask>* task_defaults_ = nullptr;
};

}  // namespace mise_audit
