// Fix goldens: every folder tests/fixes/<case>/ holds `before/` (a project), `after/` (the whole
// project after the run, every file compared byte for byte), `expected.out` (stdout, then stderr
// of the run, then `exit: N`) and optionally `args` (one argument per line; default
// `check --color never --fix .`). The run happens in a scratch copy (a git repository); a
// second identical run must change nothing. UPDATE_GOLDEN=1 rewrites after/ and expected.out.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <sstream>

#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> case_args(const fs::path& dir) {
  std::vector<std::string> args;
  if (fs::exists(dir / "args")) {
    std::istringstream in(cli_run::read(dir / "args"));
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) args.push_back(line);
  } else {
    args = {"check", "--color", "never", "--fix", "."};
  }
  return args;
}

std::string run_in(const fs::path& dir, const std::vector<std::string>& args) {
  std::string cmd = cli_run::quote(MISE_AUDIT_BINARY);
  for (const std::string& a : args) cmd += " " + cli_run::quote(a);
  cli_run::Result r = cli_run::shell(dir, cmd + " </dev/null");
  return r.out + r.err + "exit: " + std::to_string(r.status) + "\n";
}

}  // namespace

TEST_CASE("fix goldens: before/after compared whole, a second run changes nothing") {
  fs::path root = fs::path(MISE_AUDIT_SOURCE_DIR) / "tests" / "fixes";
  REQUIRE(fs::is_directory(root));
  bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> cases;
  for (const auto& c : fs::directory_iterator(root))
    if (c.is_directory()) cases.push_back(c.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 10);
  for (const fs::path& c : cases) {
    SECTION(c.filename().string()) {
      REQUIRE(fs::is_directory(c / "before"));
      cli_run::Scratch scratch;
      fs::copy(c / "before", scratch.dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
      std::vector<std::string> args = case_args(c);
      std::string out = run_in(scratch.dir, args);
      std::map<std::string, std::string> after = cli_run::tree(scratch.dir);
      if (update) {
        std::error_code ec;
        fs::remove_all(c / "after", ec);
        for (const auto& [rel, text] : after) cli_run::write(c / "after" / rel, text);
        cli_run::write(c / "expected.out", out);
        continue;
      }
      CHECK(out == cli_run::read(c / "expected.out"));
      CHECK(after == cli_run::tree(c / "after"));
      // Idempotence: the same run again edits nothing.
      bool writes = std::find(args.begin(), args.end(), "--fix") != args.end() ||
                    std::find(args.begin(), args.end(), "--add-ignore") != args.end();
      if (writes) {
        run_in(scratch.dir, args);
        CHECK(cli_run::tree(scratch.dir) == after);
      }
    }
  }
}
