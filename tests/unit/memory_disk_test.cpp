// Projects built in memory (MemoryFileSystem) and linted through the engine as the command line
// lints them: project context, loader, graph, release model and rules all ask the one door. The
// root /mem/proj does not exist on disk, so a stage that went around the door would find nothing
// and the findings would differ. The same project written to a real folder gives the same
// findings: the memory disk answers as the real one does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>

#include "cli_run.h"
#include "config/config.h"
#include "context/project_context.h"
#include "core/memory_file_system.h"
#include "loader/parse_cache.h"
#include "mise_audit/engine.h"

using namespace mise_audit;
namespace fs = std::filesystem;

namespace {

struct File {
  std::string path;
  std::string text;
  bool executable = false;
};

// `rule file:line:col message`, paths relative to the project root, sorted.
std::vector<std::string> lint_with(const FileSystem& disk, const fs::path& root) {
  ContextOptions options;
  options.disk = &disk;
  ParseCache cache;
  std::string error;
  std::optional<ProjectContext> context = find_project_context(root.string(), options, cache, error);
  INFO(error);
  REQUIRE(context);
  LoadResult loaded = load_project(context_load_dir(*context), context_load_options(*context, options, nullptr));
  INFO(loaded.error);
  REQUIRE(loaded.error.empty());
  LintRun run(std::move(loaded.project), {});
  std::vector<std::string> out;
  for (const Diagnostic& d : run.findings()) {
    std::string where = d.span.file == kNoFile
                            ? "-"
                            : fs::path(run.project().sources.file(d.span.file).absolute).lexically_relative(root).generic_string();
    std::string message = d.message;
    for (std::size_t at; (at = message.find(root.string())) != std::string::npos;) message.replace(at, root.string().size(), "<root>");
    out.push_back(fmt::format("{} {}:{}:{} {}", d.rule, where, d.span.begin.line, d.span.begin.column, message));
  }
  std::sort(out.begin(), out.end());
  return out;
}

const fs::path kRoot = "/mem/proj";

std::vector<std::string> lint_in_memory(const std::vector<File>& files, MemoryFileSystem& disk) {
  disk.add_directory(kRoot / ".git");
  for (const File& f : files) disk.add_file(kRoot / f.path, f.text, f.executable);
  return lint_with(disk, kRoot);
}

std::vector<std::string> lint_in_memory(const std::vector<File>& files) {
  MemoryFileSystem disk;
  return lint_in_memory(files, disk);
}

std::vector<std::string> lint_on_disk(const std::vector<File>& files) {
  cli_run::Scratch s;
  for (const File& f : files) s.write(f.path, f.text, f.executable);
  fs::path root = fs::weakly_canonical(s.dir);  // /tmp may be a symlink
  return lint_with(real_file_system(), root);
}

bool has(const std::vector<std::string>& findings, const std::string& part) {
  return std::any_of(findings.begin(), findings.end(), [&](const std::string& f) { return f.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("memory disk: includes, a task folder, a missing folder, linted through the engine") {
  const std::vector<File> project = {
      {"mise.toml",
       "[task_config]\nincludes = [\"tasks.toml\", \"more\", \"absent\"]\n\n"
       "[tasks.ci]\ndepends = [\"build\", \"deploy\", \"fmt\", \"nothing\"]\nrun = \"echo ci\"\n\n"
       "[tasks.docs]\ndir = \"site\"\nrun = \"make docs\"\n"},
      {"tasks.toml", "[build]\nrun = \"make\"\n"},
      {"more/deploy", "#!/bin/sh\n#MISE description=\"Deploy\"\necho deploy\n", true},
      // Not executable: mise skips it; its #MISE line says it was meant as a task.
      {"more/fmt", "#!/bin/sh\n#MISE description=\"Format\"\nruff format\n", false},
  };
  std::vector<std::string> memory = lint_in_memory(project);
  INFO(fmt::format("{}", fmt::join(memory, "\n")));
  CHECK(has(memory, "missing-include mise.toml:2:35 include \"absent\" does not exist"));
  CHECK(has(memory, "non-executable-task-file more/fmt:"));
  CHECK(has(memory, "missing-directory mise.toml:9:7 folder \"site\" of task \"docs\" does not exist"));
  CHECK(has(memory, "\"nothing\""));
  // build (tasks.toml) and deploy (an executable file task) load; fmt does not.
  CHECK_FALSE(has(memory, "\"build\" "));
  CHECK_FALSE(has(memory, "\"deploy\" "));
  CHECK(has(memory, "\"fmt\""));
  CHECK(memory == lint_on_disk(project));
}

TEST_CASE("memory disk: file scripts, shells and executability come from the door") {
  const std::vector<File> project = {
      {"mise.toml",
       "[tasks.a]\nfile = \"scripts/a.sh\"\n\n[tasks.b]\nfile = \"scripts/b.sh\"\n\n[tasks.c]\nfile = \"scripts/none.sh\"\n\n"
       "[tasks.d]\nrun = \"./tools/gen.sh\"\n\n[tasks.e]\nshell = \"/mem/no/such/shell -c\"\nrun = \"x\"\n"},
      {"scripts/a.sh", "#!/bin/sh\necho a\n", true},
      {"scripts/b.sh", "#!/bin/sh\necho b\n", false},
  };
  std::vector<std::string> memory = lint_in_memory(project);
  INFO(fmt::format("{}", fmt::join(memory, "\n")));
  CHECK(has(memory, "not-executable mise.toml:5:8 task \"b\" runs \"scripts/b.sh\", which is not executable"));
  CHECK(has(memory, "missing-file mise.toml:8:8 task \"c\" runs \"scripts/none.sh\", which does not exist"));
  CHECK(has(memory, "missing-script"));
  CHECK(has(memory, "invalid-shell"));
  CHECK_FALSE(has(memory, "task \"a\""));
  CHECK(memory == lint_on_disk(project));
  // The same project with the script made executable and the folder created: clean of those.
  MemoryFileSystem fixed;
  fixed.add_file(kRoot / "tools/gen.sh", "#!/bin/sh\n", true);
  std::vector<File> with_b = project;
  with_b[2].executable = true;
  std::vector<std::string> after = lint_in_memory(with_b, fixed);
  INFO(fmt::format("{}", fmt::join(after, "\n")));
  CHECK_FALSE(has(after, "not-executable"));
  CHECK_FALSE(has(after, "missing-script"));
}

TEST_CASE("memory disk: the hardened reading refuses FIFOs and reads outside the repository") {
  MemoryFileSystem disk;
  disk.add_file("/mem/secret/token", "#!/bin/sh\n#MISE description=\"leak\"\n", true);
  disk.add_symlink(kRoot / "mise-tasks/leak", "/mem/secret/token");
  std::vector<std::string> findings = lint_in_memory({{"mise.toml", "[tasks.a]\nrun = \"echo\"\n"}}, disk);
  INFO(fmt::format("{}", fmt::join(findings, "\n")));
  CHECK(has(findings, "read-outside-repository"));
  CHECK(has(findings, "resolves to /mem/secret/token, outside the repository <root>"));
  CHECK_FALSE(has(findings, "leak\""));

  // A FIFO where a task file is expected: the run fails (exit 2), it never blocks.
  disk.add_fifo(kRoot / "mise-tasks/pipe.toml");
  LoadOptions options;
  options.disk = &disk;
  LoadResult loaded = load_project(kRoot.string(), options);
  CHECK(loaded.error == "cannot read /mem/proj/mise-tasks/pipe.toml: is a FIFO (named pipe), not a file");

  std::string text, why;
  CHECK(disk.read_regular_file(kRoot / "mise-tasks/pipe.toml", text, why) == ReadStatus::NotRegular);
  CHECK(disk.read_regular_file(kRoot / "mise-tasks/leak", text, why, ReadFence{kRoot.string(), false}) == ReadStatus::Outside);
  CHECK(disk.read_regular_file(kRoot / "mise-tasks/leak", text, why, ReadFence{kRoot.string(), true}) == ReadStatus::Ok);
  CHECK(disk.read_regular_file(kRoot / "nothing", text, why) == ReadStatus::Missing);
  CHECK(disk.read_regular_file(kRoot / "mise-tasks", text, why) == ReadStatus::NotRegular);
}

TEST_CASE("memory disk: a symlinked task folder loop is named once, as on disk") {
  MemoryFileSystem disk;
  disk.add_file(kRoot / "mise-tasks/lint", "#!/bin/sh\nruff check\n", true);
  disk.add_symlink(kRoot / "mise-tasks/again", kRoot / "mise-tasks");
  std::vector<std::string> findings = lint_in_memory({{"mise.toml", "[tasks.ci]\ndepends = [\"lint\"]\n"}}, disk);
  INFO(fmt::format("{}", fmt::join(findings, "\n")));
  CHECK(has(findings, "symlink-loop"));
  CHECK_FALSE(has(findings, "missing-dependency"));
  CHECK(disk.symlink_target(kRoot / "mise-tasks/again") == kRoot / "mise-tasks");
  std::error_code ec;
  CHECK(disk.weakly_canonical(kRoot / "mise-tasks/again/lint/x", ec) == kRoot / "mise-tasks/lint/x");
}

TEST_CASE("memory disk: .mise-audit.toml is found and read through the door") {
  MemoryFileSystem disk;
  disk.add_directory(kRoot / ".git");
  disk.add_file(kRoot / ".mise-audit.toml", "ignore = [\"missing-dependency\"]\n");
  disk.add_directory(kRoot / "sub/deeper");
  std::string found = find_config_file(disk, (kRoot / "sub/deeper").string());
  CHECK(found == (kRoot / ".mise-audit.toml").string());
  ConfigResult config = load_config_file(disk, found);
  INFO(config.error);
  REQUIRE(config.error.empty());
  CHECK(config.config.ignore == std::vector<std::string>{"missing-dependency"});
  // Above the repository root nothing is looked for.
  MemoryFileSystem outer;
  outer.add_file("/mem/.mise-audit.toml", "ignore = []\n");
  outer.add_directory(kRoot / ".git");
  CHECK(find_config_file(outer, kRoot.string()).empty());
}

TEST_CASE("memory disk: no stage asks the disk around the door") {
  // Reads and stats of project files: only the doors may make them. (stage_timer reads the
  // process's own memory figures for --profile, not a project file; atomic_write is --fix's
  // writer, which resolves, stats and replaces the real file it writes, and reads it back
  // through the real disk's door.)
  const std::vector<std::string> filesystem_calls = {
      "exists(", "is_directory(", "is_regular_file(", "is_symlink(", "is_fifo(", "directory_iterator", "status(",
      "canonical(", "read_symlink(", "file_size("};
  const std::vector<std::string> posix_calls = {"::stat(", "::lstat(", "::access(", "::open(", "opendir(", "fopen(", "ifstream"};
  const std::vector<std::string> doors = {"src/core/disk.cpp", "src/core/memory_file_system.cpp", "src/core/stage_timer.cpp",
                                          "src/fix/atomic_write.cpp"};
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::vector<std::string> offenders;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(MISE_AUDIT_SOURCE_DIR) / "src")) {
    std::string rel = e.path().lexically_relative(MISE_AUDIT_SOURCE_DIR).generic_string();
    if (!e.is_regular_file() || std::find(doors.begin(), doors.end(), rel) != doors.end()) continue;
    std::ifstream in(e.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      std::string code = line.substr(0, line.find("//"));
      bool found = false;
      for (const std::string& call : filesystem_calls)
        for (const char* ns : {"fs::", "std::filesystem::", "fs::recursive_", "std::filesystem::recursive_"})
          found |= code.find(ns + call) != std::string::npos;
      for (const std::string& call : posix_calls)
        for (std::size_t at = code.find(call); at != std::string::npos; at = code.find(call, at + 1))
          found |= at == 0 || !ident(code[at - 1]);
      if (found) offenders.push_back(fmt::format("{}:{}: {}", rel, n, line));
    }
  }
  INFO(fmt::format("{}", fmt::join(offenders, "\n")));
  CHECK(offenders.empty());
}
