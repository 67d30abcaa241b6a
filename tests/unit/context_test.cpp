// Project context, end to end through the binary: what mise loads from where mise-audit is run
// (parent configs, sub-folders, monorepo members), file arguments, nested projects of a
// repository, exclusions and --show-files.
#include <catch2/catch.hpp>

#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// A repository: the root's `gen`, a sub-project using it, a task folder, an include.
void write_repository(const cli_run::Scratch& s) {
  s.file("mise.toml",
         "[task_config]\nincludes = [\"tasks\", \".mise/tasks\"]\n\n[tasks.gen]\nrun = \"protoc --go_out=. api.proto\"\n");
  s.file("tasks/release.toml", "[\"release:notes\"]\ndepends = [\"gen\"]\nrun = \"git cliff -o CHANGELOG.md\"\n");
  s.write(".mise/tasks/build", "#!/usr/bin/env bash\n#MISE depends=[\"gen\"]\ngo build ./...\n", true);
  s.file("packages/cli/mise.toml", "[tasks.cli]\ndepends = [\"gen\", \"build\"]\nrun = \"go build ./cmd/cli\"\n");
  s.file("src/main.go", "package main\n");
  s.file("pyproject.toml", "[project]\nname = \"x\"\n");
}

}  // namespace

TEST_CASE("context: a sub-project sees its parent's tasks, as mise does") {
  cli_run::Scratch s;
  write_repository(s);
  cli_run::Result r = cli_run::run(s.dir / "packages/cli", {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "No problems found (1 task in 1 file).\n");
  CHECK(r.err.empty());
  // Its parent's tasks are listed as mise lists them there.
  cli_run::Result t = cli_run::run(s.dir / "packages/cli", {"tasks"});
  CHECK(has(t.out, "build "));
  CHECK(has(t.out, "cli "));
  CHECK(has(t.out, "gen "));
  CHECK(has(t.out, "release:notes"));
}

TEST_CASE("context: a plain sub-folder is linted as part of the project above it") {
  cli_run::Scratch s;
  write_repository(s);
  cli_run::Result r = cli_run::run(s.dir / "src", {"check", "--color", "never", "--no-nested"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "No problems found (3 tasks in 3 files).\n");
}

TEST_CASE("context: no mise config anywhere is exit 2 and never 'No problems found'") {
  cli_run::Scratch s;
  s.file("src/main.go", "package main\n");
  cli_run::Result r = cli_run::run(s.dir / "src", {"check"});
  CHECK(r.status == 2);
  CHECK(!has(r.out, "No problems found"));
  CHECK(has(r.err, "no mise config found here or in a folder above it"));
  CHECK(has(r.err, "looked for mise.toml, .mise.toml"));
  cli_run::Result json = cli_run::run(s.dir, {"check", "--format", "json"});
  CHECK(json.status == 2);
  CHECK(has(json.out, "\"successful\": false"));
}

TEST_CASE("context: a config file argument is linted in its project, with its task folders") {
  cli_run::Scratch s;
  s.file(".mise.toml", "[tasks.ci]\ndepends = [\"lint\", \"test\"]\n");
  s.write(".mise/tasks/lint", "#!/bin/sh\nruff check\n", true);
  s.write(".mise/tasks/test", "#!/bin/sh\npytest\n", true);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never", ".mise.toml"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "No problems found (1 task in 1 file).\n");
}

TEST_CASE("context: file arguments report on those files only, each project loaded once") {
  cli_run::Scratch s;
  write_repository(s);
  s.file("packages/cli/mise.toml", "[tasks.cli]\ndepends = [\"gne\"]\nrun = \"go build ./cmd/cli\"\n");
  s.file("tasks/release.toml", "[\"release:notes\"]\ndepends = [\"notes-gen\"]\nrun = \"git cliff\"\n");
  cli_run::Result one = cli_run::run(s.dir, {"check", "--color", "never", "packages/cli/mise.toml"});
  INFO(one.out << one.err);
  CHECK(one.status == 1);
  CHECK(has(one.out, "packages/cli/mise.toml:2:12: error[missing-dependency]"));
  CHECK(!has(one.out, "tasks/release.toml"));
  // An include and a file task are linted in the project that loads them (the root's).
  cli_run::Result inc = cli_run::run(s.dir, {"check", "--color", "never", "tasks/release.toml", ".mise/tasks/build"});
  INFO(inc.out << inc.err);
  CHECK(inc.status == 1);
  CHECK(has(inc.out, "tasks/release.toml:2:12: error[missing-dependency]"));
  CHECK(count(inc.out, "error[") == 1);
  CHECK(has(inc.out, "(2 tasks in 2 files)"));
}

TEST_CASE("context: a file mise does not load is a usage error, skipped by the pre-commit hook") {
  cli_run::Scratch s;
  write_repository(s);
  cli_run::Result r = cli_run::run(s.dir, {"check", "pyproject.toml"});
  CHECK(r.status == 2);
  CHECK(has(r.out, "checking failed: pyproject.toml: not a file mise loads"));
  CHECK(!has(r.out, "No problems found"));
  CHECK(r.err == "mise-audit: pyproject.toml: not a file mise loads for tasks (configs such as mise.toml, task files in "
                 "task folders or `task_config.includes`, `file =` scripts)\n");
  cli_run::Result hook = cli_run::run(s.dir, {"check", "--pre-commit", "--color", "never", "pyproject.toml", "src/main.go", "mise.toml"});
  INFO(hook.out << hook.err);
  CHECK(hook.status == 0);
  CHECK(hook.err.empty());
  CHECK(hook.out == "No problems found (1 task in 1 file).\n");
  cli_run::Result only_other = cli_run::run(s.dir, {"check", "--pre-commit", "pyproject.toml", "src/main.go"});
  CHECK(only_other.status == 0);
  CHECK(only_other.out.empty());
}

TEST_CASE("context: a monorepo member is named and resolved from its root") {
  cli_run::Scratch s;
  s.file("mise.toml",
         "monorepo_root = true\n\n[settings]\nexperimental = true\n\n[monorepo]\nconfig_roots = [\"packages/*\"]\n\n"
         "[tasks.gen]\nrun = \"buf generate\"\n");
  s.file("packages/app/mise.toml", "[tasks.build]\ndepends = [\"//:gen\", \"//packages/lib:build\", \"tset\"]\nrun = \"vite build\"\n\n[tasks.test]\nrun = \"vitest\"\n");
  s.file("packages/lib/mise.toml", "[tasks.build]\ndepends = [\"nope\"]\nrun = \"tsc\"\n");
  cli_run::Result r = cli_run::run(s.dir / "packages/app", {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out, "mise.toml:2:46: error[missing-dependency]: `depends` of task \"//packages/app:build\": \"tset\" names no task"));
  CHECK(count(r.out, "error[") == 1);  // lib's own error belongs to lib
  cli_run::Result t = cli_run::run(s.dir / "packages/app", {"tasks"});
  CHECK(has(t.out, "//:gen"));
  CHECK(has(t.out, "//packages/app:build"));
  CHECK(!has(t.out, "//packages/lib:build"));
}

TEST_CASE("context: a repository root covers nested projects once each, skipping what git ignores") {
  cli_run::Scratch s;
  write_repository(s);
  s.file("mise.toml", "[tasks.gen]\ndepends = [\"fmt\"]\nrun = \"protoc\"\n");  // a root error, seen from every project
  s.file("packages/cli/mise.toml", "[tasks.cli]\ndepends = [\"gne\"]\nrun = \"go build\"\n");
  s.file("node_modules/dep/mise.toml", "[tasks.x]\ndepends = [\"missing\"]\n");
  s.file(".gitignore", "node_modules/\n");
  s.file("tests/fixtures/broken/mise.toml", "[tasks.y]\ndepends = [\"missing\"]\n");
  s.file(".mise-audit.toml", "exclude = [\"tests/fixtures\"]\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never", "."});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(count(r.out, "mise.toml:2:12: error[missing-dependency]: `depends` of task \"gen\"") == 1);
  CHECK(has(r.out, "packages/cli/mise.toml:2:12: error[missing-dependency]"));
  CHECK(!has(r.out, "node_modules"));
  CHECK(!has(r.out, "tests/fixtures"));
  CHECK(count(r.out, "error[") == 2);
  // An explicit argument is linted even when excluded, unless --force-exclude.
  cli_run::Result explicit_arg = cli_run::run(s.dir, {"check", "--color", "never", "tests/fixtures/broken"});
  CHECK(explicit_arg.status == 1);
  cli_run::Result forced = cli_run::run(s.dir, {"check", "--force-exclude", "tests/fixtures/broken"});
  CHECK(forced.status == 0);
  CHECK(forced.out.empty());
  // --exclude on the command line, and --no-nested.
  cli_run::Result cli_excluded = cli_run::run(s.dir, {"check", "--color", "never", "--exclude", "packages/*", "."});
  CHECK(!has(cli_excluded.out, "packages/cli"));
  cli_run::Result root_only = cli_run::run(s.dir, {"check", "--color", "never", "--no-nested", "."});
  CHECK(count(root_only.out, "error[") == 1);
}

TEST_CASE("context: --show-files names every file read and why") {
  cli_run::Scratch s;
  write_repository(s);
  cli_run::Result r = cli_run::run(s.dir / "packages/cli", {"check", "--show-files"});
  INFO(r.err);
  CHECK(r.status == 0);
  // Files outside the working directory are shown by their absolute path, as in findings. In the
  // order they are read: every config of the context first (their settings apply to all task
  // folders), then the task folders.
  std::string root = s.dir.string();
  CHECK(r.out == root + "/mise.toml\tparent config (context only: reported by its own project)\n"
                     "mise.toml\tconfig\n" + root +
                     "/tasks/release.toml\ttask file (context only: reported by its own project)\n" + root +
                     "/.mise/tasks/build\tfile task (context only: reported by its own project)\n");
}

TEST_CASE("context: configs above the repository root are named, not read") {
  cli_run::Scratch outer(false);
  outer.file("mise.toml", "[tasks.outer]\nrun = \"echo outer\"\n");
  outer.file("repo/mise.toml", "[tasks.ci]\ndepends = [\"outer\"]\n");
  REQUIRE(cli_run::shell(outer.dir / "repo", "git init -q .").status == 0);
  // MISE_CEILING_PATHS (tests/ and examples/ of the source tree) does not cover the scratch.
  cli_run::Result r = cli_run::run(outer.dir / "repo", {"check", "--color", "never", "--no-nested"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out, "error[missing-dependency]"));
  CHECK(has(r.err, "note: mise also reads " + (outer.dir / "mise.toml").string() + " (above the repository root"));
}

TEST_CASE("context: environments: an unselected mise.<env>.toml is named, -E of no config warns, a passed one is linted") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.build]\nrun = \"make\"\n");
  s.file("mise.ci.toml", "[tasks.deploy]\ndepends = [\"biuld\"]\nrun = \"./deploy\"\n");
  cli_run::Result plain = cli_run::run(s.dir, {"check", "--color", "never", "--no-nested"});
  CHECK(plain.status == 0);
  CHECK(plain.err == "mise-audit: note: not linted, read by mise only in their environment: mise.ci.toml (-E ci)\n");
  cli_run::Result ci = cli_run::run(s.dir, {"check", "--color", "never", "--no-nested", "-E", "ci"});
  CHECK(ci.status == 1);
  CHECK(has(ci.out, "mise.ci.toml:2:12: error[missing-dependency]"));
  CHECK(ci.err.empty());
  cli_run::Result typo = cli_run::run(s.dir, {"check", "--color", "never", "--no-nested", "-E", "cj"});
  CHECK(has(typo.err, "warning: environment `cj` (-E / MISE_ENV) has no config here"));
  cli_run::Result file = cli_run::run(s.dir, {"check", "--color", "never", "mise.ci.toml"});
  CHECK(file.status == 1);
  CHECK(has(file.out, "mise.ci.toml:2:12: error[missing-dependency]"));
}

