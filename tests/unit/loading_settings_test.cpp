// Settings that change which tasks mise loads (model §4.4, §5.1, §11), end to end through the
// binary; the differential fixtures (cascade*, disable_paths*, monorepo_*) compare each with the
// live mise.
#include <catch2/catch.hpp>

#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// `mise-audit <args>` in `dir` with one more environment variable (`NAME=value`).
cli_run::Result run_with(const fs::path& dir, const std::string& variable, const std::string& args) {
  return cli_run::shell(dir, variable + " " + cli_run::quote(MISE_AUDIT_BINARY) + " " + args + " </dev/null");
}

}  // namespace

TEST_CASE("loading settings: task_config.cascade gives a parent's dir to the roots below it") {
  cli_run::Scratch s;
  s.file("mise.toml", "[task_config]\ncascade = true\ndir = \"work\"\n\n[tasks.root]\nrun = \"make\"\n");
  s.file("work/.keep", "");
  s.file("app/mise.toml", "[tasks.build]\nrun = \"make\"\n");
  // app/work does not exist: mise would run `build` in it and fail.
  cli_run::Result r = cli_run::run(s.dir / "app", {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out, "warning[missing-directory]: folder \"work\" of task \"build\" does not exist"));
  // `cascade = false` below stops it.
  s.file("app/mise.toml", "[task_config]\ncascade = false\n\n[tasks.build]\nrun = \"make\"\n");
  cli_run::Result off = cli_run::run(s.dir / "app", {"check", "--color", "never"});
  INFO(off.out << off.err);
  CHECK(off.status == 0);
  // Without cascade, a parent's task_config is its own.
  s.file("mise.toml", "[task_config]\ndir = \"work\"\n\n[tasks.root]\nrun = \"make\"\n");
  s.file("app/mise.toml", "[tasks.build]\nrun = \"make\"\n");
  cli_run::Result none = cli_run::run(s.dir / "app", {"check", "--color", "never"});
  INFO(none.out << none.err);
  CHECK(none.status == 0);
}

TEST_CASE("loading settings: task.disable_paths keeps file tasks out, as MISE_TASK_DISABLE_PATHS does") {
  cli_run::Scratch s;
  s.file("mise.toml", "[settings]\ntask.disable_paths = [\"mise-tasks/old\"]\n\n[tasks.ci]\ndepends = [\"lint\", \"old:check\"]\n");
  s.write("mise-tasks/lint", "#!/bin/sh\nruff check\n", true);
  s.write("mise-tasks/old/check", "#!/bin/sh\nexit 1\n", true);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out, "error[missing-dependency]"));
  CHECK(has(r.out, "\"old:check\""));
  // The variable replaces the setting; relative entries start at the working folder.
  cli_run::Result env = run_with(s.dir, "MISE_TASK_DISABLE_PATHS=elsewhere", "check --color never");
  INFO(env.out << env.err);
  CHECK(env.status == 0);
  // --isolated ignores it.
  cli_run::Result isolated = run_with(s.dir, "MISE_TASK_DISABLE_PATHS=elsewhere", "check --isolated --color never");
  CHECK(isolated.status == 1);
}

TEST_CASE("loading settings: a TOML task beside file tasks x and x.sh is one task running x.sh") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.x]\nrun = \"echo toml\"\ndescription = \"toml\"\n");
  s.write("mise-tasks/x", "#!/bin/sh\necho x\n", true);
  s.write("mise-tasks/x.sh", "#!/bin/sh\necho x.sh\n", true);
  cli_run::Result r = cli_run::run(s.dir, {"tasks", "--json"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(has(r.out, "\"name\": \"x\""));
  CHECK(!has(r.out, "\"name\": \"x.sh\""));
  CHECK(has(r.out, "mise-tasks/x.sh\""));
  CHECK(!has(r.out, "mise-tasks/x\""));
}

TEST_CASE("loading settings: a monorepo member with only a task folder is found, and its tasks resolve") {
  cli_run::Scratch s;
  s.file("mise.toml", "monorepo_root = true\n\n[tasks.ci]\ndepends = [\"//tools:fmt\"]\n");
  s.write("tools/mise-tasks/fmt", "#!/bin/sh\nshfmt -w .\n", true);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(!has(r.out, "missing-dependency"));
  // MISE_TASK_MONOREPO_DEPTH=0 stops the walk at the root: then the task is missing.
  cli_run::Result shallow = run_with(s.dir, "MISE_TASK_MONOREPO_DEPTH=0", "check --color never");
  INFO(shallow.out << shallow.err);
  CHECK(shallow.status == 1);
  CHECK(has(shallow.out, "error[missing-dependency]"));
}

TEST_CASE("loading settings: the monorepo walk skips what .gitignore ignores, unless told not to") {
  cli_run::Scratch s;
  s.file("mise.toml", "monorepo_root = true\n\n[tasks.root]\nrun = \"make\"\n");
  s.file(".gitignore", "generated/\n");
  s.file("app/mise.toml", "[tasks.build]\nrun = \"make\"\n");
  s.file("generated/copy/mise.toml", "[tasks.build]\nrun = \"make\"\n");
  cli_run::Result r = cli_run::run(s.dir, {"tasks", "--json", "--all"});
  INFO(r.out << r.err);
  CHECK(has(r.out, "\"//app:build\""));
  CHECK(!has(r.out, "//generated/copy:build"));
  cli_run::Result off = run_with(s.dir, "MISE_TASK_MONOREPO_RESPECT_GITIGNORE=false", "tasks --json --all");
  INFO(off.out << off.err);
  CHECK(has(off.out, "\"//generated/copy:build\""));
}

TEST_CASE("loading settings: MISE_IGNORED_CONFIG_PATHS keeps a config unread, not the task folder beside it") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.ci]\ndepends = [\"lint\", \"fmt\"]\n");
  s.file("mise.local.toml", "[tasks.lint]\nrun = \"ruff check\"\n");
  s.write("mise-tasks/fmt", "#!/bin/sh\nruff format\n", true);
  cli_run::Result r = run_with(s.dir, "MISE_IGNORED_CONFIG_PATHS=mise.local.toml", "check --color never");
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out, "\"lint\" names no task"));
  CHECK(!has(r.out, "\"fmt\" names no task"));
}
