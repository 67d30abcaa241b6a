// Fixes proved on real files (issue 13): every config of the shared corpus is copied to a scratch
// repository and fixed with `--fix --unsafe-fixes`. Then: the copy still loads (no new finding,
// toml-syntax included), the live mise loads it when it loaded the original and its task model
// differs only in the dependencies of the tasks a fix was about, the findings that had a fix are
// gone, and a second run changes nothing. Without the corpus the test fails under CI=true and
// otherwise prints a loud skip; without mise (npm missing) the mise comparison is skipped loudly.
#include <catch2/catch.hpp>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_run.h"
#include "corpus.h"
#include "live_mise.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Findings by (rule, file, task): positions and messages move when lines are inserted.
using Key = std::tuple<std::string, std::string, std::string>;

Key key_of(const json& d) {
  auto s = [&](const char* k) { return d[k].is_string() ? d[k].get<std::string>() : std::string(); };
  return {s("rule"), s("file"), s("task")};
}

std::map<Key, int> count_findings(const json& report) {
  std::map<Key, int> n;
  for (const json& d : report["diagnostics"]) ++n[key_of(d)];
  return n;
}

// Task name -> its JSON without the dependency lists (what a fix may change), and without `run`
// for the tasks whose publish loop a fix replaced.
std::map<std::string, json> tasks_without_deps(const json& tasks, std::map<std::string, json>& deps,
                                               const std::set<std::string>& run_fixed) {
  std::map<std::string, json> out;
  for (json t : tasks) {
    std::string name = t["name"].get<std::string>();
    deps[name] = {t["depends"], t["depends_post"], t["wait_for"]};
    t.erase("depends");
    t.erase("depends_post");
    t.erase("wait_for");
    if (run_fixed.count(name)) t.erase("run");
    out[name] = t;
  }
  return out;
}

}  // namespace

