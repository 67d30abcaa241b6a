// Builds TaskFacts for every task: what its commands do (rules/roles.toml), the scripts it runs,
// guards, preflights, orchestrators and prose references; plus closure queries over the graph.
#include "mise_audit/release_model.h"
#include "core/disk.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "core/columns.h"
#include "core/string_span.h"
#include "graph/strongly_connected.h"
#include "graph/task_scripts.h"
#include "loader/package_json.h"
#include "shell/shell_words.h"
#include "release/role_book.h"
#include "shell/mise_run.h"
#include "shell/shell_script.h"

namespace mise_audit {

namespace fs = std::filesystem;

std::string role_names(RoleSet roles) {
  static const std::pair<RoleSet, const char*> names[] = {
      {kRoleWheel, "wheel"}, {kRoleSdist, "sdist"}, {kRoleBuild, "build"}, {kRolePublish, "publish"},
      {kRoleVersion, "version"}, {kRoleTag, "tag"}, {kRoleCopy, "copy"}, {kRoleInspect, "inspect"},
      {kRoleGuard, "guard"}, {kRolePreflight, "preflight"}, {kRoleFetch, "fetch"}};
  std::string out;
  for (const auto& [r, n] : names)
    if (roles & r) out += (out.empty() ? "" : ",") + std::string(n);
  return out;
}

struct ReleaseModel::Data {
  std::vector<TaskFacts> facts;
  std::vector<TaskId> artifact_tasks;
  std::vector<std::vector<Invocation>> invocations;  // per task
};

// Strongly connected components over one edge-kind mask, with the closures
// of the components that have more than one task, as they are asked for.
struct ReleaseModel::Cycles {
  unsigned kinds = 0;
  std::vector<std::uint32_t> component;  // per task
  std::vector<std::uint32_t> size;       // per component
  std::unordered_map<std::uint32_t, TaskSet> closures;
  std::size_t cached_ids = 0;
};

namespace {

const char* const kTrivial[] = {"true", ":", "set", "sleep", "exit", "cd", "pwd", "clear", "shift", "local",
                                "export", "return", "trap", "unset", "read", "wait"};

bool is_trivial(const std::string& prog) {
  return std::any_of(std::begin(kTrivial), std::end(kTrivial), [&](const char* t) { return prog == t; });
}

// Does an argument name a host of the developer's machine (`localhost:5000/app`,
// `--registry=http://127.0.0.1:4873`)?
bool names_local_host(const std::vector<std::string>& args, const std::vector<std::string>& hosts) {
  for (std::string_view a : args) {
    if (a.starts_with("-")) {
      std::size_t eq = a.find('=');
      if (eq == std::string_view::npos) continue;
      a.remove_prefix(eq + 1);
    }
    if (std::size_t scheme = a.find("://"); scheme != std::string_view::npos) a.remove_prefix(scheme + 3);
    for (const std::string& h : hosts)
      if (a.starts_with(h) && (a.size() == h.size() || a[h.size()] == ':' || a[h.size()] == '/')) return true;
  }
  return false;
}

// Prose references need the verb "run" (any case); most text has none.
bool mentions_run(std::string_view text) {
  for (std::size_t i = 0; i + 3 <= text.size(); ++i)
    if ((text[i] | 0x20) == 'r' && (text[i + 1] | 0x20) == 'u' && (text[i + 2] | 0x20) == 'n') return true;
  return false;
}

struct Locator {
  enum class Kind { TomlString, File, Fixed } kind = Kind::Fixed;
  SourceSpan span;     // TomlString: the value; Fixed: used as is
  FileId file = kNoFile;
  std::string via;     // script path shown in messages (Fixed)
};

// Where word `needle` at 0-based `line`, 1-based `column` (0 unknown) of a script is in the sources.
SourceSpan locate(const SourceManager& sources, const Locator& loc, std::uint32_t line, std::string_view needle,
                  std::uint32_t column = 0) {
  switch (loc.kind) {
    case Locator::Kind::TomlString: return locate_in_string(sources, loc.span, line, needle, column);
    case Locator::Kind::File: {
      std::string_view text = sources.line_text(loc.file, line + 1);
      std::size_t exact = column ? byte_of_column(text, column) : std::string_view::npos;
      std::size_t hit = needle.empty() ? std::string_view::npos
                      : exact < text.size() && text.substr(exact).starts_with(needle) ? exact : text.find(needle);
      if (hit == std::string_view::npos) return SourceSpan{loc.file, {line + 1, 1}, {line + 1, 2}};
      std::uint32_t col = column_of_byte(text, hit);
      return SourceSpan{loc.file, {line + 1, col}, {line + 1, column_of_byte(text, hit + needle.size())}};
    }
    case Locator::Kind::Fixed: return loc.span;
  }
  return loc.span;
}

// Where a build of the source folder `src` writes `writes` (role book `source-positional`): a
// folder named by a variable is unknown; an sdist archive given as the source builds beside it.
std::string inside_source(std::string src, const std::string& writes) {
  if (src.find_first_of("$`*?") != std::string::npos) return "";
  if (src.ends_with(".tar.gz")) return folder_of(src, false);
  while (src.size() > 1 && src.ends_with("/")) src.pop_back();
  return folder_of(src + "/" + writes, true);
}

bool is_remote_path(const std::string& p) {
  std::size_t colon = p.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  if (p.starts_with("/") || p.starts_with("./") || p.starts_with("$")) return false;
  return p.substr(0, colon).find('/') == std::string::npos;
}

bool looks_like_directory(const std::string& p) {
  if (p.ends_with("/")) return true;
  std::size_t slash = p.rfind('/');
  std::string last = slash == std::string::npos ? p : p.substr(slash + 1);
  return last.find('.') == std::string::npos && last.find_first_of("*?[{") == std::string::npos;
}

// A path as a file glob for producer/consumer matching ("" when it links nothing): `./` removed,
// variables and command substitutions replaced by `*`, a folder read as everything in it. Scratch
// places (/tmp, /var/tmp, $TMPDIR, $RUNNER_TEMP, mktemp) and paths rooted in another variable
// or in the home folder are "".
std::string file_pattern(std::string p, bool is_directory) {
  while (p.starts_with("./")) p.erase(0, 2);
  if (p.empty() || p == "." || p.starts_with("~") || p.starts_with("-")) return "";
  if (p.starts_with("$") || p.starts_with("/tmp/") || p == "/tmp" || p.starts_with("/var/tmp") ||
      p.starts_with("/dev/") || p.starts_with("/proc/") || p.find("mktemp") != std::string::npos)
    return "";
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '$') { out += p[i]; continue; }
    // $NAME, ${…}, $(…): one unknown piece.
    if (i + 1 < p.size() && (p[i + 1] == '{' || p[i + 1] == '(')) {
      char close = p[i + 1] == '{' ? '}' : ')';
      std::size_t end = p.find(close, i + 2);
      i = end == std::string::npos ? p.size() : end;
    } else {
      while (i + 1 < p.size() && (std::isalnum(static_cast<unsigned char>(p[i + 1])) || p[i + 1] == '_')) ++i;
    }
    if (out.empty() || out.back() != '*') out += '*';
  }
  if (is_directory) {
    if (!out.ends_with("/")) out += '/';
    out += '*';
  }
  return out;
}

}  // namespace

