// Builds the task graph: an index of every name mise answers to, reference resolution as mise
// does it (CONTRIBUTING §3.3), and typed edges for depends, depends_post, wait_for, run-entry task steps
// and `mise run` calls inside scripts.
#include "mise_audit/task_graph.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "core/string_span.h"
#include "graph/task_scripts.h"
#include "graph/task_index.h"
#include "loader/glob_match.h"

namespace fs = std::filesystem;

namespace mise_audit {

const char* edge_kind_name(EdgeKind k) {
  switch (k) {
    case EdgeKind::Depends: return "depends";
    case EdgeKind::DependsPost: return "depends_post";
    case EdgeKind::WaitFor: return "wait_for";
    case EdgeKind::RunTask: return "run";
    case EdgeKind::Calls: return "calls";
  }
  return "depends";
}

std::string strip_task_extension(std::string_view name) {
  std::size_t dot = name.rfind('.');
  std::size_t colon = name.rfind(':');
  if (dot == std::string_view::npos || dot == 0) return std::string(name);
  if (colon != std::string_view::npos && (dot < colon || dot == colon + 1)) return std::string(name);
  return std::string(name.substr(0, dot));
}

bool is_task_glob(std::string_view p) {
  return p.find_first_of("*?[{") != std::string_view::npos || p.find("...") != std::string_view::npos;
}

namespace {

using Reason = UnresolvedRef::Reason;

// The literal text before the first glob character: every match starts with it.
std::string_view literal_prefix(std::string_view pattern) {
  std::size_t i = pattern.find_first_of("*?[{\\");
  return i == std::string_view::npos ? pattern : pattern.substr(0, i);
}

// The group part of a task name, with its trailing ':' ("a:b:c" -> "a:b:"), or "".
std::string_view group_of(std::string_view name) {
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon + 1);
}

bool is_dir_with_config(const FileSystem& disk, const fs::path& dir) {
  static const char* const kNames[] = {"mise.toml", ".mise.toml", ".config/mise.toml", ".mise/config.toml",
                                       "mise/config.toml", ".config/mise/config.toml"};
  for (const char* n : kNames)
    if (disk.is_regular_file(dir / n)) return true;
  return false;
}

}  // namespace

TaskGraph::TaskGraph(const TaskGraph& base, const std::vector<Edge>& added,
                     const std::vector<std::pair<TaskId, TaskId>>& removed)
    : TaskGraph(base) {
  for (const auto& edge : removed) {
    // A pair, not a structured binding: clang 14 cannot capture bindings in a lambda.
    auto gone = [&](const Edge& e) {
      return e.kind == EdgeKind::Depends && e.from == edge.first && e.to == edge.second;
    };
    std::erase_if(out_[edge.first], gone);
    std::erase_if(in_[edge.second], gone);
  }
  for (const Edge& e : added) {
    in_[e.to].push_back(e);
    out_[e.from].push_back(e);
  }
}

