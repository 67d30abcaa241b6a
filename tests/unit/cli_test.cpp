// Command-line behaviour that is not a format or a rule: stdin with --stdin-filename, usage
// errors, the man page.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "corpus.h"
#include "cli_run.h"
#include "mise_audit/mise_version.h"

namespace fs = std::filesystem;

namespace {

// `--version`: ours, and the mise whose behaviour is modelled.
const std::string kVersionLine = std::string("mise-audit " MISE_AUDIT_VERSION " (models mise ") + mise_audit::kMiseVersion + ")\n";

const char* kSeed =
    "[tasks.\"release:build-all\"]\nrun = \"maturin build --release\"\n\n"
    "[tasks.\"release:pypi\"]\nrun = \"./scripts/publish-to-pypi.sh\"\n";

}  // namespace

TEST_CASE("cli: `-` lints stdin under --stdin-filename") {
  cli_run::Scratch s;
  s.file("pkg/.keep", "");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--no-config", "--color", "never", "-", "--stdin-filename", "pkg/mise.toml"}, kSeed);
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.out.rfind("pkg/mise.toml:5:8: error[publish-without-build]: ", 0) == 0);
  CHECK(r.out.find("5 | run = \"./scripts/publish-to-pypi.sh\"") != std::string::npos);
  // Nothing is left behind, and the real file (which does not exist) was never needed.
  CHECK(!fs::exists(s.dir / "pkg/mise.toml"));
  // SARIF names it relative to the repository, like any other file.
  cli_run::Result sarif = cli_run::run(s.dir / "pkg", {"check", "--no-config", "--format", "sarif", "-", "--stdin-filename", "mise.toml"}, kSeed);
  nlohmann::json j = nlohmann::json::parse(sarif.out);
  CHECK(j["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/mise.toml");
  // A task-folder TOML name keeps its meaning: tasks without the [tasks.] prefix.
  cli_run::Result folder = cli_run::run(s.dir, {"check", "--no-config", "--format", "json", "-", "--stdin-filename", "mise-tasks/release.toml"},
                                        "[\"release:pypi\"]\nrun = \"uv publish dist/*\"\n");
  CHECK(folder.status == 0);
  CHECK(nlohmann::json::parse(folder.out)["summary"]["tasks"] == 1);
}

TEST_CASE("cli: stdin uses the config that applies to --stdin-filename") {
  cli_run::Scratch s;
  s.file("pkg/.mise-audit.toml", "ignore = [\"publish-without-build\"]\n");
  CHECK(cli_run::run(s.dir, {"check", "-", "--stdin-filename", "pkg/mise.toml"}, kSeed).status == 0);
  CHECK(cli_run::run(s.dir, {"check", "-", "--stdin-filename", "mise.toml"}, kSeed).status == 1);
}

TEST_CASE("cli: usage errors exit 2 with a message") {
  cli_run::Scratch s;
  s.file("mise.toml", kSeed);
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  std::vector<Case> cases = {
      {{"check", "-"}, "mise-audit: `-` (stdin) needs --stdin-filename NAME\n"},
      {{"check", "--stdin-filename", "x.toml", "."}, "mise-audit: --stdin-filename is only used with `-` as PATH\n"},
      {{"check", "--config", "a.toml", "--no-config", "."}, "mise-audit: --config and --no-config cannot be used together\n"},
      {{"check", "--config", "missing.toml", "."}, "mise-audit: missing.toml: cannot be read: No such file or directory\n"},
      {{"check", "no/such/path"}, "mise-audit: no/such/path: no such file or directory\n"},
      {{"explain", "no-such-rule-at-all"}, "mise-audit: unknown rule `no-such-rule-at-all` (`mise-audit rules` lists them)\n"},
  };
  for (const Case& c : cases) {
    cli_run::Result r = cli_run::run(s.dir, c.args);
    INFO(c.args[0] << " " << c.args[1]);
    CHECK(r.status == 2);
    CHECK(r.err == c.err);
  }
  CHECK(cli_run::run(s.dir, {"check", "--format", "xml", "."}).status == 2);
  CHECK(cli_run::run(s.dir, {"check", "--fail-on", "fatal", "."}).status == 2);
}