TEST_CASE("context: stdin named after a file of a project is linted in that project, in place of the file") {
  cli_run::Scratch s;
  write_repository(s);
  // An unsaved buffer of the file task: `gen` is the root's task, so the buffer is clean…
  cli_run::Result clean = cli_run::run(s.dir, {"check", "--color", "never", "--stdin-filename", ".mise/tasks/build", "-"},
                                       "#!/usr/bin/env bash\n#MISE depends=[\"gen\"]\nset -eu\ngo build ./...\n");
  INFO(clean.out << clean.err);
  CHECK(clean.status == 0);
  CHECK(clean.out == "No problems found (1 task in 1 file).\n");
  // …and its typo is found at the buffer's line, with the project's names to suggest.
  cli_run::Result typo = cli_run::run(s.dir, {"check", "--color", "never", "--stdin-filename", "packages/cli/mise.toml", "-"},
                                      "[tasks.cli]\nrun = \"go build\"\ndepends = [\"gne\"]\n");
  CHECK(typo.status == 1);
  CHECK(has(typo.out, "packages/cli/mise.toml:3:12: error[missing-dependency]"));
  CHECK(has(typo.out, "did you mean \"gen\"?"));
}

TEST_CASE("context: the global config is read only with --global") {
  cli_run::Scratch home(false);
  home.file(".config/mise/config.toml", "[tasks.fmt]\nrun = \"prettier -w .\"\n");
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.ci]\ndepends = [\"fmt\"]\nrun = \"make test\"\n");
  std::string env = "HOME=" + cli_run::quote(home.dir.string()) + " ";
  cli_run::Result plain = cli_run::shell(s.dir, env + cli_run::quote(MISE_AUDIT_BINARY) + " check --color never --no-nested .");
  CHECK(plain.status == 1);
  CHECK(has(plain.out, "\"fmt\" names no task"));
  cli_run::Result global = cli_run::shell(s.dir, env + cli_run::quote(MISE_AUDIT_BINARY) + " check --color never --no-nested --global .");
  INFO(global.out << global.err);
  CHECK(global.status == 0);
  CHECK(global.out == "No problems found (1 task in 1 file).\n");
}

