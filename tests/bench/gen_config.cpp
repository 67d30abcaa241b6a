// mise-audit-gen-config N DIR [single|project]: writes a synthetic release-pipeline project with
// N tasks (see synthetic_config.h). Used by scripts/bench.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "synthetic_config.h"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s TASKS DIR [single|project]\n", argv[0]);
    return 2;
  }
  mise_audit::bench::SyntheticOptions options;
  char* end = nullptr;
  options.tasks = std::strtoull(argv[1], &end, 10);
  if (*end != '\0') {
    std::fprintf(stderr, "TASKS must be a number\n");
    return 2;
  }
  std::string layout = argc == 4 ? argv[3] : "project";
  if (layout == "single") options.layout = mise_audit::bench::Layout::Single;
  else if (layout != "project") {
    std::fprintf(stderr, "layout must be single or project\n");
    return 2;
  }
  try {
    mise_audit::bench::write_synthetic_project(argv[2], options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
