#include "core/stage_rules.h"

#include "core/rule_docs.h"

namespace mise_audit {

const char* stage_rule_id(StageRule rule) {
  switch (rule) {
    case StageRule::DeprecatedKey: return "deprecated-key";
    case StageRule::DirTemplateError: return "dir-template-error";
    case StageRule::IgnoredField: return "ignored-field";
    case StageRule::IncludeOutsideProject: return "include-outside-project";
    case StageRule::InvalidType: return "invalid-type";
    case StageRule::MachineDependentTemplate: return "machine-dependent-template";
    case StageRule::MissingInclude: return "missing-include";
    case StageRule::MissingTemplate: return "missing-template";
    case StageRule::MonorepoConfigRoot: return "monorepo-config-root";
    case StageRule::NonExecutableTaskFile: return "non-executable-task-file";
    case StageRule::ReplacedConfigTask: return "replaced-config-task";
    case StageRule::ReplacedFileTask: return "replaced-file-task";
    case StageRule::ReadOutsideRepository: return "read-outside-repository";
    case StageRule::RemoteInclude: return "remote-include";
    case StageRule::RequiredEnv: return "required-env";
    case StageRule::SymlinkLoop: return "symlink-loop";
    case StageRule::TemplateError: return "template-error";
    case StageRule::TomlSyntax: return "toml-syntax";
    case StageRule::UnknownField: return "unknown-field";
    case StageRule::UnreadableFile: return "unreadable-file";
    case StageRule::UnresolvedTemplate: return "unresolved-template";
    case StageRule::UnusedSuppression: return "unused-suppression";
  }
  return "";
}

Diagnostic stage_finding(StageRule rule, SourceSpan span, std::string message, std::string help, std::string task) {
  Diagnostic d;
  d.rule = stage_rule_id(rule);
  // docs_test checks that every stage rule is registered and documented.
  const RuleDoc* doc = find_rule_doc(d.rule);
  d.severity = doc ? doc->severity : Severity::Error;
  d.message = std::move(message);
  d.span = std::move(span);
  d.help = std::move(help);
  d.task = std::move(task);
  return d;
}

}  // namespace mise_audit
