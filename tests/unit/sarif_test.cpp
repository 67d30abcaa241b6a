// --format sarif: valid against the official SARIF 2.1.0 schema, rule metadata from rules/,
// repository-relative URIs, line hashes that survive unrelated edits.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "corpus.h"
#include "cli_run.h"
#include "core/rule_docs.h"
#include "mise_audit/rule.h"

using namespace mise_audit;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// An unknown field (loader finding) and an unused suppression: two findings in two rules.
const char* kConfig =
    "[tasks.build]\n"
    "run = \"cargo build\"\n"
    "bogus = 1\n"
    "\n"
    "[tasks.test]\n"
    "# mise-audit: ignore[unused-suppression, unknown-field]\n"
    "run = \"cargo test\"\n";

json sarif_of(const fs::path& dir, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"check", "--no-config", "--format", "sarif"};
  args.insert(args.end(), extra.begin(), extra.end());
  cli_run::Result r = cli_run::run(dir, args);
  INFO(r.err);
  REQUIRE(r.status == 1);
  return json::parse(r.out);
}

std::map<std::string, std::string> fingerprints(const json& sarif) {
  std::map<std::string, std::string> out;
  for (const json& res : sarif["runs"][0]["results"])
    out[res["ruleId"].get<std::string>()] = res["partialFingerprints"]["primaryLocationLineHash"];
  return out;
}

// The npm tools live in the build folder (a cache): installed on first use, skipped without npm.
std::optional<fs::path> sarif_tools() {
  fs::path dir = fs::path(MISE_AUDIT_BINARY).parent_path() / "sarif-tools";
  fs::path schema = dir / "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json";
  fs::path ajv = dir / "node_modules/.bin/ajv";
  if (fs::exists(schema) && fs::exists(ajv) && fs::exists(dir / "node_modules/ajv-formats")) return dir;
  if (std::system("command -v npm >/dev/null 2>&1") != 0) {
    if (corpus::required()) FAIL("npm is not installed: the SARIF schema check cannot run under CI=true");
    WARN("SKIPPED: npm is not installed, so the SARIF output is not validated against the schema");
    return std::nullopt;
  }
  fs::create_directories(dir);
  cli_run::Result r = cli_run::shell(dir, "npm install --no-audit --no-fund --prefix . @microsoft/sarif-multitool-linux ajv-cli ajv-formats");
  if (r.status != 0 || !fs::exists(schema) || !fs::exists(ajv)) {
    if (corpus::required()) FAIL("`npm install` of the SARIF schema tools failed under CI=true:\n" << r.err);
    WARN("SKIPPED: `npm install @microsoft/sarif-multitool-linux ajv-cli ajv-formats` failed (offline?):\n" << r.err);
    return std::nullopt;
  }
  return dir;
}

}  // namespace

TEST_CASE("sarif output validates against the official 2.1.0 schema") {
  cli_run::Scratch s;
  s.file("sub/mise.toml", kConfig);
  json sarif = sarif_of(s.dir / "sub");
  REQUIRE(sarif["runs"][0]["results"].size() == 2);
  // The unused suppression carries its fix, so the schema check covers `fixes` too.
  int with_fix = 0;
  for (const json& r : sarif["runs"][0]["results"])
    if (r.contains("fixes")) {
      ++with_fix;
      const json& change = r["fixes"][0]["artifactChanges"][0];
      CHECK(change["artifactLocation"]["uri"] == "sub/mise.toml");
      CHECK(change["replacements"][0]["insertedContent"]["text"] == "");
      CHECK(change["replacements"][0]["deletedRegion"]["byteLength"].get<int>() > 0);
    }
  CHECK(with_fix == 1);
  auto tools = sarif_tools();
  if (!tools) return;
  fs::path schema = *tools / "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json";
  cli_run::write(s.dir / "out.json", sarif.dump(2));
  std::string validate = cli_run::quote((*tools / "node_modules/.bin/ajv").string()) +
                         " validate --spec=draft2020 --strict=false -c ajv-formats -s " + cli_run::quote(schema.string()) + " -d ";
  cli_run::Result ok = cli_run::shell(*tools, validate + cli_run::quote((s.dir / "out.json").string()));
  INFO(ok.out << ok.err);
  CHECK(ok.status == 0);
  // A failed run validates too: executionSuccessful false, the error as a notification.
  cli_run::Result failed = cli_run::run(s.dir / "sub", {"check", "--no-config", "--format", "sarif", ".", "no/such/path"});
  REQUIRE(failed.status == 2);
  REQUIRE(json::parse(failed.out)["runs"][0]["invocations"][0]["toolExecutionNotifications"].size() == 1);
  cli_run::write(s.dir / "failed.json", failed.out);
  cli_run::Result failed_ok = cli_run::shell(*tools, validate + cli_run::quote((s.dir / "failed.json").string()));
  INFO(failed_ok.out << failed_ok.err);
  CHECK(failed_ok.status == 0);
  // The validator is not a rubber stamp: a result without a message is rejected.
  sarif["runs"][0]["results"][0].erase("message");
  cli_run::write(s.dir / "broken.json", sarif.dump(2));
  cli_run::Result broken = cli_run::shell(*tools, validate + cli_run::quote((s.dir / "broken.json").string()));
  CHECK(broken.status != 0);
}

