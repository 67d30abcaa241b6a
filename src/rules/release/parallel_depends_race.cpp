// parallel-depends-race: two tasks of one flat `depends` list where one writes (or deletes) what
// the other reads or writes: mise runs them in parallel (CONTRIBUTING §3.6), the list order means
// nothing unless `jobs = 1`. Judged by the execution order (release/run_order.h: concurrent in
// the task's run) and by files: what their commands write, read and delete, and their declared
// `sources` / `outputs`.
#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "graph/task_scripts.h"
#include "release/release_queries.h"
#include "release/role_book.h"
#include "release/run_order.h"

namespace mise_audit {
namespace {

// Source files of a kind, as files_of lists them for formatters, linters and tests:
// "<source files: Python>" (after the task's folder).
const std::string kSources = "<source files: ";

bool is_sources(const std::string& f) { return f.find(kSources) != std::string::npos; }

struct Files {
  std::vector<std::string> reads, writes, deletes;
};

// A relative path as the project root sees it: `folder` (the task's working folder, relative to
// the root, "" for the root itself) before it.
void add(std::vector<std::string>& v, std::string p, const std::string& folder) {
  while (p.starts_with("./")) p.erase(0, 2);
  while (p.size() > 1 && p.ends_with("/")) p.pop_back();
  if (p.empty() || p == "." || p.starts_with("$") || p.starts_with("/tmp") || p.starts_with("-")) return;
  if (!folder.empty() && !p.starts_with("/")) p = folder + "/" + p;
  if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
}

// A path or glob, and everything below it when it names a folder.
void add_tree(std::vector<std::string>& v, const std::string& p, const std::string& folder) {
  add(v, p, folder);
  if (!p.ends_with("*")) add(v, (p.ends_with("/") ? p : p + "/") + "*", folder);
}

// Where the task's commands run, relative to the project root ("" the root): its `dir`, else its
// config root — `dist/` of two monorepo members are two folders. nullopt when only the run knows
// (a templated `dir`).
std::optional<std::string> work_folder(const ReleaseModel& m, const Task& task) {
  namespace fs = std::filesystem;
  std::optional<std::string> dir = task_work_dir(task);
  if (!dir) return std::nullopt;
  std::string rel = fs::path(*dir).lexically_normal().lexically_relative(fs::path(m.graph().project().root).lexically_normal()).generic_string();
  while (rel.size() > 1 && rel.ends_with("/")) rel.pop_back();
  return rel == "." ? std::string() : rel;
}

Files files_of(const ReleaseModel& m, TaskId t) {
  Files f;
  const Task& task = m.graph().task(t);
  std::optional<std::string> folder = work_folder(m, task);
  if (!folder) return f;  // unknown: no claim
  for (const CommandFact& c : m.facts(t).commands) {
    for (const std::string& r : c.read_files) add(f.reads, r, *folder);
    if (!c.declared)
      for (const std::string& w : c.write_files) add(f.writes, w, *folder);
  }
  for (const ShellStep& s : m.facts(t).steps) {
    if (s.words.empty() || (s.after_cd && !s.cd_folder)) continue;
    std::string here = s.cd_folder && !s.cd_folder->empty() ? (folder->empty() ? *s.cd_folder : *folder + "/" + *s.cd_folder) : *folder;
    if (s.words.front() == "rm")
      for (std::size_t k = 1; k < s.words.size(); ++k) add_tree(f.deletes, s.words[k], here);
    // Formatters rewrite the sources that linters, type checkers and tests read (roles.toml
    // [[source-files]]): one name stands for the files of a kind, per folder.
    if (const SourceTool* tool = source_tool(m.roles(), s.words)) {
      std::string name = kSources + tool->files + ">";
      if (tool->rewrites) add(f.writes, name, here);
      add(f.reads, name, here);
    }
  }
  for (const LocatedString& s : task.sources)
    if (!s.templated && !s.value.starts_with("!")) add(f.reads, s.value, *folder);
  for (const LocatedString& o : task.outputs)
    if (!o.templated) add(f.writes, o.value, *folder);
  return f;
}

// "`dist/x`" / "the source files (in `web`)" for a message.

std::string file_text(const std::string& f) {
  std::size_t at = f.find(kSources);
  if (at == std::string::npos) return "`" + f + "`";
  std::string folder = f.substr(0, at), kind = f.substr(at + kSources.size());
  kind.pop_back();  // '>'
  if (folder.ends_with("/")) folder.pop_back();
  return "the " + kind + " files" + (folder.empty() ? "" : " in `" + folder + "`");
}

// The first file of `a` that matches one of `b` ("" none).
std::string shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a)
    for (const std::string& y : b)
      if (is_sources(x) ? x == y : !is_sources(y) && files_match(x, y)) return x.find('*') == std::string::npos ? x : y;
  return "";
}