// Do a file read and a file written name the same file (either may be a glob)?
bool files_match(std::string_view a, std::string_view b) {
  if (a == b) return true;
  // A `*` of the side matched as text stands for some name: it must not match a `*` literally.
  auto as_text = [](std::string_view s) {
    std::string t(s);
    std::replace(t.begin(), t.end(), '*', '\x01');
    return t;
  };
  return glob_match_simple(a, as_text(b)) || glob_match_simple(b, as_text(a));
}

namespace {

std::vector<std::string> kinds_from_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> kinds;
  auto add = [&](const char* k) { if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.emplace_back(k); };
  for (const std::string& p : paths) {
    if (p.find(".whl") != std::string::npos) add("wheel");
    else if (p.find(".tar.gz") != std::string::npos) add("sdist");
    else add("file");
  }
  return kinds;
}

void add_file(std::vector<std::string>& files, std::string pattern) {
  if (!pattern.empty() && std::find(files.begin(), files.end(), pattern) == files.end()) files.push_back(std::move(pattern));
}

// The file name ending of an artifact kind, after a folder's `*`.
const char* kind_extension(const std::string& kind) {
  return kind == "wheel" ? ".whl" : kind == "sdist" ? ".tar.gz" : kind == "gem" ? ".gem" : kind == "chart" ? ".tgz"
       : kind == "extension" ? ".vsix" : kind == "nuget" ? ".nupkg" : "";
}

class FactBuilder {
 public:
  FactBuilder(const TaskGraph& graph, const RoleBook& book) : graph_(graph), book_(book) {}

  TaskFacts build(TaskId id) {
    id_ = id;
    const Task& task = graph_.task(id);
    facts_ = TaskFacts{};
    text_.clear();
    order_ = 0;
    substantive_ = false;
    any_command_ = false;
    dir_ = task_work_dir(task).value_or(task.config_root);
    const SourceManager& sources = graph_.project().sources;
    if (task.origin == TaskOrigin::FileScript && task.script_file != kNoFile &&
        is_shell_script(task.script_path, sources.file(task.script_file).text)) {
      Locator loc{Locator::Kind::File, {}, task.script_file, ""};
      scan(sources.file(task.script_file).text, loc, 0, 0);
    } else if (task.origin == TaskOrigin::FileScript && task.script_file != kNoFile) {
      facts_.unknown = true;  // a script in another language: not read, not guessed from
    } else if (task.file) {
      Locator loc{Locator::Kind::Fixed, task.file->span, kNoFile, task.file->value};
      run_script_path(task.file->value, task.config_root, loc, 0, 0, task.file->span);
    } else {
      for (std::size_t r = 0; r < task.run.size(); ++r) {
        const RunEntry& e = task.run[r];
        if (e.kind != RunEntry::Kind::Script) {
          run_entry_call(e, r);
          continue;
        }
        if (!run_is_shell(task)) {  // another language: what it does is unknown
          facts_.unknown = true;
          substantive_ = true;
          continue;
        }
        Locator loc{Locator::Kind::TomlString, e.span, kNoFile, ""};
        scan(e.script, loc, r, 0);
      }
    }
    declared_flow(task);
    for (const CommandFact& c : facts_.commands) facts_.roles |= c.roles;
    classify_checks();
    bool has_edges = false;
    for (const Edge& e : graph_.out_edges(id))
      if (e.kind == EdgeKind::Depends || e.kind == EdgeKind::RunTask || e.kind == EdgeKind::Calls) has_edges = true;
    for (const RunEntry& e : task.run)
      if (e.kind != RunEntry::Kind::Script) has_edges = true;
    facts_.orchestrator = (has_edges || !task.depends.empty() || facts_.runs_tasks) && !substantive_;
    facts_.prints_only = any_command_ && !substantive_ && !facts_.runs_tasks;
    std::string name = ascii_lower(task.name);
    if (name.find("dry") != std::string::npos || name.find("snapshot") != std::string::npos) facts_.dry_run = true;
    if (task.description) prose_in_text(task.description->value, task.description->span, true);
    return std::move(facts_);
  }

 private:
  void scan(std::string_view script, const Locator& loc, std::size_t run_index, int depth) {
    text_ += script;
    text_ += '\n';
    for (const ShellCommand& cmd : scan_shell(script)) command(cmd, loc, run_index, depth);
  }

