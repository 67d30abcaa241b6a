// Every value the loader produces keeps its file, line and column, also after merging,
// template rendering, header parsing and monorepo renaming.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "mise_audit/task_model.h"
#include "cli_run.h"

namespace fs = std::filesystem;
using namespace mise_audit;

namespace {

struct Scratch : cli_run::Scratch {
  Scratch() : cli_run::Scratch(false) {}
};


const Task& task(const Project& p, const std::string& name) {
  for (const Task& t : p.tasks)
    if (t.name == name) return t;
  FAIL("no task " << name);
  throw;
}

std::string file_of(const Project& p, const SourceSpan& s) { return fs::path(p.sources.file(s.file).path).filename().string(); }

}  // namespace

TEST_CASE("loader spans: dependencies, overlays and rendered templates point at what was written") {
  Scratch s;
  s.write("mise.toml",
          "[vars]\n"
          "dep = \"build\"\n"
          "\n"
          "[tasks.build]\n"
          "run = \"make\"\n"
          "\n"
          "[tasks.deploy]\n"
          "run = \"./deploy\"\n"
          "depends = [\"{{ vars.dep }}\", \"{{ env.X }}\"]\n"
          "dir = \"{{ vars.dep }}/out\"\n");
  s.write("mise.local.toml", "[tasks.deploy]\ndepends = [\"lint --fix\"]\n");
  LoadResult r = load_project(s.dir.string(), LoadOptions{});
  REQUIRE(r.error.empty());
  const Task& deploy = task(r.project, "deploy");
  REQUIRE(deploy.depends.size() == 3);

  const DependencyRef& rendered = deploy.depends[0];
  CHECK(rendered.task == "build");
  CHECK_FALSE(rendered.templated);
  CHECK(file_of(r.project, rendered.span) == "mise.toml");
  CHECK(rendered.span.begin.line == 9);
  CHECK(rendered.span.begin.column == 12);

  const DependencyRef& unresolved = deploy.depends[1];
  CHECK(unresolved.templated);
  CHECK(unresolved.raw == "{{ env.X }}");
  CHECK(unresolved.span.begin.column == 30);

  const DependencyRef& overlaid = deploy.depends[2];  // appended from mise.local.toml
  CHECK(overlaid.task == "lint");
  CHECK(overlaid.args == std::vector<std::string>{"--fix"});
  CHECK(file_of(r.project, overlaid.span) == "mise.local.toml");
  CHECK(overlaid.span.begin.line == 2);
  CHECK(overlaid.span.begin.column == 12);

  REQUIRE(deploy.dir);
  CHECK(deploy.dir->value == (s.dir / "build/out").string());
  CHECK_FALSE(deploy.dir->templated);
  CHECK(deploy.dir->span.begin.line == 10);
  CHECK(deploy.dir->span.begin.column == 7);
}

TEST_CASE("loader spans: #MISE header values point into the script, after the prefix") {
  Scratch s;
  s.write("mise-tasks/release",
          "#!/bin/sh\n"
          "# [MISE] description=\"Release\"\n"
          "#MISE depends=[\n"
          "#MISE   \"build\",\n"
          "#MISE ]\n"
          "echo release\n",
          true);
  LoadResult r = load_project(s.dir.string(), LoadOptions{});
  REQUIRE(r.error.empty());
  const Task& t = task(r.project, "release");
  REQUIRE(t.description);
  CHECK(file_of(r.project, t.description->span) == "release");
  CHECK(t.description->span.begin.line == 2);
  CHECK(t.description->span.begin.column == 22);
  REQUIRE(t.depends.size() == 1);
  CHECK(t.depends[0].task == "build");
  CHECK(t.depends[0].span.begin.line == 4);
  CHECK(t.depends[0].span.begin.column == 9);
}

TEST_CASE("loader spans: monorepo tasks are renamed but keep their key spans") {
  Scratch s;
  s.write("mise.toml", "monorepo_root = true\n[monorepo]\nconfig_roots = [\"pkgs/*\"]\n[tasks.fmt]\nrun = \"x\"\n");
  s.write("pkgs/app/mise.toml", "\n[tasks.build]\nrun = \"x\"\ndepends = [\":fmt\"]\n");
  LoadResult r = load_project(s.dir.string(), LoadOptions{});
  REQUIRE(r.error.empty());
  CHECK(r.project.monorepo_root);
  const Task& root = task(r.project, "//:fmt");
  CHECK(root.name_span.begin.line == 4);
  const Task& build = task(r.project, "//pkgs/app:build");
  CHECK(build.display_name == "//pkgs/app:build");
  CHECK(build.config_root == (s.dir / "pkgs/app").string());
  CHECK(file_of(r.project, build.name_span) == "mise.toml");
  CHECK(build.name_span.begin.line == 2);
  CHECK(build.name_span.begin.column == 8);
  REQUIRE(build.depends.size() == 1);
  CHECK(build.depends[0].task == ":fmt");  // references stay as written
}

TEST_CASE("loader spans: load-time findings point at the value that causes them") {
  Scratch s;
  s.write("mise.toml",
          "[env]\n"
          "MISE_AUDIT_SPANS_TEST_UNSET = { required = true }\n"
          "V = \"{{ read_file(path='nope.txt') }}\"\n");
  LoadResult r = load_project(s.dir.string(), LoadOptions{});
  REQUIRE(r.error.empty());
  CHECK(r.project.load_failed);
  int found = 0;
  for (const Diagnostic& d : r.project.diagnostics) {
    if (d.rule == "required-env") {
      ++found;
      CHECK(d.span.begin.line == 2);
      CHECK(d.span.begin.column == 1);
    }
    if (d.rule == "template-error") {
      ++found;
      CHECK(d.span.begin.line == 3);
      CHECK(d.span.begin.column == 5);
    }
  }
  CHECK(found == 2);
}
