#include "rules/structural/reference_hints.h"
#include "core/stage_rules.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "mise_audit/edit_distance.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// Damerau-style closeness: Levenshtein within a length-scaled limit, or one adjacent swap
// ("lnit" -> "lint", which plain Levenshtein counts as two edits).
bool one_swap_apart(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.size() < 2) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

}  // namespace

ReferenceHints::ReferenceHints(const TaskGraph& graph) {
  const Project& p = graph.project();
  for (const Task& t : p.tasks) {
    candidates_.push_back(t.name);
    if (t.display_name != t.name) candidates_.push_back(t.display_name);
    for (const LocatedString& a : t.aliases)
      if (!a.templated) candidates_.push_back(a.value);
  }
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
  bool remote = false, templated = false;
  for (const Diagnostic& d : p.diagnostics) {
    remote = remote || is_finding_of(d, StageRule::RemoteInclude);
    templated = templated || is_finding_of(d, StageRule::UnresolvedTemplate);
  }
  if (remote) elsewhere_ = "it may come from a remote include, which mise-audit does not fetch";
  else if (templated) elsewhere_ = "it may come from a templated include, which mise-audit does not render";
  else if (!p.configs_above.empty())
    elsewhere_ = fmt::format("mise also reads {} above the repository root, which mise-audit does not read; a task "
                             "defined there exists only on machines that have that file",
                             p.configs_above.front());
}

std::string ReferenceHints::closest_name(std::string_view name) const {
  if (name.empty() || name.size() > 200) return "";
  if (auto near = closest_match(name, candidates_)) return *near;
  for (const std::string& c : candidates_)
    if (one_swap_apart(name, c)) return c;
  return "";
}

std::string ReferenceHints::did_you_mean(std::string_view name) const {
  std::string near = closest_name(name);
  return near.empty() ? "" : fmt::format("did you mean \"{}\"?", near);
}

std::string ReferenceHints::help_for(const UnresolvedRef& ref) const {
  using R = UnresolvedRef::Reason;
  switch (ref.reason) {
    case R::RelativePathSyntax: {
      std::string_view p = ref.pattern;
      return fmt::format("write \"//{}\" (from the monorepo root) or \":{}\" (in this project)", p,
                         p.substr(p.rfind(':') + 1));
    }
    case R::ColonOutsideMonorepo:
      return fmt::format("a leading ':' means \"in this monorepo project\"; outside a monorepo write the full name \"{}\"",
                         ref.pattern.substr(1));
    case R::MonorepoMissingTask:
      return fmt::format("name the task after the path: \"{}:TASK\"", ref.pattern);
    case R::NotFound:
    case R::UnmatchedPattern:
    case R::OtherProject:
      break;
  }
  std::string mean = did_you_mean(ref.pattern);
  if (!mean.empty()) return mean;
  return elsewhere_;
}

std::string unresolved_problem(const UnresolvedRef& ref) {
  using R = UnresolvedRef::Reason;
  switch (ref.reason) {
    case R::NotFound: return fmt::format("\"{}\" names no task", ref.pattern);
    case R::UnmatchedPattern: return fmt::format("pattern \"{}\" matches no task", ref.pattern);
    case R::RelativePathSyntax:
      return fmt::format("\"{}\" uses relative path syntax, which mise rejects", ref.pattern);
    case R::ColonOutsideMonorepo:
      return fmt::format("\"{}\" is relative to a monorepo project, but this is not a monorepo", ref.pattern);
    case R::MonorepoMissingTask: return fmt::format("\"{}\" has no task name after the path", ref.pattern);
    case R::OtherProject: return fmt::format("\"{}\" is in a project that was not loaded", ref.pattern);
  }
  return ref.pattern;
}

}  // namespace mise_audit