  void command(const ShellCommand& cmd, const Locator& loc, std::size_t run_index, int depth) {
    std::vector<std::string> wrappers;
    std::size_t p = skip_wrappers(book_, cmd.words, &wrappers);
    if (p >= cmd.words.size()) return;
    const std::string prog = program_name(cmd.words[p]);
    std::uint32_t line = cmd.word_lines[p];
    for (const std::string& w : cmd.words)
      if (w == "--dry-run" || w == "--snapshot" || w == "--skip=publish") facts_.dry_run = true;
    any_command_ = true;
    {
      ShellStep step;
      step.words.assign(cmd.words.begin() + static_cast<std::ptrdiff_t>(p), cmd.words.end());
      step.wrappers = wrappers;
      step.span = locate(graph_.project().sources, loc, line, cmd.words[p], cmd.word_columns[p]);
      step.loop_items = cmd.loop_items;
      step.loop_var = cmd.loop_var;
      step.after_cd = cmd.after_cd;
      step.cd_folder = cmd.cd_folder;
      if (loc.kind == Locator::Kind::Fixed) { step.via_script = loc.via; step.script_line = cmd.line + 1; }
      facts_.steps.push_back(std::move(step));
    }
    // Not a function's `"$@"` (the wrapper's callers are read as commands themselves).
    if (p < cmd.word_dynamic.size() && cmd.word_dynamic[p] && cmd.words[p].starts_with("$") && !cmd.in_function &&
        cmd.words[p] != "$@" && cmd.words[p] != "$*" && !(cmd.words[p].size() == 2 && std::isdigit(static_cast<unsigned char>(cmd.words[p][1]))))
      facts_.dynamic_programs.push_back(cmd.words[p] + (p + 1 < cmd.words.size() ? " " + cmd.words[p + 1] : ""));
    if (prog == "echo" || prog == "printf") {
      prose_in_words(cmd, p + 1, loc);
      return;
    }
    if (prog == "mise" && p + 1 < cmd.words.size()) {
      const std::string& sub = cmd.words[p + 1];
      if (sub == "run" || sub == "r") {
        facts_.runs_tasks = true;
        script_call(cmd, p, loc, run_index);
        return;
      }
    }
    if (is_trivial(prog)) return;
    substantive_ = true;

    // The pattern the command at `at` matches: only patterns whose first word can be its program,
    // in book order (the last of the longest matches wins).
    auto best_match = [&](std::size_t at, std::size_t& best_end) -> const CommandPattern* {
      const CommandPattern* best = nullptr;
      std::size_t best_len = 0;
      std::vector<std::size_t> candidates = book_.commands_by_path;
      for (const std::string& key : {cmd.words[at], program_name(cmd.words[at])})
        if (auto it = book_.commands_by_program.find(key); it != book_.commands_by_program.end())
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      for (std::size_t index : candidates) {
        const CommandPattern& pat = book_.commands[index];
        std::size_t end = match_words(pat.match, cmd.words, at);
        if (end && pat.match.size() >= best_len) { best = &pat; best_end = end; best_len = pat.match.size(); }
      }
      return best;
    };
    std::size_t best_end = 0;
    if (const CommandPattern* best = best_match(p, best_end)) {
      add_fact(*best, cmd, p, best_end, loc, run_index);
      return;
    }
    // `yarn tsup`, `pnpm release-it patch`: a package manager running a package's program.
    if (p + 1 < cmd.words.size() && !cmd.words[p + 1].starts_with("-") &&
        std::find(book_.bin_runners.begin(), book_.bin_runners.end(), prog) != book_.bin_runners.end())
      if (const CommandPattern* best = best_match(p + 1, best_end)) {
        add_fact(*best, cmd, p + 1, best_end, loc, run_index);
        return;
      }
    if (package_script_call(cmd, p, prog, line, loc, run_index, depth)) return;
    // A script the command executes: read it when it is here, else go by its name.
    std::string path;
    static const char* const interpreters[] = {"bash", "sh", "zsh", "dash", "python", "node", "ruby", "perl", "uv", "bun", "deno"};
    bool interp = std::any_of(std::begin(interpreters), std::end(interpreters), [&](const char* i) { return prog == i; });
    bool shell = prog == "bash" || prog == "sh" || prog == "zsh" || prog == "dash";
    if (shell && depth < 2) {
      // `bash -c '…'`: the quoted script is more commands.
      for (std::size_t q = p + 1; q + 1 < cmd.words.size(); ++q) {
        if (!cmd.words[q].starts_with("-")) break;
        if (cmd.words[q].find('c') != std::string::npos && !cmd.words[q].starts_with("--")) {
          SourceSpan at = locate(graph_.project().sources, loc, line, cmd.words[p]);
          Locator inner{Locator::Kind::Fixed, at, kNoFile, loc.kind == Locator::Kind::Fixed ? loc.via : ""};
          scan(cmd.words[q + 1], inner, run_index, depth + 1);
          return;
        }
      }
    }
    if (interp) {
      std::size_t q = p + 1;
      if (prog == "uv" && q < cmd.words.size() && cmd.words[q] == "run") ++q;
      while (q < cmd.words.size() && cmd.words[q].starts_with("-")) {
        if (cmd.words[q] == "-c" || cmd.words[q] == "-m") { q = cmd.words.size(); break; }
        ++q;
      }
      if (q < cmd.words.size()) path = cmd.words[q];
    } else if (cmd.words[p].find('/') != std::string::npos || cmd.words[p].ends_with(".sh") || cmd.words[p].ends_with(".py")) {
      if (!cmd.words[p].starts_with("/usr/") && !cmd.words[p].starts_with("/bin/")) path = cmd.words[p];
    }
    if (path.empty() || path.find('$') != std::string::npos || path.find("{{") != std::string::npos) return;
    SourceSpan at = locate(graph_.project().sources, loc, line, cmd.words[p]);
    Locator inner{Locator::Kind::Fixed, at, kNoFile, loc.kind == Locator::Kind::Fixed ? loc.via : path};
    run_script_path(path, dir_, inner, run_index, depth, at);
  }

