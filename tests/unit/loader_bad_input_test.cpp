// Bad input never crashes and never hangs: a config mise would refuse is a finding (exit 1,
// positioned toml-syntax error); a path that cannot be read is exit 2 with a clear message.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

// Not a repository: bad input is about the project folder alone.
struct Scratch : cli_run::Scratch {
  Scratch() : cli_run::Scratch(false) {}
};




using Run = cli_run::Result;

// `timeout` guards the FIFO cases: a hang shows up as exit 124 instead of a stuck suite.
Run audit(const fs::path& cwd, const std::string& args) {
  return cli_run::shell(cwd, "timeout 20 " + cli_run::quote(MISE_AUDIT_BINARY) + " " + args + " </dev/null");
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("bad input: text that is not TOML is a positioned toml-syntax finding") {
  Scratch s;
  s.write("mise.toml", "[tasks.a]\nrun = \"echo a\"\nthis is not toml\n");
  Run r = audit(s.dir, "tasks . --json");
  CHECK(r.status == 1);
  CHECK(contains(r.err, "mise.toml:3:"));
  CHECK(contains(r.err, "error[toml-syntax]"));
}

TEST_CASE("bad input: binary garbage is a toml-syntax finding, not a crash") {
  Scratch s;
  std::string bytes = "\x7f" "ELF";
  bytes += std::string("\0\0\x01\x02", 4);
  bytes += "\xff\xfe\n[tasks.a]\n";
  s.write("mise.toml", bytes);
  Run r = audit(s.dir, "tasks . --json");
  CHECK(r.status == 1);
  CHECK(contains(r.err, "error[toml-syntax]"));
  CHECK(contains(r.err, "mise.toml:1:"));
}

TEST_CASE("bad input: invalid UTF-8 is refused as mise refuses it, with its position") {
  // mise reads configs with read_to_string and refuses any invalid UTF-8 ("stream did not
  // contain valid UTF-8"), in a string or in a comment; toml++ rejects both too, positioned.
  Scratch s;
  s.write("in-string/mise.toml", "[tasks.a]\nrun = \"echo \xff\"\n");
  s.write("in-comment/mise.toml", "# caf\xe9\n[tasks.a]\nrun = \"x\"\n");
  s.write("truncated/mise.toml", "[tasks.a]\ndescription = \"\xe2\x82\"\nrun = \"x\"\n");
  Run a = audit(s.dir, "tasks in-string --json");
  CHECK(a.status == 1);
  CHECK(contains(a.err, "mise.toml:2:12: error[toml-syntax]"));
  CHECK(contains(a.err, "utf-8"));
  Run b = audit(s.dir, "tasks in-comment --json");
  CHECK(b.status == 1);
  CHECK(contains(b.err, "mise.toml:1:"));
  CHECK(contains(b.err, "error[toml-syntax]"));
  Run c = audit(s.dir, "tasks truncated --json");
  CHECK(c.status == 1);
  CHECK(contains(c.err, "mise.toml:2:"));
}

TEST_CASE("bad input: an empty config is valid and has no tasks") {
  Scratch s;
  s.write("mise.toml", "");
  Run r = audit(s.dir, "tasks . --json");
  CHECK(r.status == 0);
  CHECK(r.out == "[]\n");
  CHECK(r.err.empty());
  Run file = audit(s.dir, "tasks mise.toml --json");
  CHECK(file.status == 0);
  CHECK(file.out == "[]\n");
}

TEST_CASE("bad input: a folder where a config file is expected is exit 2") {
  // mise itself skips a `mise.toml` folder with a warning; it cannot be read, so it is exit 2.
  Scratch s;
  fs::create_directories(s.dir / "proj" / "mise.toml");
  Run r = audit(s.dir, "tasks proj --json");
  CHECK(r.status == 2);
  CHECK(contains(r.err, "proj/mise.toml: is a directory"));
  Run c = audit(s.dir, "check proj");
  CHECK(c.status == 2);
}

TEST_CASE("bad input: a missing path is exit 2") {
  Scratch s;
  Run r = audit(s.dir, "tasks does-not-exist --json");
  CHECK(r.status == 2);
  CHECK(contains(r.err, "does-not-exist: no such file or directory"));
  Run c = audit(s.dir, "check does-not-exist/mise.toml");
  CHECK(c.status == 2);
  CHECK(contains(c.err, "no such file or directory"));
}

TEST_CASE("bad input: an unreadable config is exit 2") {
  Scratch s;
  if (::geteuid() != 0) {
    s.write("proj/mise.toml", "[tasks.a]\nrun = \"x\"\n");
    fs::permissions(s.dir / "proj" / "mise.toml", fs::perms::none);
    Run r = audit(s.dir, "tasks proj --json");
    CHECK(r.status == 2);
    CHECK(contains(r.err, "Permission denied"));
  } else {
    WARN("running as root: chmod 000 does not stop reads; using a read that fails (EIO) instead");
  }
  // A config that leads into /proc (whose reads fail even for root, or leak the environment) is
  // never read: the run fails, naming it.
  fs::create_directories(s.dir / "eio");
  fs::create_symlink("/proc/self/mem", s.dir / "eio" / "mise.toml");
  Run r = audit(s.dir, "tasks eio --json");
  CHECK(r.status == 2);
  CHECK(contains(r.err, "eio/mise.toml: resolves to /proc/"));
  CHECK(contains(r.err, "which mise-audit never reads"));
  Run c = audit(s.dir, "check eio");
  CHECK(c.status == 2);
}

TEST_CASE("bad input: a FIFO named mise.toml does not hang and is exit 2") {
  Scratch s;
  fs::create_directories(s.dir / "proj");
  REQUIRE(::mkfifo((s.dir / "proj" / "mise.toml").c_str(), 0644) == 0);
  Run r = audit(s.dir, "tasks proj --json");
  CHECK(r.status == 2);  // 124 would mean it hung until `timeout`
  CHECK(contains(r.err, "proj/mise.toml: is a FIFO"));
  Run direct = audit(s.dir, "tasks proj/mise.toml --json");
  CHECK(direct.status == 2);
  CHECK(contains(direct.err, "proj/mise.toml: is a FIFO"));
  Run c = audit(s.dir, "check proj");
  CHECK(c.status == 2);
}

TEST_CASE("bad input: a FIFO in a task folder is skipped, not read") {
  // Only regular executable files are file tasks; a FIFO is never opened.
  Scratch s;
  s.write("mise.toml", "[tasks.a]\nrun = \"x\"\n");
  fs::create_directories(s.dir / "mise-tasks");
  REQUIRE(::mkfifo((s.dir / "mise-tasks" / "pipe").c_str(), 0755) == 0);
  Run r = audit(s.dir, "tasks . --json");
  CHECK(r.status == 0);
  CHECK(contains(r.out, "\"name\": \"a\""));
  CHECK(!contains(r.out, "pipe"));
}
