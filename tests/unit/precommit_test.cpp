// .pre-commit-hooks.yaml, exercised with Debian's `pre-commit` offline: a throwaway hooks repo
// holding this repository's hook file, a throwaway project using it. The hook fails on the seed
// anti-pattern and passes on the fixed config.
#include <catch2/catch.hpp>

#include "corpus.h"
#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

bool have(const char* program) { return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0; }

const char* kGit = "git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main -c commit.gpgsign=false";

}  // namespace

TEST_CASE("pre-commit: the file hook sees every file, the project hook every mise file") {
  if (!have("python3") || std::system("python3 -c 'import yaml' 2>/dev/null") != 0) {
    FAIL_CHECK("python3 with PyYAML is needed to read .pre-commit-hooks.yaml (Debian: python3-yaml, a dependency of pre-commit)");
    return;
  }
  cli_run::Scratch s;
  s.file("check.py",
         "import re, sys, yaml\n"
         "files_hook, project_hook = yaml.safe_load(open(sys.argv[1]))\n"
         "assert files_hook['id'] == 'mise-audit' and 'files' not in files_hook\n"
         "assert files_hook['entry'] == 'mise-audit check --pre-commit' and files_hook['require_serial'] is True\n"
         "assert project_hook['id'] == 'mise-audit-project' and project_hook['pass_filenames'] is False\n"
         "assert project_hook['language'] == files_hook['language'] == 'system'\n"
         "pattern = re.compile(project_hook['files'])\n"
         "for name in sys.stdin.read().split():\n"
         "    print(('match ' if pattern.search(name) else 'skip ') + name)\n");
  std::string names =
      "mise.toml .mise.toml mise.local.toml .mise.local.toml mise.ci.toml .mise.ci.local.toml mise/config.toml "
      "mise/config.ci.toml .mise/config.toml .mise/config.local.toml .mise/conf.d/10-tools.toml mise/conf.d/a.toml "
      ".config/mise/config.toml .config/mise/mise.toml .config/mise/config.local.toml .config/mise/conf.d/a.toml "
      ".config/mise.toml .config/mise.local.toml .rtx.toml .rtx.local.toml pkg/api/mise.toml "
      "mise-tasks/release.toml .mise-tasks/ci/lint.toml .mise/tasks/x.toml .config/mise/tasks/y.toml mise/tasks/z.toml "
      "mise-tasks/build pkg/.mise/tasks/deploy.sh "
      "pyproject.toml Cargo.toml notmise.toml mise.toml.bak config.toml mise/other.toml docs/mise.md";
  cli_run::write(s.dir / "names.txt", names);
  cli_run::Result r = cli_run::shell(s.dir, "python3 check.py " + cli_run::quote(MISE_AUDIT_SOURCE_DIR "/.pre-commit-hooks.yaml") + " < names.txt");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "match mise.toml\nmatch .mise.toml\nmatch mise.local.toml\nmatch .mise.local.toml\nmatch mise.ci.toml\n"
        "match .mise.ci.local.toml\nmatch mise/config.toml\nmatch mise/config.ci.toml\nmatch .mise/config.toml\n"
        "match .mise/config.local.toml\nmatch .mise/conf.d/10-tools.toml\nmatch mise/conf.d/a.toml\n"
        "match .config/mise/config.toml\nmatch .config/mise/mise.toml\nmatch .config/mise/config.local.toml\n"
        "match .config/mise/conf.d/a.toml\nmatch .config/mise.toml\nmatch .config/mise.local.toml\nmatch .rtx.toml\n"
        "match .rtx.local.toml\nmatch pkg/api/mise.toml\nmatch mise-tasks/release.toml\nmatch .mise-tasks/ci/lint.toml\n"
        "match .mise/tasks/x.toml\nmatch .config/mise/tasks/y.toml\nmatch mise/tasks/z.toml\nmatch mise-tasks/build\n"
        "match pkg/.mise/tasks/deploy.sh\n"
        "skip pyproject.toml\nskip Cargo.toml\nskip notmise.toml\nskip mise.toml.bak\n"
        "skip config.toml\nskip mise/other.toml\nskip docs/mise.md\n");
}

