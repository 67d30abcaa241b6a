// Rules whose findings are made by a pipeline stage (the loader, the suppression pass) rather than
// by a rule's check(). Their findings are built here, so each carries a registered rule's id and
// the severity of its doc (rules/<id>.md); no stage spells a rule id or a severity by hand.
#pragma once

#include <string>
#include <string_view>

#include "mise_audit/diagnostic.h"

namespace mise_audit {

enum class StageRule {
  DeprecatedKey,
  DirTemplateError,
  IgnoredField,
  IncludeOutsideProject,
  InvalidType,
  MachineDependentTemplate,
  MissingInclude,
  MissingTemplate,
  MonorepoConfigRoot,
  NonExecutableTaskFile,
  ReadOutsideRepository,
  ReplacedConfigTask,
  ReplacedFileTask,
  RemoteInclude,
  RequiredEnv,
  SymlinkLoop,
  TemplateError,
  TomlSyntax,
  UnknownField,
  UnreadableFile,
  UnresolvedTemplate,
  UnusedSuppression,
};

// The rule's id ("toml-syntax"); its registration in src/rules/ uses this too.
const char* stage_rule_id(StageRule rule);

// A finding of `rule` with its doc's severity. `task` is the task it is about ("" for a file).
Diagnostic stage_finding(StageRule rule, SourceSpan span, std::string message, std::string help = {},
                         std::string task = {});

// Does `d` come from `rule`?
inline bool is_finding_of(const Diagnostic& d, StageRule rule) { return d.rule == stage_rule_id(rule); }

}  // namespace mise_audit
