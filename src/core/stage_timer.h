// Where the time goes, for developers: with MISE_AUDIT_PROFILE set, the wall time of each stage
// (toml++ parse, tree conversion, load, graph, release model, every rule, report) is summed over
// the run and printed to stderr at exit, in first-use order. Off, a stage costs one branch.
#pragma once

#include <chrono>

namespace mise_audit {

bool profiling_enabled();
// Adds `ms` to the total of `stage` (a string literal).
void add_stage_time(const char* stage, double ms);

class StageTimer {
 public:
  explicit StageTimer(const char* stage) : stage_(stage) {
    if (profiling_enabled()) start_ = std::chrono::steady_clock::now();
  }
  ~StageTimer() {
    if (profiling_enabled())
      add_stage_time(stage_, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count());
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  const char* stage_;
  std::chrono::steady_clock::time_point start_{};
};

}  // namespace mise_audit