TaskGraph::TaskGraph(const Project& project) : project_(&project) {
  const std::size_t n = project.tasks.size();
  out_.resize(n);
  in_.resize(n);
  auto index = std::make_shared<Index>();
  index->stripped_names.reserve(n);
  for (TaskId i = 0; i < n; ++i) {
    const Task& t = project.tasks[i];
    index->names.emplace(t.name, i);
    index->stripped_names.push_back(strip_task_extension(t.name));
    if (index->stripped_names.back() != t.name) index->stripped[index->stripped_names.back()].push_back(i);
  }
  for (TaskId i = 0; i < n; ++i) {
    const Task& t = project.tasks[i];
    if (!t.display_name.empty() && !index->names.count(t.display_name)) index->display_names.emplace(t.display_name, i);
    // A monorepo task's alias is found from its own project only: also indexed as `//path:alias`
    // (CONTRIBUTING §3.4).
    std::size_t colon = t.name.rfind("//", 0) == 0 ? t.name.find(':', 2) : std::string::npos;
    for (const LocatedString& a : t.aliases) {
      if (a.templated) continue;
      if (index->aliases.emplace(a.value, i).second) index->sorted_aliases.emplace_back(a.value, i);
      if (colon != std::string::npos) {
        index->project_aliases.push_back(t.name.substr(0, colon + 1) + a.value);
        index->aliases.emplace(index->project_aliases.back(), i);
      }
    }
  }
  std::sort(index->sorted_aliases.begin(), index->sorted_aliases.end());
  index->monorepo_names = project.monorepo_root && n > 0 &&
                          std::any_of(project.tasks.begin(), project.tasks.end(),
                                      [](const Task& t) { return t.name.rfind("//", 0) == 0; });
  index_ = index;

  auto add_edge = [&](Edge e) {
    in_[e.to].push_back(e);
    out_[e.from].push_back(std::move(e));
  };
  auto link = [&](TaskId from, EdgeKind kind, std::string_view pattern, const SourceSpan& span, std::uint32_t step,
                  bool optional, bool templated, bool record_missing) {
    if (templated) {
      unresolved_.push_back({from, kind, std::string(pattern), span, Reason::NotFound, optional, true});
      return;
    }
    Resolution r = resolve_reference(pattern, from);
    for (TaskId to : r.tasks) add_edge(Edge{from, to, kind, span, step});
    if (r.tasks.empty() && !r.only_self && record_missing)
      unresolved_.push_back({from, kind, std::string(pattern), span, r.reason, optional, false});
  };

  for (TaskId i = 0; i < n; ++i) {
    const Task& t = project.tasks[i];
    for (DependencyKind dk : {DependencyKind::Depends, DependencyKind::DependsPost, DependencyKind::WaitFor}) {
      EdgeKind kind = dk == DependencyKind::Depends ? EdgeKind::Depends
                    : dk == DependencyKind::DependsPost ? EdgeKind::DependsPost : EdgeKind::WaitFor;
      for (const DependencyRef& d : t.deps(dk)) {
        if (d.task.empty() && !d.templated) continue;  // the loader reports env-only entries
        // `^task` is the experimental workspace graph: optional upstream dependencies.
        if (project.monorepo_root && !d.task.empty() && d.task[0] == '^') continue;
        link(i, kind, d.templated ? d.raw : d.task, d.span, 0, d.optional, d.templated, true);
      }
    }
    // When `file` is set it runs instead of `run` (CONTRIBUTING §2.2); run entries are still checked.
    FileId script = t.origin == TaskOrigin::FileScript ? t.script_file : t.file_script;
    bool run_executes = script == kNoFile && !(t.origin != TaskOrigin::FileScript && t.file);
    bool calls_here = runs_in_config_root(t);  // else its `mise run` loads another folder's tasks
    for (std::uint32_t k = 0; k < t.run.size(); ++k) {
      const RunEntry& e = t.run[k];
      if (e.kind == RunEntry::Kind::Script) {
        if (!run_executes) continue;
        if (!run_is_shell(t) || !calls_here) continue;  // another language: unknown, not guessed from
        ShellScript read = read_shell_script(e.script);
        for (const ScriptRun& r : mise_runs(read))
          for (const MiseRunTask& c : r.run.tasks) {
            if (c.dynamic) continue;  // built at run time: not resolved, not guessed
            SourceSpan span = locate_in_string(project.sources, e.span, r.command->word_lines[c.word], c.name,
                                               r.command->word_columns[c.word]);
            link(i, EdgeKind::Calls, c.name, span, k, false, false, true);
          }
        continue;
      }
      for (const LocatedString& spec : e.tasks) {
        std::string_view s = spec.value;
        std::size_t b = s.find_first_not_of(" \t\r\n");
        std::string_view name = b == std::string_view::npos ? std::string_view{} : s.substr(b);
        name = name.substr(0, name.find_first_of(" \t\r\n"));
        if (run_executes) {
          link(i, EdgeKind::RunTask, name, spec.span, k, false, spec.templated, true);
        } else if (!spec.templated) {
          Resolution r = resolve_reference(name, i);
          if (r.tasks.empty() && !r.only_self)
            unresolved_.push_back({i, EdgeKind::RunTask, std::string(name), spec.span, r.reason, false, false});
        }
      }
    }
    if (script != kNoFile && calls_here) {
      const SourceFile& f = project.sources.file(script);
      ShellScript read = is_shell_script(f.path, f.text) ? read_shell_script(f.text) : ShellScript{};
      for (const ScriptRun& r : mise_runs(read))
        for (const MiseRunTask& c : r.run.tasks) {
          if (c.dynamic) continue;  // built at run time: not resolved, not guessed
          std::uint32_t line = r.command->word_lines[c.word] + 1, column = r.command->word_columns[c.word];
          SourceSpan span{script, {line, column}, {line, column + utf8_length(c.name)}};
          link(i, EdgeKind::Calls, c.name, span, 0, false, false, true);
        }
    }
  }
}

std::optional<TaskId> TaskGraph::find(std::string_view name) const {
  if (auto it = index_->names.find(name); it != index_->names.end()) return it->second;
  if (auto it = index_->aliases.find(name); it != index_->aliases.end()) return it->second;
  if (auto it = index_->display_names.find(name); it != index_->display_names.end()) return it->second;
  return std::nullopt;
}

