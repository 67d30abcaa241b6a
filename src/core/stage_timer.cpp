#include "core/stage_timer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace mise_audit {
namespace {

struct StageTotal {
  std::string stage;
  double ms = 0;
  long peak_kb = 0;  // the process's peak resident size when the stage last ended
  long rss_kb = 0;   // the largest resident size at the end of one of its calls
};

struct StageTotals {
  std::vector<StageTotal> totals;
  ~StageTotals() {
    for (const StageTotal& t : totals)
      std::fprintf(stderr, "mise-audit profile: %-28s %10.2f ms  resident after %7.1f MB, peak %7.1f MB\n", t.stage.c_str(),
                   t.ms, t.rss_kb / 1024.0, t.peak_kb / 1024.0);
  }
};

// VmHWM (peak) and VmRSS (now) from /proc/self/status, in KB; 0 where unavailable.
std::pair<long, long> resident_kb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return {0, 0};
  char line[256];
  long peak = 0, now = 0, kb = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) peak = kb;
    if (std::sscanf(line, "VmRSS: %ld kB", &kb) == 1) now = kb;
  }
  std::fclose(f);
  return {peak, now};
}

StageTotals& stage_totals() {
  static StageTotals t;
  return t;
}

}  // namespace

bool profiling_enabled() {
  static const bool on = std::getenv("MISE_AUDIT_PROFILE") != nullptr;
  return on;
}

void add_stage_time(const char* stage, double ms) {
  auto [peak, now] = resident_kb();
  for (StageTotal& t : stage_totals().totals)
    if (t.stage == stage) {
      t.ms += ms, t.peak_kb = peak, t.rss_kb = std::max(t.rss_kb, now);
      return;
    }
  stage_totals().totals.push_back({stage, ms, peak, now});
}

}  // namespace mise_audit
