// Output hygiene (issue 11): the rule docs' test metadata stays out of what users read, snippets
// of very long lines are cut around the caret, carets follow display width, Mermaid labels are
// escaped, and a binary file is one finding.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli_run.h"
#include "core/rule_docs.h"

using nlohmann::json;
using namespace mise_audit;

TEST_CASE("hygiene: `fires-at` never reaches explain or SARIF") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.build]\nrun = \"cargo build\"\n");
  REQUIRE(!rule_docs().empty());
  for (const RuleDoc& doc : rule_docs()) {
    INFO(doc.id);
    cli_run::Result r = cli_run::run(s.dir, {"explain", doc.id});
    CHECK(r.status == 0);
    CHECK(r.out.find("fires-at") == std::string::npos);
    CHECK(r.out.find("- severity: ") != std::string::npos);  // the user-facing metadata stays
  }
  cli_run::Result sarif = cli_run::run(s.dir, {"check", "--no-config", "--format", "sarif"});
  REQUIRE(sarif.status == 0);
  const json report = json::parse(sarif.out);  // named: a range-for over a temporary's member dangles
  for (const json& rule : report["runs"][0]["tool"]["driver"]["rules"]) {
    INFO(rule["id"]);
    CHECK(rule["help"]["markdown"].get<std::string>().find("fires-at") == std::string::npos);
    CHECK(rule["help"]["text"].get<std::string>().find("fires-at") == std::string::npos);
  }
}

TEST_CASE("hygiene: a snippet of a very long line is cut around the caret, `…` on each cut side") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks]\nb = { run = \"true\" }\na = { description = \"" + std::string(250, 'x') +
                          "\", depends = [\"nope\"], run = \"echo " + std::string(150, 'y') + "\" }\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--no-config", "--color", "never"});
  CHECK(r.status == 1);
  // 97 columns either side of the underlined `"nope"`: 200 in all.
  CHECK(r.out == "mise.toml:3:286: error[missing-dependency]: `depends` of task \"a\": \"nope\" names no task\n"
                 "  |\n"
                 "3 | …" + std::string(82, 'x') + "\", depends = [\"nope\"], run = \"echo " + std::string(81, 'y') + "…\n"
                 "  | " + std::string(97, ' ') + "^^^^^^\n"
                 "\n"
                 "Found 1 error (2 tasks in 1 file).\n");
  // Near the start of the line only the right side is cut.
  s.file("mise.toml", "[tasks]\nb = { run = \"true\" }\na = { depends = [\"nope\"], run = \"echo " + std::string(300, 'y') + "\" }\n");
  cli_run::Result left = cli_run::run(s.dir, {"check", "--no-config", "--color", "never"});
  CHECK(left.out.find("\n3 | a = { depends = [\"nope\"], run = \"echo " + std::string(200 - 17 - 6 - 15 - 1, 'y') + "…\n"
                      "  | " + std::string(17, ' ') + "^^^^^^\n") != std::string::npos);
}

TEST_CASE("hygiene: carets are placed by display width (wide characters and emoji are 2 columns)") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks]\n\"ビルド\" = { description = \"🚀 発射\", depends = [\"nope\"], run = \"true\" }\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--no-config", "--color", "never"});
  CHECK(r.status == 1);
  CHECK(r.out == "mise.toml:2:44: error[missing-dependency]: `depends` of task \"ビルド\": \"nope\" names no task\n"
                 "  |\n"
                 "2 | \"ビルド\" = { description = \"🚀 発射\", depends = [\"nope\"], run = \"true\" }\n"
                 "  | " + std::string(49, ' ') + "^^^^^^\n"
                 "\n"
                 "Found 1 error (1 task in 1 file).\n");
}

TEST_CASE("hygiene: Mermaid labels escape quotes, brackets, HTML and entity starts") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.'a\"[b]<c>#d{e}|f&g`h']\nrun = \"true\"\n");
  cli_run::Result r = cli_run::run(s.dir, {"graph", "--no-config", "--format", "mermaid"});
  CHECK(r.status == 0);
  CHECK(r.out == "flowchart LR\n  t0[\"a#quot;#91;b#93;#lt;c#gt;#35;d#123;e#125;#124;f#38;g#96;h\"]\n");
}

TEST_CASE("hygiene: a binary config is one finding with a short snippet, not a dump") {
  cli_run::Scratch s;
  std::string binary("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16);
  for (int i = 0; i < 200; ++i) binary += std::string("\0\x03\0>\0\x01\0\0\0\xd0\x61\0\0\0\0\0", 16);
  cli_run::write(s.dir / "mise.toml", binary);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--no-config", "--color", "never"});
  CHECK(r.status == 1);
  CHECK(r.out.rfind("mise.toml:1:", 0) == 0);
  CHECK(r.out.find("error[toml-syntax]") != std::string::npos);
  CHECK(r.out.find("Found 1 error (0 tasks in 1 file).\n") != std::string::npos);
  std::size_t snippet = r.out.find("\n1 | ");
  REQUIRE(snippet != std::string::npos);
  std::size_t end = r.out.find('\n', snippet + 1);
  CHECK(end - snippet < 220);  // ~200 columns of escaped bytes, not 3 KB
  // Cut between escapes, never inside one (`\x0…`).
  std::string shown = r.out.substr(snippet + 5, end - snippet - 5);
  CHECK(std::regex_match(shown, std::regex(R"(((\\x[0-9a-f]{2})|[ -\[\]-~])*…)")));
  json j = json::parse(cli_run::run(s.dir, {"check", "--no-config", "--format", "json"}).out);
  CHECK(j["diagnostics"].size() == 1);
}

TEST_CASE("hygiene: a task script with NUL bytes in its headers is one finding, as mise stops at the first") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.a]\nrun = \"true\"\n");
  std::string script = "#!/bin/sh\n";
  for (int i = 0; i < 50; ++i) script += std::string("#MISE description=\"a\0b\"\n", 24);
  s.write("mise-tasks/blob", script, true);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--no-config", "--format", "json"});
  CHECK(r.status == 1);
  json j = json::parse(r.out);
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["rule"] == "toml-syntax");
  CHECK(j["diagnostics"][0]["line"] == 2);
}
