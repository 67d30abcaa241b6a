// "Did you mean": the banded edit distance equals the plain optimal-string-alignment table, and a
// swap of two neighbours is one edit ("chekc" -> "check").
#include <catch2/catch.hpp>
#include <random>

#include "mise_audit/edit_distance.h"

using namespace mise_audit;

namespace {

// The textbook table, no band, no early exit.
std::size_t reference(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

TEST_CASE("edit distance: banded result equals the full table, capped at the limit") {
  std::mt19937 rng(11);
  auto word = [&] {
    std::string s(rng() % 9, 'a');
    for (char& c : s) c = static_cast<char>('a' + rng() % 3);
    return s;
  };
  for (int n = 0; n < 20000; ++n) {
    std::string a = word(), b = word();
    std::size_t limit = rng() % 5;
    INFO(a << " / " << b << " limit " << limit);
    CHECK(edit_distance(a, b, limit) == std::min(reference(a, b), limit + 1));
  }
}

TEST_CASE("edit distance: swapped neighbours are one edit, so typos find their command") {
  CHECK(edit_distance("chekc", "check", 3) == 1);
  CHECK(edit_distance("bulid", "build", 3) == 1);
  CHECK(closest_match("chekc", {"check", "explain", "graph", "help", "rules", "tasks"}) == "check");
  CHECK(closest_match("grpah", {"check", "explain", "graph", "help", "rules", "tasks"}) == "graph");
  CHECK(closest_match("zzzzz", {"check", "graph"}) == std::nullopt);
}
