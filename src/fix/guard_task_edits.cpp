#include "fix/guard_task_edits.h"

#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "fix/text_position.h"

namespace mise_audit {

std::optional<Fix> insert_guard_task_fix(const Project& project, const Task& task, const std::string& guard,
                                         const std::string& script, const std::string& what) {
  if (task.origin != TaskOrigin::ConfigToml) return std::nullopt;
  for (const Task& t : project.tasks)
    if (t.name == guard) return std::nullopt;
  FileId file = task.name_span.file;
  if (!editable_file(project, file)) return std::nullopt;
  auto key = byte_range(project.sources, task.name_span);
  if (!key) return std::nullopt;
  std::string_view text = project.sources.file(file).text;
  std::size_t begin = key->begin;
  if (begin > 0 && (text[begin - 1] == '"' || text[begin - 1] == '\'')) --begin;  // a quoted key
  std::size_t line = line_begin(text, begin);
  std::string_view prefix = text.substr(line, begin - line);
  // Only a table header (`[tasks.publish]`): an inline table or dotted keys have no place above.
  if (!prefix.starts_with("[") || prefix.starts_with("[[")) return std::nullopt;
  // Above the comments that introduce the table, so they stay with it.
  std::size_t at = line;
  while (at > 0) {
    std::size_t previous = line_begin(text, at - 1);
    std::string_view l = text.substr(previous, at - previous);
    std::size_t first = l.find_first_not_of(" \t");
    if (first == std::string_view::npos || l[first] != '#') break;
    at = previous;
  }
  std::optional<Fix> depends = add_depends_fix(project, task, {guard}, FixSafety::Unsafe);
  if (!depends) return std::nullopt;
  std::string nl(newline_at(text, line));
  std::string table = std::string(prefix) + toml_key(guard) + "]" + nl + "hide = true" + nl +
                      "run = " + toml_quoted(script, '\'') + nl + nl;
  std::vector<TextEdit> edits{{file, at, at, std::move(table)}};
  for (TextEdit& e : depends->edits) edits.push_back(std::move(e));
  return Fix{fmt::format("insert a guard task `{}` that fails when {} (Pattern 2) and add `depends = [\"{}\"]` to `{}`",
                         guard, what, guard, task.display_name),
             FixSafety::Unsafe, std::move(edits),
             fmt::format("task {} added; edge {} -> {}", guard, task.display_name, guard)};
}

}  // namespace mise_audit
