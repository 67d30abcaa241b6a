// The shared corpus (MISE_AUDIT_SOURCE_DIR/../shared/corpus) for the tests that read it: where it
// is, the loud banner printed when a test skips for want of it, and TSV rows.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace corpus {

namespace fs = std::filesystem;

// MISE_AUDIT_CORPUS names another copy (or a missing one, to see a test skip or fail).
inline fs::path dir() {
  if (const char* env = std::getenv("MISE_AUDIT_CORPUS"); env && *env) return fs::weakly_canonical(env);
  return fs::weakly_canonical(fs::path(MISE_AUDIT_SOURCE_DIR) / ".." / "shared" / "corpus");
}

inline bool present(const fs::path& corpus) { return fs::is_directory(corpus / "files") && fs::exists(corpus / "manifest.tsv"); }

// CI=true: a missing corpus is a failure there (CI checks out shared/ beside the clone).
inline bool required() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

inline std::string skip_banner(const std::string& why) {
  return "\n********************************************************************\n"
         "*** SKIPPED: " + why + "\n"
         "********************************************************************\n";
}

inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cols;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cols;
}

}  // namespace corpus

// A test that cannot run here returns with a loud banner; under CI=true (.ci/run installs every
// tool and checks out ../shared) it fails instead, so no test skips silently in CI.
#define MISE_AUDIT_SKIP_TEST(why)                                               \
  do {                                                                          \
    std::ostringstream skip_why_;                                               \
    skip_why_ << why;                                                           \
    if (corpus::required()) FAIL("cannot run under CI=true: " << skip_why_.str()); \
    std::cout << corpus::skip_banner(skip_why_.str());                          \
    WARN("SKIPPED: " << skip_why_.str());                                       \
    return;                                                                     \
  } while (false)