TEST_CASE("pre-commit: the hook fails on the seed anti-pattern and passes on the fix") {
  if (!have("pre-commit") || !have("git")) {
    MISE_AUDIT_SKIP_TEST("`pre-commit` (Debian package pre-commit) or git is not installed");
  }
  cli_run::Scratch s(false);
  // The hooks repository: this repository's hook file, committed.
  cli_run::write(s.dir / "hooks/.pre-commit-hooks.yaml", cli_run::read(MISE_AUDIT_SOURCE_DIR "/.pre-commit-hooks.yaml"));
  std::string git = kGit;
  REQUIRE(cli_run::shell(s.dir / "hooks", git + " init -q && " + git + " add . && " + git + " commit -qm hooks").status == 0);
  std::string rev = cli_run::shell(s.dir / "hooks", "git rev-parse HEAD").out;
  rev = rev.substr(0, rev.find('\n'));

  // The project: the seed's broken pipeline (publish has no dependency on build).
  fs::path project = s.dir / "project";
  cli_run::write(project / ".pre-commit-config.yaml",
                 "repos:\n- repo: " + (s.dir / "hooks").string() + "\n  rev: " + rev + "\n  hooks:\n  - id: mise-audit\n");
  cli_run::write(project / "mise.toml",
                 "[tasks.\"release:build-all\"]\nrun = \"maturin build --release\"\n\n"
                 "[tasks.\"release:pypi\"]\n# No depends! Can run before build-all completes\nrun = \"./scripts/publish-to-pypi.sh\"\n");
  cli_run::write(project / "README.md", "not a mise file\n");
  cli_run::write(project / "scripts/publish-to-pypi.sh", "#!/bin/sh\n");
  REQUIRE(cli_run::shell(project, git + " init -q && " + git + " add .").status == 0);

  // `language: system`: the hook runs the mise-audit found on PATH, here the one just built.
  std::string env = "PATH=" + cli_run::quote(fs::path(MISE_AUDIT_BINARY).parent_path().string()) + ":\"$PATH\" PRE_COMMIT_HOME=" +
                    cli_run::quote((s.dir / "cache").string()) + " SKIP= PRE_COMMIT_COLOR=never ";
  cli_run::Result broken = cli_run::shell(project, env + "pre-commit run --all-files");
  INFO(broken.out << broken.err);
  CHECK(broken.status == 1);
  CHECK(broken.out.find("mise-audit") != std::string::npos);
  CHECK(broken.out.find("Failed") != std::string::npos);
  CHECK(broken.out.find("mise.toml:6:8: error[publish-without-build]") != std::string::npos);

  // Fixed as the seed says: publish depends on build (which also builds the sdist PyPI wants).
  cli_run::write(project / "mise.toml",
                 "[tasks.\"release:build-all\"]\nrun = [\"maturin build --release\", \"maturin sdist\"]\n\n"
                 "[tasks.\"release:pypi\"]\ndepends = [\"release:build-all\"]\nrun = \"./scripts/publish-to-pypi.sh\"\n");
  REQUIRE(cli_run::shell(project, git + " add .").status == 0);
  cli_run::Result fixed = cli_run::shell(project, env + "pre-commit run --all-files");
  INFO(fixed.out << fixed.err);
  CHECK(fixed.status == 0);
  CHECK(fixed.out.find("Passed") != std::string::npos);
}

namespace {

// A throwaway hooks repository holding this repository's hook file, and the environment that
// runs the mise-audit just built. Returns the hooks repository's revision.
std::string commit_hooks_repo(const fs::path& hooks) {
  cli_run::write(hooks / ".pre-commit-hooks.yaml", cli_run::read(MISE_AUDIT_SOURCE_DIR "/.pre-commit-hooks.yaml"));
  std::string git = kGit;
  REQUIRE(cli_run::shell(hooks, git + " init -q && " + git + " add . && " + git + " commit -qm hooks").status == 0);
  std::string rev = cli_run::shell(hooks, "git rev-parse HEAD").out;
  return rev.substr(0, rev.find('\n'));
}

std::string hook_env(const fs::path& scratch) {
  return "PATH=" + cli_run::quote(fs::path(MISE_AUDIT_BINARY).parent_path().string()) + ":\"$PATH\" PRE_COMMIT_HOME=" +
         cli_run::quote((scratch / "cache").string()) + " SKIP= PRE_COMMIT_COLOR=never ";
}

}  // namespace

