// missing-sdist: the chain behind a PyPI upload builds wheels but no source distribution, so
// users on platforms without a wheel cannot `pip install` the release (seed anti-pattern 2).
#include <fmt/format.h>

#include "fix/word_edits.h"
#include "release/release_queries.h"

namespace mise_audit {
namespace {

bool makes(const CommandFact& c, const char* kind) {
  return brings_artifacts(c) && std::find(c.produces.begin(), c.produces.end(), kind) != c.produces.end();
}

// `twine upload dist/*.whl`: every path the upload names is a wheel.
bool uploads_wheels_only(const CommandFact& c) {
  if (c.read_files.empty()) return false;
  for (const std::string& f : c.read_files)
    if (!f.ends_with(".whl")) return false;
  return true;
}

// `uv build --wheel` / `python -m build -w`: the flag is what leaves the sdist out, so dropping it
// builds both. Unsafe: a project may ship wheels only on purpose.
std::optional<Fix> drop_wheel_only_flags(const Project& project, const ReleaseModel& m, const CommandFact& wheel) {
  if (!(wheel.unflagged_roles & kRoleSdist) || wheel.role_flags.empty()) return std::nullopt;
  std::string flags;
  for (const std::string& f : wheel.role_flags) flags += (flags.empty() ? "`" : "`, `") + f;
  return drop_words_fix(project, wheel.role_flag_spans, wheel.role_flags,
                        fmt::format("drop {}` so {} builds the sdist too", flags, m.describe(wheel, wheel.span.file)),
                        fmt::format("`{}` builds wheels and an sdist", wheel.command), FixSafety::Unsafe);
}

class MissingSdist final : public Rule {
 public:
  const char* id() const override { return "missing-sdist"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    std::vector<std::pair<FileId, std::uint32_t>> reported;
    for (TaskId p = 0; p < g.size(); ++p) {
      const CommandFact* pub = artifact_publisher(m, p);
      if (!pub || pub->target != "pypi") continue;
      // The chain: what runs before or while it runs, and what the tasks that run it as a step
      // (`{ task = … }`, `mise run`) ran before that step: the release's build aggregate.
      TaskSet chain = m.before_or_during(p);
      if (TaskSet callers = m.run_before_by_callers(p); !callers.empty()) {
        std::vector<TaskId> all(chain.begin(), chain.end());
        all.insert(all.end(), callers.begin(), callers.end());
        chain = TaskSet(std::move(all));
      }
      const CommandFact* wheel = nullptr;
      TaskId wheel_task = 0;
      bool sdist = false;
      for (TaskId t : chain) {
        for (const CommandFact& c : m.facts(t).commands) {
          if (makes(c, "sdist")) sdist = true;
          if (!wheel && makes(c, "wheel")) { wheel = &c; wheel_task = t; }
        }
      }
      if (sdist) continue;
      if (!wheel && uploads_wheels_only(*pub)) {
        // Its wheel build is not in view (an include, CI), but the upload's own paths leave the
        // sdist out.
        std::pair<FileId, std::uint32_t> key{pub->span.file, pub->span.begin.line};
        if (std::find(reported.begin(), reported.end(), key) != reported.end()) continue;
        reported.push_back(key);
        std::string paths;
        for (const std::string& f : pub->read_files) paths += (paths.empty() ? "`" : "`, `") + f;
        Diagnostic& d = ctx.report(
            pub->span,
            fmt::format("{} uploads only wheels to PyPI ({} names {}`) and nothing it runs builds a source distribution: "
                        "users on a platform without a wheel cannot install the release",
                        task_label(g, p), m.describe(*pub, pub->span.file), paths),
            "build an sdist beside the wheels (`uv build --sdist`, `maturin sdist` or `python -m build --sdist`) and upload "
            "both (`dist/*`)");
        d.task = g.task(p).display_name;
        d.confidence = Confidence::Medium;  // a pure-Python project may ship wheels only on purpose
        continue;
      }
      if (!wheel) continue;
      // Point at the task that gathers the wheel builds (the build-all), else the wheel build.
      SourceSpan at = wheel->span;
      std::string where = task_label(g, wheel_task);
      TaskId at_task = wheel_task;
      std::size_t most = 1;
      for (TaskId t : chain) {
        std::size_t n = 0;
        const Edge* first = nullptr;
        for (const Edge& e : g.out_edges(t)) {
          if (e.kind == EdgeKind::WaitFor || e.kind == EdgeKind::DependsPost) continue;
          bool wheels = false;
          for (const CommandFact& c : m.facts(e.to).commands) wheels = wheels || makes(c, "wheel");
          if (wheels) { ++n; if (!first) first = &e; }
        }
        if (n > most && first && first->span.has_position()) { most = n; at = first->span; where = task_label(g, t); at_task = t; }
      }
      std::pair<FileId, std::uint32_t> key{at.file, at.begin.line};
      if (std::find(reported.begin(), reported.end(), key) != reported.end()) continue;
      reported.push_back(key);
      Diagnostic& d = ctx.report({}, {});
      d.task = g.task(at_task).display_name;
      d.span = at;
      d.confidence = Confidence::Medium;  // inferred from what the release runs
      d.message = fmt::format(
          "the release uploaded by {} ({}) builds wheels ({}) but no source distribution; inferred: nothing it runs "
          "builds an sdist",
          task_label(g, p), m.describe(*pub, at.file), m.describe(*wheel, at.file));
      d.help = fmt::format("build an sdist in {} too (`maturin sdist`, `uv build --sdist` or `python -m build --sdist`) "
                           "and put it beside the wheels",
                           where);
      if ((d.fix = drop_wheel_only_flags(ctx.project, m, *wheel)))
        d.help = fmt::format("{}: {} builds wheels only because of that flag", d.fix->title, task_label(g, wheel_task));
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(MissingSdist);
}  // namespace mise_audit
