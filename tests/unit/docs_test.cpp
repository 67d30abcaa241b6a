// rules/*.md is the single source of rule documentation: every registered rule has a doc, every
// doc a rule, each doc parses, and each doc's examples behave as documented (rules/README.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_run.h"
#include "core/rule_docs.h"
#include "core/stage_rules.h"
#include "mise_audit/rule.h"

using namespace mise_audit;

TEST_CASE("rule docs parse without problems") {
  for (const std::string& p : rule_doc_problems()) INFO(p);
  CHECK(rule_doc_problems().empty());
  REQUIRE(!rule_docs().empty());
}

TEST_CASE("every registered rule has a doc and every doc a rule") {
  std::set<std::string> registered, documented;
  for (const Rule* r : rule_registry()) registered.insert(r->id());
  for (const RuleDoc& d : rule_docs()) documented.insert(d.id);
  for (const std::string& id : registered) {
    INFO("rule without rules/" << id << ".md");
    CHECK(documented.count(id) == 1);
  }
  for (const std::string& id : documented) {
    INFO("rules/" << id << ".md documents no registered rule");
    CHECK(registered.count(id) == 1);
  }
  CHECK(registered.size() == rule_registry().size());  // ids are unique
}

TEST_CASE("every rule a stage reports is registered, and its findings carry the doc's severity") {
  for (int i = 0; i <= static_cast<int>(StageRule::UnusedSuppression); ++i) {
    StageRule rule = static_cast<StageRule>(i);
    INFO(stage_rule_id(rule));
    const Rule* registered = find_rule(stage_rule_id(rule));
    REQUIRE(registered);
    const RuleDoc* doc = find_rule_doc(stage_rule_id(rule));
    REQUIRE(doc);
    Diagnostic d = stage_finding(rule, {}, "m", "h", "t");
    CHECK(d.rule == registered->id());
    CHECK(d.severity == doc->severity);
    CHECK((d.message == "m" && d.help == "h" && d.task == "t"));
  }
}

TEST_CASE("rule doc parser reports what is missing") {
  std::vector<std::string> problems;
  RuleDoc d = parse_rule_doc("x-rule.md", "# y-rule\n\n- severity: fatal\n- fires-at: two\n\n## What it does\nA.\n", problems);
  CHECK(d.id == "y-rule");
  std::string all;
  for (const std::string& p : problems) all += p + "\n";
  CHECK(all ==
        "x-rule.md: severity must be error, warning or note, not `fatal`\n"
        "x-rule.md: fires-at must be a 1-based line number or `none`, not `two`\n"
        "x-rule.md: title `y-rule` does not match the file name\n"
        "x-rule.md: missing `- summary:`\n"
        "x-rule.md: missing `## Why is this bad?`\n"
        "x-rule.md: missing code block under `## Example`\n"
        "x-rule.md: missing code block under `## Use instead`\n");
}

TEST_CASE("rule doc parser reads every field") {
  std::vector<std::string> problems;
  RuleDoc d = parse_rule_doc("a-b.md",
                             "# a-b\n\n- severity: note\n- summary: One line.\n- fires-at: 2\n\n"
                             "## What it does\nWhat.\n\n## Why is this bad?\nWhy.\n\n"
                             "## Example\n```toml\n# not a title\n[tasks.x]\n```\n\n## Use instead\n```toml\n[tasks.y]\n```\n",
                             problems);
  CHECK(problems.empty());
  CHECK(d.severity == Severity::Note);
  CHECK(d.summary == "One line.");
  CHECK(d.fires_at == 2u);
  CHECK(d.what == "What.");
  CHECK(d.why == "Why.");
  CHECK(d.example == "# not a title\n[tasks.x]\n");
  CHECK(d.use_instead == "[tasks.y]\n");
}

namespace {

// Findings of `rule` as (line) from `check --format json --select rule` on `toml`.
std::vector<int> finding_lines(const std::string& rule, const std::string& toml) {
  cli_run::Scratch s;
  s.file("mise.toml", toml);
  cli_run::Result r = cli_run::run(s.dir, {"check", "--no-config", "--format", "json", "--select", rule, "."});
  INFO(r.err);
  REQUIRE(r.status != 2);
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<int> lines;
  for (const auto& d : j["diagnostics"])
    if (d["rule"] == rule) lines.push_back(d["line"].is_null() ? 0 : d["line"].get<int>());
  return lines;
}

}  // namespace

TEST_CASE("each doc's example fires once at fires-at and its fix gives none") {
  for (const RuleDoc& d : rule_docs()) {
    if (!d.fires_at || !find_rule(d.id)) continue;
    SECTION(d.id) {
      std::vector<int> bad = finding_lines(d.id, d.example);
      INFO("rules/" << d.id << ".md: `## Example` findings at lines (expected exactly one at " << *d.fires_at << ")");
      for (int l : bad) INFO(l);
      REQUIRE(bad.size() == 1);
      CHECK(bad[0] == static_cast<int>(*d.fires_at));
      std::vector<int> good = finding_lines(d.id, d.use_instead);
      INFO("rules/" << d.id << ".md: `## Use instead` must give no finding");
      CHECK(good.empty());
    }
  }
}

TEST_CASE("rules and explain come from the docs") {
  cli_run::Scratch s;
  cli_run::Result rules = cli_run::run(s.dir, {"rules"});
  CHECK(rules.status == 0);
  for (const RuleDoc& d : rule_docs()) {
    INFO(d.id);
    CHECK(rules.out.find(d.id) != std::string::npos);
  }
  const RuleDoc* doc = find_rule_doc("unused-suppression");
  REQUIRE(doc);
  cli_run::Result explain = cli_run::run(s.dir, {"explain", "unused-suppression"});
  CHECK(explain.status == 0);
  CHECK(explain.out == rule_doc_as_text(*doc));
  CHECK(explain.out.rfind("unused-suppression\n", 0) == 0);
  CHECK(explain.out.find("Why is this bad?") != std::string::npos);
  CHECK(explain.out.find(doc->example) != std::string::npos);
  CHECK(explain.out.find(doc->use_instead) != std::string::npos);
}

TEST_CASE("an unknown rule name is a usage error with a suggestion") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.a]\nrun = \"true\"\n");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"explain", "unused-supression"},
           {"check", "--select", "unused-supression", "."},
           {"check", "--ignore", "unused-supression", "."}}) {
    cli_run::Result r = cli_run::run(s.dir, args);
    INFO(args[0] << " " << args[1]);
    CHECK(r.status == 2);
    CHECK(r.err == "mise-audit: unknown rule `unused-supression` (did you mean `unused-suppression`?)\n");
    CHECK(r.out.empty());
  }
}