TEST_CASE("cli: the man page is generated from the help and the rule docs") {
  cli_run::Scratch s;
  cli_run::Result man = cli_run::run(s.dir, {"man"});
  CHECK(man.status == 0);
  CHECK(man.out.rfind(".TH MISE\\-AUDIT 1", 0) == 0);
  for (const char* needle : {".SH COMMANDS", "\\-\\-stdin\\-filename", "\\-\\-fail\\-on", ".SH RULES", ".B unused\\-suppression",
                             ".B publish\\-without\\-build", ".SH EXIT STATUS"}) {
    INFO(needle);
    CHECK(man.out.find(needle) != std::string::npos);
  }
  // Hidden from the help.
  CHECK(cli_run::run(s.dir, {"--help"}).out.find("Print the man page") == std::string::npos);
  if (std::system("command -v groff >/dev/null 2>&1") == 0) {
    s.file("mise-audit.1", man.out);
    cli_run::Result rendered = cli_run::shell(s.dir, "groff -man -Tutf8 -ww mise-audit.1");
    CHECK(rendered.status == 0);
    CHECK(rendered.err.empty());
  }
}

TEST_CASE("cli: cmake --install puts the binary and the man page in place, and the .deb installs and runs") {
  fs::path build = fs::path(MISE_AUDIT_BINARY).parent_path();
  if (!fs::exists(build / "CMakeCache.txt") || std::system("command -v cmake >/dev/null 2>&1") != 0) {
    MISE_AUDIT_SKIP_TEST("no CMake build folder beside the binary");
  }
  // The man page is part of the default build (target mise-audit-man); the test never builds.
  if (!fs::exists(build / "mise-audit.1")) {
    MISE_AUDIT_SKIP_TEST((build / "mise-audit.1") << " is not built (build the default target)");
  }
  cli_run::Scratch s;
  cli_run::Result install = cli_run::shell(s.dir, "cmake --install " + cli_run::quote(build.string()) + " --prefix prefix");
  INFO(install.out << install.err);
  REQUIRE(install.status == 0);
  CHECK(cli_run::shell(s.dir, "prefix/bin/mise-audit --version").out == kVersionLine);
  CHECK(cli_run::read(s.dir / "prefix/share/man/man1/mise-audit.1") == cli_run::run(s.dir, {"man"}).out);

  if (std::system("command -v cpack >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1") != 0) {
    MISE_AUDIT_SKIP_TEST("cpack or dpkg is not installed, the .deb is not built");
  }
  cli_run::Result pack = cli_run::shell(s.dir, "cpack -G DEB --config " + cli_run::quote((build / "CPackConfig.cmake").string()) + " -B deb");
  INFO(pack.out << pack.err);
  REQUIRE(pack.status == 0);
  fs::path deb = s.dir / "deb" / ("mise-audit_" MISE_AUDIT_VERSION "_amd64.deb");
  if (!fs::exists(deb))
    for (const auto& e : fs::directory_iterator(s.dir / "deb"))
      if (e.path().extension() == ".deb") deb = e.path();
  REQUIRE(fs::exists(deb));
  // dpkg -i into a scratch root (no root rights, the system untouched), then run what it installed.
  cli_run::Result contents = cli_run::shell(s.dir, "dpkg-deb -c " + cli_run::quote(deb.string()));
  CHECK(contents.out.find("./usr/bin/mise-audit") != std::string::npos);
  CHECK(contents.out.find("./usr/share/man/man1/mise-audit.1") != std::string::npos);
  cli_run::Result dpkg = cli_run::shell(s.dir,
      "mkdir -p root/var/lib/dpkg/updates root/var/lib/dpkg/info && touch root/var/lib/dpkg/status && "
      "dpkg --root=root --force-not-root --force-script-chrootless --force-depends -i " + cli_run::quote(deb.string()));
  INFO(dpkg.out << dpkg.err);
  REQUIRE(dpkg.status == 0);
  CHECK(cli_run::shell(s.dir, "root/usr/bin/mise-audit --version").out == kVersionLine);
  s.file("project/mise.toml", kSeed);
  s.file("project/scripts/publish-to-pypi.sh", "#!/bin/sh\n");
  cli_run::Result lint = cli_run::shell(s.dir / "project", "../root/usr/bin/mise-audit check --no-config --color never .");
  CHECK(lint.status == 1);
  CHECK(lint.out.rfind("mise.toml:5:8: error[publish-without-build]", 0) == 0);
}