TEST_CASE("fixes on the corpus: the copy loads, mise agrees, fixed findings are gone, a second run is a no-op") {
  fs::path corpus = corpus::dir();
  if (!corpus::present(corpus)) {
    std::string msg = "corpus not found at " + corpus.string() + " (CI checks out shared/ beside the clone)";
    std::cout << corpus::skip_banner(msg);
    if (corpus::required()) FAIL(msg);
    WARN("SKIPPED: " << msg);
    return;
  }
  std::string why;
  std::string mise = live_mise::ensure_mise(why);
  if (mise.empty()) {
    std::cout << corpus::skip_banner("fixed copies not loaded by mise: " + why);
    if (corpus::required()) FAIL(why);
  }
  cli_run::Scratch scratch(false);
  fs::path home = scratch.dir / "home";
  fs::create_directories(home);
  std::istringstream manifest(cli_run::read(corpus / "manifest.tsv"));
  std::string line;
  std::getline(manifest, line);  // header
  int configs = 0, fixed_configs = 0, fixes = 0, mise_checked = 0;
  std::map<std::string, int> by_rule;  // findings with a fix, in configs the run changed
  std::vector<std::string> problems;
  while (std::getline(manifest, line)) {
    std::vector<std::string> cols = corpus::split_tabs(line);
    if (cols.empty() || cols[0].empty()) continue;
    const std::string& id = cols[0];
    std::string mise_env = cols.size() > 11 ? cols[11] : "";
    ++configs;
    fs::path copy = scratch.dir / "run" / id;
    fs::create_directories(copy);
    fs::copy(corpus / "files" / id, copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    cli_run::shell(copy, "git init -q . >/dev/null 2>&1");
    std::string env_arg = mise_env.empty() ? "" : " -E " + cli_run::quote(mise_env);
    std::string bin = cli_run::quote(MISE_AUDIT_BINARY);
    std::string check = bin + " check --no-config --format json" + env_arg + " . </dev/null";
    std::string mise_cmd = "env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=" + cli_run::quote(home.string()) +
                           " MISE_CEILING_PATHS=" + cli_run::quote(copy.parent_path().string()) +
                           " MISE_TRUSTED_CONFIG_PATHS=" + cli_run::quote(copy.parent_path().string()) +
                           (mise_env.empty() ? "" : " MISE_ENV=" + cli_run::quote(mise_env)) + " " +
                           cli_run::quote(mise) + " tasks ls --json --hidden </dev/null";
    json before = json::parse(cli_run::shell(copy, check).out, nullptr, false);
    if (!before.is_object()) {
      problems.push_back(id + ": no JSON before fixing");
      continue;
    }
    std::set<std::string> fixed_tasks, run_fixed;
    std::set<Key> had_fix;
    std::map<std::string, int> rules_fixed;
    for (const json& d : before["diagnostics"])
      if (d.contains("fix")) {
        if (had_fix.insert(key_of(d)).second) ++rules_fixed[d["rule"].get<std::string>()];
        if (d["task"].is_string()) fixed_tasks.insert(d["task"].get<std::string>());
        if (d["rule"] == "hardcoded-publish-order" && d["task"].is_string()) run_fixed.insert(d["task"].get<std::string>());
      }
    cli_run::Result mise_before;
    if (!mise.empty()) mise_before = cli_run::shell(copy, mise_cmd);
    std::map<std::string, std::string> original = cli_run::tree(copy);
    cli_run::shell(copy, bin + " check --no-config --fix --unsafe-fixes" + env_arg + " . </dev/null");
    std::map<std::string, std::string> once = cli_run::tree(copy);
    if (once != original) {
      ++fixed_configs;
      fixes += static_cast<int>(had_fix.size());
      for (const auto& [rule, n] : rules_fixed) by_rule[rule] += n;
    } else if (!had_fix.empty()) {
      problems.push_back(id + ": findings had fixes but nothing changed");
    }
    json after = json::parse(cli_run::shell(copy, check).out, nullptr, false);
    if (!after.is_object()) {
      problems.push_back(id + ": no JSON after fixing");
      continue;
    }
    std::map<Key, int> was = count_findings(before), now = count_findings(after);
    for (const auto& [k, n] : now)
      if (n > was[k]) problems.push_back(id + ": new finding " + std::get<0>(k) + " in " + std::get<1>(k) + " (task " + std::get<2>(k) + ")");
    for (const json& d : after["diagnostics"])
      if (d.contains("fix")) problems.push_back(id + ": a fix is left after fixing: " + d["fix"]["title"].get<std::string>());
    for (const Key& k : had_fix)
      if (now[k] >= was[k]) problems.push_back(id + ": the fixed " + std::get<0>(k) + " finding of task " + std::get<2>(k) + " is still there");
    cli_run::shell(copy, bin + " check --no-config --fix --unsafe-fixes" + env_arg + " . </dev/null");
    if (cli_run::tree(copy) != once) problems.push_back(id + ": a second --fix changed files");
    if (mise.empty() || once == original || mise_before.status != 0) continue;
    ++mise_checked;
    cli_run::Result mise_after = cli_run::shell(copy, mise_cmd);
    json a = json::parse(mise_before.out, nullptr, false), b = json::parse(mise_after.out, nullptr, false);
    if (mise_after.status != 0 || !b.is_array() || !a.is_array()) {
      problems.push_back(id + ": mise does not load the fixed copy: " + mise_after.err.substr(0, 300));
      continue;
    }
    std::map<std::string, json> deps_a, deps_b;
    std::map<std::string, json> ta = tasks_without_deps(a, deps_a, run_fixed), tb = tasks_without_deps(b, deps_b, run_fixed);
    if (ta != tb) problems.push_back(id + ": mise's tasks differ beyond dependencies after fixing");
    for (const auto& [name, d] : deps_b)
      if (deps_a[name] != d && !fixed_tasks.count(name)) problems.push_back(id + ": dependencies of `" + name + "` changed without a fix");
  }
  std::cout << "fix corpus: " << configs << " configs, " << fixed_configs << " fixed (" << fixes
            << " findings with a fix), " << mise_checked << " fixed copies loaded by mise " << mise_audit::kMiseVersion << "\n";
  for (const auto& [rule, n] : by_rule) std::cout << "  fixed " << rule << ": " << n << "\n";
  for (const std::string& p : problems) std::cout << "  " << p << "\n";
  REQUIRE(configs > 0);
  CHECK(problems.empty());
}
