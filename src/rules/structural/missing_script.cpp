// missing-script: a `run` command executes a repository script (`./scripts/ship.sh`,
// `bash scripts/x.sh`, `python tools/gen.py`) that does not exist relative to the task's dir.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <fmt/format.h>

#include "core/columns.h"
#include "fix/dependency_edits.h"
#include "loader/glob_match.h"
#include "mise_audit/release_model.h"
#include "mise_audit/report.h"
#include "mise_audit/rule.h"
#include "release/release_queries.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

bool has_script_extension(std::string_view w) {
  for (std::string_view ext : {".sh", ".bash", ".zsh", ".py", ".js", ".mjs", ".cjs", ".ts", ".rb", ".pl", ".ps1"})
    if (w.size() > ext.size() && w.ends_with(ext)) return true;
  return false;
}

bool is_interpreter(std::string_view prog) {
  for (std::string_view i : {"bash", "sh", "zsh", "dash", "python", "python3", "node", "ruby", "perl", "bun", "deno",
                             "tsx", "ts-node"})
    if (prog == i) return true;
  return false;
}

// Folders builds and package managers fill, at any depth (`apps/web/build/index.js`): a program
// there is made, not committed.
bool in_generated_folder(std::string_view path) {
  for (std::size_t at = 0; at < path.size();) {
    std::size_t end = path.find('/', at);
    if (end == std::string_view::npos) return false;  // the file's own name
    std::string_view part = path.substr(at, end - at);
    for (std::string_view d : {"target", "dist", "build", ".build", "out", "node_modules", ".venv", "venv", "vendor", ".git"})
      if (part == d) return true;
    at = end + 1;
  }
  return false;
}

// Wrappers that fetch a package and run its program: what follows is a package spec
// (`@commitlint/cli@20`, `user/repo`), never a path in the repository.
bool runs_a_package(const std::vector<std::string>& wrappers) {
  for (const std::string& w : wrappers)
    for (std::string_view runner : {"npx", "bunx", "pnpm dlx", "yarn dlx", "npm exec", "pnpm exec", "uvx", "uv tool run",
                                    "pipx run"})
      if (w == runner) return true;
  return false;
}

// The repository script a command runs, or "" when it runs a program from PATH (or something
// this rule cannot know: variables, templates, globs, home or absolute paths, a package).
std::string script_of(const ShellStep& s) {
  if (s.words.empty() || runs_a_package(s.wrappers)) return "";
  std::string_view prog = s.words[0];
  std::string path;
  if (is_interpreter(prog)) {
    std::size_t q = 1;
    while (q < s.words.size() && s.words[q].starts_with("-")) {
      const std::string& f = s.words[q];
      bool inline_code = !f.starts_with("--") && f.find_first_of("cme") != std::string::npos;  // -c, -lc, -m, -e
      if (inline_code || f == "--eval" || f == "--command") return "";
      ++q;
    }
    if (q < s.words.size() && (s.words[q].find('/') != std::string::npos || has_script_extension(s.words[q])))
      path = s.words[q];
  } else if (prog.find('/') != std::string_view::npos || (!s.wrappers.empty() && has_script_extension(prog))) {
    path = prog;
  }
  // Not a path: a URL, or text the shell reader took for a command (an array item, code).
  if (path.empty() || path.starts_with("/") || path.starts_with("~") || in_generated_folder(path) ||
      path.find_first_of("$*?[{`") != std::string::npos || path.find("://") != std::string::npos ||
      path.find_first_of(" \t\n()'\",;<>|&=") != std::string::npos)
    return "";
  return path;
}

// The folder a task's commands run in (CONTRIBUTING §2.2: `dir`, default the config root).
std::string task_dir(const Task& t) { return t.dir && !t.dir->value.empty() ? t.dir->value : t.config_root; }

// `full` is `made` or inside it (an output folder such as `-o bin/`).
bool within(const fs::path& full, const fs::path& made) {
  auto [f, m] = std::mismatch(full.begin(), full.end(), made.begin(), made.end());
  return m == made.end() || (std::next(m) == made.end() && m->empty());  // `bin/` ends in an empty part
}

