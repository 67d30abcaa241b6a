// .mise-audit.toml: discovery (closest wins, up to the repository root), every key, errors with
// the config's own position, and the command-line mirrors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "config/config.h"

using namespace mise_audit;

namespace fs = std::filesystem;

namespace {

// One unused suppression: a warning of rule unused-suppression at mise.toml:2:39.
const char* kWarningOnly = "[tasks.build]\nrun = \"cargo build\"  # mise-audit: ignore[unknown-field]\n";

struct Finding {
  std::string rule, severity, file;
};

std::vector<Finding> findings(const cli_run::Result& r) {
  std::vector<Finding> out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  for (const auto& d : j["diagnostics"]) out.push_back({d["rule"], d["severity"], d["file"]});
  return out;
}

}  // namespace

TEST_CASE("config: the closest .mise-audit.toml wins, never above the repository root") {
  cli_run::Scratch outer(false);
  cli_run::write(outer.dir / ".mise-audit.toml", "select = [\"no-such-rule\"]\n");  // above the repo: never read
  cli_run::write(outer.dir / "repo/.git/HEAD", "ref: refs/heads/main\n");
  cli_run::write(outer.dir / "repo/.mise-audit.toml", "[severity]\nunused-suppression = \"error\"\n");
  cli_run::write(outer.dir / "repo/mise.toml", kWarningOnly);
  cli_run::write(outer.dir / "repo/sub/.mise-audit.toml", "ignore = [\"unused-suppression\"]\n");
  cli_run::write(outer.dir / "repo/sub/mise.toml", kWarningOnly);
  cli_run::write(outer.dir / "repo/sub/deeper/mise.toml", kWarningOnly);
  fs::path repo = outer.dir / "repo";

  auto root = findings(cli_run::run(repo, {"check", "--format", "json", "."}));
  REQUIRE(root.size() == 1);
  CHECK(root[0].severity == "error");
  // sub/ has its own config: it is used instead of the root's, not merged with it.
  CHECK(findings(cli_run::run(repo, {"check", "--format", "json", "sub"})).empty());
  CHECK(findings(cli_run::run(repo, {"check", "--format", "json", "sub/deeper/mise.toml"})).empty());
  // --no-config: defaults; --config FILE: that file for every path.
  auto none = findings(cli_run::run(repo, {"check", "--format", "json", "--no-config", "sub"}));
  REQUIRE(none.size() == 1);
  CHECK(none[0].severity == "warning");
  auto named = findings(cli_run::run(repo, {"check", "--format", "json", "--config", ".mise-audit.toml", "sub"}));
  REQUIRE(named.size() == 1);
  CHECK(named[0].severity == "error");
  CHECK(find_config_file(real_file_system(), (repo / "sub/deeper").string()) == (repo / "sub/.mise-audit.toml").string());
  CHECK(find_config_file(real_file_system(), (outer.dir / "repo").string()) == (repo / ".mise-audit.toml").string());
}

TEST_CASE("config: an invalid config is exit 2 with its own file:line:col") {
  struct Case {
    std::string text, error;
  };
  std::vector<Case> cases = {
      {"fail-on = \"fatal\"\n", ".mise-audit.toml:1:11: `fail-on` must be \"error\", \"warning\" or \"note\", not \"fatal\""},
      {"select = [\"unused-supression\"]\n", ".mise-audit.toml:1:11: unknown rule `unused-supression` (did you mean `unused-suppression`?)"},
      {"\n[severity]\nunused-supression = \"note\"\n", ".mise-audit.toml:3:1: unknown rule `unused-supression` (did you mean `unused-suppression`?)"},
      {"[severity]\nunused-suppression = \"loud\"\n", ".mise-audit.toml:2:22: the severity of `unused-suppression` must be \"error\", \"warning\" or \"note\", not \"loud\""},
      {"ignored = []\n", ".mise-audit.toml:1:1: unknown key `ignored` (did you mean `ignore`?)"},
      {"ignore = \"unused-suppression\"\n", ".mise-audit.toml:1:10: `ignore` must be an array of rule names"},
      {"[per-path-ignores]\n\"legacy/[abc\" = []\n", ".mise-audit.toml:2:1: invalid glob `legacy/[abc`: "},
      {"[roles]\npublish = \"./ship.sh\"\n", ".mise-audit.toml:2:11: `roles.publish` must be an array of command patterns"},
      {"select = [\n", ".mise-audit.toml:1:12: invalid TOML: "},
  };
  for (const Case& c : cases) {
    cli_run::Scratch s;
    s.file(".mise-audit.toml", c.text);
    s.file("mise.toml", kWarningOnly);
    cli_run::Result r = cli_run::run(s.dir, {"check", "."});
    INFO(c.text);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("mise-audit: " + c.error, 0) == 0);
    INFO(r.err);
  }
}

