// What the fuzz targets run, shared with the unit test that replays every committed crasher
// (tests/unit/hostile_input_test.cpp), so a regression case fails a normal `ctest` run.
//
// Project inputs are one or more files: the bytes up to the first line `%%% PATH` are mise.toml,
// each `%%% PATH` line starts another file (under mise-tasks/ it is executable), and a line
// `%%> PATH TARGET` makes a symlink. Paths are confined to the scratch folder.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>
#include <string>
#include <string_view>
#include <vector>

#include "cli/fix_run.h"
#include "graph_render/graph_render.h"
#include "loader/file_task_header.h"
#include "loader/glob_match.h"
#include "shell/mise_run.h"
#include "shell/shell_words.h"
#include "mise_audit/edit_distance.h"
#include "mise_audit/engine.h"
#include "mise_audit/release_model.h"
#include "release/role_book.h"
#include "mise_audit/report.h"
#include "mise_audit/task_graph.h"
#include "mise_audit/task_model.h"
#include "suppression/suppression.h"

namespace mise_audit::fuzz {

namespace fs = std::filesystem;

// Keeps [A-Za-z0-9._-] path segments, drops "", "." and ".."; at most 6 segments.
inline std::string confine_path(std::string_view raw) {
  std::string out, seg;
  int segments = 0;
  auto flush = [&] {
    if (!seg.empty() && seg != "." && seg != ".." && segments < 6) {
      out += (out.empty() ? "" : "/") + seg;
      ++segments;
    }
    seg.clear();
  };
  for (char c : raw) {
    if (c == '/') flush();
    else if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') seg += c;
  }
  flush();
  return out.empty() ? "x" : out;
}

struct InputFile {
  std::string path;
  std::string text;
  std::string link_target;  // non-empty: a symlink
};

inline std::vector<InputFile> split_input(std::string_view data) {
  std::vector<InputFile> files(1);
  files[0].path = "mise.toml";
  std::size_t pos = 0;
  while (pos <= data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (line.substr(0, 4) == "%%% ") {
      files.push_back({confine_path(line.substr(4)), "", ""});
    } else if (line.substr(0, 4) == "%%> ") {
      std::string_view rest = line.substr(4);
      std::size_t sp = rest.find(' ');
      std::string target = sp == std::string_view::npos ? "." : std::string(rest.substr(sp + 1));
      // Relative targets only; "." and ".." make loops inside the scratch folder.
      if (target != "." && target != "..") target = confine_path(target);
      files.push_back({confine_path(rest.substr(0, sp)), "", target});
    } else {
      files.back().text.append(line);
      if (nl != std::string_view::npos) files.back().text += '\n';
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return files;
}

// Inputs that would make the loader walk folders outside the scratch folder (an include of "/"
// or ".." is legal, and mise walks it too, but it turns a fuzz run into a disk scan).
inline bool escapes_scratch(std::string_view data) {
  if (data.find("includes") == std::string_view::npos) return false;
  for (std::string_view bad : {"\"/", "'/", "..", "~", "\\u", "\\U"})
    if (data.find(bad) != std::string_view::npos) return true;
  return false;
}

// A private scratch folder, emptied before each input.
class Scratch {
 public:
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "mise-audit-fuzz-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    root_ = tmpl;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const fs::path& root() const { return root_; }

  void write(const std::vector<InputFile>& files) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_, ec)) fs::remove_all(entry.path(), ec);
    for (const InputFile& f : files) {
      fs::path p = root_ / f.path;
      fs::create_directories(p.parent_path(), ec);
      if (fs::exists(fs::symlink_status(p, ec))) continue;  // first definition wins
      if (!f.link_target.empty()) {
        fs::create_symlink(f.link_target, p, ec);
        continue;
      }
      { std::ofstream(p, std::ios::binary) << f.text; }
      bool script = f.path.rfind("mise-tasks/", 0) == 0 || f.path.rfind(".mise/tasks/", 0) == 0;
      ::chmod(p.c_str(), script ? 0755 : 0644);
    }
  }

 private:
  fs::path root_;
};

