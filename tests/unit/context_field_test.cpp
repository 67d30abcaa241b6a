// Project contexts found wanting by the second field test: a config below a monorepo root that
// `config_roots` misses, a repository whose projects all lie below its root, how paths are shown
// from a sub-folder, and a run that checks nothing. Outputs compared whole.
#include <catch2/catch.hpp>

#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

// A monorepo whose `config_roots` names apps/web only; apps/infra and apps/infra/aws are projects
// mise loads (as `//apps/infra:…`, `//apps/infra/aws:…`) only when run in them.
void write_monorepo(const cli_run::Scratch& s) {
  s.file("mise.toml",
         "monorepo_root = true\n\n[monorepo]\nconfig_roots = [\"apps/web\"]\n\n[tasks.fmt]\nrun = \"prettier -w .\"\n");
  s.file("apps/web/mise.toml", "[tasks.build]\ndepends = [\"//:fmt\"]\nrun = \"vite build\"\n");
  s.file("apps/infra/mise.toml", "[tasks.init]\nrun = \"terraform init\"\n");
  s.file("apps/infra/aws/mise.toml",
         "[tasks.apply]\ndepends = [\"plan\", \"//apps/infra:init\", \"//:fmt\", \"//apps/web:build\"]\n"
         "run = \"terraform apply\"\n");
}

const char* kAwsFinding =
    "error[missing-dependency]: `depends` of task \"//apps/infra/aws:apply\": \"plan\" names no task\n"
    "  |\n"
    "2 | depends = [\"plan\", \"//apps/infra:init\", \"//:fmt\", \"//apps/web:build\"]\n"
    "  |            ^^^^^^\n"
    "\n";

}  // namespace

TEST_CASE("field context: a config below a monorepo root that config_roots misses is linted where mise loads it") {
  cli_run::Scratch s;
  write_monorepo(s);
  // From its folder: loaded with the root and the folders on the way, named from the root.
  cli_run::Result here = cli_run::run(s.dir / "apps/infra/aws", {"check", "--color", "never"});
  INFO(here.out << here.err);
  CHECK(here.status == 1);
  CHECK(here.out == std::string("mise.toml:2:12: ") + kAwsFinding + "Found 1 error (1 task in 1 file).\n");
  CHECK(here.err.empty());
  // As mise lists them there: the root's, the folder's on the way, its own; not the members'.
  cli_run::Result tasks = cli_run::run(s.dir / "apps/infra/aws", {"tasks"});
  CHECK(tasks.out ==
        "//:fmt                         \n"
        "//apps/infra/aws:apply         \n"
        "//apps/infra:init              \n");
  // As a file argument and from the pre-commit hook.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"check", "--color", "never", "apps/infra/aws/mise.toml"},
        std::vector<std::string>{"check", "--color", "never", "--pre-commit", "apps/infra/aws/mise.toml", "README.md"}}) {
    cli_run::Result file = cli_run::run(s.dir, args);
    INFO(file.out << file.err);
    CHECK(file.status == 1);
    CHECK(file.out == std::string("apps/infra/aws/mise.toml:2:12: ") + kAwsFinding + "Found 1 error (1 task in 1 file).\n");
    CHECK(file.err.empty());
  }
  // From the repository root: every project once, each in its own context (apps/web as the
  // root's member, apps/infra and apps/infra/aws in their own).
  cli_run::Result root = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(root.out << root.err);
  CHECK(root.status == 1);
  CHECK(root.out == std::string("apps/infra/aws/mise.toml:2:12: ") + kAwsFinding + "Found 1 error (4 tasks in 4 files).\n");
  CHECK(root.err.empty());
  // --show-files from the root: the member through the root's project; the others in their own,
  // each loading the root with its members and the folders on the way (as mise does there).
  cli_run::Result files = cli_run::run(s.dir, {"check", "--show-files"});
  CHECK(files.out ==
        "mise.toml\tconfig\n"
        "apps/web/mise.toml\tconfig\n"
        "mise.toml\tconfig (context only: reported by its own project)\n"
        "apps/infra/mise.toml\tconfig\n"
        "apps/web/mise.toml\tconfig (context only: reported by its own project)\n"
        "mise.toml\tconfig (context only: reported by its own project)\n"
        "apps/infra/mise.toml\tconfig (context only: reported by its own project)\n"
        "apps/infra/aws/mise.toml\tconfig\n"
        "apps/web/mise.toml\tconfig (context only: reported by its own project)\n");
}

TEST_CASE("field context: a member of config_roots below the root is still linted once, by the root") {
  cli_run::Scratch s;
  write_monorepo(s);
  s.file("apps/web/mise.toml", "[tasks.build]\ndepends = [\"fmt\"]\nrun = \"vite build\"\n");  // a root task by its bare name
  cli_run::Result root = cli_run::run(s.dir, {"check", "--color", "never", "--select", "missing-dependency"});
  INFO(root.out << root.err);
  CHECK(root.status == 1);
  std::string out = root.out;
  CHECK(out.find("apps/web/mise.toml:2:12: error[missing-dependency]: `depends` of task \"//apps/web:build\": \"fmt\" names no task") == 0);
  CHECK(out.find("apps/web/mise.toml", 10) == std::string::npos);  // once
  CHECK(out.find("Found 2 errors (4 tasks in 4 files).\n") != std::string::npos);
}