TEST_CASE("sarif rules come from rules/ docs and results point into the repository") {
  cli_run::Scratch s;
  s.file("sub/mise.toml", kConfig);
  // Run from inside sub/: URIs stay relative to the repository root, with forward slashes.
  json sarif = sarif_of(s.dir / "sub");
  const json& run = sarif["runs"][0];
  CHECK(sarif["version"] == "2.1.0");
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + fs::canonical(s.dir).string() + "/");
  std::set<std::string> ids;
  for (const json& r : run["tool"]["driver"]["rules"]) {
    std::string id = r["id"];
    ids.insert(id);
    const RuleDoc* doc = find_rule_doc(id);
    INFO(id);
    REQUIRE(doc);
    CHECK(r["shortDescription"]["text"] == doc->summary);
    CHECK(r["fullDescription"]["text"] == doc->what);
    CHECK(r["help"]["markdown"] == doc->markdown);
    CHECK(r["help"]["text"] == rule_doc_as_text(*doc));
    CHECK(r["defaultConfiguration"]["level"] == severity_name(doc->severity));
  }
  CHECK(ids.size() == rule_registry().size());

  const json& results = run["results"];
  REQUIRE(results.size() == 2);
  for (const json& res : results) {
    const json& loc = res["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == "sub/mise.toml");
    CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    if (res["ruleId"] == "unused-suppression") {
      // `# mise-audit: ignore[unused-suppression, unknown-field]`: the second name is unused.
      CHECK(res["level"] == "warning");
      CHECK(loc["region"] == json{{"startLine", 6}, {"startColumn", 42}, {"endLine", 6}, {"endColumn", 55}});
      CHECK(res["ruleIndex"].is_number());
      CHECK(run["tool"]["driver"]["rules"][res["ruleIndex"].get<std::size_t>()]["id"] == "unused-suppression");
    } else {
      CHECK(res["ruleId"] == "unknown-field");
      CHECK(loc["region"]["startLine"] == 3);
      CHECK(loc["region"]["startColumn"] == 1);
    }
  }
}

TEST_CASE("sarif line hashes survive unrelated edits and change with the line") {
  cli_run::Scratch s;
  s.file("mise.toml", kConfig);
  auto before = fingerprints(sarif_of(s.dir));
  REQUIRE(before.size() == 2);
  // Lines added above move every finding down; the hashes must not change.
  s.file("mise.toml", std::string("[tasks.lint]\nrun = \"cargo clippy\"\n\n") + kConfig);
  json moved = sarif_of(s.dir);
  CHECK(moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 6);
  CHECK(fingerprints(moved) == before);
  // Editing the offending line itself gives a new hash.
  std::string edited = kConfig;
  edited.replace(edited.find("bogus = 1"), 9, "bogus = 2");
  s.file("mise.toml", edited);
  auto after = fingerprints(sarif_of(s.dir));
  CHECK(after["unknown-field"] != before["unknown-field"]);
  CHECK(after["unused-suppression"] == before["unused-suppression"]);
}

TEST_CASE("identical offending lines get distinct fingerprints") {
  cli_run::Scratch s;
  s.file("mise.toml",
         "[tasks.a]\nrun = \"true\"\n# mise-audit: ignore[unused-suppression, unknown-field]\n\n"
         "[tasks.b]\nrun = \"true\"\n# mise-audit: ignore[unused-suppression, unknown-field]\n");
  json sarif = sarif_of(s.dir);
  std::set<std::string> seen;
  for (const json& res : sarif["runs"][0]["results"]) seen.insert(res["partialFingerprints"]["primaryLocationLineHash"].get<std::string>());
  CHECK(sarif["runs"][0]["results"].size() == 2);
  CHECK(seen.size() == 2);
}

TEST_CASE("exit status does not depend on the format and --output writes the report") {
  cli_run::Scratch s;
  s.file("dirty/mise.toml", kConfig);
  s.file("clean/mise.toml", "[tasks.build]\nrun = \"cargo build\"\n");
  for (const char* format : {"text", "json", "sarif", "github"}) {
    INFO(format);
    CHECK(cli_run::run(s.dir / "dirty", {"check", "--no-config", "--format", format}).status == 1);
    CHECK(cli_run::run(s.dir / "clean", {"check", "--no-config", "--format", format}).status == 0);
    CHECK(cli_run::run(s.dir / "dirty", {"check", "--no-config", "--exit-zero", "--format", format}).status == 0);
    cli_run::Result to_file = cli_run::run(s.dir / "dirty", {"check", "--no-config", "--format", format, "--output", "report.out"});
    CHECK(to_file.status == 1);
    CHECK(to_file.out.empty());
    cli_run::Result to_stdout = cli_run::run(s.dir / "dirty", {"check", "--no-config", "--format", format});
    CHECK(cli_run::read(s.dir / "dirty" / "report.out") == to_stdout.out);
  }
  cli_run::Result unwritable = cli_run::run(s.dir / "dirty", {"check", "--no-config", "--output", "no/such/dir/x"});
  CHECK(unwritable.status == 2);
}