std::vector<TaskId> TaskGraph::resolve(std::string_view pattern, TaskId from) const {
  return resolve_reference(pattern, from).tasks;
}

// Sorted, de-duplicated matches without the referring task itself (mise drops self-matches).
static TaskGraph::Resolution finish_resolution(std::vector<TaskId> found, TaskId from, UnresolvedRef::Reason reason) {
  TaskGraph::Resolution r;
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  bool had_self = std::find(found.begin(), found.end(), from) != found.end();
  found.erase(std::remove(found.begin(), found.end(), from), found.end());
  r.only_self = had_self && found.empty();
  r.tasks = std::move(found);
  r.reason = reason;
  return r;
}

TaskGraph::Resolution TaskGraph::resolve_reference(std::string_view pattern, TaskId from) const {
  const Index& ix = *index_;
  const TaskList& tasks = project_->tasks;
  auto finish = [&](std::vector<TaskId> found, Reason reason) { return finish_resolution(std::move(found), from, reason); };
  auto exact = [&](std::string_view p) -> std::optional<TaskId> {
    if (auto it = ix.names.find(p); it != ix.names.end()) return it->second;
    // In a monorepo a bare alias of a `//path:` task is relative to the referring project
    // (resolve_monorepo looks it up as `//path:alias`).
    if (auto it = ix.aliases.find(p); it != ix.aliases.end() &&
                                      (!ix.monorepo_names || p.rfind("//", 0) == 0 || tasks[it->second].name.rfind("//", 0) != 0))
      return it->second;
    return std::nullopt;
  };
  if (pattern.empty()) return finish({}, Reason::NotFound);
  if (auto id = exact(pattern)) return finish({*id}, Reason::NotFound);

  std::string p(pattern);
  if (ix.monorepo_names) return resolve_monorepo(pattern, from);
  if (pattern.rfind("//", 0) == 0) {
    std::size_t colon = pattern.find(':', 2);
    if (!project_->monorepo_root) return finish({}, Reason::NotFound);
    if (colon == std::string_view::npos) return finish({}, Reason::MonorepoMissingTask);
    std::string_view path = pattern.substr(2, colon - 2);
    std::string_view rest = pattern.substr(colon + 1);
    if (!path.empty() && path != "...") {
      // Another project of the monorepo: mise-audit loads only the root, so say so unless the
      // folder plainly has no config at all.
      if (is_task_glob(path) || is_dir_with_config(*project_->disk, fs::path(project_->root) / std::string(path)))
        return finish({}, Reason::OtherProject);
      return finish({}, Reason::NotFound);
    }
    p = std::string(rest);
    if (path == "...") {
      // `//...:x` also covers the root project; other projects are not loaded.
      std::vector<TaskId> found;
      const Glob glob(p, ':');
      for (TaskId i = 0; i < tasks.size(); ++i)
        if (glob.matches(tasks[i].name)) found.push_back(i);
      return finish(found, Reason::OtherProject);
    }
    if (auto id = exact(p)) return finish({*id}, Reason::NotFound);
  } else if (pattern[0] == ':' && pattern.rfind("::", 0) != 0) {
    if (project_->monorepo_root) {
      p = std::string(pattern.substr(1));
    } else {
      std::string_view group = group_of(tasks[from].name);
      if (group.empty()) return finish({}, Reason::ColonOutsideMonorepo);
      p = std::string(group) + std::string(pattern.substr(1));
    }
    if (auto id = exact(p)) return finish({*id}, Reason::NotFound);
  } else if (pattern.find('/') != std::string_view::npos && pattern.find(':') != std::string_view::npos) {
    return finish({}, Reason::RelativePathSyntax);
  }

  return finish(match_pattern(p), is_task_glob(p) ? Reason::UnmatchedPattern : Reason::NotFound);
}

