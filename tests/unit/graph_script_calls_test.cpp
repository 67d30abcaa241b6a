#include <catch2/catch.hpp>

#include "graph_test_util.h"
#include "mise_audit/task_graph.h"

using namespace mise_audit;

namespace {
std::vector<std::string> tasks_in(std::string_view script) {
  std::vector<std::string> out;
  for (const ScriptTaskCall& c : find_mise_run_calls(script)) out.push_back(c.task);
  return out;
}
}  // namespace

TEST_CASE("script calls: the forms of `mise run`") {
  using S = std::vector<std::string>;
  CHECK(tasks_in("mise run build") == S{"build"});
  CHECK(tasks_in("mise r build --release") == S{"build"});
  CHECK(tasks_in("mise tasks run build") == S{"build"});
  CHECK(tasks_in("mise run lint ::: test --fast ::: 'docs:build'") == S{"lint", "test", "docs:build"});
  CHECK(tasks_in("mise -q run -j 4 --force build") == S{"build"});
  CHECK(tasks_in("set -e; mise run a && mise run b || echo x | mise run c") == S{"a", "b", "c"});
  CHECK(tasks_in("if true; then\n  FOO=1 mise run gen\nfi") == S{"gen"});
  CHECK(tasks_in("mise run \\\n  split") == S{"split"});
  CHECK(tasks_in("(cd x && mise run sub)") == S{"sub"});
}

TEST_CASE("script calls: what is not a call") {
  CHECK(find_mise_run_calls("echo mise run build").empty());
  CHECK(find_mise_run_calls("# mise run build").empty());
  CHECK(find_mise_run_calls("mise install && mise exec -- run").empty());
  CHECK(find_mise_run_calls("mise run \"$TASK\"").empty());
  CHECK(find_mise_run_calls("mise run {{arg(name='t')}}").empty());
  CHECK(find_mise_run_calls("mise -C other run build").empty());
  CHECK(find_mise_run_calls("mise run --cd other build").empty());
  CHECK(find_mise_run_calls("mise run").empty());
}

TEST_CASE("script calls: positions are 1-based line and code-point column of the name") {
  auto calls = find_mise_run_calls("echo é\n  mise run 'x:y'\n");
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].line == 2);
  CHECK(calls[0].column == 13);
  auto u = find_mise_run_calls("é; mise run z");
  REQUIRE(u.size() == 1);
  CHECK(u[0].column == 13);
}

// `file = "…"` runs a script instead of `run` (model §2.2): the loader reads it (never runs it),
// the graph follows its `mise run` calls, and a missing name points into the script.
TEST_CASE("script calls: a TOML task's `file` script is read by the loader and its calls linked") {
  graph_test::ScratchProject p(graph_test::Files{
      {"mise.toml", "[tasks.release]\nfile = \"scripts/release.sh\"\n[tasks.ship]\nfile = \"scripts/release.sh\"\n"
                    "[tasks.build]\nrun = \"true\"\n"},
      {"scripts/release.sh", "#!/bin/sh\nset -e\nmise run build\nmise run nowhere\n"}});
  TaskGraph g(p.project);
  TaskId release = graph_test::id_of(g, "release"), ship = graph_test::id_of(g, "ship");
  FileId script = g.task(release).file_script;
  REQUIRE(script != kNoFile);
  CHECK(g.task(ship).file_script == script);  // one file, read once
  CHECK(p.project.sources.file(script).text.find("mise run build") != std::string::npos);
  std::vector<std::string> called;
  for (const Edge& e : g.out_edges(release))
    if (e.kind == EdgeKind::Calls) {
      called.push_back(g.task(e.to).name);
      CHECK(e.span.file == script);
      CHECK(e.span.begin.line == 3);
      CHECK(e.span.begin.column == 10);
    }
  CHECK(called == std::vector<std::string>{"build"});
  int missing = 0;
  for (const UnresolvedRef& u : g.unresolved())
    if (u.from == release && u.pattern == "nowhere") {
      ++missing;
      CHECK(u.span.file == script);
    }
  CHECK(missing == 1);
}