TEST_CASE("cli: this repository's own release (mise.toml) lints clean") {
  cli_run::Result r = cli_run::run(MISE_AUDIT_SOURCE_DIR, {"check", "--no-config", "--color", "never", "mise.toml"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "No problems found (6 tasks in 1 file).\n");
  // …and it really is a release: something builds, something packages, something publishes.
  cli_run::Result g = cli_run::run(MISE_AUDIT_SOURCE_DIR, {"graph", "--no-config", "mise.toml"});
  CHECK(g.out.find("(publish") != std::string::npos);
}

TEST_CASE("cli: every finding has a confidence, and min-confidence hides the less certain") {
  cli_run::Scratch s;
  // artifact-scatter (medium: default output folders) and publish-without-build (high: a publish
  // command with no build before it).
  s.file("mise.toml",
         "[tasks.build]\nrun = \"python -m build --outdir build/\"\n\n"
         "[tasks.publish]\ndepends = [\"build\"]\nrun = \"twine upload dist/*\"\n\n"
         "[tasks.ship]\nrun = \"docker push example/app:latest\"\n"
         "[tasks.image]\nrun = \"docker build -t example/app:latest .\"\n");
  auto rules_in = [](const std::string& json_text) {
    std::vector<std::pair<std::string, std::string>> out;
    nlohmann::json parsed = nlohmann::json::parse(json_text);  // kept: a range-for over a temporary's member dangles
    for (const auto& f : parsed["diagnostics"])
      out.emplace_back(f["rule"].get<std::string>(), f["confidence"].get<std::string>());
    return out;
  };
  cli_run::Result all = cli_run::run(s.dir, {"check", "--format", "json", "."});
  INFO(all.out << all.err);
  CHECK(all.status == 1);
  CHECK(rules_in(all.out) == std::vector<std::pair<std::string, std::string>>{{"artifact-scatter", "medium"},
                                                                               {"publish-without-build", "high"}});
  cli_run::Result high = cli_run::run(s.dir, {"check", "--format", "json", "--min-confidence", "high", "."});
  CHECK(rules_in(high.out) == std::vector<std::pair<std::string, std::string>>{{"publish-without-build", "high"}});

  cli_run::Result text = cli_run::run(s.dir, {"check", "--color", "never", "."});
  CHECK(text.out.find("  = confidence: medium\n") != std::string::npos);

  cli_run::Result sarif = cli_run::run(s.dir, {"check", "--format", "sarif", "."});
  nlohmann::json sarif_json = nlohmann::json::parse(sarif.out);
  const nlohmann::json& results = sarif_json["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0]["properties"]["confidence"] == "medium");
  CHECK(results[0]["rank"] == 60.0);
  CHECK(results[1]["rank"] == 90.0);

  cli_run::Result github = cli_run::run(s.dir, {"check", "--format", "github", "."});
  CHECK(github.out.find("title=artifact-scatter (medium confidence)") != std::string::npos);

  s.file(".mise-audit.toml", "min-confidence = \"high\"\n");
  cli_run::Result config = cli_run::run(s.dir, {"check", "--format", "json", "."});
  CHECK(rules_in(config.out).size() == 1);
  cli_run::Result override = cli_run::run(s.dir, {"check", "--format", "json", "--min-confidence", "low", "."});
  CHECK(rules_in(override.out).size() == 2);  // the command line wins

  s.file(".mise-audit.toml", "min-confidence = \"sure\"\n");
  cli_run::Result bad = cli_run::run(s.dir, {"check", "."});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("`min-confidence` must be \"high\", \"medium\" or \"low\"") != std::string::npos);
  CHECK(cli_run::run(s.dir, {"check", "--min-confidence", "sure", "--no-config", "."}).status == 2);
}