  // `npm run release`, `pnpm release`, `yarn run bump`: the package.json script of that name (in
  // the task's folder) is more commands, read like a script file; npm also runs its `pre`/`post`
  // scripts. True when the command was such a call.
  bool package_script_call(const ShellCommand& cmd, std::size_t p, const std::string& prog, std::uint32_t line,
                           const Locator& loc, std::size_t run_index, int depth) {
    static const char* const managers[] = {"npm", "pnpm", "yarn", "bun"};
    if (std::none_of(std::begin(managers), std::end(managers), [&](const char* m) { return prog == m; })) return false;
    std::size_t q = p + 1;
    bool explicit_run = q < cmd.words.size() && (cmd.words[q] == "run" || cmd.words[q] == "run-script");
    if (explicit_run) ++q;
    else if (prog == "npm") return false;  // `npm X` without run is npm's own command
    while (q < cmd.words.size() && cmd.words[q].starts_with("-")) ++q;
    if (q >= cmd.words.size() || depth >= 2) return false;
    const std::string& name = cmd.words[q];
    const Project& project = graph_.project();
    std::string text;
    std::optional<nlohmann::json> manifest = read_json_object(*project.disk, fs::path(dir_) / "package.json", project.fence, text);
    if (!manifest) return false;
    std::vector<std::string> names;
    if (prog == "npm") names.push_back("pre" + name);
    names.push_back(name);
    if (prog == "npm") names.push_back("post" + name);
    bool found = false;
    SourceSpan at = locate(project.sources, loc, line, cmd.words[p]);
    for (const std::string& n : names) {
      std::optional<std::string> script = package_script(*manifest, n);
      if (!script) continue;
      found = true;
      Locator inner{Locator::Kind::Fixed, at, kNoFile, "package.json"};
      std::size_t first_command = facts_.commands.size(), first_step = facts_.steps.size();
      scan(*script, inner, run_index, depth + 1);
      std::uint32_t key_line = json_key_line(text, n);
      for (std::size_t k = first_command; k < facts_.commands.size(); ++k) {
        facts_.commands[k].via_script = "package.json";
        facts_.commands[k].script_line = key_line;
      }
      for (std::size_t k = first_step; k < facts_.steps.size(); ++k) {
        ShellStep& s = facts_.steps[k];
        s.via_script = "package.json";
        s.script_line = key_line;
        s.from_package_bin = !s.words.empty() && package_depends_on(*manifest, program_name_view(s.words.front()));
      }
    }
    return found || explicit_run;
  }

  // `mise run a ::: b` in a script: a step that runs a and b (with their closures) here.
  void script_call(const ShellCommand& cmd, std::size_t p, const Locator& loc, std::size_t run_index) {
    TaskCall call;
    std::optional<MiseRun> run = read_mise_run(cmd, p);
    if (!run || run->other_folder || !runs_in_config_root(graph_.task(id_))) return;
    for (const MiseRunTask& task : run->tasks) {
      if (task.dynamic) continue;  // built at run time: unknown
      const std::string& name = task.name;
      std::vector<TaskId> to = graph_.resolve(name, id_);
      if (to.empty()) continue;
      call.targets.insert(call.targets.end(), to.begin(), to.end());
      call.args.insert(call.args.end(), to.size(), task.args);
      if (call.text.empty()) {
        call.text = "mise run " + name;
        call.span = locate(graph_.project().sources, loc, cmd.word_lines[task.word], name, cmd.word_columns[task.word]);
        if (loc.kind == Locator::Kind::Fixed) { call.via_script = loc.via; call.script_line = cmd.line + 1; }
      }
    }
    if (call.targets.empty()) return;
    call.run_index = run_index;
    call.order = order_++;
    facts_.calls.push_back(std::move(call));
  }

  // `{ task = "x" }` / `{ tasks = ["a", "b"] }` in `run`: a step that runs them at that point.
  void run_entry_call(const RunEntry& e, std::size_t run_index) {
    TaskCall call;
    std::string names;
    for (const LocatedString& spec : e.tasks) {
      if (spec.templated) continue;
      std::vector<std::string> ws = split_whitespace(spec.value);
      if (ws.empty()) continue;
      std::vector<TaskId> to = graph_.resolve(ws.front(), id_);
      if (to.empty()) continue;
      call.targets.insert(call.targets.end(), to.begin(), to.end());
      std::vector<std::string> args(ws.begin() + 1, ws.end());
      args.insert(args.end(), e.args.begin(), e.args.end());
      call.args.insert(call.args.end(), to.size(), args);
      names += (names.empty() ? "\"" : ", \"") + ws.front() + "\"";
      if (!call.span.valid()) call.span = spec.span;
    }
    if (call.targets.empty()) return;
    call.text = e.kind == RunEntry::Kind::Task ? "{ task = " + names + " }" : "{ tasks = [" + names + "] }";
    call.run_index = run_index;
    call.order = order_++;
    facts_.calls.push_back(std::move(call));
  }

  // Declared `outputs` say where a task writes when its commands do not; declared `sources` say
  // where a publisher reads when its commands do not.
  void declared_flow(const Task& task) {
    std::vector<std::string> outs;
    for (const LocatedString& o : task.outputs)
      if (!o.templated && !o.value.empty()) outs.push_back(o.value);
    bool produces = std::any_of(facts_.commands.begin(), facts_.commands.end(),
                                [](const CommandFact& c) { return (c.roles & (kRoleProduces | kRoleCopy)) != 0; });
    if (!outs.empty() && !produces && substantive_) {
      CommandFact c;
      c.roles = kRoleBuild;
      c.command = "outputs";
      c.declared = true;
      c.produces = {"file"};
      for (const std::string& k : kinds_from_paths(outs))
        if (k == "wheel") c.produces.push_back(k);
      c.writes = folder_of(outs.front(), looks_like_directory(outs.front()));
      for (const std::string& o : outs) add_file(c.write_files, file_pattern(o, looks_like_directory(o)));
      c.span = task.outputs.front().span;
      c.order = order_++;
      facts_.commands.push_back(std::move(c));
    }
    for (CommandFact& c : facts_.commands) {
      if (!(c.roles & kRolePublish) || c.self_building || !c.reads.empty()) continue;
      for (const LocatedString& src : task.sources)
        if (!src.templated && !src.value.empty() && !src.value.starts_with("!"))
          c.reads.push_back(folder_of(src.value, looks_like_directory(src.value)));
    }
  }

