#include "loader/task_lookalike.h"
#include "core/stage_rules.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <set>

#include "core/columns.h"
#include "core/text_lines.h"
#include "loader/file_task_header.h"
#include "loader/usage_comments.h"
#include "shell/shell_script.h"

namespace mise_audit {
namespace {

// `arg "<x>"`, `flag "--f"`, `cmd "sub" { … }`: a usage node name then a value, so that a
// Markdown heading "# USAGE" or "# USAGE of the tool" is not taken for a spec.
bool looks_like_usage_node(std::string_view body) {
  std::size_t i = 0;
  while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
  std::size_t start = i;
  while (i < body.size() && (std::islower(static_cast<unsigned char>(body[i])) || body[i] == '_')) ++i;
  if (i == start || i == body.size() || (body[i] != ' ' && body[i] != '\t')) return false;
  std::string_view node = body.substr(start, i - start);
  for (std::string_view known : {"arg", "flag", "cmd", "complete", "name", "bin", "about", "long_about", "version",
                                 "author", "usage", "example", "config", "before_help", "after_help"})
    if (node == known) return true;
  return false;
}

// The last path component of every file `script` sources (`source x`, `. x`), as written: words
// built at run time (`"${SCRIPT_DIR}/_lib.sh"`) keep their literal file name.
void add_sourced_names(std::string_view script, std::set<std::string>& names) {
  for (const ShellCommand& c : scan_shell(script)) {
    if (c.words.size() < 2 || (c.words[0] != "source" && c.words[0] != ".")) continue;
    const std::string& path = c.words[1];
    std::size_t slash = path.find_last_of('/');
    names.insert(slash == std::string::npos ? path : path.substr(slash + 1));
  }
}

}  // namespace

void drop_sourced_libraries(const Project& project, std::vector<Diagnostic>& diags) {
  const char* id = stage_rule_id(StageRule::NonExecutableTaskFile);
  if (std::none_of(diags.begin(), diags.end(), [&](const Diagnostic& d) { return d.rule == id; })) return;
  std::set<std::string> sourced;
  std::set<FileId> read;
  for (const Task& t : project.tasks) {
    for (FileId script : {t.script_file, t.file_script}) {
      if (script == kNoFile || !read.insert(script).second) continue;
      const SourceFile& f = project.sources.file(script);
      if (is_shell_script(f.path, f.text)) add_sourced_names(f.text, sourced);
    }
    if (t.shell && !is_sh_family_shell(t.shell->value)) continue;  // another language's `run`
    for (const RunEntry& e : t.run)
      if (e.kind == RunEntry::Kind::Script) add_sourced_names(e.script, sourced);
  }
  auto is_sourced = [&](const Diagnostic& d) {
    return d.rule == id &&
           sourced.count(std::filesystem::path(project.sources.file(d.span.file).path).filename().string()) > 0;
  };
  // What a library sources is a library too (`_lib.sh` sources `_colors.sh`).
  for (bool grew = true; grew;) {
    grew = false;
    for (const Diagnostic& d : diags) {
      if (!is_sourced(d) || !read.insert(d.span.file).second) continue;
      const SourceFile& f = project.sources.file(d.span.file);
      std::size_t before = sourced.size();
      if (is_shell_script(f.path, f.text)) add_sourced_names(f.text, sourced);
      grew = grew || sourced.size() != before;
    }
  }
  std::erase_if(diags, is_sourced);
}

std::optional<TaskMarker> find_task_marker(std::string_view text) {
  if (text.starts_with("#!")) return TaskMarker{1, "a shebang"};
  std::optional<TaskMarker> found;
  for_each_line(text, [&](std::string_view line, std::uint32_t line_no) {
    if (std::size_t p = header_prefix_length(line); p > 0 && looks_like_entry(line.substr(p)))
      found = TaskMarker{line_no, "a #MISE header"};
    else if (std::size_t p = usage_prefix_length(line); p > 0 && looks_like_usage_node(line.substr(p)))
      found = TaskMarker{line_no, "a #USAGE spec"};
    return !found;
  });
  return found;
}

Diagnostic non_executable_task_file(const SourceManager& sources, FileId id, const TaskMarker& marker,
                                    const std::string& task) {
  const std::string& path = sources.file(id).path;
  std::string_view line = sources.line_text(id, marker.line);
  return stage_finding(StageRule::NonExecutableTaskFile,
                       SourceSpan{id, {marker.line, 1}, {marker.line, column_of_byte(line, line.size())}},
                       fmt::format("{} has {} but is not executable: mise skips it without a word, so there is no task \"{}\"",
                                   path, marker.what, task),
                       fmt::format("chmod +x {0} (and `git update-index --chmod=+x {0}` so that clones get the bit)", path));
}

}  // namespace mise_audit
