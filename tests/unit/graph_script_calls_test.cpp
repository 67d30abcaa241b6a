#include <catch2/catch.hpp>

#include "graph_test_util.h"
#include "mise_audit/task_graph.h"

using namespace mise_audit;

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