  void run_script_path(const std::string& path, const std::string& base, const Locator& loc, std::size_t run_index,
                       int depth, const SourceSpan& at) {
    RoleSet found = 0;
    bool readable = false;
    if (depth < 2 && path.find("://") == std::string::npos && !path.starts_with("git::")) {
      fs::path full = fs::path(path).is_absolute() ? fs::path(path) : fs::path(base) / path;
      std::string text, why;
      // Through the loader's door and fence: a script path may be absolute or a symlink.
      const Project& project = graph_.project();
      if (FileInfo info = project.disk->stat(full); info.is_regular() && info.size < (1u << 20) &&
          project.disk->read_regular_file(full, text, why, project.fence) == ReadStatus::Ok) {
        readable = true;
        if (is_shell_script(path, text)) {
          Locator inner{Locator::Kind::Fixed, at, kNoFile, loc.via.empty() ? path : loc.via};
          std::size_t first = facts_.commands.size();
          scan(text, inner, run_index, depth + 1);
          for (std::size_t k = first; k < facts_.commands.size(); ++k) {
            CommandFact& c = facts_.commands[k];
            if (c.via_script.empty()) { c.via_script = path; }
            found |= c.roles;
          }
        } else {
          text_ += text;
        }
      }
    }
    substantive_ = true;
    if (!readable) facts_.unreadable_scripts.push_back(path);
    if (found & ~(kRoleCopy | kRoleInspect)) return;
    // Last resort: the script's name.
    std::string base_name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
    std::string stem = ascii_lower(base_name.substr(0, base_name.find('.')));
    for (const NamePattern& n : book_.names) {
      if (!glob_match_simple(n.glob, stem)) continue;
      CommandFact c;
      c.roles = n.roles;
      c.command = base_name;
      c.from_name = true;
      c.span = at;
      c.run_index = run_index;
      c.order = order_++;
      if (n.roles & kRolePublish) {
        c.target = ascii_lower(path).find("pypi") != std::string::npos ? "pypi" : "";
        c.consumes = c.target == "pypi" ? std::vector<std::string>{"wheel", "sdist"}
                   : stem.find("wheel") != std::string::npos ? std::vector<std::string>{"wheel"}
                                                             : std::vector<std::string>{"file"};
      }
      if (n.roles & kRoleWheel) c.produces.push_back("wheel");
      if (n.roles & kRoleSdist) c.produces.push_back("sdist");
      facts_.commands.push_back(std::move(c));
      return;
    }
  }

