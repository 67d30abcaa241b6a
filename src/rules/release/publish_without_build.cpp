// publish-without-build: a publisher can run alone while nothing in its `depends` closure builds
// what it uploads (the seed's anti-pattern 1 and the rangebar-py failure).
#include <algorithm>

#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "fix/guard_task_edits.h"
#include "release/release_queries.h"
#include "release/role_book.h"
#include "rules/structural/header_near_miss.h"

namespace mise_audit {
namespace {

// Where the supplier builds for several targets, rebuilding all of them to re-run a failed upload
// is slow: the seed's Pattern 2 (a guard that fails when the artifacts are missing) is offered
// beside the `depends`. A guard written that way is read as one (ReleaseModel guards_artifacts).
std::string pattern2_offer(const ReleaseModel& m, TaskId supplier, const std::vector<TaskId>& producers,
                           const CommandFact& publisher) {
  TaskSet runs = m.before_or_during(supplier);
  std::size_t built_by = 0;
  for (TaskId t : producers) built_by += runs.contains(t) ? 1 : 0;
  if (built_by < 2 || publisher.reads.size() != 1) return {};
  const std::string& folder = publisher.reads.front();
  bool wheels = publisher.consumes.size() == 1 && publisher.consumes.front() == "wheel";
  std::string files = folder + (wheels ? "*.whl" : "*");
  return fmt::format("; or, to re-run the upload without rebuilding all {} builds, make it depend on a guard instead "
                     "(Pattern 2): a task that runs `ls {} >/dev/null 2>&1 || {{ echo 'nothing in {}: run {} first'; exit 1; }}`",
                     built_by, files, folder, m.graph().task(supplier).display_name);
}

std::string alternatives_text(const TaskGraph& g, const SupplierChoice& choice) {
  if (choice.others.empty()) return {};
  std::string names;
  for (std::size_t i = 0; i < choice.others.size(); ++i)
    names += (i == 0 ? "" : i + 1 == choice.others.size() ? " or " : ", ") + task_label(g, choice.others[i]);
  bool one = choice.others.size() == 1;
  if (choice.holds == 1 && choice.builds > 1)
    return fmt::format(" ({} is 1 of {} tasks that build them; {} {} the other{}: choose, or add a task that runs them all)",
                       task_label(g, *choice.best), choice.builds, names, one ? "is" : "are", one ? "" : "s");
  return fmt::format(" (or {}, which build{} as much: choose)", names, one ? "s" : "");
}

// For a publisher that a release runs as a step after building (`release` = build, then `mise run
// publish`), the guard is the fix: a `depends` on the build would build twice in that release.
// nullopt when the upload's files are not one folder's, or the guard would not read as one.
std::optional<Fix> guard_fix(const RuleContext& ctx, TaskId publisher, TaskId supplier, const CommandFact& c) {
  std::vector<std::string> folders = c.reads;  // one per file read: `dist/*.whl dist/*.tar.gz`
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  if (folders.size() != 1) return std::nullopt;
  const std::string& folder = folders.front();
  std::string files = c.read_files.size() == 1 && c.read_files.front().starts_with(folder) ? c.read_files.front() : folder + "*";
  bool wheels = c.consumes.size() == 1 && c.consumes.front() == "wheel";
  std::string script = fmt::format("ls {} >/dev/null 2>&1 || {{ echo \"FAIL: nothing matches {}. Run {} first.\"; exit 1; }}",
                                   files, files, ctx.graph.task(supplier).display_name);
  if (!reads_as_artifact_guard(ctx.roles, script)) return std::nullopt;
  return insert_guard_task_fix(ctx.project, ctx.graph.task(publisher), wheels ? "_guard-wheels-exist" : "_guard-artifacts-exist",
                               script, fmt::format("nothing matches `{}`", files));
}

// A `depends` header line of the publisher's script that mise ignores (`# mise depends=[…]`,
// ignored-header): once written as mise reads it, mise keeps only the last `depends` line
// (CONTRIBUTING §5.3), so a second line inserted beside it would do nothing. The hint rewrites
// that line instead: as the header it was meant as, with the supplier added unless its tasks
// already build.
struct IgnoredDepends {
  std::uint32_t line = 0;
  std::string_view text;  // the line as written
  std::string why;        // why mise ignores it
  std::optional<std::vector<std::string>> specs;  // its entries, when they are strings
};

std::optional<IgnoredDepends> ignored_depends(const Project& project, const Task& task) {
  if (task.script_file == kNoFile) return std::nullopt;
  const std::string& text = project.sources.file(task.script_file).text;
  auto lines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n') + 1);
  for (std::uint32_t n = 1; n <= lines; ++n) {
    std::string_view line = project.sources.line_text(task.script_file, n);
    std::optional<HeaderNearMiss> miss = header_near_miss(line);
    if (!miss) continue;
    TomlParseResult parsed = parse_toml(miss->entry, kNoFile);
    const TomlValue* v = parsed.ok ? parsed.root.find("depends") : nullptr;
    if (!v) continue;
    IgnoredDepends out{n, line, miss->why, std::nullopt};
    std::vector<std::string> specs;
    for (const TomlValue& item : v->is_array() ? v->items : std::vector<TomlValue>{*v})
      if (item.is_string()) specs.push_back(item.string);
    if (specs.size() == (v->is_array() ? v->items.size() : 1)) out.specs = std::move(specs);
    return out;
  }
  return std::nullopt;
}

// The help (and, when its entries are strings, the fix) for a publisher whose script holds an
// ignored `depends` line. True when a task it names already builds (no other supplier to choose).
bool offer_ignored_depends(const RuleContext& ctx, Diagnostic& d, TaskId p, const CommandFact& c,
                           const IgnoredDepends& ig, TaskId supplier, const std::string& spec, bool several) {
  const TaskGraph& g = ctx.graph;
  const Task& task = g.task(p);
  std::optional<TaskId> builder;  // one of its tasks that builds them
  std::vector<TaskId> named;
  for (const std::string& s : ig.specs.value_or(std::vector<std::string>{})) {
    DependencyRef ref = parse_dependency_string(s, SourceSpan{});  // "name args…" (CONTRIBUTING §3.2)
    if (ref.task.empty()) continue;
    for (TaskId t : g.resolve(ref.task, p)) {
      named.push_back(t);
      if (!builder && supplies(ctx.release, t, c)) builder = t;
    }
  }
  std::string_view marker = ig.text.substr(ig.text.find_first_not_of(" \t"));
  std::string prefix = marker.starts_with("//") ? "//MISE " : marker.starts_with("::") ? "::MISE " : "#MISE ";
  std::string line_ref = fmt::format("line {}'s `{}` is ignored by mise ({})", ig.line, ig.text, ig.why);
  if (!ig.specs) {
    d.help = fmt::format("{}: write it as a header and add \"{}\" to it (a second `depends` line would not count: mise "
                         "keeps only the last)", line_ref, spec);
    d.suggested_edges.push_back({task.display_name, g.task(supplier).display_name});
    return false;
  }
  std::vector<std::string> specs = *ig.specs;
  if (!builder && std::find(specs.begin(), specs.end(), spec) == specs.end()) specs.push_back(spec);
  std::string items;
  for (const std::string& s : specs) items += (items.empty() ? "" : ", ") + toml_quoted(s, '"');
  std::string fixed = fmt::format("{}depends=[{}]", prefix, items);
  if (builder)
    d.help = fmt::format("{}; as `{}` it would run {}, which builds them", line_ref, fixed, task_label(g, *builder));
  else
    d.help = fmt::format("{}; write it as `{}` so `mise run {}` builds first (a second `depends` line would not count: "
                         "mise keeps only the last)", line_ref, fixed, task.display_name);
  for (TaskId t : named) d.suggested_edges.push_back({task.display_name, g.task(t).display_name});
  if (!builder) d.suggested_edges.push_back({task.display_name, g.task(supplier).display_name});
  const std::string& text = ctx.project.sources.file(task.script_file).text;
  auto begin = static_cast<std::size_t>(ig.text.data() - text.data());
  if (!editable_file(ctx.project, task.script_file)) return builder.has_value();
  d.fix = Fix{fmt::format("write line {} of `{}` as `{}`", ig.line, task.display_name, fixed),
              builder || !several ? FixSafety::Safe : FixSafety::Unsafe,
              {TextEdit{task.script_file, begin, begin + ig.text.size(), fixed}},
              fmt::format("task {} header {}", task.display_name, fixed)};
  return builder.has_value();
}

class PublishWithoutBuild final : public Rule {
 public:
  const char* id() const override { return "publish-without-build"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    for (TaskId p = 0; p < g.size(); ++p) {
      const CommandFact* c = artifact_publisher(m, p);
      if (!c || supplied_before(m, p, *c)) continue;
      // Only when the project does build them somewhere: otherwise they come from elsewhere (CI).
      std::vector<TaskId> producers = producers_of(m, *c, p);
      if (producers.empty()) continue;
      bool weakly_linked = false;  // ordering-not-enforced reports those
      for (const WeakLink& w : weak_links(m, p))
        if (supplies(m, w.to, *c)) weakly_linked = true;
      if (weakly_linked) continue;
      SupplierChoice choice = choose_supplier(m, p, *c);
      std::optional<TaskId> supplier = choice.best;
      const CommandFact* built = nullptr;
      for (const CommandFact& f : m.facts(supplier ? *supplier : producers.front()).commands)
        if (brings_artifacts(f) && feeds(f, *c)) { built = &f; break; }
      if (!built && supplier)
        for (TaskId t : producers)
          if (m.before_or_during(*supplier).contains(t))
            for (const CommandFact& f : m.facts(t).commands)
              if (!built && brings_artifacts(f) && feeds(f, *c)) built = &f;
      const Task& task = g.task(p);
      FileId file = c->span.file;
      Diagnostic& d = ctx.report({}, {});
      d.task = task.display_name;
      d.span = c->span;
      // Roles read off a script's file name are a guess; a publish command is not.
      d.confidence = c->from_name ? Confidence::Low : Confidence::High;
      // A program held in a variable may be the build (`$UV_CMD build` when no wheel exists).
      const std::vector<std::string>& unknown = m.facts(p).dynamic_programs;
      if (!unknown.empty()) d.confidence = Confidence::Low;
      std::string builder = supplier ? task_label(g, *supplier) : task_label(g, producers.front());
      d.message = fmt::format("{} publishes ({}) but nothing in its `depends` builds the {} it uploads; {} builds them{}",
                              task_label(g, p), m.describe(*c, file), kinds_text(c->consumes), builder,
                              built ? " (" + m.describe(*built, file) + ")" : std::string());
      if (supplier) {
        if (std::optional<BuildingCaller> caller = building_caller(m, p, *c)) {
          if (std::optional<Fix> guard = guard_fix(ctx, p, *supplier, *c)) {
            d.help = fmt::format("{} builds them before it runs {} ({}), where a `depends` on {} would build them again: "
                                 "make {} depend on a guard that fails when they are missing instead (Pattern 2)",
                                 task_label(g, caller->task), task_label(g, p), m.describe(*caller->call, file), builder,
                                 task_label(g, p));
            d.fix = std::move(guard);
            continue;
          }
        }
        std::string spec = dependency_spec(m, *supplier, p);
        bool named_builds = false;  // the ignored line names a task that builds: nothing to choose
        if (std::optional<IgnoredDepends> ig = ignored_depends(ctx.project, task)) {
          named_builds = offer_ignored_depends(ctx, d, p, *c, *ig, *supplier, spec, !choice.others.empty());
        } else {
          d.help = fmt::format("add {} to {} so `mise run {}` builds first", depends_text(task, spec), task_label(g, p),
                               task.display_name);
          d.suggested_edges.push_back({task.display_name, g.task(*supplier).display_name});
          // Safe only with one obvious supplier; otherwise a reviewer chooses (an unsafe fix).
          d.fix = add_depends_fix(ctx.project, task, {spec}, choice.others.empty() ? FixSafety::Safe : FixSafety::Unsafe);
        }
        if (!named_builds) d.help += alternatives_text(g, choice);
        d.help += pattern2_offer(m, *supplier, producers, *c);
      }
      if (!unknown.empty()) {
        d.help += fmt::format("{}unless `{}`, whose program is a variable, builds them", d.help.empty() ? "" : "; ",
                              unknown.front());
        if (d.fix) d.fix->safety = FixSafety::Unsafe;
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(PublishWithoutBuild);
}  // namespace mise_audit
