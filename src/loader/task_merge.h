// Same-name definitions and templates, merged as mise merges them (model §2.5, §4.3).
#pragma once

#include <map>
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
  // Resolves precedence, overlays and `extends`, computes display names and fills project.tasks.
  void finish();

 private:
  struct Candidate {
    DecodedTask decoded;
    int precedence;
  };
  Project& project_;
  std::vector<Diagnostic>& diags_;
  std::map<std::string, std::vector<Candidate>> by_name_;
  std::map<std::string, Candidate> templates_;
};

}  // namespace mise_audit
