// Differential test: `mise-audit tasks --json` against mise's own `mise tasks ls --json --hidden`.
//   (a) the corpus (../shared/corpus): against the committed oracle/NNN.json;
//   (b) tests/fixtures/differential/<case>/: against the real mise 2026.9.15, installed from the
//       npm registry into <build>/mise-npm on first use and run with an isolated HOME.
// Only absolute paths are normalised ($ROOT, $HOME). Where mise refuses a config, mise-audit
// must exit 1 with an error diagnostic. Agreement figures are printed; targets: 100 % on which
// tasks exist, their aliases and depends/depends_post/wait_for, >= 98 % on all compared fields.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>
#include "cli_run.h"
#include "live_mise.h"
#include "corpus.h"
#include "live_mise.h"
#include "mise_audit/mise_version.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using mise_audit::kMiseVersion;

namespace {




using live_mise::Run;
using live_mise::run_shell;
using live_mise::ensure_mise;

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

// The issue's list of fields that must have mise's names and shapes.
const std::set<std::string> kIssueFields = {"name", "aliases", "description", "source", "depends", "depends_post",
                                            "wait_for", "hide", "run", "file", "dir", "env", "sources", "outputs",
                                            "tools", "timeout", "shell", "quiet", "silent", "raw"};

struct Tally {
  int agreed = 0, total = 0;
  void add(bool ok) { agreed += ok; ++total; }
  double percent() const { return total ? 100.0 * agreed / total : 100.0; }
  std::string str() const {
    std::ostringstream ss;
    ss << agreed << "/" << total << " (" << std::fixed;
    ss.precision(2);
    ss << percent() << "%)";
    return ss.str();
  }
};

struct Agreement {
  Tally configs, tasks, aliases, deps, issue_fields, all_fields, refusals;
  std::vector<std::string> differences;

  // Compares one config's task lists (both already normalised).
  void compare(const std::string& id, const json& mise, const json& ours) {
    // mise lists same-named tasks once each (`x.sh` and `x.py` beside an inline `x`): the second
    // one of a name, by source, is keyed `x (2)`.
    auto keyed = [](const json& list) {
      std::vector<json> sorted(list.begin(), list.end());
      std::stable_sort(sorted.begin(), sorted.end(), [](const json& a, const json& b) {
        return std::make_pair(a.value("name", ""), a.value("source", "")) < std::make_pair(b.value("name", ""), b.value("source", ""));
      });
      std::map<std::string, json> out;
      for (const json& t : sorted) {
        std::string key = t.value("name", "");
        for (int n = 2; out.count(key); ++n) key = t.value("name", "") + " (" + std::to_string(n) + ")";
        out[key] = t;
      }
      return out;
    };
    std::map<std::string, json> m = keyed(mise), o = keyed(ours);
    std::size_t before = differences.size();
    std::set<std::string> names;
    for (auto& [n, _] : m) names.insert(n);
    for (auto& [n, _] : o) names.insert(n);
    for (const std::string& n : names) {
      bool both = m.count(n) && o.count(n);
      tasks.add(both);
      if (!both) {
        differences.push_back(id + ": task \"" + n + "\" " + (m.count(n) ? "missing in mise-audit" : "not loaded by mise"));
        continue;
      }
      const json& a = m[n];
      const json& b = o[n];
      aliases.add(a.value("aliases", json()) == b.value("aliases", json()));
      for (const char* f : {"depends", "depends_post", "wait_for"}) deps.add(a.value(f, json()) == b.value(f, json()));
      for (auto it = a.begin(); it != a.end(); ++it) {
        json mine = b.contains(it.key()) ? b[it.key()] : json();
        bool ok = mine == it.value();
        all_fields.add(ok);
        if (kIssueFields.count(it.key())) issue_fields.add(ok);
        if (!ok)
          differences.push_back(id + ": \"" + n + "\"." + it.key() + ": mise " + it.value().dump() + ", mise-audit " +
                                mine.dump());
      }
    }
    configs.add(differences.size() == before);
  }

