// Settings that change which tasks mise loads (model §4.4, §5.1, §11), end to end through the
// binary; the differential fixtures (cascade*, disable_paths*, monorepo_*) compare each with the
// live mise.
#include <catch2/catch.hpp>

#include "cli_run.h"

namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("loading settings: task_config.cascade gives a parent's dir to the roots below it") {
  cli_run::Scratch s;
  s.file("mise.toml", "[task_config]\ncascade = true\ndir = \"work\"\n\n[tasks.root]\nrun = \"make\"\n");
  s.file("work/.keep", "");
  s.file("app/mise.toml", "[tasks.build]\nrun = \"make\"\n");
  // app/work does not exist: mise would run `build` in it and fail.
  cli_run::Result r = cli_run::run(s.dir / "app", {"check", "--color", "never"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(has(r.out, "warning[missing-directory]: folder \"work\" of task \"build\" does not exist"));
  // `cascade = false` below stops it.
  s.file("app/mise.toml", "[task_config]\ncascade = false\n\n[tasks.build]\nrun = \"make\"\n");
  cli_run::Result off = cli_run::run(s.dir / "app", {"check", "--color", "never"});
  INFO(off.out << off.err);
  CHECK(off.status == 0);
  // Without cascade, a parent's task_config is its own.
  s.file("mise.toml", "[task_config]\ndir = \"work\"\n\n[tasks.root]\nrun = \"make\"\n");
  s.file("app/mise.toml", "[tasks.build]\nrun = \"make\"\n");
  cli_run::Result none = cli_run::run(s.dir / "app", {"check", "--color", "never"});
  INFO(none.out << none.err);
  CHECK(none.status == 0);
}

TEST_CASE("loading settings: a TOML task beside file tasks x and x.sh is one task running x.sh") {
  cli_run::Scratch s;
  s.file("mise.toml", "[tasks.x]\nrun = \"echo toml\"\ndescription = \"toml\"\n");
  s.write("mise-tasks/x", "#!/bin/sh\necho x\n", true);
  s.write("mise-tasks/x.sh", "#!/bin/sh\necho x.sh\n", true);
  cli_run::Result r = cli_run::run(s.dir, {"tasks", "--json"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(has(r.out, "\"name\": \"x\""));
  CHECK(!has(r.out, "\"name\": \"x.sh\""));
  CHECK(has(r.out, "mise-tasks/x.sh\""));
  CHECK(!has(r.out, "mise-tasks/x\""));
}
