#include "fix/tool_edits.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "fix/text_position.h"

namespace mise_audit {
namespace {

bool is_config(const Project& project, FileId file) {
  return std::find(project.config_files.begin(), project.config_files.end(), file) != project.config_files.end();
}

bool is_local(const Project& project, FileId file) {
  return std::filesystem::path(project.sources.file(file).path).filename().string().find(".local.") != std::string::npos;
}

// The config of the project that defines the task; for file tasks and included task files, the
// one whose [tools] the project already writes, else its first committed config.
FileId tools_file(const Project& project, const Task& task) {
  FileId own = task.name_span.file;
  if (task.origin == TaskOrigin::ConfigToml && is_config(project, own) && editable_file(project, own)) return own;
  for (const ToolEntry& t : project.tools)
    if (is_config(project, t.span.file) && editable_file(project, t.span.file)) return t.span.file;
  for (FileId f : project.config_files)
    if (editable_file(project, f) && !is_local(project, f)) return f;
  return kNoFile;
}

}  // namespace

std::optional<Fix> declare_tool_fix(const Project& project, const Task& task, const std::string& tool) {
  FileId file = tools_file(project, task);
  if (file == kNoFile || tool.empty()) return std::nullopt;
  const std::string& text = project.sources.file(file).text;
  TomlParseResult parsed = parse_toml(text, file);
  if (!parsed.ok) return std::nullopt;
  std::string key = toml_key(tool), value = "\"latest\"";
  std::vector<TextEdit> edits;
  if (const TomlEntry* tools = parsed.root.find_entry("tools")) {
    auto added = add_table_entry(project.sources, parsed.root, *tools, key, value);
    if (!added) return std::nullopt;
    edits = std::move(*added);
  } else {
    // A new `[tools]` table at the end, after a blank line.
    std::string nl(newline_at(text, 0));
    std::string lead = text.empty() ? "" : text.back() != '\n' ? nl + nl : text.ends_with(nl + nl) ? "" : nl;
    edits.push_back({file, text.size(), text.size(), lead + "[tools]" + nl + key + " = " + value + nl});
  }
  return Fix{fmt::format("add `{} = {}` to [tools] in {} (\"latest\" stands in for the version you must choose)",
                         key, value, project.sources.file(file).path),
             FixSafety::Unsafe, std::move(edits), fmt::format("tool {} declared", tool)};
}

}  // namespace mise_audit
