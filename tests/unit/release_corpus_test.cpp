// Recall and precision of the release rules on the shared corpus (issue 12, item 8), recomputed from
// the binary's current output:
//   - tests/release_defects.tsv: the release defects found by reading the corpus's release
//     workflows against the seed's checklist (id, task, line, checklist item, why);
//   - tests/corpus_triage.tsv: a verdict for every release-rule finding on the corpus (TP/FP;
//     FP-fixed rows are history and not compared).
// Every config is linted with `check --no-config --format json --select <the release rules>`.
// Precision = findings triaged TP / all findings (an untriaged finding counts against, and fails);
// recall = defects named by a TP finding (same id, from a rule that judges the defect's checklist
// item: kRulesFor, on the defect's task or naming it in its message — an ordering defect has two
// ends, and a rule may report either) / defects listed. Both must stay at or
// above the measured values below. Without the corpus the test fails under CI=true and otherwise
// prints a loud skip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "cli_run.h"
#include "corpus.h"

namespace fs = std::filesystem;

namespace {

// Measured on this revision (tests/corpus_triage.tsv's header says which findings): they may only rise.
constexpr double kMinRecall = 18.0 / 20.0;
constexpr double kMinPrecision = 22.0 / 22.0;

const char* const kReleaseRules =
    "publish-without-build,version-after-build,missing-sdist,artifact-scatter,ordering-not-enforced,unlinked-phase,"
    "orchestrator-pass-through,orchestrator-incomplete,hardcoded-publish-order,hardcoded-secret,implicit-tool-dependency,"
    "build-exit-zero,parallel-depends-race,publish-skips-preflight";

// The rules whose finding on a defect's task counts as finding it, by checklist item.
const std::map<std::string, std::set<std::string>> kRulesFor = {
    {"publish-depends-on-build", {"publish-without-build", "ordering-not-enforced", "unlinked-phase", "build-exit-zero"}},
    {"standalone-safe", {"publish-without-build", "ordering-not-enforced", "unlinked-phase", "publish-skips-preflight"}},
    {"depends-on-prerequisites", {"publish-without-build", "ordering-not-enforced", "unlinked-phase", "parallel-depends-race"}},
    {"version-before-build", {"version-after-build"}},
    {"sdist", {"missing-sdist"}},
    {"single-artifact-dir", {"artifact-scatter"}},
    {"full-includes-all-phases", {"orchestrator-incomplete", "orchestrator-pass-through"}},
};

// Data rows of a TSV file: '#' comment lines and the header (first other line) skipped.
std::vector<std::vector<std::string>> read_tsv(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(cli_run::read(p));
  bool header = true;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(corpus::split_tabs(line));
  }
  return rows;
}

struct Finding {
  std::string id, rule, task, message;
  int line = 0;
};

}  // namespace

TEST_CASE("release rules: recall and precision on the shared corpus") {
  fs::path dir = corpus::dir();
  if (!corpus::present(dir)) {
    std::string msg = "corpus not found at " + dir.string() + ": release recall/precision not measured";
    MISE_AUDIT_SKIP_TEST(msg);
  }
  fs::path root = fs::path(MISE_AUDIT_SOURCE_DIR) / "tests";
  auto defects = read_tsv(root / "release_defects.tsv");
  auto triage = read_tsv(root / "corpus_triage.tsv");
  REQUIRE(!defects.empty());

  // (id, rule, task) -> verdict; the line is informative (spans move with the rules).
  std::map<std::tuple<std::string, std::string, std::string>, std::string> verdicts;
  for (const auto& r : triage) {
    REQUIRE(r.size() >= 5);
    if (r[4] == "FP-fixed") continue;
    REQUIRE((r[4] == "TP" || r[4] == "FP"));
    verdicts[{r[0], r[1], r[2]}] = r[4];
  }

  cli_run::Scratch scratch(false);
  std::vector<Finding> findings;
  std::istringstream manifest(cli_run::read(dir / "manifest.tsv"));
  std::string line;
  std::getline(manifest, line);  // header
  while (std::getline(manifest, line)) {
    std::vector<std::string> cols = corpus::split_tabs(line);
    if (cols.empty() || cols[0].empty()) continue;
    std::string cmd = cli_run::quote(MISE_AUDIT_BINARY) + " check --no-config --format json --select " + kReleaseRules + " " +
                      cli_run::quote((dir / "files" / cols[0]).string());
    if (cols.size() > 11 && !cols[11].empty()) cmd += " -E " + cli_run::quote(cols[11]);
    cli_run::Result r = cli_run::shell(scratch.dir, cmd);
    INFO(cols[0] << ": " << r.err);
    REQUIRE(r.status != 2);
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE(j.is_object());
    for (const auto& d : j["diagnostics"]) {
      Finding f{cols[0], d.value("rule", ""), d["task"].is_string() ? d["task"].get<std::string>() : "",
                d.value("message", ""), d.value("line", 0)};
      findings.push_back(f);
    }
  }

  int tp = 0;
  std::vector<std::string> untriaged, false_positives;
  std::vector<const Finding*> true_findings;
  for (const Finding& f : findings) {
    std::string where = f.id + "\t" + f.rule + "\t" + f.task + "\t" + std::to_string(f.line);
    auto v = verdicts.find({f.id, f.rule, f.task});
    if (v == verdicts.end()) {
      untriaged.push_back(where);
    } else if (v->second == "TP") {
      ++tp;
      true_findings.push_back(&f);
    } else {
      false_positives.push_back(where);
    }
  }
  int found = 0;
  std::vector<std::string> missed;
  for (const auto& d : defects) {
    REQUIRE(d.size() >= 4);
    auto rules = kRulesFor.find(d[3]);
    INFO("checklist item of " << d[0] << " " << d[1] << ": " << d[3]);
    REQUIRE(rules != kRulesFor.end());
    bool hit = std::any_of(true_findings.begin(), true_findings.end(), [&](const Finding* f) {
      return f->id == d[0] && rules->second.count(f->rule) &&
             (f->task == d[1] || f->message.find("`" + d[1] + "`") != std::string::npos);
    });
    if (hit) ++found;
    else missed.push_back(d[0] + "\t" + d[1] + "\t" + d[3]);
  }
  double precision = findings.empty() ? 1.0 : static_cast<double>(tp) / static_cast<double>(findings.size());
  double recall = static_cast<double>(found) / static_cast<double>(defects.size());

  std::ostringstream report;
  report << "release rules on the corpus: " << findings.size() << " findings, " << tp << " true; precision "
         << 100.0 * precision << " %; recall " << found << "/" << defects.size() << " = " << 100.0 * recall << " %\n";
  for (const std::string& s : false_positives) report << "  false positive: " << s << "\n";
  for (const std::string& s : untriaged) report << "  UNTRIAGED (add a row to tests/corpus_triage.tsv): " << s << "\n";
  for (const std::string& s : missed) report << "  missed defect: " << s << "\n";
  std::cout << report.str();
  INFO(report.str());
  CHECK(untriaged.empty());
  REQUIRE(precision >= kMinPrecision);
  REQUIRE(recall >= kMinRecall);
}
