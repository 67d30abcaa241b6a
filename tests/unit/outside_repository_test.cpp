// Reads stay inside the repository: every route by which a pull request could make mise-audit
// print a CI runner's secrets (issue 11) — an include, a task folder, a file task, a `file =`
// script and a config that are symlinks out of the repository — in every output format.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kSecret = "s3cr3t-token-value-do-not-print";

// Runs check in every format with the secret in the environment (so /proc/self/environ holds it)
// and returns what was printed, all formats together.
std::string every_format(const fs::path& dir, const std::vector<std::string>& extra = {}) {
  std::string all;
  for (const char* format : {"text", "json", "sarif", "github"}) {
    std::string cmd = "MISE_AUDIT_TEST_SECRET=" + std::string(kSecret) + " " + cli_run::quote(MISE_AUDIT_BINARY) +
                      " check --no-config --format " + format;
    for (const std::string& e : extra) cmd += " " + cli_run::quote(e);
    cli_run::Result r = cli_run::shell(dir, cmd + " .");
    all += r.out + r.err;
  }
  return all;
}

}  // namespace

TEST_CASE("outside the repository: an include symlinked to /proc/self/environ is named, never read") {
  cli_run::Scratch s;
  s.file("mise.toml", "[task_config]\nincludes = [\"leak.toml\"]\n\n[tasks.a]\nrun = \"echo a\"\n");
  fs::create_symlink("/proc/self/environ", s.dir / "leak.toml");
  std::string out = every_format(s.dir);
  CHECK(!has(out, kSecret));
  CHECK(has(out, "read-outside-repository"));
  CHECK(has(out, "resolves to /proc/"));
  // Not even --allow-outside reads /proc.
  CHECK(!has(every_format(s.dir, {"--allow-outside"}), kSecret));
}

TEST_CASE("outside the repository: task folders, file tasks, file scripts and configs that lead out") {
  cli_run::Scratch outside(false);
  outside.file("secrets/tasks.toml", std::string("[notify]\nrun = \"echo ") + kSecret + "\"\n");
  outside.write("secrets/bin/deploy", std::string("#!/bin/sh\n# ") + kSecret + "\n#MISE depends=[\"nope\"]\n", true);
  cli_run::Scratch s;
  s.file("mise.toml", "[task_config]\nincludes = [\"mise-tasks\", \"shared.toml\"]\n\n[tasks.a]\nfile = \"scripts/a.sh\"\n");
  fs::create_directories(s.dir / "scripts");
  fs::create_symlink(outside.dir / "secrets" / "bin", s.dir / "mise-tasks");
  fs::create_symlink(outside.dir / "secrets" / "tasks.toml", s.dir / "shared.toml");
  fs::create_symlink(outside.dir / "secrets" / "bin" / "deploy", s.dir / "scripts" / "a.sh");
  std::string out = every_format(s.dir);
  CHECK(!has(out, kSecret));
  CHECK(has(out, "mise-tasks resolves to " + (outside.dir / "secrets" / "bin").string() + ", outside the repository"));
  CHECK(has(out, "shared.toml resolves to"));
  cli_run::Result tasks = cli_run::run(s.dir, {"tasks", "--json"});
  CHECK(!has(tasks.out, kSecret));
  // --allow-outside reads them, as mise would.
  cli_run::Result allowed = cli_run::run(s.dir, {"check", "--no-config", "--allow-outside", "--color", "never", "."});
  INFO(allowed.out << allowed.err);
  CHECK(has(allowed.out, "\"nope\" names no task"));
}

TEST_CASE("outside the repository: a config symlinked to a device fails the run, unread") {
  cli_run::Scratch s;
  fs::create_symlink("/dev/zero", s.dir / "mise.toml");
  cli_run::Result r = cli_run::run(s.dir, {"check", "."});
  CHECK(r.status == 2);
  CHECK(has(r.err, "mise.toml: resolves to /dev/zero, which mise-audit never reads"));
  CHECK(!has(r.out, "No problems found"));
}
