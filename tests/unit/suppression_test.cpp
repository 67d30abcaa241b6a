// `# mise-audit: ignore[…]` / `file-ignore[…]` comments: their scopes, #MISE script files,
// unused and unknown entries, and --no-ignores. The finding suppressed is the seed anti-pattern
// (publish-without-build: `release:pypi` uploads what nothing in its depends builds).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "suppression/suppression.h"

namespace fs = std::filesystem;

namespace {

struct Finding {
  std::string rule;
  int line = 0, column = 0;
  std::string message;
  bool operator==(const Finding& o) const { return rule == o.rule && line == o.line && column == o.column && message == o.message; }
};

std::ostream& operator<<(std::ostream& os, const Finding& f) {
  return os << f.rule << "@" << f.line << ":" << f.column << " " << f.message;
}

std::vector<Finding> lint(const cli_run::Scratch& s, std::vector<std::string> extra = {}) {
  // The seed's ./scripts/publish-to-pypi.sh is not in the scratch folder: missing-script is not what these test.
  std::vector<std::string> args = {"check", "--no-config", "--format", "json", "--ignore", "missing-script"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(".");
  cli_run::Result r = cli_run::run(s.dir, args);
  INFO(r.err);
  REQUIRE(r.status != 2);
  std::vector<Finding> out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  for (const auto& d : j["diagnostics"])
    out.push_back({d["rule"], d["line"].is_null() ? 0 : d["line"].get<int>(), d["column"].is_null() ? 0 : d["column"].get<int>(), d["message"]});
  return out;
}

std::vector<std::string> rules_of(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const Finding& f : fs) out.push_back(f.rule + "@" + std::to_string(f.line));
  return out;
}

// `header`, `above` and `run_comment` are spliced into the seed anti-pattern.
std::string seed(const std::string& above, const std::string& header_comment, const std::string& run_comment,
                 const std::string& extra = "") {
  return "[tasks.\"release:build-all\"]\n"
         "run = \"maturin build --release\"\n"
         "\n" +
         above +
         "[tasks.\"release:pypi\"]" + header_comment + "\n"
         "description = \"Upload to PyPI\"\n"
         "run = \"./scripts/publish-to-pypi.sh\"" + run_comment + "\n" + extra;
}

}  // namespace

TEST_CASE("suppression: the anti-pattern fires without a comment") {
  cli_run::Scratch s;
  s.file("mise.toml", seed("", "", ""));
  CHECK(rules_of(lint(s)) == std::vector<std::string>{"publish-without-build@6"});
}

TEST_CASE("suppression: task header line, the line above it, and the key line") {
  cli_run::Scratch s;
  SECTION("on the header line") { s.file("mise.toml", seed("", "  # mise-audit: ignore[publish-without-build] manual upload", "")); }
  SECTION("on the line above the header") { s.file("mise.toml", seed("# mise-audit: ignore[publish-without-build] manual upload\n", "", "")); }
  SECTION("two comment lines above the header") {
    s.file("mise.toml", seed("# mise-audit: ignore[publish-without-build] manual upload\n# (see RELEASING.md)\n", "", ""));
  }
  SECTION("on the offending key's line") { s.file("mise.toml", seed("", "", "  # mise-audit: ignore[publish-without-build]")); }
  CHECK(lint(s).empty());
  // --no-ignores brings the finding back and reports nothing about the comment.
  CHECK(rules_of(lint(s, {"--no-ignores"})).size() == 1);
}

TEST_CASE("suppression: a comment covers only its scope") {
  cli_run::Scratch s;
  SECTION("another key's line") {
    std::string text = seed("", "", "");
    text.replace(text.find("description = \"Upload to PyPI\""), 30, "description = \"Upload to PyPI\"  # mise-audit: ignore[publish-without-build]");
    s.file("mise.toml", text);
    std::vector<Finding> f = lint(s);
    REQUIRE(f.size() == 2);
    CHECK(f[0] == Finding{"unused-suppression", 5, 54, "unused suppression: no `publish-without-build` finding here"});
    CHECK(f[1].rule == "publish-without-build");
  }
  SECTION("separated from the header by a blank line") {
    s.file("mise.toml", seed("# mise-audit: ignore[publish-without-build]\n\n", "", ""));
    CHECK(rules_of(lint(s)) == (std::vector<std::string>{"unused-suppression@4", "publish-without-build@8"}));
  }
  SECTION("another task's header") {
    s.file("mise.toml", "# mise-audit: ignore[publish-without-build]\n" + seed("", "", ""));
    std::vector<Finding> f = lint(s);
    REQUIRE(f.size() == 2);
    CHECK(f[0] == Finding{"unused-suppression", 1, 22, "unused suppression: no `publish-without-build` finding in task `release:build-all`"});
    CHECK(f[1].rule == "publish-without-build");
  }
  SECTION("text inside a multi-line run string is script, not a TOML comment") {
    std::string text = seed("", "", "");
    text.replace(text.find("run = \"./scripts/publish-to-pypi.sh\""), 36,
                 "run = '''\n# mise-audit: ignore[publish-without-build]\n./scripts/publish-to-pypi.sh\n'''");
    s.file("mise.toml", text);
    CHECK(rules_of(lint(s)) == std::vector<std::string>{"publish-without-build@8"});
  }
}

