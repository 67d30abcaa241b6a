// The release model's pieces: the shell reader, folders, positions inside TOML strings, roles and
// artifact flow inferred for the completed seed Pattern 1, and user role patterns.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/string_span.h"
#include "mise_audit/release_model.h"
#include "release/run_order.h"
#include "release/role_book.h"
#include "shell/shell_script.h"

using namespace mise_audit;
namespace fs = std::filesystem;

TEST_CASE("shell reader splits simple commands, keeps lines and loops", "[release]") {
  std::vector<ShellCommand> cmds = scan_shell(
      "# comment\n"
      "VERSION=$(grep x Cargo.toml) maturin build \\\n  --release -o \"dist\" 2>/dev/null && echo 'ok; fine'\n"
      "for c in a b; do cargo publish -p \"$c\"; done\n"
      "cat <<EOF\nuv publish\nEOF\n"
      "twine upload dist/*\n");
  REQUIRE(cmds.size() == 6);
  // The command substitution runs first, as a command of its own.
  CHECK(cmds[0].words == std::vector<std::string>{"grep", "x", "Cargo.toml"});
  CHECK(cmds[0].substituted);
  CHECK(cmds[1].words == std::vector<std::string>{"maturin", "build", "--release", "-o", "dist"});
  CHECK(cmds[1].line == 1);
  CHECK_FALSE(cmds[1].substituted);
  CHECK(cmds[2].words == std::vector<std::string>{"echo", "ok; fine"});
  CHECK(cmds[3].words == std::vector<std::string>{"cargo", "publish", "-p", "$c"});
  CHECK(cmds[3].loop_items == std::vector<std::string>{"a", "b"});
  CHECK(cmds[4].words == std::vector<std::string>{"cat"});  // the heredoc body is not a command
  CHECK(cmds[5].words.front() == "twine");
  CHECK(cmds[5].line == 7);
  CHECK(program_name("/usr/bin/python3.12") == "python");
  CHECK(program_name("pip3") == "pip");
}

TEST_CASE("folders of paths", "[release]") {
  CHECK(folder_of("dist/*", false) == "dist/");
  CHECK(folder_of("./target/wheels/*-${VERSION}-*.whl", false) == "target/wheels/");
  CHECK(folder_of("dist", true) == "dist/");
  CHECK(folder_of("$OUT/x.whl", false) == "");
  CHECK(folder_of("*.whl", false) == "./");
}

TEST_CASE("lines inside TOML strings", "[release]") {
  SourceManager sources;
  FileId f = sources.add("m.toml", "/m.toml",
                         "a = \"\"\"\necho one\nuv publish\n\"\"\"\n"
                         "b = \"\"\"echo one\nuv publish\"\"\"\n"
                         "c = \"echo one\\nuv publish\"\n");
  // a: the newline after the opening quotes is trimmed, so value line 1 is source line 3.
  SourceSpan a = locate_in_string(sources, SourceSpan{f, {1, 5}, {4, 4}}, 1, "uv");
  CHECK(a.begin.line == 3);
  CHECK(a.begin.column == 1);
  SourceSpan b = locate_in_string(sources, SourceSpan{f, {5, 5}, {6, 14}}, 1, "uv");
  CHECK(b.begin.line == 6);
  // c: an escaped newline keeps everything on one source line.
  SourceSpan c = locate_in_string(sources, SourceSpan{f, {7, 5}, {7, 27}}, 1, "uv");
  CHECK(c.begin.line == 7);
  CHECK(c.begin.column == 16);
  CHECK(mask_secret("pypi-AgEIcHlwaS5vcmc") == "pypi…(20 characters)");
  // d: `$'\n'` in a `"""` string is a real newline in the script (value line 2 is source line
  // 10), `\t` one column; with the column the span is exact even where the text repeats.
  FileId g = sources.add("n.toml", "/n.toml",
                         "d = \"\"\"\nr=\"x\"$'\\n'\nfind docs/api\necho 'docs/api'\n\"\"\"\n"
                         "e = \"a\\tb \\\"q\\\" docs/api\"\n"
                         "f = \"\"\"x \\\n    docs/api\"\"\"\n");
  SourceSpan d = locate_in_string(sources, SourceSpan{g, {1, 5}, {5, 4}}, 2, "docs/api", 6);
  CHECK(d.begin.line == 3);
  CHECK(d.begin.column == 6);
  CHECK(d.end.column == 14);
  SourceSpan d0 = locate_in_string(sources, SourceSpan{g, {1, 5}, {5, 4}}, 3, "docs/api");
  CHECK(d0.begin.line == 4);
  // decoded `a<TAB>b "q" docs/api`: column 9 is source column 17 (three escapes before it)
  SourceSpan e = locate_in_string(sources, SourceSpan{g, {6, 5}, {6, 32}}, 0, "docs/api", 9);
  CHECK(e.begin.line == 6);
  CHECK(e.begin.column == 17);
  // a line-ending backslash joins the lines: decoded `x docs/api` is one line
  SourceSpan joined = locate_in_string(sources, SourceSpan{g, {7, 5}, {8, 16}}, 0, "docs/api", 3);
  CHECK(joined.begin.line == 8);
  CHECK(joined.begin.column == 5);
}