  void add_fact(const CommandPattern& pat, const ShellCommand& cmd, std::size_t p, std::size_t end, const Locator& loc,
                std::size_t run_index) {
    std::vector<std::string> args(cmd.words.begin() + static_cast<std::ptrdiff_t>(end), cmd.words.end());
    // `--wheel`, or `--out=dist` for `--out`.
    auto is_flag = [](const std::string& word, const std::string& f) { return word == f || word.starts_with(f + "="); };
    auto has_flag = [&](const std::string& f) {
      return std::any_of(args.begin(), args.end(), [&](const std::string& a) { return is_flag(a, f); });
    };
    for (const std::string& f : pat.unless_flags)
      if (has_flag(f)) return;
    if (!pat.only_with_flags.empty() && std::none_of(pat.only_with_flags.begin(), pat.only_with_flags.end(), has_flag)) return;
    CommandFact c;
    c.roles = pat.roles;
    c.tolerated = cmd.guarded || cmd.condition || cmd.substituted;
    RoleSet flagged = 0;
    for (const auto& [flag, roles] : pat.flag_roles)
      for (std::size_t k = end; k < cmd.words.size(); ++k)
        if (is_flag(cmd.words[k], flag)) {
          flagged |= roles;
          c.role_flags.push_back(cmd.words[k]);
          c.role_flag_spans.push_back(
              locate(graph_.project().sources, loc, cmd.word_lines[k], cmd.words[k], cmd.word_columns[k]));
        }
    c.unflagged_roles = c.roles;
    if (flagged) c.roles = flagged;
    if ((c.roles & kRolePublish) && names_local_host(args, book_.local_hosts)) c.roles &= ~kRolePublish;
    if (!c.roles) return;
    for (const std::string& w : pat.match) c.command += (c.command.empty() ? "" : " ") + w;
    for (const std::string& k : pat.produces) {
      if (k == "wheel" && !(c.roles & kRoleWheel)) continue;
      if (k == "sdist" && !(c.roles & kRoleSdist)) continue;
      c.produces.push_back(k);
    }
    if ((c.roles & kRoleWheel) && std::find(c.produces.begin(), c.produces.end(), "wheel") == c.produces.end()) c.produces.push_back("wheel");
    if ((c.roles & kRoleSdist) && std::find(c.produces.begin(), c.produces.end(), "sdist") == c.produces.end()) c.produces.push_back("sdist");
    c.consumes = pat.consumes;
    c.self_building = pat.self_building || ((c.roles & kRolePublish) && (c.roles & kRoleProduces));
    c.target = pat.target;
    c.args = args;
    c.writes = pat.writes;
    std::vector<std::string> positional;
    bool out_given = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      bool is_out = false;
      // An output option names a folder (`-o dist`), or a file (`gem build --output pkg/x.gem`).
      auto out_folder = [](const std::string& v) {
        static const char* const files[] = {".gem", ".whl", ".tar.gz", ".tgz", ".zip", ".vsix", ".jar", ".deb", ".rpm"};
        bool file = std::any_of(std::begin(files), std::end(files), [&](const char* e) { return v.ends_with(e); });
        return folder_of(v, !file);
      };
      for (const std::string& f : pat.out_flags) {
        if (a == f && i + 1 < args.size()) { c.writes = out_folder(args[i + 1]); ++i; is_out = true; break; }
        if (a.starts_with(f + "=")) { c.writes = out_folder(a.substr(f.size() + 1)); is_out = true; break; }
      }
      if (is_out) { out_given = true; continue; }
      if (a.starts_with("-") && a.size() > 1) {
        if (a.find('=') == std::string::npos &&
            std::find(pat.value_flags.begin(), pat.value_flags.end(), a) != pat.value_flags.end())
          ++i;
        continue;
      }
      positional.push_back(a);
    }
    if (pat.source_positional && !out_given && !positional.empty()) c.writes = inside_source(positional.front(), pat.writes);
    if (pat.skip_positionals) positional.erase(positional.begin(), positional.begin() + static_cast<std::ptrdiff_t>(std::min(pat.skip_positionals, positional.size())));
    if (c.roles & kRoleCopy) {
      std::string dest;
      for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "-t" || args[i] == "--target-directory") dest = args[i + 1];
      if (dest.empty()) {
        if (positional.size() < 2) return;
        dest = positional.back();
        positional.pop_back();
      }
      bool into_folder = looks_like_directory(dest) || positional.size() > 1;
      c.writes = is_remote_path(dest) ? "" : folder_of(dest, into_folder);
      for (const std::string& s : positional) {
        if (is_remote_path(s)) c.remote_source = true;
        else c.reads.push_back(folder_of(s, looks_like_directory(s)));
        if (!is_remote_path(s)) add_file(c.read_files, file_pattern(s, looks_like_directory(s)));
        if (is_remote_path(dest)) continue;
        if (!into_folder) { add_file(c.write_files, file_pattern(dest, false)); continue; }
        std::string base = s;
        while (base.ends_with("/")) base.pop_back();
        base = base.substr(base.rfind('/') == std::string::npos ? 0 : base.rfind('/') + 1);
        std::string folder = dest;
        if (!folder.ends_with("/")) folder += '/';
        add_file(c.write_files, file_pattern(folder + base, looks_like_directory(s)));
      }
      c.produces = kinds_from_paths(positional);
      if (pat.remote_roles && is_remote_path(dest) && !c.remote_source) {  // a deploy to another host
        c.roles = pat.remote_roles;
        c.consumes = {"file"};
        c.produces.clear();
        if (c.reads.empty() || std::all_of(c.reads.begin(), c.reads.end(), [](const std::string& r) { return r.empty(); }))
          c.consumes.clear();  // what it sends is not named: no artifact to look for
      }
    } else if (pat.path_args && !positional.empty()) {
      for (const std::string& s : positional) {
        c.reads.push_back(folder_of(s, looks_like_directory(s)));
        add_file(c.read_files, file_pattern(s, looks_like_directory(s)));
      }
      if ((c.roles & kRolePublish) && c.target == "pypi") {  // elsewhere a .tar.gz is any archive
        std::vector<std::string> k = kinds_from_paths(positional);
        if (!(k.size() == 1 && k[0] == "file")) c.consumes = k;
      }
    } else if (!pat.reads.empty()) {
      c.reads.push_back(pat.reads);
      add_file(c.read_files, file_pattern(pat.reads, true));
    }
    if ((c.roles & kRoleProduces) && c.write_files.empty() && !c.writes.empty() && c.writes != "./")
      for (const std::string& k : c.produces) add_file(c.write_files, file_pattern(c.writes, true) + kind_extension(k));
    if ((c.roles & kRolePublish) && pat.path_args && positional.empty() && pat.reads.empty()) c.consumes.clear();
    if (cmd.after_cd) relocate(c, cmd.cd_folder);
    c.span = locate(graph_.project().sources, loc, cmd.word_lines[p], cmd.words[p], cmd.word_columns[p]);
    if (loc.kind != Locator::Kind::Fixed && end > p + 1 && c.span.has_position()) {
      // Underline the whole matched command ("uv publish"), when it is on one line.
      std::string_view text = graph_.project().sources.line_text(c.span.file, c.span.begin.line);
      std::size_t from = 0;
      for (std::uint32_t col = 1; col < c.span.begin.column && from < text.size(); ++col) {
        ++from;
        while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
      }
      const std::string& last = cmd.words[end - 1];
      std::size_t hit = text.find(last, from);
      if (hit != std::string_view::npos && hit - from < 80) c.span.end = {c.span.begin.line, column_of_byte(text, hit + last.size())};
    }
    if (loc.kind == Locator::Kind::Fixed) { c.via_script = loc.via; c.script_line = cmd.line + 1; }
    c.run_index = run_index;
    c.order = order_++;
    facts_.commands.push_back(std::move(c));
  }

  // After a `cd` in the script, the command's paths are the moved-to folder's: prefixed with it
  // when the script says where (`cd packages/core && uv build`), unknown when only the run knows
  // (`cd "packages/$pkg"`): then they link no two tasks.
  static void relocate(CommandFact& c, const std::optional<std::string>& folder) {
    if (!folder) {
      c.writes.clear();
      c.reads.clear();
      c.read_files.clear();
      c.write_files.clear();
      return;
    }
    if (folder->empty()) return;
    auto moved = [&](std::string& path) {
      if (path.empty() || path.starts_with("/") || path.starts_with("$") || path.starts_with("~")) return;
      std::string rest = path;
      while (rest.starts_with("./")) rest.erase(0, 2);
      path = *folder + "/" + rest;
    };
    moved(c.writes);
    for (std::string& r : c.reads) moved(r);
    for (std::string& f : c.read_files) moved(f);
    for (std::string& f : c.write_files) moved(f);
  }

  void prose_in_words(const ShellCommand& cmd, std::size_t from, const Locator& loc) {
    for (std::size_t k = from; k < cmd.words.size(); ++k) {
      if (!mentions_run(cmd.words[k])) continue;
      // echo words may hold whole sentences ("Now run: mise run x"): split them further.
      std::vector<std::string> ws = split_whitespace(cmd.words[k]);
      for (std::size_t i = 0; i + 1 < ws.size(); ++i) add_prose(ws[i], ws[i + 1], [&](const std::string& needle) {
        return locate(graph_.project().sources, loc, cmd.word_lines[k], needle);
      }, false);
      if (!ws.empty() && k + 1 < cmd.words.size()) {
        std::vector<std::string> next = split_whitespace(cmd.words[k + 1]);
        if (!next.empty()) add_prose(ws.back(), next.front(), [&](const std::string& needle) {
          return locate(graph_.project().sources, loc, cmd.word_lines[k + 1], needle);
        }, false);
      }
    }
  }

  void prose_in_text(const std::string& text, const SourceSpan& span, bool description) {
    if (!mentions_run(text)) return;
    std::vector<std::string> ws = split_whitespace(text);
    for (std::size_t i = 0; i + 1 < ws.size(); ++i)
      add_prose(ws[i], ws[i + 1], [&](const std::string& needle) {
        return locate_in_string(graph_.project().sources, span, 0, needle);
      }, description);
  }

  template <typename Locate>
  void add_prose(const std::string& verb, std::string ref, Locate locate_fn, bool description) {
    std::string v = ascii_lower(verb);
    while (!v.empty() && std::ispunct(static_cast<unsigned char>(v.back()))) v.pop_back();
    while (!v.empty() && std::ispunct(static_cast<unsigned char>(v.front()))) v.erase(0, 1);
    if (v != "run") return;
    while (!ref.empty() && std::string_view("`'\"(").find(ref.front()) != std::string_view::npos) ref.erase(0, 1);
    while (!ref.empty() && std::string_view("`'\".,;:!?)").find(ref.back()) != std::string_view::npos) ref.pop_back();
    if (ref.empty()) return;
    std::optional<TaskId> t = graph_.find(ref);
    if (!t || *t == id_) return;
    for (const ProseRef& p : facts_.prose)
      if (p.target == *t) return;
    facts_.prose.push_back(ProseRef{ref, *t, locate_fn(ref), description});
  }

  void classify_checks() {
    if (facts_.roles & (kRoleProduces | kRolePublish)) return;
    if (!contains_any(text_, book_.guard_exits)) return;
    if (contains_any(text_, book_.preflight_not_if)) return;  // it changes the repository itself
    // A preflight (clean tree, branch) that also looks at dist/ is still a preflight, not Pattern
    // 2's "the wheels exist" guard.
    if (contains_any(text_, book_.preflight_checks)) {
      facts_.roles |= kRolePreflight;
      return;
    }
    facts_.guards_artifacts = reads_as_artifact_guard(book_, text_);
    if (contains_any(text_, book_.tag_checks)) facts_.guards_tag = true;
    if (facts_.guards_artifacts || facts_.guards_tag) facts_.roles |= kRoleGuard;
  }

  const TaskGraph& graph_;
  const RoleBook& book_;
  TaskId id_ = 0;
  TaskFacts facts_;
  std::string text_;
  std::string dir_;
  std::uint32_t order_ = 0;
  bool substantive_ = false;
  bool any_command_ = false;
};

}  // namespace

