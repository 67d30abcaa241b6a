// The seed's patterns (completed) lint clean and each seed anti-pattern gives exactly its rule:
// examples/pattern*/ and examples/antipattern-<rule-id>/, linted with every rule.
#include <catch2/catch.hpp>
#include <filesystem>

#include "mise_audit/engine.h"

using namespace mise_audit;
namespace fs = std::filesystem;

namespace {

std::vector<Diagnostic> lint_example(const fs::path& dir) {
  LoadResult loaded = load_project(dir.string(), {});
  REQUIRE(loaded.error.empty());
  return lint_project(loaded.project, {});
}

}  // namespace

TEST_CASE("seed patterns and anti-patterns", "[release]") {
  fs::path root = fs::path(MISE_AUDIT_SOURCE_DIR) / "examples";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  std::size_t patterns = 0, antipatterns = 0;
  for (const fs::path& dir : dirs) {
    std::string name = dir.filename().string();
    SECTION(name) {
      std::vector<Diagnostic> diags = lint_example(dir);
      for (const Diagnostic& d : diags) INFO(d.rule + ": " + d.message);
      if (name.starts_with("pattern")) {
        CHECK(diags.empty());
      } else if (name.starts_with("antipattern-")) {
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].rule == name.substr(std::string("antipattern-").size()));
      }
    }
    patterns += name.starts_with("pattern") ? 1 : 0;
    antipatterns += name.starts_with("antipattern-") ? 1 : 0;
  }
  CHECK(patterns == 2);
  CHECK(antipatterns == 4);
}