TEST_CASE("pre-commit: includes, file tasks, a parent config and a monorepo member, each file in its context") {
  if (!have("pre-commit") || !have("git")) {
    FAIL_CHECK("`pre-commit` (Debian package pre-commit) and git are needed; scripts/test installs them");
    return;
  }
  cli_run::Scratch s(false);
  std::string rev = commit_hooks_repo(s.dir / "hooks");
  fs::path repo = s.dir / "repo";
  cli_run::write(repo / ".pre-commit-config.yaml", "repos:\n- repo: " + (s.dir / "hooks").string() + "\n  rev: " + rev +
                                                        "\n  hooks:\n  - id: mise-audit\n  - id: mise-audit-project\n");
  // The root: an include folder of TOML task files and a task folder of scripts.
  cli_run::write(repo / "mise.toml",
                 "[task_config]\nincludes = [\"tasks\", \"mise-tasks\"]\n\n[tasks.gen]\nrun = \"protoc --go_out=. api.proto\"\n");
  cli_run::write(repo / "tasks/release.toml", "[\"release:notes\"]\ndepends = [\"gen\"]\nrun = \"git cliff -o CHANGELOG.md\"\n");
  cli_run::write(repo / "mise-tasks/build", "#!/usr/bin/env bash\n#MISE depends=[\"gen\"]\ngo build ./...\n");
  fs::permissions(repo / "mise-tasks/build", fs::perms::owner_all, fs::perm_options::add);
  // A sub-project using the root's `gen` (mise reads parent configs), and a monorepo whose
  // member depends on its root's task by its monorepo name.
  cli_run::write(repo / "packages/cli/mise.toml", "[tasks.build]\ndepends = [\"gen\"]\nrun = \"go build ./cmd/cli\"\n");
  cli_run::write(repo / "mono/mise.toml",
                 "monorepo_root = true\n\n[settings]\nexperimental = true\n\n[monorepo]\nconfig_roots = [\"apps/*\"]\n\n"
                 "[tasks.fmt]\nrun = \"prettier -w .\"\n");
  cli_run::write(repo / "mono/apps/web/mise.toml", "[tasks.build]\ndepends = [\"//:fmt\"]\nrun = \"vite build\"\n");
  cli_run::write(repo / "README.md", "not a mise file\n");
  cli_run::write(repo / "pyproject.toml", "[project]\nname = \"x\"\n");
  std::string git = kGit;
  REQUIRE(cli_run::shell(repo, git + " init -q && " + git + " add .").status == 0);
  std::string env = hook_env(s.dir);

  cli_run::Result clean = cli_run::shell(repo, env + "pre-commit run --all-files");
  INFO(clean.out << clean.err);
  CHECK(clean.status == 0);
  CHECK(clean.out.find("mise-audit.....") != std::string::npos);
  CHECK(clean.out.find("Failed") == std::string::npos);

  // A typo in one file task: that file fails, and nothing else is reported.
  cli_run::write(repo / "mise-tasks/build", "#!/usr/bin/env bash\n#MISE depends=[\"gne\"]\ngo build ./...\n");
  REQUIRE(cli_run::shell(repo, git + " add .").status == 0);
  cli_run::Result broken = cli_run::shell(repo, env + "pre-commit run --files mise-tasks/build README.md pyproject.toml");
  INFO(broken.out << broken.err);
  CHECK(broken.status == 1);
  CHECK(broken.out.find("mise-tasks/build:2:16: error[missing-dependency]") != std::string::npos);
  // Once from the file hook, once from the project hook; no other finding.
  std::size_t errors = 0;
  for (std::size_t at = broken.out.find("error["); at != std::string::npos; at = broken.out.find("error[", at + 1)) ++errors;
  CHECK(errors == 2);
}
