// `mise-audit graph`: DOT and Mermaid, edge kinds styled apart, roles on nodes, the missing edge a
// finding proposes drawn red and dashed. Graphviz must accept the DOT.
#include <catch2/catch.hpp>

#include "corpus.h"
#include "cli_run.h"
#include "graph_render/graph_render.h"

using namespace mise_audit;

namespace {

GraphPicture every_kind() {
  GraphPicture p;
  p.nodes = {{"release", {"orchestrator"}, false, false},
             {"build", {"wheel", "sdist"}, false, false},
             {"publish \"pypi\"\nnow", {"publish"}, false, true},
             {"lint [a|b] <x> #1", {}, true, false}};
  p.edges = {{0, 1, EdgeKind::Depends, false},   {0, 2, EdgeKind::DependsPost, false},
             {1, 3, EdgeKind::WaitFor, false},   {0, 3, EdgeKind::RunTask, false},
             {2, 3, EdgeKind::Calls, false},     {2, 1, EdgeKind::Depends, true}};
  return p;
}

bool have_dot() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("graph: DOT output, whole") {
  CHECK(render_dot(every_kind()) ==
        "digraph tasks {\n"
        "  rankdir=LR;\n"
        "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        "  n0 [label=\"release\\n(orchestrator)\"];\n"
        "  n1 [label=\"build\\n(wheel, sdist)\"];\n"
        // A newline inside a task name is shown escaped, not as a line break.
        "  n2 [label=\"publish \\\"pypi\\\"\\\\nnow\\n(publish)\", color=red];\n"
        "  n3 [label=\"lint [a|b] <x> #1\", style=\"rounded,dashed\"];\n"
        "  n0 -> n1 [style=solid];\n"
        "  n0 -> n2 [style=solid, arrowhead=empty, label=\"post\"];\n"
        "  n1 -> n3 [style=dashed, label=\"wait_for\"];\n"
        "  n0 -> n3 [style=dotted, label=\"run\"];\n"
        "  n2 -> n3 [style=dotted, label=\"mise run\"];\n"
        "  n2 -> n1 [style=dashed, color=red, fontcolor=red, penwidth=2, label=\"missing depends\"];\n"
        "}\n");
}

TEST_CASE("graph: Mermaid output, whole") {
  CHECK(render_mermaid(every_kind()) ==
        "flowchart LR\n"
        "  t0[\"release<br/>(orchestrator)\"]\n"
        "  t1[\"build<br/>(wheel, sdist)\"]\n"
        "  t2[\"publish #quot;pypi#quot;\\nnow<br/>(publish)\"]\n"
        "  t3[\"lint #91;a#124;b#93; #lt;x#gt; #35;1\"]\n"
        "  t0 --> t1\n"
        "  t0 -- post --> t2\n"
        "  t1 -. wait_for .-> t3\n"
        "  t0 -. run .-> t3\n"
        "  t2 -. mise run .-> t3\n"
        "  t2 -. missing depends .-> t1\n"
        "  style t2 stroke:#d00,stroke-width:2px\n"
        "  linkStyle 2 stroke-dasharray:6 4\n"
        "  linkStyle 3 stroke-dasharray:2 2\n"
        "  linkStyle 4 stroke-dasharray:2 2\n"
        "  linkStyle 5 stroke:#d00,stroke-width:2px,stroke-dasharray:6 4\n");
}

TEST_CASE("graph: Graphviz renders the DOT to SVG") {
  if (!have_dot()) {
    MISE_AUDIT_SKIP_TEST("Graphviz `dot` is not installed (Debian package graphviz)");
  }
  cli_run::Scratch s;
  s.file("every.dot", render_dot(every_kind()));
  cli_run::Result r = cli_run::shell(s.dir, "dot -Tsvg every.dot");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("<svg") != std::string::npos);
  CHECK(r.out.find("missing depends") != std::string::npos);
  // dot is strict enough to reject broken input, so the check above means something.
  s.file("broken.dot", "digraph { a -> [color=red] }\n");
  CHECK(cli_run::shell(s.dir, "dot -Tsvg broken.dot").status != 0);
}

TEST_CASE("graph: the seed anti-pattern, with its fix drawn in") {
  cli_run::Scratch s;
  s.file("mise.toml",
         "[tasks.\"release:build-all\"]\nrun = \"maturin build --release\"\n\n"
         "[tasks.\"release:pypi\"]\nrun = \"./scripts/publish-to-pypi.sh\"\n");
  cli_run::Result r = cli_run::run(s.dir, {"graph", "--no-config"});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "digraph tasks {\n"
        "  rankdir=LR;\n"
        "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        "  n0 [label=\"release:build-all\\n(wheel)\"];\n"
        "  n1 [label=\"release:pypi\\n(publish)\", color=red];\n"
        "  n1 -> n0 [style=dashed, color=red, fontcolor=red, penwidth=2, label=\"missing depends\"];\n"
        "}\n");
  if (have_dot()) {
    s.file("g.dot", r.out);
    CHECK(cli_run::shell(s.dir, "dot -Tsvg g.dot -o g.svg").status == 0);
  }
  cli_run::Result mermaid = cli_run::run(s.dir, {"graph", "--no-config", "--format", "mermaid", "--task", "release:pypi"});
  CHECK(mermaid.status == 0);
  CHECK(mermaid.out.find("t1 -. missing depends .-> t0") != std::string::npos);
  cli_run::Result unknown = cli_run::run(s.dir, {"graph", "--no-config", "--task", "release:pipy"});
  CHECK(unknown.status == 2);
  CHECK(unknown.err == "mise-audit: no task named `release:pipy` (did you mean `release:pypi`?)\n");
}

TEST_CASE("graph: --task keeps what the task runs and what runs it") {
  cli_run::Scratch s;
  s.file("mise.toml",
         "[tasks.a]\nrun = \"true\"\n[tasks.b]\ndepends = [\"a\"]\nrun = \"true\"\n"
         "[tasks.c]\ndepends = [\"b\"]\nrun = \"true\"\n[tasks.unrelated]\nrun = \"true\"\n");
  cli_run::Result r = cli_run::run(s.dir, {"graph", "--no-config", "--format", "mermaid", "--task", "b"});
  CHECK(r.status == 0);
  CHECK(r.out.find("unrelated") == std::string::npos);
  for (const char* name : {"[\"a", "[\"b", "[\"c"}) {
    INFO(name);
    CHECK(r.out.find(name) != std::string::npos);
  }
}

TEST_CASE("graph: the README's picture is what the tool draws") {
  std::string readme = cli_run::read(MISE_AUDIT_SOURCE_DIR "/README.md");
  std::size_t start = readme.find("```mermaid\n");
  REQUIRE(start != std::string::npos);
  start += 11;
  std::string block = readme.substr(start, readme.find("```", start) - start);
  cli_run::Result r = cli_run::run(MISE_AUDIT_SOURCE_DIR, {"graph", "--no-config", "--format", "mermaid", "examples/antipattern-publish-without-build"});
  CHECK(r.status == 0);
  CHECK(r.out == block);
}