std::vector<TaskId> TaskGraph::match_pattern(const std::string& p) const {
  const Index& ix = *index_;
  const TaskList& tasks = project_->tasks;
  if (!is_task_glob(p)) {
    // Exact already failed: names whose extension-stripped form is the pattern ("build" -> build.sh).
    if (auto it = ix.names.find(p); it != ix.names.end()) return {it->second};
    if (auto it = ix.aliases.find(p); it != ix.aliases.end()) return {it->second};
    if (auto it = ix.stripped.find(p); it != ix.stripped.end()) return it->second;
    if (auto it = ix.display_names.find(p); it != ix.display_names.end()) return {it->second};
    return {};
  }

  // A glob with ':' as the separator. Only names sharing its literal prefix can match.
  std::string_view prefix = literal_prefix(p);
  std::vector<TaskId> found;
  auto first = std::lower_bound(tasks.begin(), tasks.end(), prefix,
                                [](const Task& t, std::string_view pre) { return t.name < pre; });
  std::vector<TaskId> candidates;
  for (auto it = first; it != tasks.end() && std::string_view(it->name).substr(0, prefix.size()) == prefix; ++it)
    candidates.push_back(static_cast<TaskId>(it - tasks.begin()));
  const Glob glob(p, ':');
  for (TaskId c : candidates)
    if (glob.matches(tasks[c].name)) found.push_back(c);
  auto afirst = std::lower_bound(ix.sorted_aliases.begin(), ix.sorted_aliases.end(), prefix,
                                 [](const auto& a, std::string_view pre) { return a.first < pre; });
  for (auto it = afirst; it != ix.sorted_aliases.end() && it->first.substr(0, prefix.size()) == prefix; ++it)
    if (glob.matches(it->first)) found.push_back(it->second);
  if (found.empty())
    for (TaskId c : candidates)
      if (ix.stripped_names[c] != tasks[c].name && glob.matches(ix.stripped_names[c])) found.push_back(c);
  return found;
}

// Monorepo names as mise writes them: `//path:task`, root tasks `//:task` (CONTRIBUTING §3.4). A bare
// name or `:task` is relative to the referring task's project; `...` in a path matches any depth.
TaskGraph::Resolution TaskGraph::resolve_monorepo(std::string_view pattern, TaskId from) const {
  const TaskList& tasks = project_->tasks;
  auto finish = [&](std::vector<TaskId> found, Reason reason) { return finish_resolution(std::move(found), from, reason); };
  const std::string& parent = tasks[from].name;
  std::size_t parent_colon = parent.rfind("//", 0) == 0 ? parent.find(':', 2) : std::string::npos;
  std::string own = parent_colon == std::string::npos ? "//:" : parent.substr(0, parent_colon + 1);
  std::string full;
  if (pattern.rfind("//", 0) == 0) {
    full = std::string(pattern);
  } else if (pattern[0] == ':' && pattern.rfind("::", 0) != 0) {
    full = own + std::string(pattern.substr(1));
  } else if (parent_colon == std::string::npos && pattern.find('/') != std::string_view::npos &&
             pattern.find(':') != std::string_view::npos) {
    return finish({}, Reason::RelativePathSyntax);
  } else {
    // From a `//path:` task a bare name is relative (step 1), so "a/b:c" is not an error here.
    full = own + std::string(pattern);
  }
  std::size_t colon = full.find(':', 2);
  if (colon == std::string::npos) return finish({}, Reason::MonorepoMissingTask);
  std::string path = full.substr(2, colon - 2);
  std::string task = full.substr(colon + 1);
  if (!is_task_glob(path)) {
    std::vector<TaskId> found = match_pattern(full);
    return finish(found, is_task_glob(task) ? Reason::UnmatchedPattern : Reason::NotFound);
  }
  // A path pattern: `...` matches any number of folders (including none), `*` one folder.
  std::string path_glob;
  for (std::size_t i = 0; i < path.size();) {
    if (path.compare(i, 3, "...") == 0) path_glob += "**", i += 3;
    else path_glob += path[i++];
  }
  std::vector<TaskId> found;
  const Glob path_glob_whole(path_glob, '/'), task_glob(task, ':');
  const bool subtree = path_glob.size() >= 3 && path_glob.compare(path_glob.size() - 3, 3, "/**") == 0;
  const Glob path_glob_parent(subtree ? path_glob.substr(0, path_glob.size() - 3) : std::string(), '/');
  for (TaskId i = 0; i < tasks.size(); ++i) {
    const std::string& name = tasks[i].name;
    if (name.rfind("//", 0) != 0) continue;
    std::size_t c = name.find(':', 2);
    if (c == std::string::npos) continue;
    std::string_view tpath = std::string_view(name).substr(2, c - 2);
    std::string_view tname = std::string_view(name).substr(c + 1);
    bool path_ok = path_glob_whole.matches(tpath) || (subtree && path_glob_parent.matches(tpath));
    if (path_ok && (task_glob.matches(tname) || task_glob.matches(strip_task_extension(tname)))) found.push_back(i);
  }
  return finish(found, Reason::UnmatchedPattern);
}

}  // namespace mise_audit
