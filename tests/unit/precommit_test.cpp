// .pre-commit-hooks.yaml, exercised with Debian's `pre-commit` offline: a throwaway hooks repo
// holding this repository's hook file, a throwaway project using it. The hook fails on the seed
// anti-pattern and passes on the fixed config.
#include <catch2/catch.hpp>

#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

bool have(const char* program) { return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0; }

const char* kGit = "git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main -c commit.gpgsign=false";

}  // namespace

TEST_CASE("pre-commit: the files pattern matches every mise config name and nothing else") {
  if (!have("python3") || std::system("python3 -c 'import yaml' 2>/dev/null") != 0) {
    WARN("SKIPPED: python3 with PyYAML is needed to read .pre-commit-hooks.yaml");
    return;
  }
  cli_run::Scratch s;
  s.file("check.py",
         "import re, sys, yaml\n"
         "hook = yaml.safe_load(open(sys.argv[1]))[0]\n"
         "assert hook['require_serial'] is True and hook['language'] in ('system', 'script')\n"
         "pattern = re.compile(hook['files'])\n"
         "for name in sys.stdin.read().split():\n"
         "    print(('match ' if pattern.search(name) else 'skip ') + name)\n");
  std::string names =
      "mise.toml .mise.toml mise.local.toml .mise.local.toml mise.ci.toml .mise.ci.local.toml mise/config.toml "
      "mise/config.ci.toml .mise/config.toml .mise/config.local.toml .mise/conf.d/10-tools.toml "
      ".config/mise/config.toml .config/mise/mise.toml .config/mise/config.local.toml .config/mise/conf.d/a.toml "
      ".config/mise.toml .config/mise.local.toml .rtx.toml .rtx.local.toml pkg/api/mise.toml "
      "mise-tasks/release.toml .mise-tasks/ci/lint.toml .mise/tasks/x.toml .config/mise/tasks/y.toml mise/tasks/z.toml "
      "pyproject.toml Cargo.toml notmise.toml mise.toml.bak mise-tasks/build config.toml mise/other.toml docs/mise.md";
  cli_run::write(s.dir / "names.txt", names);
  cli_run::Result r = cli_run::shell(s.dir, "python3 check.py " + cli_run::quote(MISE_AUDIT_SOURCE_DIR "/.pre-commit-hooks.yaml") + " < names.txt");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "match mise.toml\nmatch .mise.toml\nmatch mise.local.toml\nmatch .mise.local.toml\nmatch mise.ci.toml\n"
        "match .mise.ci.local.toml\nmatch mise/config.toml\nmatch mise/config.ci.toml\nmatch .mise/config.toml\n"
        "match .mise/config.local.toml\nmatch .mise/conf.d/10-tools.toml\nmatch .config/mise/config.toml\n"
        "match .config/mise/mise.toml\nmatch .config/mise/config.local.toml\nmatch .config/mise/conf.d/a.toml\n"
        "match .config/mise.toml\nmatch .config/mise.local.toml\nmatch .rtx.toml\nmatch .rtx.local.toml\n"
        "match pkg/api/mise.toml\nmatch mise-tasks/release.toml\nmatch .mise-tasks/ci/lint.toml\nmatch .mise/tasks/x.toml\n"
        "match .config/mise/tasks/y.toml\nmatch mise/tasks/z.toml\n"
        "skip pyproject.toml\nskip Cargo.toml\nskip notmise.toml\nskip mise.toml.bak\nskip mise-tasks/build\n"
        "skip config.toml\nskip mise/other.toml\nskip docs/mise.md\n");
}

TEST_CASE("pre-commit: the hook fails on the seed anti-pattern and passes on the fix") {
  if (!have("pre-commit") || !have("git")) {
    WARN("SKIPPED: `pre-commit` (Debian package pre-commit) or git is not installed");
    return;
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
