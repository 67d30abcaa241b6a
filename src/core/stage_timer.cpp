#include "core/stage_timer.h"

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
};

struct StageTotals {
  std::vector<StageTotal> totals;
  ~StageTotals() {
    for (const StageTotal& t : totals)
      std::fprintf(stderr, "mise-audit profile: %-28s %10.2f ms  peak %7.1f MB\n", t.stage.c_str(), t.ms, t.peak_kb / 1024.0);
  }
};

long peak_resident_kb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  long kb = 0;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
  std::fclose(f);
  return kb;
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
  long peak = peak_resident_kb();
  for (StageTotal& t : stage_totals().totals)
    if (t.stage == stage) { t.ms += ms, t.peak_kb = peak; return; }
  stage_totals().totals.push_back({stage, ms, peak});
}

}  // namespace mise_audit