  // mise refused the config: mise-audit must exit 1 with an error diagnostic.
  void refused(const std::string& id, const Run& ours) {
    bool ok = ours.status == 1 && ours.err.find("error[") != std::string::npos;
    refusals.add(ok);
    configs.add(ok);
    if (!ok)
      differences.push_back(id + ": mise refuses this config; mise-audit exited " + std::to_string(ours.status) +
                            " without an error diagnostic");
  }

  void print(const std::string& title) const {
    std::cout << "\n== differential agreement: " << title << "\n"
              << "  configs identical:                 " << configs.str() << "\n"
              << "  tasks (exist in both):             " << tasks.str() << "\n"
              << "  aliases:                           " << aliases.str() << "\n"
              << "  depends/depends_post/wait_for:     " << deps.str() << "\n"
              << "  issue fields (20 named fields):    " << issue_fields.str() << "\n"
              << "  all fields mise prints:            " << all_fields.str() << "\n"
              << "  refused configs with an error:     " << refusals.str() << "\n";
    for (const std::string& d : differences) std::cout << "  difference: " << d << "\n";
    std::cout.flush();
  }

  void check_targets() const {
    CHECK(tasks.percent() == 100.0);
    CHECK(aliases.percent() == 100.0);
    CHECK(deps.percent() == 100.0);
    CHECK(refusals.percent() == 100.0);
    CHECK(all_fields.percent() >= 98.0);
    CHECK(issue_fields.percent() >= 98.0);
  }
};

json parse_normalised(std::string text, const std::vector<std::pair<std::string, std::string>>& paths) {
  for (const auto& [from, to] : paths) replace_all(text, from, to);
  return json::parse(text, nullptr, false);
}

std::string env_prefix(const fs::path& home, const fs::path& ceiling) {
  return "env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=" + cli_run::quote(home.string()) + " MISE_CEILING_PATHS=" +
         cli_run::quote(ceiling.string()) + " MISE_TRUSTED_CONFIG_PATHS=" + cli_run::quote(ceiling.string()) + " ";
}


}  // namespace

TEST_CASE("differential: corpus configs against mise's committed oracle") {
  fs::path corpus = corpus::dir();
  if (!corpus::present(corpus)) {
    MISE_AUDIT_SKIP_TEST("corpus not found at " << corpus.string() << " (CI checks out shared/ beside the clone)");
  }
  cli_run::Scratch scratch(false);
  fs::create_directories(scratch.dir / "home");
  Agreement agreement;
  std::istringstream manifest(cli_run::read(corpus / "manifest.tsv"));
  std::string line;
  std::getline(manifest, line);  // header
  int configs = 0;
  while (std::getline(manifest, line)) {
    std::vector<std::string> cols = corpus::split_tabs(line);
    if (cols.empty() || cols[0].empty()) continue;
    const std::string& id = cols[0];
    std::string mise_env = cols.size() > 11 ? cols[11] : "";
    fs::path dir = corpus / "files" / id;
    ++configs;
    std::string cmd = env_prefix(scratch.dir / "home", scratch.dir) + cli_run::quote(MISE_AUDIT_BINARY) + " tasks " +
                      cli_run::quote(dir.string()) + " --json";
    if (!mise_env.empty()) cmd += " -E " + cli_run::quote(mise_env);
    Run ours = run_shell(cmd);
    fs::path oracle = corpus / "oracle" / (id + ".json");
    json expected = fs::exists(oracle) ? json::parse(cli_run::read(oracle), nullptr, false) : json();
    if (!expected.is_array()) {
      agreement.refused(id, ours);
      continue;
    }
    json actual = parse_normalised(ours.out, {{dir.string(), "$ROOT"}, {(scratch.dir / "home").string(), "$HOME"}});
    if (!actual.is_array()) {
      agreement.configs.add(false);
      agreement.differences.push_back(id + ": mise-audit printed no JSON (exit " + std::to_string(ours.status) + "): " +
                                      ours.err.substr(0, 300));
      for (std::size_t i = 0; i < expected.size(); ++i) agreement.tasks.add(false);
      continue;
    }
    agreement.compare(id, expected, actual);
  }
  agreement.print("corpus (" + std::to_string(configs) + " configs, oracle = mise " + kMiseVersion + ")");
  REQUIRE(configs > 0);
  agreement.check_targets();
}

