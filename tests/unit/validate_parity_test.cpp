// Parity with `mise tasks validate`: for every config in the shared corpus, every error mise
// reports (same task, matching category) is also reported by mise-audit, with a position.
// The corpus lives next to the repository (MISE_AUDIT_SOURCE_DIR/../shared/corpus); without it
// the test is skipped. Prints the table: mise errors found / total per category, and the
// structural findings mise does not report, per rule.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "corpus.h"
#include "mise_audit/engine.h"
#include "mise_audit/rule.h"
#include "mise_audit/task_graph.h"

namespace fs = std::filesystem;
using namespace mise_audit;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "//:check" and "check" are the same root task; "e (post)" is task "e".
std::string normal_task(std::string name) {
  if (name.rfind("//:", 0) == 0) name = name.substr(3);
  if (name.size() > 7 && name.compare(name.size() - 7, 7, " (post)") == 0) name.resize(name.size() - 7);
  return name;
}

// mise's category -> ours.
std::string our_category(const std::string& mise, const std::string& details) {
  if (mise == "circular-dependency") return "dependency-cycle";
  if (mise == "dependency-graph-error")
    return details.find("circular dependency") != std::string::npos ? "dependency-cycle" : "missing-dependency";
  if (mise == "invalid-glob-pattern") return "invalid-glob";
  return mise;  // the other categories share mise's names
}

// The quoted name in mise's messages ("Dependency 'x' not found", "task not found: x").
std::string named_reference(const std::string& message, const std::string& details) {
  std::size_t a = message.find('\'');
  if (a != std::string::npos) {
    std::size_t b = message.find('\'', a + 1);
    if (b != std::string::npos) return message.substr(a + 1, b - a - 1);
  }
  const std::string marker = "task not found: ";
  if (std::size_t p = details.find(marker); p != std::string::npos) return details.substr(p + marker.size());
  return "";
}

struct Tally {
  int found = 0, total = 0;
};

}  // namespace

TEST_CASE("parity with mise tasks validate on the shared corpus") {
  fs::path corpus = corpus::dir();
  if (!corpus::present(corpus)) MISE_AUDIT_SKIP_TEST("no corpus at " << corpus.string());
  std::map<std::string, std::string> envs;  // id -> MISE_ENV used by the oracle
  {
    std::istringstream manifest(slurp(corpus / "manifest.tsv"));
    std::string line;
    std::getline(manifest, line);
    while (std::getline(manifest, line)) {
      std::vector<std::string> cols;
      std::stringstream ss(line);
      for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
      if (cols.size() >= 12 && !cols[11].empty()) envs[cols[0]] = cols[11];
    }
  }
  std::set<std::string> structural;  // rules whose findings count as extras
  for (const Rule* r : rule_registry()) {
    static const std::set<std::string> ours = {
        "missing-dependency", "dependency-cycle", "alias-conflict", "missing-file", "not-executable",
        "invalid-timeout", "invalid-glob", "empty-script", "no-execution", "missing-task-reference",
        "invalid-shell", "missing-directory", "usage-directive", "ambiguous-dependency-string", "usage-parse-error", "missing-daemon"};
    if (ours.count(r->id())) structural.insert(r->id());
  }
  std::map<std::string, Tally> by_category;
  std::map<std::string, int> extras;
  std::map<std::string, int> environment_only;
  std::vector<std::string> missed;
  int configs = 0, refused = 0;
  fs::path cwd = fs::current_path();
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(corpus / "files")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    std::string id = dir.filename().string();
    std::string oracle_text = slurp(corpus / "oracle" / (id + ".validate.json"));
    nlohmann::json oracle = nlohmann::json::parse(oracle_text, nullptr, false);
    if (oracle.is_discarded()) {
      ++refused;  // mise refused the config; nothing to compare
      continue;
    }
    ++configs;
    LoadOptions options;
    if (envs.count(id)) options.envs = {envs[id]};
    // mise ran inside files/NNN; relative `file` paths and messages assume that folder.
    fs::current_path(dir);
    LoadResult loaded = load_project(".", options);
    fs::current_path(cwd);
    REQUIRE(loaded.error.empty());
    std::vector<Diagnostic> diags = lint_project(loaded.project, {});
    TaskGraph graph(loaded.project);
    std::vector<bool> matched(diags.size(), false);
    for (const auto& issue : oracle["issues"]) {
      if (issue["severity"] != "error") {
        // mise's warnings are not required, but findings that match one are not extras.
        std::string ours = our_category(issue["category"], issue.value("details", ""));
        for (std::size_t i = 0; i < diags.size(); ++i)
          if (diags[i].rule == ours && normal_task(diags[i].task) == normal_task(issue["task"])) matched[i] = true;
        continue;
      }
      std::string category = issue["category"];
      std::string details = issue.value("details", "");
      std::string message = issue.value("message", "");
      std::string task = normal_task(issue["task"]);
      if (details.find("offline") != std::string::npos) {
        ++environment_only[category];  // mise could not resolve a tool without network here
        continue;
      }
      std::string ours = our_category(category, details);
      std::string ref = named_reference(message, details);
      Tally& tally = by_category[category];
      ++tally.total;
      // A graph error is reported at its cause: a missing dependency anywhere in what the task
      // schedules, or the cycle it reaches.
      std::vector<bool> scope(graph.size(), false);
      std::optional<TaskId> tid = graph.find(task);
      if (!tid) tid = graph.find("//:" + task);
      if (tid) scope = category == "dependency-graph-error" ? graph.scheduled_closure(*tid) : std::vector<bool>{};
      bool found = false;
      for (std::size_t i = 0; i < diags.size() && !found; ++i) {
        const Diagnostic& d = diags[i];
        if (d.rule != ours || !d.span.has_position()) continue;
        std::optional<TaskId> did = graph.find(d.task);
        bool same_task = normal_task(d.task) == task ||
                         (category == "dependency-graph-error" && did && !scope.empty() && scope[*did]) ||
                         (ours == "dependency-cycle" && d.message.find(task) != std::string::npos);
        bool same_ref = ref.empty() || ours == "dependency-cycle" || d.message.find("\"" + ref + "\"") != std::string::npos;
        if (same_task && same_ref) found = matched[i] = true;
      }
      if (found) ++tally.found;
      else missed.push_back(id + ": " + task + " [" + category + "] " + message + " " + details);
    }
    for (std::size_t i = 0; i < diags.size(); ++i)
      if (!matched[i] && structural.count(diags[i].rule)) {
        ++extras[diags[i].rule];
        if (std::getenv("PARITY_VERBOSE"))
          std::cout << "  extra " << id << ": " << diags[i].rule << " " << diags[i].message << "\n";
      }
  }
  std::ostringstream table;
  table << "mise tasks validate parity: " << configs << " configs compared, " << refused
        << " refused by mise (no validate output)\n";
  table << "  mise error category            found / total\n";
  for (const auto& [category, t] : by_category)
    table << "  " << category << std::string(31 - std::min<std::size_t>(30, category.size()), ' ') << t.found << " / "
          << t.total << "\n";
  for (const auto& [category, n] : environment_only)
    table << "  " << category << ": " << n << " not compared (mise could not resolve a tool offline)\n";
  table << "  mise-audit findings mise does not report, per rule:\n";
  for (const auto& [rule, n] : extras) table << "    " << rule << ": " << n << "\n";
  std::cout << table.str();
  for (const std::string& m : missed) UNSCOPED_INFO("missed: " << m);
  CHECK(missed.empty());
}
