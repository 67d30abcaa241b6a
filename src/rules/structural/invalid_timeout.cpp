// invalid-timeout: a `timeout` mise cannot parse as a duration. The grammar was measured on
// mise 2026.9.15: a whole number of seconds ("10"), or groups of a number (decimals allowed)
// and a lower-case unit, optionally separated by spaces ("1h30m", "1.5h", "2 days", "5 min").
#include <cctype>
#include <fmt/format.h>
#include <set>

#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

bool is_duration(std::string_view s) {
  static const std::set<std::string_view> units = {
      "ns", "nsec", "nsecs", "nanos", "us", "usec", "usecs", "micros", "ms", "msec", "msecs", "millis",
      "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr", "hrs",
      "hour", "hours", "d", "day", "days", "w", "week", "weeks", "mo", "month", "months", "y", "year", "years"};
  if (s.empty()) return false;
  bool all_digits = true;
  for (char c : s) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  if (all_digits) return true;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
    if (i < s.size() && s[i] == '.') {
      std::size_t frac = ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i == frac) return false;
    }
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t u = i;
    while (i < s.size() && std::islower(static_cast<unsigned char>(s[i]))) ++i;
    if (!units.count(s.substr(u, i - u))) return false;
    if (i < s.size() && s[i] == ' ') {
      while (i < s.size() && s[i] == ' ') ++i;
      if (i == s.size()) return false;
    }
  }
  return true;
}

class InvalidTimeout final : public Rule {
 public:
  const char* id() const override { return "invalid-timeout"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      if (!t.timeout || t.timeout->templated || is_duration(t.timeout->value)) continue;
      ctx.report(t.timeout->span,
                 fmt::format("timeout \"{}\" of task \"{}\" is not a duration", t.timeout->value, t.name),
                 "write a number and a unit, e.g. \"30s\", \"5m\" or \"1h30m\"").task = t.name;
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(InvalidTimeout);
}  // namespace mise_audit
