// usage-parse-error against `mise tasks validate` 2026.9.15: tests/fixtures/usage-specs holds 200+
// usage specs (the `usage` field, #USAGE and #MISE lines of file tasks, a `file =` script) and
// validate.json, the binary's `mise tasks validate --json` output for them. mise-audit must
// report usage-parse-error on no task mise accepts, and on every task mise refuses except the
// known gaps below (rules of `group` and the contents of `include`d files are not modelled).
#include <catch2/catch.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_run.h"
#include "loader/usage_spec.h"

namespace fs = std::filesystem;

TEST_CASE("usage-parse-error agrees with mise tasks validate on the usage-spec fixture") {
  fs::path dir = fs::path(MISE_AUDIT_SOURCE_DIR) / "tests" / "fixtures" / "usage-specs";
  nlohmann::json oracle = nlohmann::json::parse(cli_run::read(dir / "validate.json"));
  std::set<std::string> refused;
  for (const auto& issue : oracle["issues"])
    if (issue["category"] == "usage-parse-error") refused.insert(issue["task"].get<std::string>());
  REQUIRE(refused.size() > 90);

  cli_run::Result r = cli_run::run(dir, {"check", "--no-config", "--format", "json", "--select", "usage-parse-error", "."});
  INFO(r.err);
  REQUIRE(r.status == 1);
  std::set<std::string> reported;
  nlohmann::json out = nlohmann::json::parse(r.out);
  for (const auto& d : out["diagnostics"]) {
    CHECK(!d["line"].is_null());
    reported.insert(d["task"].get<std::string>());
  }
  const std::set<std::string> known_gaps = {"spec103", "spec182", "spec199", "spec200", "spec201", "spec205"};
  for (const std::string& t : reported) {
    INFO("mise-audit reports usage-parse-error on " << t << ", which mise accepts");
    CHECK(refused.count(t) == 1);
  }
  std::size_t found = 0;
  for (const std::string& t : refused) {
    if (reported.count(t)) { ++found; continue; }
    INFO("mise refuses the usage spec of " << t << "; mise-audit is silent");
    CHECK(known_gaps.count(t) == 1);
  }
  std::cout << "usage-parse-error parity: " << found << " / " << refused.size() << " specs mise refuses found, "
            << reported.size() - found << " reported that mise accepts\n";
}

TEST_CASE("usage specs: hostile input is an error, never a crash") {
  using mise_audit::check_usage_spec;
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "cmd \"a\" {\n";
  CHECK(check_usage_spec(deep, false).has_value());
  CHECK(check_usage_spec(std::string(100000, '{'), false).has_value());
  CHECK(check_usage_spec("/* /* */", false).has_value());
  CHECK(check_usage_spec("arg \"\\u{110000000}\"", false).has_value());
  check_usage_spec(std::string("arg \"\xff\xfe\x00\"", 9), false);  // invalid UTF-8 and NUL: must return
  for (unsigned seed = 1; seed < 2000; ++seed) {
    std::string junk;
    for (unsigned k = 0, x = seed; k < 64; ++k) {
      x = x * 1103515245u + 12345u;
      junk += "a \"{}=#/-*\\;()\n\r\t1.\xc3\xa9"[(x >> 16) % 22];
    }
    check_usage_spec(junk, seed % 2 == 0);  // must return
  }
  // Positions are 1-based lines and code-point columns.
  auto e = check_usage_spec("arg \"<a>\"\n  \u00e9l\u00e8ve \"x\"", false);
  REQUIRE(e.has_value());
  CHECK(e->message == "unsupported spec key \u00e9l\u00e8ve");
  CHECK(e->pos.line == 2);
  CHECK(e->pos.column == 3);
}
