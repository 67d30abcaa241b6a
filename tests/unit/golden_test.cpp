// Golden tests (after actionlint's testdata): every folder tests/golden/<rule>/<case>/ is a
// project; `expected.out` holds the exact stdout of `mise-audit check --color never
// --select <rule> .` run inside it, then a last line `exit: N`. An `args` file (one argument per
// line) replaces the default arguments. UPDATE_GOLDEN=1 rewrites the expectations.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include "cli_run.h"

namespace fs = std::filesystem;

namespace {



std::string run_case(const fs::path& dir, const std::string& rule) {
  std::vector<std::string> args;
  if (fs::exists(dir / "args")) {
    std::istringstream in(cli_run::read(dir / "args"));
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) args.push_back(line);
  } else {
    args = {"check", "--color", "never", "--select", rule, "."};
  }
  std::string cmd = "cd " + cli_run::quote(dir.string()) + " && " + cli_run::environment() + cli_run::quote(MISE_AUDIT_BINARY);
  for (const std::string& a : args) cmd += " " + cli_run::quote(a);
  cmd += " 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = ::pclose(pipe);
  out += "exit: " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "\n";
  return out;
}

}  // namespace

TEST_CASE("golden outputs match whole") {
  fs::path root = fs::path(MISE_AUDIT_SOURCE_DIR) / "tests" / "golden";
  REQUIRE(fs::is_directory(root));
  bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> cases;
  for (const auto& rule : fs::directory_iterator(root))
    if (rule.is_directory())
      for (const auto& c : fs::directory_iterator(rule.path()))
        if (c.is_directory()) cases.push_back(c.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(!cases.empty());
  for (const fs::path& c : cases) {
    std::string rule = c.parent_path().filename().string();
    SECTION(rule + "/" + c.filename().string()) {
      std::string actual = run_case(c, rule);
      fs::path expected_path = c / "expected.out";
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << actual;
        continue;
      }
      REQUIRE(fs::exists(expected_path));
      CHECK(actual == cli_run::read(expected_path));
    }
  }
}