// loader -> graph -> every rule -> suppression comments -> every reporter, as the binary runs
// them (a failed run too), and both graph pictures.
inline void run_project(const fs::path& dir) {
  LoadResult loaded = load_project(dir.string(), {});
  if (!loaded.error.empty()) return;
  std::vector<LintedProject> results(1);
  results[0].run = LintRun(std::move(loaded.project), {});
  results[0].diagnostics = results[0].run.take_findings();
  const Project& p = results[0].project();
  apply_suppressions(p, results[0].diagnostics);
  sort_diagnostics(results[0].diagnostics, p.sources);
  TaskGraph graph(p);
  for (TaskId id = 0; id < graph.size(); ++id) {
    graph.scheduled_closure(id);
    graph.execution_closure(id);
  }
  graph.cycles();
  graph.topological_order();
  ReleaseModel release(graph, builtin_role_book());
  GraphPicture picture = build_picture(release, results[0].diagnostics, "");
  std::string sink;
  RunStatus failed{{"fuzz: a path that cannot be read"}};
  for (const RunStatus& status : {RunStatus{}, failed}) {
    sink += render_text(results, status, true);
    sink += render_text(results, status, false);
    sink += render_json(results, status);
    sink += render_github(results, status, dir.string());
  }
  // Once: dumping every rule's documentation is half the time of an input (perf, fuzz build).
  sink += render_sarif(results, failed, dir.string());
  sink += render_tasks_json(p);
  sink += render_dot(picture);
  sink += render_mermaid(picture);
  if (!p.tasks.empty()) sink += render_mermaid(build_picture(release, results[0].diagnostics, p.tasks[0].display_name));
  if (sink.empty()) std::abort();  // the summary line is always there
}

inline void run_project_input(const std::uint8_t* data, std::size_t size, Scratch& scratch) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (escapes_scratch(text)) return;
  scratch.write(split_input(text));
  run_project(scratch.root());
}

// The fixer: the project's findings -> every fix (safe and unsafe) applied in passes, as
// `--fix --unsafe-fixes` does (texts given to the loader as overlays, nothing written). Aborts
// when an edited TOML file that parsed no longer parses, when fixing adds a finding its hint did
// not announce, or when
// fixing does not settle within the bounded passes. Returns the number of fixes applied.
inline std::size_t run_fix(const fs::path& dir) {
  auto lint = [&](const Overlays& overlays) {
    LoadOptions options;
    options.overlays = overlays;
    LoadResult loaded = load_project(dir.string(), options);
    std::vector<LintedProject> results;
    if (!loaded.error.empty()) return results;
    results.resize(1);
    results[0].run = LintRun(std::move(loaded.project), {});
    results[0].diagnostics = results[0].run.take_findings();
    apply_suppressions(results[0].project(), results[0].diagnostics);
    return results;
  };
  std::vector<LintedProject> first = lint(nullptr);
  if (first.empty()) return 0;
  using Key = std::tuple<std::string, std::string>;
  std::map<Key, int> before;
  for (const Diagnostic& d : first[0].diagnostics) {
    ++before[{d.rule, d.task}];
    // What a hint says its edit will bring (core/hint_check.h) is not the fixer's doing.
    for (const auto& [rule, task] : d.revealed) ++before[{rule, task}];
  }
  FixRun run = fix_until_stable(std::move(first), true, lint);
  if (!run.converged) std::abort();
  for (const auto& [path, text] : run.after) {
    if (fs::path(path).extension() != ".toml") continue;
    if (parse_toml(run.before.at(path), 0).ok && !parse_toml(text, 0).ok) std::abort();
  }
  if (run.results.empty()) return run.applied.size();
  std::map<Key, int> after;
  for (const Diagnostic& d : run.results[0].diagnostics) ++after[{d.rule, d.task}];
  for (const auto& [k, n] : after)
    if (n > before[k]) std::abort();
  return run.applied.size();
}

inline void run_fix_input(const std::uint8_t* data, std::size_t size, Scratch& scratch) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (escapes_scratch(text)) return;
  scratch.write(split_input(text));
  run_fix(scratch.root());
}

// #MISE headers, dependency strings, shell words, `mise run` calls, globs, "did you mean".
inline void run_header_input(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> diags;
  FileTaskHeader header = parse_file_task_header(text, 0, "fuzz", diags);
  parse_dependency_string(text, SourceSpan{});
  split_shell_words(text);
  split_whitespace(text);
  for (const ShellCommand& cmd : read_shell_script(text).commands)
    if (!cmd.words.empty()) read_mise_run(cmd, skip_command_prefixes(cmd.words) < cmd.words.size() ? skip_command_prefixes(cmd.words) : 0);
  is_templated(text);
  std::size_t nl = text.find('\n');
  std::string first = text.substr(0, nl), rest = nl == std::string::npos ? "" : text.substr(nl + 1);
  // Patterns as long as the input allows, valid or not; texts are task names and relative
  // paths, bounded so that one input (matching costs pattern x text) stays within the timeout.
  std::string why;
  glob_is_valid(first, &why);
  std::string_view name = std::string_view(rest).substr(0, 1024);
  glob_match(first, name, ':');
  glob_match(first, name, '/');
  edit_distance(first, rest, 8);
  closest_match(first, split_whitespace(rest));
}

}  // namespace mise_audit::fuzz