// Does task `p` create `full`: a declared `outputs` entry (a file, a folder or a glob) or a
// `-o PATH` / `--output PATH` of its commands (`go build -o bin/x`).
bool creates(RuleContext& ctx, TaskId p, const fs::path& full) {
  const Task& d = ctx.graph.task(p);
  if (d.dir && d.dir->templated) return false;
  fs::path dir = task_dir(d);
  for (const LocatedString& o : d.outputs) {
    if (o.templated || o.value.empty()) continue;
    fs::path made = (dir / o.value).lexically_normal();
    if (within(full, made) || Glob(made.generic_string(), '/').matches(full.generic_string())) return true;
  }
  for (const ShellStep& s : ctx.release.facts(p).steps) {
    if (s.after_cd) continue;
    for (std::size_t k = 0; k < s.words.size(); ++k) {
      const std::string& w = s.words[k];
      std::string value = (w == "-o" || w == "--output") && k + 1 < s.words.size() ? s.words[k + 1]
                        : w.starts_with("--output=") ? w.substr(9)
                        : w.starts_with("-o=") ? w.substr(3) : "";
      if (value.empty() || value.find_first_of("$`{") != std::string::npos) continue;
      if (within(full, (dir / value).lexically_normal())) return true;
    }
  }
  return false;
}

// A task that finishes before `tid` starts (its depends closure) and creates `full`.
bool created_by_prerequisite(RuleContext& ctx, TaskId tid, const fs::path& full) {
  for (TaskId p : ctx.release.prerequisites(tid))
    if (creates(ctx, p, full)) return true;
  return false;
}

// Another task that creates `full`, which `tid` does not wait for: the dependency to add.
std::optional<TaskId> created_by_other(RuleContext& ctx, TaskId tid, const fs::path& full) {
  for (TaskId p = 0; p < ctx.graph.size(); ++p)
    if (p != tid && creates(ctx, p, full)) return p;
  return std::nullopt;
}

// "scripts/x.sh" for "./scripts/x.sh": how an earlier command would name the file it creates.
std::string_view bare(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  return path;
}

// The source text of `file` from `from` up to (not including) `to`, without the lines in `skip`
// and comment lines.
std::string text_between(const SourceManager& sources, FileId file, SourcePos from, SourcePos to,
                         const std::vector<std::uint32_t>& skip) {
  std::string out;
  for (std::uint32_t l = from.line; l <= to.line && l > 0; ++l) {
    if (std::find(skip.begin(), skip.end(), l) != skip.end()) continue;
    std::string_view line = sources.line_text(file, l);
    // A comment (`# MISE description="… hatchet …"`) creates nothing either.
    if (std::size_t at = line.find_first_not_of(" \t"); at != std::string_view::npos && line[at] == '#') continue;
    if (l == to.line) line = line.substr(0, std::min<std::size_t>(line.size(), to.column > 0 ? to.column - 1 : 0));
    out.append(line);
    out += '\n';
  }
  return out;
}

class MissingScript final : public Rule {
 public:
  const char* id() const override { return "missing-script"; }

  void check(RuleContext& ctx) const override {
    // Outside a git checkout, a config is often a snippet (stdin's scratch copy, a pasted example,
    // a config collected without its repository): only scripts in a folder that is there are checked.
    bool in_checkout = ctx.disk.exists(fs::path(find_repository_root(ctx.disk, ctx.project.root)) / ".git");
    for (TaskId tid = 0; tid < ctx.graph.size(); ++tid) {
      const Task& t = ctx.graph.task(tid);
      if (t.dir && t.dir->templated) continue;
      const std::string dir = task_dir(t);
      for (const ShellStep& s : ctx.release.facts(tid).steps) {
        if (!s.via_script.empty() || !s.span.has_position()) continue;  // scripts' own commands
        std::string path = script_of(s);
        if (path.empty() || (s.after_cd && !s.cd_folder)) continue;  // after a `cd` only the run knows where
        fs::path full = (fs::path(dir) / s.cd_folder.value_or("") / path).lexically_normal();
        if (ctx.disk.exists(full) || created_by_prerequisite(ctx, tid, full)) continue;
        if (!in_checkout && (full.parent_path() == fs::path(dir).lexically_normal() || !ctx.disk.is_directory(full.parent_path())))
          continue;
        report(ctx, tid, s, path, dir, created_by_other(ctx, tid, full));
      }
    }
  }

