// Against the live mise: run in a folder below a monorepo root, mise loads the root, its members
// and every project folder on the way down, whether `config_roots` lists them or not
// (CONTRIBUTING §3.4). The dependencies `mise tasks validate --json` finds missing there are
// exactly those mise-audit reports as `missing-dependency`, folder by folder (aliases included:
// a bare alias is found only from its own project).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_run.h"
#include "corpus.h"
#include "live_mise.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using Missing = std::set<std::pair<std::string, std::string>>;  // (task, dependency)

Missing from_mise(const std::string& out) {
  Missing m;
  json j = json::parse(out, nullptr, false);
  if (!j.is_object()) return m;
  for (const json& issue : j.value("issues", json::array())) {
    if (issue.value("category", "") != "missing-dependency") continue;
    std::string message = issue.value("message", "");  // Dependency 'x' not found
    std::size_t a = message.find('\''), b = message.rfind('\'');
    if (a != std::string::npos && b > a) m.insert({issue.value("task", ""), message.substr(a + 1, b - a - 1)});
  }
  return m;
}

Missing from_mise_audit(const std::string& out) {
  Missing m;
  json j = json::parse(out, nullptr, false);
  if (!j.is_object()) return m;
  for (const json& d : j.value("diagnostics", json::array())) {
    std::string message = d.value("message", "");  // `depends` of task "t": "x" names no task
    std::size_t close = message.find("\" names no task");
    std::size_t open = close == std::string::npos ? close : message.rfind(": \"", close);
    if (open != std::string::npos) m.insert({d.value("task", ""), message.substr(open + 3, close - open - 3)});
  }
  return m;
}

std::string show(const Missing& m) {
  std::ostringstream ss;
  for (const auto& [task, dep] : m) ss << task << " -> " << dep << "; ";
  return ss.str();
}

}  // namespace

TEST_CASE("differential: missing dependencies from folders config_roots misses, against mise tasks validate") {
  std::string why;
  std::string mise = live_mise::ensure_mise(why);
  if (mise.empty()) {
    MISE_AUDIT_SKIP_TEST("monorepo path not compared: " << why);
  }
  cli_run::Scratch s;
  fs::create_directories(s.dir / "home");
  s.file("mise.toml",
         "monorepo_root = true\n\n[settings]\nexperimental = true\n\n[monorepo]\nconfig_roots = [\"apps/web\"]\n\n"
         "[tasks.fmt]\nrun = \"prettier -w .\"\nalias = \"f\"\n\n[tasks.top]\ndepends = [\"f\", \"wb\"]\nrun = \"true\"\n");
  s.file("apps/web/mise.toml", "[tasks.build]\ndepends = [\"//:fmt\", \"fmt\", \"f\", \"//apps/infra:mid\"]\nrun = \"vite build\"\n"
                               "alias = \"wb\"\n\n[tasks.test]\ndepends = [\"wb\"]\nrun = \"vitest\"\n");
  s.file("apps/infra/mise.toml", "[tasks.mid]\nrun = \"terraform init\"\n\n[tasks.apply]\nrun = \"terraform apply\"\n");
  s.file("apps/infra/aws/mise.toml",
         "[tasks.apply]\ndepends = [\"plan\", \"mid\", \":mid\", \"//apps/infra:mid\", \"//:fmt\", \"f\", \"//apps/web:build\", "
         "\":apply2\", \"apply2\"]\nrun = \"terraform apply\"\n\n[tasks.apply2]\nrun = \"true\"\n");
  s.file("tools/gen/mise.toml", "[tasks.gen]\ndepends = [\"//:fmt\", \"fmt\"]\nrun = \"buf generate\"\n");
  std::string env = "env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=" + cli_run::quote((s.dir / "home").string()) +
                    " MISE_CEILING_PATHS=" + cli_run::quote(s.dir.parent_path().string()) +
                    " MISE_TRUSTED_CONFIG_PATHS=" + cli_run::quote(s.dir.string()) + " ";
  int compared = 0;
  for (const char* folder : {".", "apps/infra/aws", "apps/infra", "apps/web", "tools/gen"}) {
    std::string cd = "cd " + cli_run::quote((s.dir / folder).string()) + " && ";
    live_mise::Run theirs = live_mise::run_shell(cd + env + cli_run::quote(mise) + " tasks validate --json");
    live_mise::Run ours = live_mise::run_shell(cd + env + cli_run::quote(MISE_AUDIT_BINARY) +
                                               " check --no-config --no-nested --select missing-dependency --format json");
    // mise validates every task it lists there (the root's and the folders' on the way too);
    // mise-audit reports each task from its own project: compare the folder's own tasks.
    std::string own = std::string("//") + (std::string(folder) == "." ? "" : folder) + ":";
    auto owned = [&](Missing m) {
      std::erase_if(m, [&](const auto& e) { return e.first.rfind(own, 0) != 0 || e.first.find(':', own.size()) != std::string::npos; });
      return m;
    };
    Missing expected = owned(from_mise(theirs.out)), actual = owned(from_mise_audit(ours.out));
    INFO(folder << ": mise " << show(expected) << "\nmise-audit " << show(actual) << "\n" << theirs.err << ours.err);
    CHECK(actual == expected);
    CHECK(ours.status == (expected.empty() ? 0 : 1));
    compared += !expected.empty();
  }
  CHECK(compared >= 4);  // the layout has missing dependencies to find
}
