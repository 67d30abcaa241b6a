// Never pass silently (issue 11): a run that failed says so in every format, `graph` of a config
// mise refuses fails, mistyped commands and flags get a "did you mean", and every output names the
// mise release it models.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include "cli_run.h"
#include "mise_audit/mise_version.h"

using nlohmann::json;
namespace fs = std::filesystem;
using mise_audit::kMiseVersion;

namespace {

const char* kClean = "[tasks.build]\nrun = \"cargo build\"\n";
const char* kDirty = "[tasks.build]\nrun = \"cargo build\"\ndepends = [\"nope\"]\n";
const char* kMissing = "no/such/path: no such file or directory";

cli_run::Result check(const cli_run::Scratch& s, const std::string& format, std::vector<std::string> paths) {
  std::vector<std::string> args = {"check", "--no-config", "--color", "never", "--format", format};
  args.insert(args.end(), paths.begin(), paths.end());
  return cli_run::run(s.dir, args);
}

}  // namespace

TEST_CASE("honest failure: a missing path is exit 2 and never `No problems found`, in every format") {
  cli_run::Scratch s;
  s.file("mise.toml", kClean);
  for (const char* format : {"text", "json", "sarif", "github"}) {
    INFO(format);
    cli_run::Result r = check(s, format, {"no/such/path"});
    CHECK(r.status == 2);
    CHECK(r.err == std::string("mise-audit: ") + kMissing + "\n");
    CHECK(r.out.find("No problems found") == std::string::npos);
    // …also when a clean path is linted beside it.
    cli_run::Result both = check(s, format, {".", "no/such/path"});
    CHECK(both.status == 2);
    CHECK(both.out.find("No problems found") == std::string::npos);
  }
  CHECK(check(s, "text", {"no/such/path"}).out == std::string("mise-audit: checking failed: ") + kMissing + "\n");
  CHECK(check(s, "github", {"no/such/path"}).out == std::string("::error::mise-audit: checking failed: ") + kMissing + "\n");

  json j = json::parse(check(s, "json", {".", "no/such/path"}).out);
  CHECK(j["execution"] == json{{"successful", false}, {"errors", {kMissing}}});
  CHECK(j["summary"]["tasks"] == 1);

  json sarif = json::parse(check(s, "sarif", {"no/such/path"}).out);
  const json& invocation = sarif["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["toolExecutionNotifications"] ==
        json::array({{{"level", "error"}, {"message", {{"text", kMissing}}}}}));
  CHECK(sarif["runs"][0]["results"].empty());
}

TEST_CASE("honest failure: findings are still listed beside the failure, and a good run says it succeeded") {
  cli_run::Scratch s;
  s.file("mise.toml", kDirty);
  cli_run::Result text = check(s, "text", {".", "no/such/path"});
  CHECK(text.status == 2);
  CHECK(text.out ==
        "mise.toml:3:12: error[missing-dependency]: `depends` of task \"build\": \"nope\" names no task\n"
        "  |\n"
        "3 | depends = [\"nope\"]\n"
        "  |            ^^^^^^\n"
        "\n"
        "Found 1 error (1 task in 1 file).\n"
        "mise-audit: checking failed: no/such/path: no such file or directory\n");
  cli_run::Result github = check(s, "github", {".", "no/such/path"});
  CHECK(github.out.rfind("::error::mise-audit: checking failed: no/such/path", 0) == 0);
  CHECK(github.out.find("::error file=mise.toml,line=3") != std::string::npos);

  for (const char* format : {"json", "sarif"}) {
    INFO(format);
    cli_run::Result ok = check(s, format, {"."});
    CHECK(ok.status == 1);
    json j = json::parse(ok.out);
    if (std::string(format) == "json") {
      CHECK(j["execution"] == json{{"successful", true}, {"errors", json::array()}});
    } else {
      CHECK(j["runs"][0]["invocations"] == json::array({{{"executionSuccessful", true}}}));
    }
  }
}

TEST_CASE("honest failure: an unreadable file in the project fails the run in SARIF and JSON too") {
  cli_run::Scratch s;
  s.file("mise.toml", "[task_config]\nincludes = [\"tasks.toml\"]\n");
  REQUIRE(::mkfifo((s.dir / "tasks.toml").c_str(), 0644) == 0);  // read as root too
  cli_run::Result text = check(s, "text", {"."});
  CHECK(text.status == 2);
  CHECK(text.out.find("No problems found") == std::string::npos);
  CHECK(text.out.find("mise-audit: checking failed: cannot read tasks.toml: is a FIFO") != std::string::npos);
  json j = json::parse(check(s, "json", {"."}).out);
  CHECK(j["execution"]["successful"] == false);
  REQUIRE(j["execution"]["errors"].size() == 1);
  CHECK(j["execution"]["errors"][0].get<std::string>().find("tasks.toml") != std::string::npos);
}