 private:
  void report(RuleContext& ctx, TaskId tid, const ShellStep& s, const std::string& path, const std::string& dir,
              std::optional<TaskId> creator) const {
    const Task& t = ctx.graph.task(tid);
    const SourceManager& sources = ctx.project.sources;
    // Point at the path itself when it is on the command's line (`bash scripts/x.sh`).
    SourceSpan span = s.span;
    std::string_view line = sources.line_text(span.file, span.begin.line);
    if (std::size_t at = line.find(path, byte_of_column(line, span.begin.column)); at != std::string_view::npos) {
      span.begin.column = column_of_byte(line, at);
      span.end = {span.begin.line, column_of_byte(line, at + path.size())};
    }
    fs::path rel = fs::path(dir).lexically_relative(t.config_root);
    std::string where = rel.empty() || rel == "." ? "the config root"
                        : rel.native().starts_with("..") ? fmt::format("`dir` {}", dir)
                                                          : fmt::format("`dir` {}", rel.generic_string());
    if (s.cd_folder && !s.cd_folder->empty()) where = fmt::format("{}, after `cd {}`", where, *s.cd_folder);
    // An earlier command of the same task (or script) that names the file may create it (curl -o,
    // cp, a heredoc, `mkdir .release` then a copy into it); so may a dependency (`go build -o bin/x`).
    SourcePos from = t.run_span.has_position() && t.run_span.file == span.file ? t.run_span.begin : SourcePos{1, 1};
    // Lines that only print (`echo "Running hatchet..."`) name nothing into existence.
    std::vector<std::uint32_t> prose, work;
    for (const ShellStep& e : ctx.release.facts(tid).steps) {
      if (e.span.file != span.file || !e.span.has_position() || e.words.empty()) continue;
      bool prints = e.words[0] == "echo" || e.words[0] == "printf";
      (prints ? prose : work).push_back(e.span.begin.line);
    }
    std::erase_if(prose, [&](std::uint32_t l) { return std::find(work.begin(), work.end(), l) != work.end(); });
    std::string before = text_between(sources, span.file, from, span.begin, prose);
    std::string folder = fs::path(std::string(bare(path))).parent_path().generic_string();
    // The folder as a word of its own (`mkdir .release`, `-o bin/`), not inside `/usr/bin`.
    auto names_folder = [&]() {
      for (std::size_t at = before.find(folder); !folder.empty() && at != std::string::npos; at = before.find(folder, at + 1)) {
        char prev = at ? before[at - 1] : ' ';
        char next = at + folder.size() < before.size() ? before[at + folder.size()] : ' ';
        if (std::string_view(" \t\"'=(").find(prev) != std::string_view::npos &&
            std::string_view("/ \t\n\"';").find(next) != std::string_view::npos)
          return true;
      }
      return false;
    };
    bool named_before = before.find(bare(path)) != std::string::npos || names_folder();
    if (creator && !named_before) {
      // A sibling makes it, and this task does not wait for it.
      const Task& c = ctx.graph.task(*creator);
      std::string spec = dependency_spec(ctx.release, *creator, tid);
      Diagnostic& d = ctx.report(span,
                                 fmt::format("task \"{}\" runs \"{}\", which task \"{}\" creates, but does not depend on it: run "
                                             "alone (or before it) it finds no such file (relative to {})",
                                             t.display_name, path, c.display_name, where),
                                 fmt::format("add {} to `{}`", depends_text(t, spec), t.display_name));
      d.task = t.name;
      d.suggested_edges.push_back({t.display_name, c.display_name});
      d.fix = add_depends_fix(ctx.project, t, {spec}, FixSafety::Safe);
      return;
    }
    if (named_before || !t.depends.empty()) {
      {
        Diagnostic& d = ctx.report(span,
                                   fmt::format("task \"{}\" runs \"{}\", which does not exist yet (relative to {}); {} may create it",
                                              t.display_name, path, where,
                                              named_before ? "an earlier command of the task names it and" : "a dependency of the task"),
                                   "if nothing creates it, mise fails with \"No such file or directory\" when the task runs");
        d.task = t.name;
        d.severity = Severity::Note;
      }
      return;
    }
    ctx.report(span,
               fmt::format("task \"{}\" runs \"{}\", which does not exist (relative to {})", t.display_name, path, where),
               "commands run in the task's `dir` (default: the config root); fix the path, add the script, or have a "
               "dependency create it").task = t.name;
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingScript);
}  // namespace mise_audit