ReleaseModel::ReleaseModel(const TaskGraph& graph, const RoleBook& roles) : graph_(&graph), roles_(&roles) {}
ReleaseModel::~ReleaseModel() = default;

const ReleaseModel::Data& ReleaseModel::data() const {
  if (!data_) {
    auto d = std::make_unique<Data>();
    FactBuilder builder(*graph_, *roles_);
    d->facts.reserve(graph_->size());
    for (TaskId id = 0; id < graph_->size(); ++id) {
      d->facts.push_back(builder.build(id));
      for (const CommandFact& c : d->facts.back().commands)
        if (c.roles & (kRoleProduces | kRoleFetch | kRoleCopy)) { d->artifact_tasks.push_back(id); break; }
    }
    d->invocations.resize(graph_->size());
    for (TaskId id = 0; id < graph_->size(); ++id) {
      for (const DependencyRef& dep : graph_->task(id).depends) {
        if (dep.templated || dep.task.empty()) continue;
        for (TaskId to : graph_->resolve(dep.task, id)) d->invocations[to].push_back({id, dep.args});
      }
      for (const TaskCall& call : d->facts[id].calls)
        for (std::size_t k = 0; k < call.targets.size(); ++k)
          d->invocations[call.targets[k]].push_back({id, call.args[k]});
    }
    data_ = std::move(d);
  }
  return *data_;
}

const TaskFacts& ReleaseModel::facts(TaskId id) const { return data().facts[id]; }

const std::vector<TaskId>& ReleaseModel::artifact_tasks() const { return data().artifact_tasks; }

const std::vector<Invocation>& ReleaseModel::invocations(TaskId id) const { return data().invocations[id]; }

namespace {
constexpr unsigned bit(EdgeKind k) { return 1u << static_cast<unsigned>(k); }
constexpr unsigned kExecutes = bit(EdgeKind::Depends) | bit(EdgeKind::DependsPost) | bit(EdgeKind::RunTask) | bit(EdgeKind::Calls);
constexpr unsigned kBeforeOrDuring = bit(EdgeKind::Depends) | bit(EdgeKind::RunTask) | bit(EdgeKind::Calls);
}  // namespace

TaskSet ReleaseModel::reach(const std::vector<TaskId>& seeds, unsigned kinds, bool backwards) const {
  const TaskGraph& g = *graph_;
  if (visit_epoch_.size() != g.size()) visit_epoch_.assign(g.size(), 0), epoch_ = 0;
  if (++epoch_ == 0) std::fill(visit_epoch_.begin(), visit_epoch_.end(), 0), epoch_ = 1;
  std::vector<TaskId> out;
  for (TaskId s : seeds)
    if (visit_epoch_[s] != epoch_) visit_epoch_[s] = epoch_, out.push_back(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::vector<Edge>& edges = backwards ? g.in_edges(out[i]) : g.out_edges(out[i]);
    for (const Edge& e : edges) {
      TaskId next = backwards ? e.from : e.to;
      if ((kinds & bit(e.kind)) && visit_epoch_[next] != epoch_) visit_epoch_[next] = epoch_, out.push_back(next);
    }
  }
  return TaskSet(std::move(out));
}

ReleaseModel::Cycles& ReleaseModel::cycles(unsigned kinds) const {
  for (const auto& c : cycles_)
    if (c->kinds == kinds) return *c;
  const TaskGraph& g = *graph_;
  const std::uint32_t n = static_cast<std::uint32_t>(g.size());
  auto c = std::make_unique<Cycles>();
  c->kinds = kinds;
  std::uint32_t count = 0;
  c->component = strongly_connected_components(
      n,
      [&](std::uint32_t v, std::uint32_t i) {
        const std::vector<Edge>& out = g.out_edges(v);
        if (i >= out.size()) return kNoMoreArcs;
        return (kinds & bit(out[i].kind)) ? out[i].to : kSkipArc;
      },
      count);
  c->size.assign(count, 0);
  for (std::uint32_t k : c->component) ++c->size[k];
  cycles_.push_back(std::move(c));
  return *cycles_.back();
}

