// Glob semantics (src/loader/glob_match.cpp): task patterns use ':' as the separator, include
// paths '/'. Each row is one answer; the table is checked whole so a regression names its row.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "loader/glob_match.h"

using mise_audit::Glob;
using mise_audit::glob_match;

namespace {
struct Row {
  const char* pattern;
  const char* text;
  char separator;
  bool matches;
};

const std::vector<Row> kRows = {
    {"lint:*", "lint:js", ':', true},
    {"lint:*", "lint:js:fix", ':', false},  // `*` stays in one segment
    {"lint:**", "lint:js:fix", ':', true},
    {"lint:*", "lint:", ':', true},
    {"**:test", "test", ':', true},          // `**:` may match no segment
    {"**:test", "a:b:test", ':', true},
    {"**:test", "a:btest", ':', false},      // … but only whole segments
    {"*/*", "a:b", ':', false},
    {"**/x", "a/b/x", '/', true},
    {"**/x", "x", '/', true},
    {"*.toml", "conf.d/a.toml", '/', false},
    {"conf.d/*.toml", "conf.d/a.toml", '/', true},
    {"release:?", "release:a", ':', true},
    {"release:?", "release::", ':', false},  // `?` is not the separator
    {"build:[ab]", "build:a", ':', true},
    {"build:[!ab]", "build:a", ':', false},
    {"build:[a-c]", "build:c", ':', true},
    {"build:[]]", "build:]", ':', true},     // `]` first in a class is a member
    {"[:]", ":", ':', false},                // a class never matches the separator
    {"release:{pypi,npm}", "release:npm", ':', true},
    {"release:{pypi,npm}", "release:crates", ':', false},
    {"release:{py{pi,test},npm}", "release:pytest", ':', true},  // nested alternations
    {"release:{,x}", "release:", ':', true},                     // empty alternative
    {"release:{pypi", "release:{pypi", ':', true},               // an unpaired brace is literal
    {"a,b", "a,b", ':', true},                                   // a comma outside braces too
    {"\\*", "*", ':', true},
    {"\\*", "x", ':', false},
    {"\\{a,b}", "{a,b}", ':', true},                             // escaped: no alternation
    {"[{]a,b}", "{a,b}", ':', true},                             // braces in a class are members
    {"a\\", "a\\", ':', true},                                   // a trailing backslash is literal
    {"", "", ':', true},
    {"", "x", ':', false},
    {"***", "a:b", ':', true},
    {"**:**:x", "a:x", ':', true},
    {"**:**:x", "ax", ':', false},
    {"{a,**:}**:", "a:b:", ':', true},
    {"{a,*}*", "ab", ':', true},
};
}  // namespace

TEST_CASE("glob: the semantics table") {
  std::vector<std::string> wrong;
  for (const Row& r : kRows)
    if (glob_match(r.pattern, r.text, r.separator) != r.matches)
      wrong.push_back(std::string(r.pattern) + " ~ " + r.text + (r.matches ? " should match" : " should not match"));
  CHECK(wrong == std::vector<std::string>{});
}

TEST_CASE("glob: a compiled pattern answers many texts") {
  Glob g("release:{pypi,npm,crates}*", ':');
  CHECK(g.matches("release:pypi"));
  CHECK(g.matches("release:npm-beta"));
  CHECK_FALSE(g.matches("release:docs"));
  CHECK(g.matches("release:crates"));
  CHECK_FALSE(g.matches("release:crates:x"));
}

// Found by fuzz_header in CI: brace expansion made one alternative per combination, 51^40 here.
// Alternations are now forks in the automaton, so the cost is pattern x text.
TEST_CASE("hostile: alternation bombs and deep nesting match in bounded time") {
  auto start = std::chrono::steady_clock::now();
  std::string bomb;
  for (int g = 0; g < 40; ++g) {
    bomb += "{";
    for (int k = 0; k < 50; ++k) bomb += "a,";
    bomb += "a}";
  }
  CHECK(glob_match(bomb, std::string(40, 'a'), ':'));
  CHECK_FALSE(glob_match(bomb, std::string(40, 'a') + "b", ':'));
  std::string nested;
  for (int k = 0; k < 20000; ++k) nested += "{a,";
  nested += "b";
  for (int k = 0; k < 20000; ++k) nested += "}";
  CHECK(glob_match(nested, "b", ':'));
  CHECK_FALSE(glob_match(nested, "c", ':'));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 10);
}