TEST_CASE("context: a sub-project's release is not blamed for its parent's publisher") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.build]\nrun = \"cmake --build build\"\n\n[tasks.release]\ndepends = [\"build\"]\n"
                      "run = \"gh release create v1 dist/*.deb\"\n");
  s.file("examples/py/mise.toml",
         "[tasks.\"release:build\"]\nrun = [\"maturin build --release\", \"maturin sdist\"]\n\n"
         "[tasks.\"release:pypi\"]\ndepends = [\"release:build\"]\nrun = \"uv publish target/wheels/*\"\n\n"
         "[tasks.\"release:full\"]\ndepends = [\"release:pypi\"]\n");
  cli_run::Result r = cli_run::run(s.dir / "examples/py", {"check", "--color", "never", "--select", "orchestrator-incomplete"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
}

TEST_CASE("context: .miserc.toml's env selects environments when neither -E nor MISE_ENV does") {
  cli_run::Scratch s;
  s.file(".miserc.toml", "env = [\"ci\"]\n");
  s.file("mise.toml", "[tasks.build]\nrun = \"make\"\n");
  s.file("mise.ci.toml", "[tasks.deploy]\ndepends = [\"biuld\"]\nrun = \"./deploy\"\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never", "--no-nested"});
  CHECK(r.status == 1);
  CHECK(has(r.out, "mise.ci.toml:2:12: error[missing-dependency]"));
  CHECK(r.err.empty());
  cli_run::Result other = cli_run::run(s.dir, {"check", "--color", "never", "--no-nested", "-E", "dev"});
  CHECK(!has(other.out, "mise.ci.toml"));
  CHECK(has(other.err, "mise.ci.toml (-E ci)"));
}
