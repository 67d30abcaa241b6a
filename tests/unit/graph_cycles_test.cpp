// Cycles on the runtime graph (model §3.5). Expectations checked against `mise tasks validate`
// of mise 2026.9.15.
#include <catch2/catch.hpp>

#include "graph_test_util.h"

using namespace mise_audit;
using graph_test::id_of;
using graph_test::names;
using graph_test::ScratchProject;
using Strings = std::vector<std::string>;

TEST_CASE("graph cycles: pre and post instances, wait_for, canonical start") {
  ScratchProject p(graph_test::Files{{"mise.toml", R"(
[tasks.c]
depends = ["d"]
depends_post = ["d"]
run = "echo"
[tasks.d]
run = "echo"
[tasks.e]
depends_post = ["f"]
run = "echo"
[tasks.f]
depends_post = ["e"]
run = "echo"
[tasks.h]
wait_for = ["g"]
run = "echo"
[tasks.g]
wait_for = ["h"]
run = "echo"
[tasks.i]
depends_post = ["j"]
run = "echo"
[tasks.j]
depends = ["k"]
run = "echo"
[tasks.k]
depends = ["i"]
run = "echo"
[tasks.z]
depends = ["y"]
run = "echo"
[tasks.y]
depends = ["x"]
run = "echo"
[tasks.x]
depends = ["z"]
run = "echo"
)"}});
  TaskGraph g(p.project);
  auto cycles = g.cycle_details();
  for (auto& c : cycles) UNSCOPED_INFO(graph_test::join(names(g, c.tasks)) << (c.post ? " post" : ""));
  REQUIRE(cycles.size() == 3);
  CHECK(names(g, cycles[0].tasks) == Strings{"g", "h"});
  CHECK_FALSE(cycles[0].post);
  CHECK(cycles[0].edges[0].kind == EdgeKind::WaitFor);
  CHECK(names(g, cycles[1].tasks) == Strings{"x", "z", "y"});
  CHECK(names(g, cycles[2].tasks) == Strings{"e", "f"});
  CHECK(cycles[2].post);
  CHECK(cycles[2].edges[0].kind == EdgeKind::DependsPost);
  CHECK(g.task(cycles[2].edges[0].from).name == "f");  // e (post) waits for f (post): f depends_post e
}

TEST_CASE("graph: closures, always_runs_before and topological order") {
  ScratchProject p(graph_test::Files{{"mise.toml", R"(
[tasks.release]
depends = ["build"]
depends_post = ["notify"]
wait_for = ["lint"]
run = [{ task = "publish" }]
[tasks.build]
depends = ["gen"]
run = "echo"
[tasks.gen]
run = "echo"
[tasks.notify]
depends = ["fmt"]
run = "echo"
[tasks.fmt]
run = "echo"
[tasks.lint]
run = "echo"
[tasks.publish]
run = "mise run upload"
[tasks.upload]
run = "echo"
)"}});
  TaskGraph g(p.project);
  TaskId release = id_of(g, "release");
  auto sched = g.scheduled_closure(release);
  Strings s;
  for (TaskId i = 0; i < g.size(); ++i)
    if (sched[i]) s.push_back(g.task(i).name);
  CHECK(s == Strings{"build", "fmt", "gen", "notify", "release"});
  auto exec = g.execution_closure(release);
  CHECK(exec[id_of(g, "publish")]);
  CHECK(exec[id_of(g, "upload")]);
  CHECK_FALSE(exec[id_of(g, "lint")]);
  CHECK(g.always_runs_before(id_of(g, "gen"), release));
  CHECK_FALSE(g.always_runs_before(id_of(g, "notify"), release));
  CHECK_FALSE(g.always_runs_before(id_of(g, "lint"), release));
  auto order = g.topological_order();
  REQUIRE(order.size() == g.size());
  auto pos = [&](const char* n) { return std::find(order.begin(), order.end(), id_of(g, n)) - order.begin(); };
  CHECK(pos("gen") < pos("build"));
  CHECK(pos("build") < pos("release"));
  CHECK(g.cycles().empty());
}