TEST_CASE("roles and artifact flow of the completed seed Pattern 1", "[release]") {
  LoadResult loaded = load_project((fs::path(MISE_AUDIT_SOURCE_DIR) / "examples" / "pattern1-full-dag").string(), {});
  REQUIRE(loaded.error.empty());
  TaskGraph graph(loaded.project);
  ReleaseModel m(graph, builtin_role_book());
  auto id = [&](const char* n) { auto t = graph.find(n); REQUIRE(t); return *t; };
  CHECK((m.roles(id("release:macos-arm64")) & kRoleWheel));
  CHECK((m.roles(id("release:sdist")) & kRoleSdist));
  CHECK((m.roles(id("release:preflight")) & kRolePreflight));
  // Read from the executed scripts, not from the task names.
  CHECK((m.roles(id("release:version")) & kRoleVersion));
  const TaskFacts& pypi = m.facts(id("release:pypi"));
  REQUIRE((pypi.roles & kRolePublish));
  const CommandFact* publish = nullptr;
  for (const CommandFact& c : pypi.commands)
    if (c.roles & kRolePublish) publish = &c;
  REQUIRE(publish);
  CHECK(publish->command == "uv publish");
  CHECK(publish->reads == std::vector<std::string>{"dist/"});
  CHECK(publish->via_script == "./scripts/publish-to-pypi.sh");
  const CommandFact& wheel = m.facts(id("release:linux")).commands.at(0);
  CHECK(wheel.writes == "target/wheels/");
  CHECK(wheel.span.begin.line == 55);
  CHECK(m.facts(id("release:full")).orchestrator);
  // The platform builds run (through `mise run` in release:build-all) after the version bump.
  RunOrder order(m, id("release:full"), 4);
  REQUIRE(order.complete());
  using R = RunOrder::Relation;
  CHECK(order.relation(id("release:version"), id("release:linux")) == R::Before);
  CHECK(order.relation(id("release:version"), id("release:build-all")) == R::Before);
  CHECK(order.relation(id("release:sync"), id("release:version")) == R::Before);
}

TEST_CASE("user role patterns extend roles.toml", "[release]") {
  fs::path dir = fs::temp_directory_path() / "mise-audit-release-user-roles";
  fs::create_directories(dir);
  std::ofstream(dir / "mise.toml") << "[tasks.ship]\nrun = \"./tools/ship\"\n";
  auto publishes = [&](const RoleBook& book) {
    LoadResult loaded = load_project(dir.string(), {});
    TaskGraph graph(loaded.project);
    ReleaseModel m(graph, book);
    return (m.roles(*graph.find("ship")) & kRolePublish) != 0;
  };
  CHECK_FALSE(publishes(builtin_role_book()));
  std::string error;
  std::optional<RoleBook> book =
      extend_role_book(builtin_role_book(), "[[command]]\nmatch = \"./tools/ship\"\nroles = [\"publish\"]\n", error);
  REQUIRE(book);
  CHECK(publishes(*book));
  CHECK(check_role_patterns("[[command]]\nmatch = \"x\"\nroles = [\"launch\"]\n") != "");
  CHECK_FALSE(publishes(builtin_role_book()));  // the extended book changed nothing global
  fs::remove_all(dir);
}

TEST_CASE("commands inside bash -c and across options with values", "[release]") {
  fs::path dir = fs::temp_directory_path() / "mise-audit-release-bash-c";
  fs::create_directories(dir);
  std::ofstream(dir / "mise.toml") << "[tasks.a]\nrun = \"/usr/bin/env bash -c 'GITHUB_TOKEN=$(gh auth token) npx semantic-release --no-ci'\"\n"
                                      "[tasks.b]\nrun = \"uv --directory packages/core build --wheel\"\n"
                                      "[tasks.c]\nrun = \"uv run build.py\"\n";
  LoadResult loaded = load_project(dir.string(), {});
  TaskGraph graph(loaded.project);
  ReleaseModel m(graph, builtin_role_book());
  CHECK(m.roles(*graph.find("a")) == kRoleVersion);
  CHECK(m.roles(*graph.find("b")) == kRoleWheel);
  CHECK(m.roles(*graph.find("c")) == 0);
  fs::remove_all(dir);
}
