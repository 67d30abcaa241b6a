// The graph must stay linear: 50,000 tasks with aliases, globs, wait_for and `mise run` calls.
// Hidden ([.bench]); run with `mise_audit_tests "[.bench]"` to see the timings.
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <sstream>

#include "graph_test_util.h"

using namespace mise_audit;

TEST_CASE("graph: 50,000 tasks build and query in linear time", "[.bench]") {
  const int n = 50000;
  std::ostringstream toml;
  for (int i = 0; i < n; ++i) {
    toml << "[tasks.\"grp" << i / 100 << ":t" << i << "\"]\nalias = [\"a" << i << "\"]\ndepends = [";
    if (i > 0) toml << "\"grp" << (i - 1) / 100 << ":t" << i - 1 << "\"";
    if (i % 50 == 0) toml << (i > 0 ? ", " : "") << "\"grp" << i / 100 << ":*\"";
    toml << "]\nwait_for = [\"a" << (i * 7) % n << "\"]\nrun = \"mise run grp" << (i + 3) % n / 100 << ":t"
         << (i + 3) % n << " && echo\"\n";
  }
  graph_test::ScratchProject p(graph_test::Files{{"mise.toml", toml.str()}});
  REQUIRE(p.project.tasks.size() == static_cast<std::size_t>(n));
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  TaskGraph g(p.project);
  auto t1 = clock::now();
  auto cycles = g.cycle_details();
  auto order = g.topological_order();
  auto closure = g.scheduled_closure(*g.find("a49999"));
  auto t2 = clock::now();
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::cout << "graph build " << ms(t1 - t0) << " ms, cycles+order+closure " << ms(t2 - t1) << " ms\n";
  CHECK(order.size() == static_cast<std::size_t>(n));
  CHECK(closure[0]);
  CHECK(g.unresolved().empty());
}
