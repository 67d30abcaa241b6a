#include "fix/add_ignore.h"

#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

#include "fix/atomic_write.h"
#include "fix/dependency_edits.h"
#include "fix/fix_plan.h"
#include "fix/text_position.h"
#include "mise_audit/toml_value.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// One comment line to insert: where, how it starts, and the rules it names.
struct Spot {
  std::size_t at = 0;
  std::string indent;
  std::string opener = "#";
  bool file_wide = false;
  bool operator<(const Spot& o) const { return std::tie(at, file_wide, indent, opener) < std::tie(o.at, o.file_wide, o.indent, o.opener); }
};

// JavaScript file tasks comment with `//`: by extension, by a `//MISE` header, or by a node,
// deno or bun shebang.
bool slashes_comment(const std::string& path, std::string_view text) {
  std::string ext = fs::path(path).extension().string();
  if (ext == ".js" || ext == ".mjs" || ext == ".cjs" || ext == ".ts" || ext == ".mts") return true;
  if (text.find("\n//MISE") != std::string_view::npos || text.rfind("//MISE", 0) == 0) return true;
  std::string_view first = text.substr(0, text.find('\n'));
  return first.rfind("#!", 0) == 0 && (first.find("node") != std::string_view::npos ||
                                       first.find("deno") != std::string_view::npos ||
                                       first.find("bun") != std::string_view::npos);
}

// Lines inside multi-line strings (script text: a comment there would change the script).
std::set<std::uint32_t> string_lines(const SourceFile& file, FileId id) {
  std::set<std::uint32_t> lines;
  TomlParseResult parsed = parse_toml(file.text, id);
  if (!parsed.ok) return lines;
  auto walk = [&](auto& self, const TomlValue& v) -> void {
    if (v.is_string() && v.span.end.line > v.span.begin.line)
      for (std::uint32_t l = v.span.begin.line + 1; l <= v.span.end.line; ++l) lines.insert(l);
    for (const TomlValue& i : v.items) self(self, i);
    for (const TomlEntry& e : v.entries) self(self, e.value);
  };
  walk(walk, parsed.root);
  return lines;
}

}  // namespace

AddIgnoreResult add_ignore_comments(const std::vector<LintedProject>& results) {
  AddIgnoreResult out;
  struct FileWork {
    const SourceFile* file = nullptr;
    std::map<Spot, std::set<std::string>> spots;
  };
  std::map<std::string, FileWork> work;  // by normalised absolute path
  for (const LintedProject& r : results) {
    const Project& p = r.project();
    std::map<FileId, std::set<std::uint32_t>> strings;  // per TOML file, on demand
    auto place = [&](FileId f, Spot spot, const std::string& rule) {
      const SourceFile& file = p.sources.file(f);
      FileWork& w = work[fs::path(file.absolute).lexically_normal().string()];
      if (!w.file) w.file = &file;
      if (w.file->text != file.text) return;  // two projects read it differently: leave it
      w.spots[spot].insert(rule);
    };
    for (const Diagnostic& d : r.diagnostics) {
      if (d.rule == "unused-suppression" || !r.in_scope(d.span.file)) continue;
      // The task scope: the comment covers the task wherever its findings are.
      const Task* task = nullptr;
      for (const Task& t : p.tasks)
        if (!d.task.empty() && t.display_name == d.task) task = &t;
      if (task && task->origin == TaskOrigin::FileScript && editable_file(p, task->script_file)) {
        const std::string& text = p.sources.file(task->script_file).text;
        Spot s;
        s.at = text.rfind("#!", 0) == 0 ? next_line_begin(text, 0) : 0;
        s.opener = slashes_comment(p.sources.file(task->script_file).absolute, text) ? "//" : "#";
        place(task->script_file, s, d.rule);
        continue;
      }
      if (task && task->origin != TaskOrigin::FileScript && task->name_span.has_position() &&
          editable_file(p, task->name_span.file)) {
        if (auto at = byte_offset(p.sources, task->name_span.file, task->name_span.begin)) {
          const std::string& text = p.sources.file(task->name_span.file).text;
          place(task->name_span.file, Spot{line_begin(text, *at), std::string(indentation_at(text, *at)), "#", false}, d.rule);
          continue;
        }
      }
      FileId f = d.span.file;
      if (!editable_file(p, f)) continue;
      bool script = false;
      for (const Task& t : p.tasks) script = script || t.script_file == f || t.file_script == f;
      if (script) continue;  // an own-line comment in a script covers its task, not a line
      const std::string& text = p.sources.file(f).text;
      auto it = strings.find(f);
      if (it == strings.end()) it = strings.emplace(f, string_lines(p.sources.file(f), f)).first;
      if (d.span.has_position() && !it->second.count(d.span.begin.line)) {
        if (auto at = byte_offset(p.sources, f, d.span.begin)) {
          place(f, Spot{line_begin(text, *at), std::string(indentation_at(text, *at)), "#", false}, d.rule);
          continue;
        }
      }
      place(f, Spot{0, "", "#", true}, d.rule);
    }
  }
  for (const auto& [path, w] : work) {
    if (w.spots.empty()) continue;
    const std::string& text = w.file->text;
    std::string nl(newline_at(text, 0));
    std::vector<FileEdit> edits;
    for (const auto& [spot, rules] : w.spots) {
      std::string names;
      for (const std::string& r : rules) names += (names.empty() ? "" : ",") + r;
      std::string line = fmt::format("{}{} mise-audit: {}[{}] TODO{}", spot.indent, spot.opener,
                                     spot.file_wide ? "file-ignore" : "ignore", names, nl);
      edits.push_back({path, spot.at, spot.at, line});
      ++out.comments;
    }
    // Several comments at one point (file-wide and a first-line key): one insertion, in order.
    std::map<std::size_t, std::string> merged;
    for (const FileEdit& e : edits) merged[e.begin] += e.replacement;
    edits.clear();
    for (auto& [at, line] : merged) edits.push_back({path, at, at, line});
    std::string fixed = apply_edits(text, edits);
    std::string root = find_repository_root(real_file_system(), fs::path(path).parent_path().string());
    if (std::string e = write_fixed_file(path, text, fixed, root); !e.empty()) out.errors.push_back(e);
  }
  return out;
}

}  // namespace mise_audit
