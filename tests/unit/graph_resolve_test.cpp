// Reference resolution as mise does it (model §3.3); the expectations were checked against
// mise 2026.9.15 (`mise tasks deps`).
#include <catch2/catch.hpp>

#include "graph_test_util.h"

using namespace mise_audit;
using graph_test::id_of;
using graph_test::names;
using graph_test::ScratchProject;
using Strings = std::vector<std::string>;

TEST_CASE("graph: exact names win over aliases, aliases and extension-stripped names resolve") {
  ScratchProject p(graph_test::Files{{"mise.toml", R"(
[tasks.y]
alias = ["z", "why"]
run = "echo y"
[tasks.z]
run = "echo z"
[tasks."with.dot"]
run = "echo"
[tasks."ab.c.d"]
run = "echo"
[tasks.q]
run = "echo"
)"},
                    {"mise-tasks/tool.sh", "#!/bin/sh\necho\n"}});
  TaskGraph g(p.project);
  TaskId q = id_of(g, "q");
  CHECK(names(g, g.resolve("z", q)) == Strings{"z"});
  CHECK(names(g, g.resolve("why", q)) == Strings{"y"});
  CHECK(names(g, g.resolve("with", q)) == Strings{"with.dot"});
  CHECK(names(g, g.resolve("ab.c", q)) == Strings{"ab.c.d"});
  CHECK(names(g, g.resolve("tool", q)) == Strings{"tool.sh"});
  CHECK(g.resolve("nope", q).empty());
  CHECK(g.find("tool") == g.find("tool.sh"));
}