TEST_CASE("suppression: file-ignore covers the whole file") {
  cli_run::Scratch s;
  s.file("mise.toml", "# mise-audit: file-ignore[publish-without-build] legacy pipeline, see #12\n" + seed("", "", ""));
  CHECK(lint(s).empty());
}

TEST_CASE("suppression: unknown, malformed and unused entries are findings") {
  cli_run::Scratch s;
  s.file("mise.toml", seed("", "  # mise-audit: ignore[publish-without-buld, publish-without-build]", "  # mise-audit: ignore publish-without-build"));
  std::vector<Finding> f = lint(s);
  REQUIRE(f.size() == 2);
  CHECK(f[0] == Finding{"unused-suppression", 4, 46,
                        "unknown rule `publish-without-buld` in suppression comment for task `release:pypi` (did you mean `publish-without-build`?)"});
  CHECK(f[1] == Finding{"unused-suppression", 6, 39, "malformed suppression comment"});
  // Suppressions are judged against every rule's findings, whatever --select shows.
  CHECK(rules_of(lint(s, {"--select", "unused-suppression"})) == (std::vector<std::string>{"unused-suppression@4", "unused-suppression@6"}));
  CHECK(lint(s, {"--ignore", "unused-suppression"}).empty());
}

TEST_CASE("suppression: #MISE script files accept the same comments") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.\"release:build-all\"]\nrun = \"maturin build --release\"\n");
  std::string script =
      "#!/usr/bin/env bash\n"
      "#MISE description=\"Upload to PyPI\"\n"
      "# mise-audit: ignore[publish-without-build] uploaded by hand after CI builds\n"
      "uv publish dist/*\n";
  s.file("mise-tasks/release/pypi", script);
  fs::permissions(s.dir / "mise-tasks/release/pypi", fs::perms::owner_all);
  CHECK(lint(s).empty());
  CHECK(rules_of(lint(s, {"--no-ignores"})) == std::vector<std::string>{"publish-without-build@4"});
  // On the command's own line it covers that line.
  script.replace(script.find("# mise-audit"), script.find("\nuv") - script.find("# mise-audit") + 1, "");
  script.replace(script.find("uv publish dist/*"), 17, "uv publish dist/*  # mise-audit: ignore[publish-without-build]");
  s.file("mise-tasks/release/pypi", script);
  CHECK(lint(s).empty());
}

TEST_CASE("suppression: find_suppressions resolves scopes") {
  cli_run::Scratch s;
  s.file("mise.toml", "# mise-audit: file-ignore[a]\n[tasks.x]  # mise-audit: ignore[b]\nrun = [\n  \"true\",\n]  \n# mise-audit: ignore[c, d]\ndepends = [\n  \"y\",\n]\n[tasks.y]\nrun = \"true\"\n");
  mise_audit::LoadResult loaded = mise_audit::load_project((s.dir / "mise.toml").string(), {});
  REQUIRE(loaded.error.empty());
  std::vector<mise_audit::Suppression> sups = mise_audit::find_suppressions(loaded.project);
  REQUIRE(sups.size() == 3);
  CHECK(sups[0].scope == mise_audit::Suppression::Scope::File);
  CHECK(sups[1].scope == mise_audit::Suppression::Scope::Task);
  CHECK(sups[1].task == "x");
  CHECK(sups[2].scope == mise_audit::Suppression::Scope::Lines);
  CHECK(sups[2].first_line == 7);
  CHECK(sups[2].last_line == 9);  // the key's value spans three lines
  REQUIRE(sups[2].rules.size() == 2);
  CHECK(sups[2].rules[1].rule == "d");
  CHECK(sups[2].rules[1].span.begin.column == 25);
}
