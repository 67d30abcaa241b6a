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
  // The help says where the path starts: the inheriting task's folder, not the parent's.
  CHECK(has(r.out, "= help: this `dir` is inherited from "));
  CHECK(has(r.out, "mise.toml (`[task_config]` with `cascade = true`), and a relative path starts at the config root "
                   "of each task that inherits it (here `app`, below that file's folder)"));
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

TEST_CASE("loading settings: a TOML task beside x, x.sh and x.py is two tasks x, as mise runs both scripts") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.x]\nrun = \"echo toml\"\nalias = \"xa\"\n\n[tasks.ci]\ndepends = [\"xa\"]\n");
  s.write("mise-tasks/x", "#!/bin/sh\necho x\n", true);
  s.write("mise-tasks/x.sh", "#!/bin/sh\necho x.sh\n", true);
  s.write("mise-tasks/x.py", "#!/bin/sh\necho x.py\n", true);
  cli_run::Result r = cli_run::run(s.dir, {"tasks"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "ci                             \nx                              \nx                              \n");
  cli_run::Result json = cli_run::run(s.dir, {"tasks", "--json"});
  CHECK(has(json.out, "mise-tasks/x.py\""));
  CHECK(has(json.out, "mise-tasks/x.sh\""));
  CHECK(!has(json.out, "mise-tasks/x\""));
  // The alias both carry is not a conflict: they are one name.
  cli_run::Result check = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(check.out << check.err);
  CHECK(check.status == 0);
}

TEST_CASE("loading settings: .miserc.toml's override_config_filenames are the only config names, also for nested projects") {
  cli_run::Scratch s;
  s.file(".miserc.toml", "override_config_filenames = [\"tasks.toml\"]\n");
  s.file("mise.toml", "[tasks.ignored]\ndepends = [\"nothing\"]\n");
  s.file("tasks.toml", "[tasks.build]\nrun = \"make\"\n");
  s.file("app/tasks.toml", "[tasks.test]\ndepends = [\"biuld\"]\nrun = \"make test\"\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out, "app/tasks.toml:2:12: error[missing-dependency]"));
  CHECK(!has(r.out, "mise.toml"));
  // The variable replaces the key (and --isolated ignores the variable).
  cli_run::Result env = run_with(s.dir, "MISE_OVERRIDE_CONFIG_FILENAMES=mise.toml", "check --color never --no-nested");
  INFO(env.out << env.err);
  CHECK(has(env.out, "mise.toml:2:12: error[missing-dependency]"));
  cli_run::Result isolated = run_with(s.dir, "MISE_OVERRIDE_CONFIG_FILENAMES=mise.toml", "check --color never --no-nested --isolated");
  INFO(isolated.out << isolated.err);
  CHECK(isolated.status == 0);
}

TEST_CASE("loading settings: .miserc.toml's ignored_config_paths keeps configs unread, relative to its folder") {
  cli_run::Scratch s;
  s.file(".config/miserc.toml", "ignored_config_paths = [\"../vendor/**\"]\n");
  s.file("mise.toml", "[tasks.ci]\ndepends = [\"vendored\"]\n");
  s.file("vendor/lib/mise.toml", "[tasks.broken]\ndepends = [\"nothing\"]\n");
  cli_run::Result r = cli_run::run(s.dir / "vendor/lib", {"check", "--color", "never"});
  INFO(r.out << r.err);
  // From vendor/lib, its own config is ignored: the project is the root's.
  CHECK(r.status == 1);
  CHECK(has(r.out, "\"vendored\" names no task"));
  CHECK(!has(r.out, "nothing"));
}

TEST_CASE("loading settings: --isolated leaves out the local overlays .gitignore ignores, not committed ones") {
  cli_run::Scratch s;
  s.file(".gitignore", "mise.local.toml\n");
  s.file("mise.toml", "[tasks.ci]\ndepends = [\"committed\", \"mine\"]\n");
  s.file(".mise.local.toml", "[tasks.committed]\nrun = \"make\"\n");
  s.file("mise.local.toml", "[tasks.mine]\nrun = \"make\"\n");
  REQUIRE(std::system(("git -C " + cli_run::quote(s.dir.string()) + " add .mise.local.toml >/dev/null 2>&1").c_str()) == 0);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  cli_run::Result isolated = cli_run::run(s.dir, {"check", "--color", "never", "--isolated"});
  INFO(isolated.out << isolated.err);
  CHECK(isolated.status == 1);
  CHECK(has(isolated.out, "\"mine\" names no task"));
  CHECK(!has(isolated.out, "\"committed\" names no task"));
  cli_run::Result files = cli_run::run(s.dir, {"check", "--isolated", "--show-files"});
  CHECK(files.out == "mise.toml\tconfig\n.mise.local.toml\tconfig\n");
}

TEST_CASE("loading settings: task.auto_infer makes package.json scripts tasks of a monorepo (experimental)") {
  cli_run::Scratch s;
  std::string settings = "monorepo_root = true\n\n[settings]\nexperimental = true\ntask.auto_infer = [\"node\"]\n\n";
  std::string ci = "[tasks.ci]\ndepends = [\"//packages/web:build\", \"node:@acme/api#test\"]\nrun = \"echo ci\"\n";
  s.file("mise.toml", settings + ci);
  s.file("package.json", "{\"name\": \"acme\", \"workspaces\": [\"packages/*\"]}\n");
  s.file("packages/web/package.json", "{\"name\": \"@acme/web\", \"scripts\": {\"build\": \"vite build\"}}\n");
  s.file("packages/api/package.json", "{\"name\": \"@acme/api\", \"scripts\": {\"test\": \"jest\"}}\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  cli_run::Result tasks = cli_run::run(s.dir, {"tasks"});
  CHECK(tasks.out ==
        "//:ci                          \n"
        "node:@acme/api#test            jest\n"
        "node:@acme/web#build           vite build\n");
  // Without experimental, mise infers nothing: the dependencies name no task.
  s.file("mise.toml", "monorepo_root = true\n\n[settings]\ntask.auto_infer = [\"node\"]\n\n" + ci);
  cli_run::Result off = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(off.out << off.err);
  CHECK(off.status == 1);
  CHECK(has(off.out, "error[missing-dependency]"));
}