TEST_CASE("graph: globs use ':' as the separator and also match aliases") {
  ScratchProject p(graph_test::Files{{"mise.toml", R"(
[tasks.lint]
run = "echo"
[tasks."lint:a"]
run = "echo"
[tasks."lint:b:c"]
run = "echo"
[tasks."lint:b"]
run = "echo"
[tasks.x]
alias = ["lint:fix2"]
run = "echo"
[tasks.all]
run = "echo"
)"}});
  TaskGraph g(p.project);
  TaskId all = id_of(g, "all");
  // The alias "lint:fix2" of x matches too (mise 2026.9.15: `tasks deps` shows x).
  CHECK(names(g, g.resolve("lint:*", all)) == Strings{"lint:a", "lint:b", "x"});
  CHECK(names(g, g.resolve("lint:**", all)) == Strings{"lint:a", "lint:b", "lint:b:c", "x"});
  CHECK(names(g, g.resolve("lint:{a,b}", all)) == Strings{"lint:a", "lint:b"});
  CHECK(names(g, g.resolve("lint:fix?", all)) == Strings{"x"});
  auto r = g.resolve_reference("nope*", all);
  CHECK(r.tasks.empty());
  CHECK(r.reason == UnresolvedRef::Reason::UnmatchedPattern);
}

TEST_CASE("graph: self-matches are dropped silently, ':x' is relative to the parent's group") {
  ScratchProject p(graph_test::Files{{"mise.toml", R"(
[tasks."a:b:c"]
run = "echo"
[tasks."a:b:fix"]
run = "echo"
[tasks.top]
run = "echo"
[tasks."render-a"]
run = "echo"
)"}});
  TaskGraph g(p.project);
  TaskId abc = id_of(g, "a:b:c");
  CHECK(names(g, g.resolve(":fix", abc)) == Strings{"a:b:fix"});
  auto colon = g.resolve_reference(":fix", id_of(g, "top"));
  CHECK(colon.reason == UnresolvedRef::Reason::ColonOutsideMonorepo);
  auto self = g.resolve_reference("top", id_of(g, "top"));
  CHECK(self.tasks.empty());
  CHECK(self.only_self);
  CHECK(g.resolve("render-*", id_of(g, "render-a")).empty());
  CHECK(g.resolve_reference("pkg/x:build", abc).reason == UnresolvedRef::Reason::RelativePathSyntax);
}

TEST_CASE("graph: edges for depends, depends_post, wait_for, run entries and mise run calls") {
  ScratchProject p(graph_test::Files{{"mise.toml", R"(
[tasks.all]
depends = ["a", "missing"]
depends_post = ["b"]
wait_for = ["c"]
run = ["echo hi", { task = "d --flag" }, { tasks = ["a", "e"] }, """
set -e
mise run c ::: e
"""]
[tasks.tmpl]
depends = ["{{ vars.x }}"]
run = "echo"
[tasks.a]
run = "echo"
[tasks.b]
run = "echo"
[tasks.c]
run = "echo"
[tasks.d]
run = "echo"
[tasks.e]
run = "echo"
)"}});
  TaskGraph g(p.project);
  TaskId all = id_of(g, "all");
  Strings got;
  for (const Edge& e : g.out_edges(all)) got.push_back(std::string(edge_kind_name(e.kind)) + " " + g.task(e.to).name);
  CHECK(got == Strings{"depends a", "depends_post b", "wait_for c", "run d", "run a", "run e", "calls c", "calls e"});
  // The call is reported at the task name inside the multi-line string (line 8 of mise.toml).
  const Edge& call = g.out_edges(all)[6];
  CHECK(call.span.begin.line == 8);
  CHECK(call.span.begin.column == 10);
  CHECK(call.step == 3);
  REQUIRE(g.unresolved().size() == 2);
  CHECK(g.unresolved()[0].pattern == "missing");
  CHECK_FALSE(g.unresolved()[0].templated);
  CHECK(g.unresolved()[1].templated);
  CHECK(g.in_edges(id_of(g, "c")).size() == 2);
}

TEST_CASE("graph: `file = ...` scripts are read relative to config_root and scanned for calls") {
  ScratchProject p(graph_test::Files{{"mise.toml", "[tasks.rel]\nfile = \"scripts/rel.sh\"\n[tasks.b]\nrun = \"echo\"\n"},
                    {"scripts/rel.sh", "#!/bin/sh\n# mise run nope (a comment)\n  mise run b\n"}});
  TaskGraph g(p.project);
  TaskId rel = id_of(g, "rel");
  REQUIRE(g.out_edges(rel).size() == 1);
  const Edge& e = g.out_edges(rel)[0];
  CHECK(e.kind == EdgeKind::Calls);
  CHECK(g.task(e.to).name == "b");
  CHECK(e.span.begin.line == 3);
  CHECK(e.span.begin.column == 12);
  CHECK(p.project.sources.file(e.span.file).text.find("mise run b") != std::string::npos);
}

TEST_CASE("graph: monorepo names `//path:task`, relative references and `...`") {
  Project project;
  project.monorepo_root = true;
  for (const char* n : {"//:fmt", "//:lint", "//packages/app:build", "//packages/app:lint", "//packages/lib:build",
                        "//packages/lib:test.sh"}) {
    Task t;
    t.name = n;
    t.display_name = n;
    project.tasks.push_back(t);
  }
  project.tasks[0].aliases.push_back({"f", {}, false});
  TaskGraph g(project);
  TaskId app_build = id_of(g, "//packages/app:build");
  CHECK(names(g, g.resolve(":lint", app_build)) == Strings{"//packages/app:lint"});
  CHECK(names(g, g.resolve("lint", app_build)) == Strings{"//packages/app:lint"});
  CHECK(names(g, g.resolve("//:fmt", app_build)) == Strings{"//:fmt"});
  CHECK(names(g, g.resolve("//packages/lib:test", app_build)) == Strings{"//packages/lib:test.sh"});
  CHECK(names(g, g.resolve("//...:build", app_build)) == Strings{"//packages/lib:build"});
  CHECK(names(g, g.resolve("//packages/...:lint", app_build)) == Strings{"//packages/app:lint"});
  // A bare alias is found from its own project only (mise tasks validate: "Dependency 'f' not
  // found" from a member; tests/unit/monorepo_path_differential_test.cpp).
  CHECK(names(g, g.resolve("f", app_build)).empty());
  CHECK(names(g, g.resolve("f", id_of(g, "//:lint"))) == Strings{"//:fmt"});
  CHECK(g.resolve_reference("//packages/app", app_build).reason == UnresolvedRef::Reason::MonorepoMissingTask);
  // From a `//…:` task a bare name is relative first (mise 2026.9.15 resolves "lint/rust:fix" in
  // //:lint:fix to //:lint/rust:fix), so relative path syntax is not an error there.
  CHECK(g.resolve_reference("packages/app:lint", app_build).reason == UnresolvedRef::Reason::NotFound);
  CHECK(g.resolve_reference("nope", app_build).reason == UnresolvedRef::Reason::NotFound);
}
