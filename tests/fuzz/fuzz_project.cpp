// libFuzzer: bytes -> scratch project -> loader -> graph -> every rule -> every reporter.
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static mise_audit::fuzz::Scratch scratch;
  mise_audit::fuzz::run_project_input(data, size, scratch);
  return 0;
}
