// The `[daemons]` and `[daemon_groups]` of a project's configs and mise's `experimental` gate
// (CONTRIBUTING §11, §13), for missing-daemon and invalid-daemon-config. Checked with mise 2026.9.15:
// without `experimental = true` mise warns and ignores every declaration; with it, a declaration
// it cannot read makes it refuse the config.
#pragma once

#include <string>
#include <vector>

#include "mise_audit/task_model.h"

namespace mise_audit {

struct DaemonDeclarations {
  bool experimental = false;  // `[settings] experimental = true` in a config, or MISE_EXPERIMENTAL set
  struct Entry {
    std::string name;
    SourceSpan span;      // the key
    std::string problem;  // why mise refuses it ("" when it reads it), with experimental on
  };
  std::vector<Entry> daemons;          // [daemons.NAME] and [daemons] NAME = "preset"
  std::vector<Entry> groups;           // [daemon_groups] NAME = [...]
  std::vector<SourceSpan> tables;      // each [daemons] / [daemon_groups] table (its first key), for the gate warning
  bool declares(const std::string& name) const;
};

// Reads the configs again, only when one of them mentions daemons or a task has `daemons`.
DaemonDeclarations read_daemon_declarations(const Project& project);

}  // namespace mise_audit
