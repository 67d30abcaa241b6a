// libFuzzer: bytes -> scratch project -> every fix applied until nothing changes; the edited
// files still parse, no finding is added, the passes settle (harness.h, run_fix).
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static mise_audit::fuzz::Scratch scratch;
  mise_audit::fuzz::run_fix_input(data, size, scratch);
  return 0;
}