TEST_CASE("config: fail-on is the lowest severity that makes the exit status 1") {
  cli_run::Scratch s;
  s.file("mise.toml", kWarningOnly);  // one warning
  // Default: any finding fails.
  CHECK(cli_run::run(s.dir, {"check", "--no-config", "."}).status == 1);
  CHECK(cli_run::run(s.dir, {"check", "--no-config", "--fail-on", "note", "."}).status == 1);
  CHECK(cli_run::run(s.dir, {"check", "--no-config", "--fail-on", "warning", "."}).status == 1);
  cli_run::Result errors_only = cli_run::run(s.dir, {"check", "--no-config", "--fail-on", "error", "."});
  CHECK(errors_only.status == 0);
  CHECK(errors_only.out.find("warning[unused-suppression]") != std::string::npos);  // still printed
  // From the config, and the command line wins over it.
  s.file(".mise-audit.toml", "fail-on = \"error\"\n");
  CHECK(cli_run::run(s.dir, {"check", "."}).status == 0);
  CHECK(cli_run::run(s.dir, {"check", "--fail-on", "warning", "."}).status == 1);
  // A severity raised to error fails under fail-on = "error".
  s.file(".mise-audit.toml", "fail-on = \"error\"\n[severity]\nunused-suppression = \"error\"\n");
  CHECK(cli_run::run(s.dir, {"check", "."}).status == 1);
  // Lowered to note, it passes under fail-on = "warning".
  s.file(".mise-audit.toml", "fail-on = \"warning\"\n[severity]\nunused-suppression = \"note\"\n");
  cli_run::Result lowered = cli_run::run(s.dir, {"check", "--color", "never", "."});
  CHECK(lowered.status == 0);
  CHECK(lowered.out.find("note[unused-suppression]") != std::string::npos);
  // --exit-zero beats everything.
  s.file(".mise-audit.toml", "fail-on = \"note\"\n");
  CHECK(cli_run::run(s.dir, {"check", "--exit-zero", "."}).status == 0);
}

TEST_CASE("config: select, ignore and their command-line mirrors") {
  cli_run::Scratch s;
  s.file("mise.toml", kWarningOnly);
  s.file(".mise-audit.toml", "ignore = [\"unused-suppression\"]\n");
  CHECK(cli_run::run(s.dir, {"check", "."}).status == 0);
  // --ignore adds to the config's ignore; --select replaces the config's select.
  s.file(".mise-audit.toml", "select = [\"unused-suppression\"]\n");
  CHECK(cli_run::run(s.dir, {"check", "."}).status == 1);
  CHECK(cli_run::run(s.dir, {"check", "--ignore", "unused-suppression", "."}).status == 0);
}

TEST_CASE("config: per-path ignores are globs relative to the config's folder") {
  cli_run::Scratch s;
  s.file(".mise-audit.toml", "[per-path-ignores]\n\"legacy/**\" = [\"unused-suppression\"]\n\"old/*.toml\" = []\n");
  s.file("legacy/deep/mise.toml", kWarningOnly);
  s.file("old/mise.toml", kWarningOnly);
  s.file("new/mise.toml", kWarningOnly);
  CHECK(cli_run::run(s.dir, {"check", "legacy/deep"}).status == 0);
  CHECK(cli_run::run(s.dir, {"check", "old"}).status == 0);  // [] = every rule
  auto fresh = findings(cli_run::run(s.dir, {"check", "--format", "json", "new"}));
  REQUIRE(fresh.size() == 1);
  CHECK(fresh[0].file == "new/mise.toml");
}

TEST_CASE("config: parse_config reads every key") {
  ConfigResult r = parse_config(
      "select = [\"unused-suppression\"]\nignore = []\nfail-on = \"warning\"\n"
      "[severity]\nunused-suppression = \"note\"\n"
      "[roles]\npublish = [\"./scripts/ship.sh\"]\nversion = [\"./bump\", \"cz bump\"]\n"
      "[per-path-ignores]\n\"vendor/**\" = [\"unused-suppression\"]\n",
      ".mise-audit.toml", "/repo");
  REQUIRE(r.error == "");
  CHECK(r.config.select == std::vector<std::string>{"unused-suppression"});
  CHECK(r.config.fail_on == Severity::Warning);
  CHECK(r.config.severity.at("unused-suppression") == Severity::Note);
  REQUIRE(r.config.roles.size() == 3);
  CHECK(r.config.roles[0].role == "publish");
  CHECK(r.config.roles[0].pattern == "./scripts/ship.sh");
  CHECK(r.config.roles[2].pattern == "cz bump");
  REQUIRE(r.config.path_ignores.size() == 1);
  CHECK(r.config.path_ignores[0].glob == "vendor/**");
}

TEST_CASE("config: [roles] teach the release model a project's own scripts") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.build]\nrun = \"cargo build --release\"\n\n[tasks.ship]\nrun = \"./scripts/ship.sh\"\n");
  s.file("scripts/ship.sh", "#!/bin/sh\n");
  // Without the config nothing says ship.sh publishes.
  CHECK(cli_run::run(s.dir, {"check", "--no-config", "."}).status == 0);
  s.file(".mise-audit.toml", "[roles]\npublish = [\"./scripts/ship.sh\"]\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--color", "never", "."});
  CHECK(r.status == 1);
  CHECK(r.out.rfind("mise.toml:5:8: error[publish-without-build]: [*] `ship` publishes", 0) == 0);
  // A second path with no roles in its config is not affected by the first one's.
  s.file("other/mise.toml", "[tasks.build]\nrun = \"cargo build --release\"\n\n[tasks.ship]\nrun = \"./scripts/ship.sh\"\n");
  s.file("other/scripts/ship.sh", "#!/bin/sh\n");
  s.file("other/.mise-audit.toml", "fail-on = \"note\"\n");
  cli_run::Result both = cli_run::run(s.dir, {"check", "--color", "never", "--format", "json", ".", "other"});
  CHECK(findings(both).size() == 1);
  s.file(".mise-audit.toml", "[roles]\npublsh = [\"./scripts/ship.sh\"]\n");
  cli_run::Result bad = cli_run::run(s.dir, {"check", "."});
  CHECK(bad.status == 2);
  CHECK(bad.err == "mise-audit: .mise-audit.toml:2:1: unknown role `publsh` (did you mean `publish`?)\n");
}