TEST_CASE("graph and tasks of a config mise refuses: the diagnostic on stderr, exit 1") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.build]\nrun = \"cargo build\"\n[tasks.build\n");
  for (std::vector<std::string> args : {std::vector<std::string>{"graph", "--no-config", "."},
                                        {"graph", "--no-config", "--format", "mermaid", "."}, {"tasks", "."}}) {
    INFO(args[0] << " " << args.back());
    cli_run::Result r = cli_run::run(s.dir, args);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("mise.toml:3:", 0) == 0);
    CHECK(r.err.find("error[toml-syntax]") != std::string::npos);
  }
}

TEST_CASE("cli: a mistyped command is exit 2 with a suggestion, unless it names a PATH") {
  cli_run::Scratch s;
  s.file("mise.toml", kClean);
  cli_run::Result chekc = cli_run::run(s.dir, {"chekc"});
  CHECK(chekc.status == 2);
  CHECK(chekc.err == "mise-audit: unknown command `chekc` (did you mean `check`?)\n");
  CHECK(chekc.out.empty());
  cli_run::Result grpah = cli_run::run(s.dir, {"grpah", "x"});
  CHECK(grpah.status == 2);
  CHECK(grpah.err == "mise-audit: unknown command `grpah` (did you mean `graph`?)\n");
  // A folder of that name is linted, as `mise-audit PATH` always did.
  s.file("chekc/mise.toml", kClean);
  cli_run::Result folder = cli_run::run(s.dir, {"--color", "never", "chekc"});
  CHECK(folder.status == 0);
  CHECK(folder.out == "No problems found (1 task in 1 file).\n");
}

TEST_CASE("cli: `help` is a command and a mistyped flag gets a suggestion") {
  cli_run::Scratch s;
  cli_run::Result help = cli_run::run(s.dir, {"help"});
  CHECK(help.status == 0);
  CHECK(help.out == cli_run::run(s.dir, {"--help"}).out);
  CHECK(help.out.find("explain") != std::string::npos);
  cli_run::Result help_check = cli_run::run(s.dir, {"help", "check"});
  CHECK(help_check.status == 0);
  CHECK(help_check.out.find("--stdin-filename") != std::string::npos);
  CHECK(help_check.out.find("explain") == std::string::npos);
  cli_run::Result help_typo = cli_run::run(s.dir, {"help", "chekc"});
  CHECK(help_typo.status == 2);
  CHECK(help_typo.err == "mise-audit: unknown command `chekc` (did you mean `check`?)\n");

  cli_run::Result flag = cli_run::run(s.dir, {"check", "--formta", "json", "."});
  CHECK(flag.status == 2);
  CHECK(flag.err.find("--formta") != std::string::npos);
  CHECK(flag.err.find("mise-audit: did you mean `--format`?\n") != std::string::npos);
}

TEST_CASE("every output names the mise release it models") {
  cli_run::Scratch s;
  s.file("mise.toml", kClean);
  CHECK(cli_run::run(s.dir, {"--version"}).out ==
        std::string("mise-audit " MISE_AUDIT_VERSION " (models mise ") + kMiseVersion + ")\n");
  CHECK(std::string(kMiseVersion) == "2026.9.15");
  CHECK(json::parse(check(s, "json", {"."}).out)["mise_version"] == kMiseVersion);
  json driver = json::parse(check(s, "sarif", {"."}).out)["runs"][0]["tool"]["driver"];
  CHECK(driver["properties"]["miseVersion"] == kMiseVersion);
  CHECK(driver["fullName"] == std::string("mise-audit " MISE_AUDIT_VERSION " (models mise ") + kMiseVersion + ")");
}

TEST_CASE("graph and tasks of a config with a hard min_version or a refused daemon: exit 1, as mise refuses") {
  cli_run::Scratch s;
  s.file("mise.toml", "min_version = \"2099.1.0\"\n\n[tasks.build]\nrun = \"cargo build\"\n");
  for (std::vector<std::string> args : {std::vector<std::string>{"graph", "--no-config", "."}, {"tasks", "."}}) {
    INFO(args[0]);
    cli_run::Result r = cli_run::run(s.dir, args);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("mise.toml:1:15: warning[min-version]", 0) == 0);
  }
  // A soft one only warns: mise runs.
  s.file("mise.toml", "min_version = { soft = \"2099.1.0\" }\n\n[tasks.build]\nrun = \"cargo build\"\n");
  CHECK(cli_run::run(s.dir, {"tasks", "."}).status == 0);
  s.file("mise.toml", "[settings]\nexperimental = true\n\n[daemons.db]\nrun = \"./db\"\n\n[daemon_groups]\nall = [\"db\", \"nope\"]\n\n[tasks.build]\nrun = \"cargo build\"\n");
  cli_run::Result daemon = cli_run::run(s.dir, {"tasks", "."});
  INFO(daemon.err);
  CHECK(daemon.status == 1);
  CHECK(daemon.err.find("error[invalid-daemon-config]") != std::string::npos);
}