TaskSet ReleaseModel::closure_of(TaskId id, unsigned kinds) const {
  Cycles& c = cycles(kinds);
  std::uint32_t k = c.component[id];
  if (c.size[k] < 2) return reach({id}, kinds, false);
  if (auto it = c.closures.find(k); it != c.closures.end()) return it->second;
  TaskSet set = reach({id}, kinds, false);
  // Budget: 16 M task ids (64 MB) over all kept closures; past it, closures are walked again.
  constexpr std::size_t kBudget = 16u << 20;
  if (c.cached_ids + set.size() <= kBudget) {
    c.cached_ids += set.size();
    c.closures.emplace(k, set);
  }
  return set;
}

bool ReleaseModel::blocked_by_cycle(TaskId id) const {
  if (blocked_.empty() && graph_->size()) {
    const unsigned kinds = bit(EdgeKind::Depends) | bit(EdgeKind::DependsPost);
    const Cycles& c = cycles(kinds);
    const TaskGraph& g = *graph_;
    // Tarjan numbers components in reverse topological order: what a component schedules has a
    // smaller number, so one pass in numbering order sees every successor decided.
    std::vector<std::vector<TaskId>> members(c.size.size());
    for (TaskId t = 0; t < g.size(); ++t) members[c.component[t]].push_back(t);
    std::vector<bool> blocked_component(c.size.size(), false);
    for (std::uint32_t k = 0; k < c.size.size(); ++k) {
      bool b = c.size[k] > 1;
      for (TaskId t : members[k])
        for (const Edge& e : g.out_edges(t))
          if (!b && (kinds & bit(e.kind)) && c.component[e.to] != k && blocked_component[c.component[e.to]]) b = true;
      blocked_component[k] = b;
    }
    blocked_.resize(g.size());
    for (TaskId t = 0; t < g.size(); ++t) blocked_[t] = blocked_component[c.component[t]];
  }
  return id < blocked_.size() && blocked_[id];
}

TaskSet ReleaseModel::execution_closure(TaskId id) const { return closure_of(id, kExecutes); }

TaskSet ReleaseModel::execution_closure(const std::vector<TaskId>& seeds) const { return reach(seeds, kExecutes, false); }

TaskSet ReleaseModel::executed_by(TaskId id) const { return reach({id}, kExecutes, true); }

TaskSet ReleaseModel::executed_by(const std::vector<TaskId>& ids) const { return reach(ids, kExecutes, true); }

TaskSet ReleaseModel::before_or_during(TaskId id) const { return closure_of(id, kBeforeOrDuring); }

TaskSet ReleaseModel::before_or_during_any_of(const std::vector<TaskId>& ids) const {
  return reach(ids, kBeforeOrDuring, true);
}

TaskSet ReleaseModel::prerequisites(TaskId id) const {
  TaskSet v = reach({id}, bit(EdgeKind::Depends), false);
  // A cycle back through `id` would list it; a task is never its own prerequisite.
  v.erase(id);
  return v;
}

RoleSet ReleaseModel::closure_roles(TaskId id) const {
  RoleSet r = 0;
  for (TaskId t : execution_closure(id)) r |= roles(t);
  return r;
}

std::vector<TaskId> ReleaseModel::depends_of(TaskId t) const {
  std::vector<TaskId> out;
  for (const Edge& e : graph_->out_edges(t))
    if (e.kind == EdgeKind::Depends && e.to != t) out.push_back(e.to);
  return out;
}

TaskSet ReleaseModel::runs_before_point(TaskId t, std::uint32_t order) const {
  std::vector<TaskId> seeds = depends_of(t);
  for (const TaskCall& c : facts(t).calls)
    if (c.order < order) seeds.insert(seeds.end(), c.targets.begin(), c.targets.end());
  TaskSet before = reach(seeds, kBeforeOrDuring, false);
  before.erase(t);
  return before;
}

TaskSet ReleaseModel::run_before_by_callers(TaskId t) const {
  std::vector<TaskId> out;
  for (TaskId u : before_or_during_any_of({t})) {
    if (u == t || facts(u).calls.empty()) continue;
    for (const TaskCall& c : facts(u).calls) {
      if (!reach(c.targets, kBeforeOrDuring, false).contains(t)) continue;
      for (TaskId b : runs_before_point(u, c.order))
        if (b != t) out.push_back(b);
      break;
    }
  }
  return TaskSet(std::move(out));
}

std::string ReleaseModel::describe(const TaskCall& c, FileId in_file) const {
  const SourceManager& sources = graph_->project().sources;
  std::string at;
  if (c.span.has_position())
    at = (c.span.file != in_file ? "at " + sources.file(c.span.file).path + ":" : "at line ") + std::to_string(c.span.begin.line);
  else if (c.span.valid())
    at = "in " + sources.file(c.span.file).path;
  if (!c.via_script.empty()) {
    std::string s = "`" + c.text + "` in " + c.via_script;
    if (c.script_line) s += ":" + std::to_string(c.script_line);
    return s + " (run " + at + ")";
  }
  return "`" + c.text + "` " + at;
}

std::string ReleaseModel::describe(const CommandFact& c, FileId in_file) const {
  const SourceManager& sources = graph_->project().sources;
  std::string where = c.span.file != in_file && c.span.valid() ? sources.file(c.span.file).path + ":" : "line ";
  if (c.declared) {
    std::string line = c.span.has_position() ? " at line " + std::to_string(c.span.begin.line) : "";
    return "its declared `outputs`" + line;
  }
  std::string at = c.span.has_position() ? where + std::to_string(c.span.begin.line)
                                         : (c.span.valid() ? sources.file(c.span.file).path : std::string("?"));
  if (c.span.has_position() && where != "line ") at = "at " + at;
  else if (c.span.has_position()) at = "at " + at;
  else at = "in " + at;
  if (c.from_name) return "the script name `" + c.command + "` " + at;
  if (!c.via_script.empty()) {
    std::string s = "`" + c.command + "` in " + c.via_script;
    if (c.script_line) s += ":" + std::to_string(c.script_line);
    return s + " (run " + at + ")";
  }
  return "`" + c.command + "` " + at;
}

std::string mask_secret(std::string_view secret) {
  std::size_t shown = std::min<std::size_t>(4, secret.size() / 4);
  return std::string(secret.substr(0, shown)) + "…(" + std::to_string(secret.size()) + " characters)";
}

}  // namespace mise_audit
