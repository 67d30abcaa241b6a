// libFuzzer: bytes as a task script's #MISE header, a dependency string, shell words, a script
// with `mise run` calls, a glob and its subject.
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mise_audit::fuzz::run_header_input(data, size);
  return 0;
}