TEST_CASE("field context: a repository root without a config of its own lints the projects below it") {
  cli_run::Scratch s;
  s.file("template/mise.toml", "[tasks.publish]\ndepends = [\"biuld\"]\nrun = \"npm publish\"\n\n[tasks.build]\nrun = \"bun build\"\n");
  s.file("README.md", "# a template\n");
  const std::string expected =
      "template/mise.toml:2:12: error[missing-dependency]: `depends` of task \"publish\": \"biuld\" names no task\n"
      "  |\n"
      "2 | depends = [\"biuld\"]\n"
      "  |            ^^^^^^^\n"
      "  = help: did you mean \"build\"?\n"
      "\n"
      "Found 1 error (2 tasks in 1 file).\n"
      "1 fixable with --unsafe-fixes.\n";
  // `mise-audit`, `check .` (the CI recipe) and `check` (the mise-audit-project hook) alike.
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--color", "never"},
                                               std::vector<std::string>{"check", "--color", "never", "."},
                                               std::vector<std::string>{"check", "--color", "never"}}) {
    cli_run::Result r = cli_run::run(s.dir, args);
    INFO(r.out << r.err);
    CHECK(r.status == 1);
    CHECK(r.out == expected);
    CHECK(r.err.empty());
  }
  // --no-nested: only the root, which has no project: exit 2, as before.
  cli_run::Result alone = cli_run::run(s.dir, {"check", "--no-nested"});
  CHECK(alone.status == 2);
  CHECK(alone.err == "mise-audit: " + s.dir.string() +
                         ": no mise config found (looked for mise.toml, .mise.toml, mise.local.toml, .config/mise.toml, "
                         ".config/mise/config.toml, .mise/config.toml, mise/config.toml, conf.d/*.toml, or a task folder "
                         "(mise-tasks/, .mise/tasks/, …))\n");
  // No project anywhere below: exit 2 naming what was looked for, never "No problems found".
  fs::remove_all(s.dir / "template");
  cli_run::Result none = cli_run::run(s.dir, {"check", "--color", "never"});
  CHECK(none.status == 2);
  CHECK(none.err == "mise-audit: " + s.dir.string() +
                        ": no mise config found here or in a project below it (looked for mise.toml, .mise.toml, "
                        "mise.local.toml, .config/mise.toml, .config/mise/config.toml, .mise/config.toml, mise/config.toml, "
                        "conf.d/*.toml, or a task folder (mise-tasks/, .mise/tasks/, …))\n");
  CHECK(none.out.find("No problems found") == std::string::npos);
}

TEST_CASE("field context: from a sub-folder, findings and notes name files the same way") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.a]\ndepends = [\"nope\"]\nrun = \"true\"\n");
  s.file("mise.ci.toml", "");
  s.file("src/main.go", "package main\n");
  // Outside the working folder: absolute paths in the text, the JSON and the notes alike.
  cli_run::Result text = cli_run::run(s.dir / "src", {"check", "--color", "never"});
  std::string out = text.out, err = text.err;
  replace_all(out, s.dir.string(), "$ROOT");
  replace_all(err, s.dir.string(), "$ROOT");
  CHECK(out ==
        "$ROOT/mise.toml:2:12: error[missing-dependency]: `depends` of task \"a\": \"nope\" names no task\n"
        "  |\n"
        "2 | depends = [\"nope\"]\n"
        "  |            ^^^^^^\n"
        "\n"
        "Found 1 error (1 task in 1 file).\n");
  CHECK(err == "mise-audit: note: not linted, read by mise only in their environment: $ROOT/mise.ci.toml (-E ci)\n");
  cli_run::Result json = cli_run::run(s.dir / "src", {"check", "--format", "json"});
  CHECK(json.out.find("\"file\": \"" + s.dir.string() + "/mise.toml\"") != std::string::npos);
  // GitHub annotations and SARIF are relative to the repository, as GitHub needs.
  cli_run::Result github = cli_run::run(s.dir / "src", {"check", "--format", "github"});
  CHECK(github.out.rfind("::error file=mise.toml,line=2,col=12,", 0) == 0);
  // At or below the working folder: relative paths everywhere.
  cli_run::Result at_root = cli_run::run(s.dir, {"check", "--color", "never", "--no-nested"});
  CHECK(at_root.out.rfind("mise.toml:2:12: error[missing-dependency]", 0) == 0);
  CHECK(at_root.err == "mise-audit: note: not linted, read by mise only in their environment: mise.ci.toml (-E ci)\n");
}

TEST_CASE("field context: a project with nothing mise loads is never 'No problems found'") {
  cli_run::Scratch s;
  fs::create_directories(s.dir / "mise-tasks");  // a task folder with no task in it
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 2);
  const std::string error = s.dir.string() + ": nothing was checked: mise loads no config or task file there";
  CHECK(r.out == "mise-audit: checking failed: " + error + "\n");
  CHECK(r.err == "mise-audit: " + error + "\n");
}
