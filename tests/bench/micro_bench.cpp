// In-process benchmarks of each stage (Google Benchmark): loader, graph, rules, reporters, on the
// synthetic release projects of synthetic_config.h at 100, 1k and 10k tasks. Per-stage times
// show which stage stops being linear; scripts/bench times the whole process.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "mise_audit/engine.h"
#include "mise_audit/release_model.h"
#include "release/role_book.h"
#include "mise_audit/report.h"
#include "mise_audit/rule.h"
#include "mise_audit/task_graph.h"
#include "mise_audit/task_model.h"
#include "synthetic_config.h"

namespace fs = std::filesystem;
using namespace mise_audit;

namespace {

// One generated project per size, written once under a scratch directory removed at exit.
const fs::path& project_dir(std::size_t tasks) {
  static fs::path root = [] {
    std::string tmpl = (fs::temp_directory_path() / "mise-audit-bench-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(root, ec);
    });
    return fs::path(tmpl);
  }();
  static std::map<std::size_t, fs::path> dirs;
  auto it = dirs.find(tasks);
  if (it == dirs.end()) {
    fs::path dir = root / std::to_string(tasks);
    bench::write_synthetic_project(dir, {tasks, bench::Layout::Project});
    it = dirs.emplace(tasks, dir).first;
  }
  return it->second;
}

Project load(std::size_t tasks) {
  LoadResult r = load_project(project_dir(tasks).string(), {});
  if (!r.error.empty()) std::abort();
  return std::move(r.project);
}

void BM_Load(benchmark::State& state) {
  std::size_t n = static_cast<std::size_t>(state.range(0));
  project_dir(n);
  for (auto _ : state) {
    LoadResult r = load_project(project_dir(n).string(), {});
    benchmark::DoNotOptimize(r.project.tasks.size());
  }
  state.SetComplexityN(state.range(0));
}

void BM_Graph(benchmark::State& state) {
  Project project = load(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    TaskGraph graph(project);
    benchmark::DoNotOptimize(&graph);
  }
  state.SetComplexityN(state.range(0));
}

// Every registered rule over a prebuilt graph: the rules alone.
void BM_Rules(benchmark::State& state) {
  Project project = load(static_cast<std::size_t>(state.range(0)));
  TaskGraph graph(project);
  ReleaseModel release(graph, builtin_role_book());
  for (auto _ : state) {
    std::vector<Diagnostic> found;
    RuleContext ctx{project, graph, release, builtin_role_book(), found, *project.disk};
    for (const Rule* rule : rule_registry()) {
      ctx.rule = rule;
      rule->check(ctx);
    }
    benchmark::DoNotOptimize(found.data());
  }
  state.SetComplexityN(state.range(0));
}

// lint_project: graph + release model + rules + sorting, as the CLI runs it.
void BM_Lint(benchmark::State& state) {
  Project project = load(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::vector<Diagnostic> d = lint_project(project, {});
    benchmark::DoNotOptimize(d.data());
  }
  state.SetComplexityN(state.range(0));
}

void BM_ReportText(benchmark::State& state) {
  std::vector<LintedProject> results(1);
  results[0].run = LintRun(load(static_cast<std::size_t>(state.range(0))), {});
  results[0].diagnostics = results[0].run.take_findings();
  for (auto _ : state) {
    std::string out = render_text(results, RunStatus{}, false);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetComplexityN(state.range(0));
}

void BM_TasksJson(benchmark::State& state) {
  Project project = load(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::string out = render_tasks_json(project);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetComplexityN(state.range(0));
}

#define SIZES ->RangeMultiplier(10)->Range(100, 10000)->Unit(benchmark::kMillisecond)->Complexity()
BENCHMARK(BM_Load) SIZES;
BENCHMARK(BM_Graph) SIZES;
BENCHMARK(BM_Rules) SIZES;
BENCHMARK(BM_Lint) SIZES;
BENCHMARK(BM_ReportText) SIZES;
BENCHMARK(BM_TasksJson) SIZES;

}  // namespace

BENCHMARK_MAIN();