// A fixture's side file (<case>.cwd, .arg) without trailing white space; "" when absent.
std::string trimmed(const fs::path& p) {
  if (!fs::exists(p)) return "";
  std::string s = cli_run::read(p);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

TEST_CASE("differential: fixtures against the real mise") {
  std::string why;
  std::string mise = ensure_mise(why);
  if (mise.empty()) {
    MISE_AUDIT_SKIP_TEST("differential fixtures not compared: " << why);
  }
  fs::path fixtures = fs::path(MISE_AUDIT_SOURCE_DIR) / "tests" / "fixtures" / "differential";
  REQUIRE(fs::is_directory(fixtures));
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(fixtures))
    if (e.is_directory()) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 10);

  cli_run::Scratch scratch(false);
  fs::path home = scratch.dir / "home";
  fs::create_directories(home);
  Agreement agreement;
  for (const fs::path& c : cases) {
    std::string name = c.filename().string();
    fs::path project = scratch.dir / "run" / name;
    fs::create_directories(project.parent_path());
    fs::copy(c, project, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    // <case>.env holds MISE_ENV; <case>.args extra `mise tasks ls` arguments (`--all` for a
    // monorepo: mise-audit loads every sub-project).
    std::string mise_env, mise_args;
    if (fs::exists(fixtures / (name + ".env"))) mise_env = cli_run::read(fixtures / (name + ".env"));
    if (fs::exists(fixtures / (name + ".args"))) mise_args = cli_run::read(fixtures / (name + ".args"));
    while (!mise_env.empty() && std::isspace(static_cast<unsigned char>(mise_env.back()))) mise_env.pop_back();
    while (!mise_args.empty() && std::isspace(static_cast<unsigned char>(mise_args.back()))) mise_args.pop_back();
    // <case>.cwd: the folder (inside the case) both tools run from, as a user in a sub-project,
    // a monorepo member or a plain sub-folder would; <case>.arg: what mise-audit is given
    // instead, run from the case's root (a config file as the argument).
    std::string cwd = trimmed(fixtures / (name + ".cwd")), arg = trimmed(fixtures / (name + ".arg"));
    std::string env = env_prefix(home, scratch.dir / "run") + (mise_env.empty() ? "" : "MISE_ENV=" + cli_run::quote(mise_env) + " ");
    // <case>.vars: NAME=value lines set for both tools (MISE_TASK_DISABLE_PATHS, …).
    std::istringstream vars(trimmed(fixtures / (name + ".vars")));
    for (std::string line; std::getline(vars, line);)
      if (!line.empty()) env += cli_run::quote(line) + " ";
    std::string cd = "cd " + cli_run::quote((project / cwd).string()) + " && ";
    std::string cd_ours = arg.empty() ? cd : "cd " + cli_run::quote(project.string()) + " && ";
    Run theirs = run_shell(cd + env + cli_run::quote(mise) + " tasks ls --json --hidden " + mise_args);
    Run ours = run_shell(cd_ours + env + cli_run::quote(MISE_AUDIT_BINARY) + " tasks " + cli_run::quote(arg.empty() ? "." : arg) + " --json" +
                     (mise_args.find("--all") != std::string::npos ? " --all" : ""));
    if (theirs.status != 0) {
      INFO("mise refused " << name << ": " << theirs.err.substr(0, 400));
      agreement.refused(name, ours);
      continue;
    }
    std::vector<std::pair<std::string, std::string>> paths = {{project.string(), "$ROOT"}, {home.string(), "$HOME"}};
    json expected = parse_normalised(theirs.out, paths);
    json actual = parse_normalised(ours.out, paths);
    REQUIRE(expected.is_array());
    if (!actual.is_array()) {
      agreement.configs.add(false);
      agreement.differences.push_back(name + ": mise-audit printed no JSON: " + ours.err.substr(0, 300));
      continue;
    }
    agreement.compare(name, expected, actual);
  }
  agreement.print("fixtures (" + std::to_string(cases.size()) + " projects, live mise " + kMiseVersion + ")");
  agreement.check_targets();
}
