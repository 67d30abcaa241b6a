// `check --fix / --unsafe-fixes / --diff / --show-fixes / --add-ignore` end to end, and the
// fixer's pieces that the goldens cannot reach: overlapping edits, the diff, refused writes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "cli_run.h"
#include "fix/atomic_write.h"
#include "fix/fix_plan.h"
#include "fix/unified_diff.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* kPublisher =
    "[tasks.build]\n"
    "run = \"uv build\"\n"
    "\n"
    "[tasks.publish]\n"
    "run = \"uv publish\"\n";

const char* kPublisherFixed =
    "[tasks.build]\n"
    "run = \"uv build\"\n"
    "\n"
    "[tasks.publish]\n"
    "run = \"uv publish\"\n"
    "depends = [\"build\"]\n";

}  // namespace

TEST_CASE("check --diff prints a unified diff, writes nothing and exits 1 when there is a diff") {
  cli_run::Scratch s;
  s.file("mise.toml", kPublisher);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--diff", "."});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "--- a/mise.toml\n"
        "+++ b/mise.toml\n"
        "@@ -3,3 +3,4 @@\n"
        " \n"
        " [tasks.publish]\n"
        " run = \"uv publish\"\n"
        "+depends = [\"build\"]\n");
  CHECK(cli_run::read(s.dir / "mise.toml") == kPublisher);
  // Nothing to fix: no output, exit 0.
  s.file("mise.toml", kPublisherFixed);
  cli_run::Result clean = cli_run::run(s.dir, {"check", "--diff", "."});
  CHECK(clean.status == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("check --fix writes the fix, keeps the mode, and the exit status reflects what remains") {
  cli_run::Scratch s;
  s.file("mise.toml", kPublisher);
  ::chmod((s.dir / "mise.toml").c_str(), 0640);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--fix", "--show-fixes", "."});
  CHECK(r.status == 0);
  CHECK(cli_run::read(s.dir / "mise.toml") == kPublisherFixed);
  CHECK((fs::status(s.dir / "mise.toml").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(r.err.find("Fixed 1 finding:") != std::string::npos);
  CHECK(r.err.find("[publish-without-build] add \"build\" to the `depends` of `publish`") != std::string::npos);
  // No temporary file left beside it.
  int entries = 0;
  for (const auto& e : fs::directory_iterator(s.dir))
    if (e.path().filename() != ".git") ++entries;
  CHECK(entries == 1);
  // A second --fix changes nothing.
  cli_run::Result again = cli_run::run(s.dir, {"check", "--fix", "."});
  CHECK(again.status == 0);
  CHECK(cli_run::read(s.dir / "mise.toml") == kPublisherFixed);
  // A finding without a fix remains: exit 1.
  s.file("mise.toml", std::string(kPublisher) + "\n[tasks.lint]\nrun = \"ruff check\"\nbogus = 1\n");
  cli_run::Result left = cli_run::run(s.dir, {"check", "--fix", "."});
  CHECK(left.status == 1);
  CHECK(left.out.find("unknown-field") != std::string::npos);
  CHECK(left.out.find("publish-without-build") == std::string::npos);
}

TEST_CASE("check --fix applies unsafe fixes only with --unsafe-fixes") {
  cli_run::Scratch s;
  const std::string typo = "[tasks.build]\nrun = \"cargo build\"\n\n[tasks.test]\ndepends = [\"biuld\"]\nrun = \"cargo test\"\n";
  s.file("mise.toml", typo);
  cli_run::Result safe = cli_run::run(s.dir, {"check", "--fix", "."});
  CHECK(safe.status == 1);
  CHECK(cli_run::read(s.dir / "mise.toml") == typo);
  cli_run::Result unsafe = cli_run::run(s.dir, {"check", "--fix", "--unsafe-fixes", "."});
  CHECK(unsafe.status == 0);
  CHECK(cli_run::read(s.dir / "mise.toml") ==
        "[tasks.build]\nrun = \"cargo build\"\n\n[tasks.test]\ndepends = [\"build\"]\nrun = \"cargo test\"\n");
}

TEST_CASE("check --fix writes through a symlinked config to its target inside the repository") {
  cli_run::Scratch s;
  s.file("config/real.toml", kPublisher);
  fs::create_symlink("config/real.toml", s.dir / "mise.toml");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--fix", "."});
  CHECK(r.status == 0);
  CHECK(fs::is_symlink(fs::symlink_status(s.dir / "mise.toml")));
  CHECK(cli_run::read(s.dir / "config/real.toml") == kPublisherFixed);
}

TEST_CASE("fix modes refuse stdin and each other") {
  cli_run::Scratch s;
  s.file("mise.toml", kPublisher);
  CHECK(cli_run::run(s.dir, {"check", "--fix", "--stdin-filename", "mise.toml", "-"}, kPublisher).status == 2);
  CHECK(cli_run::run(s.dir, {"check", "--fix", "--diff", "."}).status == 2);
  CHECK(cli_run::read(s.dir / "mise.toml") == kPublisher);
}

TEST_CASE("JSON findings carry their fix: title, safety, byte edits") {
  cli_run::Scratch s;
  s.file("mise.toml", kPublisher);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--format", "json", "."});
  json out = json::parse(r.out);
  REQUIRE(out["diagnostics"].size() == 1);
  const json& fix = out["diagnostics"][0]["fix"];
  CHECK(fix["title"] == "add \"build\" to the `depends` of `publish`");
  CHECK(fix["safety"] == "safe");
  CHECK(fix["model_change"] == "edge publish -> build (depends)");
  REQUIRE(fix["edits"].size() == 1);
  CHECK(fix["edits"][0]["file"] == "mise.toml");
  CHECK(fix["edits"][0]["start"] == std::string(kPublisher).size());
  CHECK(fix["edits"][0]["end"] == std::string(kPublisher).size());
  CHECK(fix["edits"][0]["replacement"] == "depends = [\"build\"]\n");
}

TEST_CASE("overlapping fixes: the first by file and offset wins, the other waits for the next pass") {
  using namespace mise_audit;
  std::vector<LintedProject> results(1);
  Project& p = results[0].run.project();  // a hand-made project: its graph is not used
  cli_run::Scratch s;
  p.root = s.dir.string();
  FileId f = p.sources.add("mise.toml", (s.dir / "mise.toml").string(), "abcdef");
  auto finding = [&](const char* rule, std::size_t b, std::size_t e, const char* text) {
    Diagnostic d;
    d.rule = rule;
    d.span.file = f;
    d.fix = Fix{rule, FixSafety::Safe, {{f, b, e, text}}, ""};
    return d;
  };
  results[0].diagnostics = {finding("b-rule", 3, 3, "X"), finding("a-rule", 3, 3, "Y"), finding("c-rule", 0, 1, "Z")};
  FixPass pass = plan_fix_pass(results, false);
  REQUIRE(pass.chosen.size() == 2);
  CHECK(pass.chosen[0].rule == "c-rule");
  CHECK(pass.chosen[1].rule == "a-rule");
  CHECK(pass.texts.begin()->second == "ZbcYdef");
  // An unsafe fix is left out unless asked for.
  results[0].diagnostics = {finding("a-rule", 0, 0, "Q")};
  results[0].diagnostics[0].fix->safety = FixSafety::Unsafe;
  CHECK(plan_fix_pass(results, false).chosen.empty());
  CHECK(plan_fix_pass(results, true).chosen.size() == 1);
}

TEST_CASE("unified diff: hunks with three lines of context, CRLF kept, missing final newline said") {
  using mise_audit::unified_diff;
  CHECK(unified_diff("x", "a\n", "a\n").empty());
  CHECK(unified_diff("x", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n") ==
        "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  CHECK(unified_diff("x", "a\r\n", "a\r\nb\r\n") == "--- a/x\n+++ b/x\n@@ -1,1 +1,2 @@\n a\r\n+b\r\n");
  CHECK(unified_diff("x", "a", "b") == "--- a/x\n+++ b/x\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n");
}

TEST_CASE("a fixed file that changed since it was read is not written") {
  cli_run::Scratch s;
  s.file("mise.toml", "new text\n");
  std::string e = mise_audit::write_fixed_file((s.dir / "mise.toml").string(), "old text\n", "fixed\n", s.dir.string());
  CHECK(e.find("changed since it was read") != std::string::npos);
  CHECK(cli_run::read(s.dir / "mise.toml") == "new text\n");
  CHECK(mise_audit::write_fixed_file((s.dir / "mise.toml").string(), "new text\n", "fixed\n", s.dir.string()).empty());
  CHECK(cli_run::read(s.dir / "mise.toml") == "fixed\n");
  // Outside the repository (a link that leads out): refused.
  cli_run::Scratch outside;
  outside.file("target.toml", "x\n");
  fs::create_symlink(outside.dir / "target.toml", s.dir / "link.toml");
  CHECK(!mise_audit::write_fixed_file((s.dir / "link.toml").string(), "x\n", "y\n", s.dir.string()).empty());
  CHECK(cli_run::read(outside.dir / "target.toml") == "x\n");
}
