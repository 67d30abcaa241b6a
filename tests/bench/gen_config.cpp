// mise-audit-gen-config N DIR [single|project]: writes a synthetic release-pipeline project with
// N tasks (see synthetic_config.h). Used by scripts/bench.
// mise-audit-gen-config N DIR nested: a repository (`git init`ed) of N nested projects of ten
// tasks each under one root config.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <spawn.h>
#include <sys/wait.h>

#include "synthetic_config.h"

extern char** environ;

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s TASKS DIR [single|project]\n       %s PROJECTS DIR nested\n", argv[0], argv[0]);
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
  if (layout == "nested") {
    try {
      mise_audit::bench::write_synthetic_repository(argv[2], options.tasks);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 2;
    }
    // Nested projects are found with `git ls-files`: the folder must be a repository.
    char git[] = "git", init[] = "init", quiet[] = "-q";
    char* args[] = {git, init, quiet, argv[2], nullptr};
    pid_t pid;
    int status = 0;
    if (posix_spawnp(&pid, "git", nullptr, nullptr, args, environ) != 0 || waitpid(pid, &status, 0) < 0 ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "git init %s failed\n", argv[2]);
      return 2;
    }
    return 0;
  }
  if (layout == "single") options.layout = mise_audit::bench::Layout::Single;
  else if (layout != "project") {
    std::fprintf(stderr, "layout must be single, project or nested\n");
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