// A task listed before a publisher that does work the publish should wait for: not another
// publisher, not a rehearsal or an echo, not only a check of the artifacts (the seed's
// postflight beside release:pypi).
bool does_work(const ReleaseModel& m, TaskId t) {
  const TaskFacts& f = m.facts(t);
  if (f.dry_run || f.prints_only || f.unknown || f.steps.empty() || publish_command(m, t)) return false;
  RoleSet r = f.roles;
  return !r || (r & ~(kRoleInspect | kRoleGuard));
}

class ParallelDependsRace final : public Rule {
 public:
  const char* id() const override { return "parallel-depends-race"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    if (ctx.project.jobs <= 1) return;  // one task at a time: the list order holds
    for (TaskId t = 0; t < g.size(); ++t) {
      std::vector<const Edge*> deps;
      for (const Edge& e : g.out_edges(t))
        if (e.kind == EdgeKind::Depends && e.to != t) deps.push_back(&e);
      if (deps.size() < 2 || m.blocked_by_cycle(t)) continue;
      std::vector<Files> files;
      bool any = false;
      for (const Edge* e : deps) {
        files.push_back(files_of(m, e->to));
        any = any || !files.back().writes.empty() || !files.back().deletes.empty() || publish_command(m, e->to);
      }
      if (!any) continue;
      std::optional<RunOrder> order;
      std::vector<std::pair<TaskId, TaskId>> said;  // a task listed twice (two configs) is one pair
      std::vector<SourceRace> source_races;
      for (std::size_t i = 0; i < deps.size(); ++i)
        for (std::size_t j = i + 1; j < deps.size(); ++j) {
          TaskId a = deps[i]->to, b = deps[j]->to;
          if (a == b || std::find(said.begin(), said.end(), std::pair{a, b}) != said.end()) continue;
          std::string what, file;
          TaskId first = a, then = b;  // the writer, then the reader
          auto check = [&](const Files& x, const Files& y, TaskId xa, TaskId yb) {
            if (!(file = shared(x.writes, y.reads)).empty()) {
              first = xa, then = yb;
              what = fmt::format("{} {} {}, which {} reads", task_label(g, xa), is_sources(file) ? "rewrites" : "writes",
                                 file_text(file), task_label(g, yb));
            } else if (std::string w = shared(y.writes, x.deletes); !w.empty())
              what = fmt::format("{} deletes what {} writes ({})", task_label(g, xa), task_label(g, yb), file_text(w));
            else if (std::string r = shared(y.reads, x.deletes); !r.empty())
              what = fmt::format("{} deletes what {} reads ({})", task_label(g, xa), task_label(g, yb), file_text(r));
            return !what.empty();
          };
          bool by_files = check(files[i], files[j], a, b) || check(files[j], files[i], b, a);
          // A publisher listed after a task that works: the list reads "a, then publish".
          const CommandFact* pub = by_files ? nullptr : publish_command(m, b);
          if (!by_files && !(pub && does_work(m, a))) continue;
          if (!order) order.emplace(m, t, ctx.project.jobs);
          if (order->relation(a, b) != RunOrder::Relation::Concurrent) continue;
          said.push_back({a, b});
          if (is_sources(file)) {
            // Formatters and checks: one finding per list and kind of file, naming them all.
            auto race = std::find_if(source_races.begin(), source_races.end(), [&](const SourceRace& r) { return r.files == file; });
            if (race == source_races.end()) race = source_races.insert(source_races.end(), SourceRace{file, deps[j]->span, {}, {}});
            auto note = [](std::vector<TaskId>& v, TaskId x) { if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x); };
            note(race->writers, first);
            const std::vector<std::string>& then_writes = (then == a ? files[i] : files[j]).writes;
            bool rewrites = std::find(then_writes.begin(), then_writes.end(), file) != then_writes.end();
            note(rewrites ? race->writers : race->readers, then);
            continue;
          }
          if (pub)
            what = fmt::format("{} publishes ({}) while {}, listed before it, may still be running — or has failed",
                               task_label(g, b), m.describe(*pub, deps[j]->span.file), task_label(g, a));
          // The entry carries the arguments the release runs `a` with (`build --release`); run
          // entries as steps are offered only where no arguments would be lost.
          std::string spec = dependency_spec(m, a, b);
          std::string steps = spec == g.task(a).display_name
                                  ? fmt::format(", or run them as steps: run = [{{ task = \"{}\" }}, {{ task = \"{}\" }}]",
                                                g.task(a).name, g.task(b).name)
                                  : std::string();
          Diagnostic& d = ctx.report(
              deps[j]->span,
              fmt::format("{} depends on {} and {}, which mise runs in parallel: {}", task_label(g, t), task_label(g, a),
                          task_label(g, b), what),
              fmt::format("order them: add {} to {} (the order of a `depends` list means nothing unless `jobs = 1`){}",
                          depends_text(g.task(b), spec), task_label(g, b), steps));
          d.task = g.task(t).name;
          // What they write and read is read off commands and globs; a publisher known only by
          // its script's name is a guess.
          d.confidence = pub && pub->from_name ? Confidence::Low : Confidence::Medium;
        }
      for (const SourceRace& r : source_races) report_source_race(ctx, t, r);
    }
  }

 private:
  // Formatters (writers) and checks (readers) of one kind of source file in one `depends` list.
  struct SourceRace {
    std::string files;
    SourceSpan span;  // the first entry found racing
    std::vector<TaskId> writers, readers;
  };

  static void report_source_race(RuleContext& ctx, TaskId t, const SourceRace& r) {
    const TaskGraph& g = ctx.graph;
    auto labels = [&](const std::vector<TaskId>& v) {
      std::string out;
      for (std::size_t k = 0; k < v.size(); ++k)
        out += (k ? (k + 1 == v.size() ? " and " : ", ") : "") + task_label(g, v[k]);
      return out;
    };
    std::string what = r.readers.empty()
                           ? fmt::format("{} all rewrite {}", labels(r.writers), file_text(r.files))
                           : fmt::format("{} {} {} while {} {} them", labels(r.writers),
                                         r.writers.size() > 1 ? "rewrite" : "rewrites", file_text(r.files),
                                         labels(r.readers), r.readers.size() > 1 ? "read" : "reads");
    std::string steps;
    for (const std::vector<TaskId>* v : {&r.writers, &r.readers})
      for (TaskId x : *v) steps += fmt::format("{}{{ task = \"{}\" }}", steps.empty() ? "" : ", ", g.task(x).name);
    // A check that depended on the formatter would pass on whatever it rewrote: order them in
    // the task that runs both.
    Diagnostic& d = ctx.report(
        r.span, fmt::format("{} depends on tasks that mise runs in parallel: {}", task_label(g, t), what),
        fmt::format("run them in order as steps of {} instead of `depends`: run = [{}]{}", task_label(g, t), steps,
                    r.readers.empty() ? std::string()
                                      : " (a check that depended on a formatter would pass on the files it rewrote)"));
    d.task = g.task(t).name;
    d.confidence = Confidence::Medium;
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(ParallelDependsRace);
}  // namespace mise_audit
