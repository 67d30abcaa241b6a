// Dependency strings, split as mise splits them (CONTRIBUTING §3.2): shell words, then leading
// KEY=VAL words become env when a task word follows.
#include "shell/shell_words.h"
#include "mise_audit/task_model.h"

namespace mise_audit {

bool is_templated(std::string_view s) {
  return s.find("{{") != std::string_view::npos || s.find("{%") != std::string_view::npos ||
         s.find("{#") != std::string_view::npos;
}

DependencyRef parse_dependency_string(const std::string& text, SourceSpan span) {
  DependencyRef dep;
  dep.form = DependencyRef::Form::String;
  dep.raw = text;
  dep.span = span;
  dep.split_from_raw = true;
  dep.templated = is_templated(text);
  std::vector<std::string> words = split_shell_words(text);
  std::size_t i = 0;
  // A single word is never env ("a=b" is a task name); env needs a task word after it.
  while (words.size() - i > 1 && is_env_assignment(words[i])) {
    std::size_t eq = words[i].find('=');
    dep.env.emplace_back(words[i].substr(0, eq), words[i].substr(eq + 1));
    ++i;
  }
  if (i < words.size()) {
    dep.task = words[i++];
    for (; i < words.size(); ++i) dep.args.push_back(words[i]);
  }
  return dep;
}

}  // namespace mise_audit

namespace mise_audit {

const char* dependency_kind_field(DependencyKind k) {
  switch (k) {
    case DependencyKind::Depends: return "depends";
    case DependencyKind::DependsPost: return "depends_post";
    case DependencyKind::WaitFor: return "wait_for";
  }
  return "depends";
}

}  // namespace mise_audit
