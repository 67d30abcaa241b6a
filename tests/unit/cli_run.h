// Runs the built mise-audit binary for the CLI-level tests (formats, config, suppression, docs,
// pre-commit, golden, differential, bad input): scratch folders, argument quoting, reading and
// writing files, stdout/stderr and the exit status.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace cli_run {

namespace fs = std::filesystem;

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

struct Result {
  std::string out;
  std::string err;
  int status = -1;
};

// `env …` for every run of the binary: no MISE_ENV, no colour, and tests/ and examples/ as
// ceilings, so the repository's own mise.toml is not a parent of the fixtures (mise, run there,
// would read it too).
inline std::string environment() {
  std::string src = MISE_AUDIT_SOURCE_DIR;
  return "env -u MISE_ENV MISE_CEILING_PATHS=" + quote(src + "/tests:" + src + "/examples") + " NO_COLOR=1 ";
}

// Runs `command` (a shell command line) in `dir`; stdout and stderr captured separately.
inline Result shell(const fs::path& dir, const std::string& command) {
  static int counter = 0;
  fs::path base = fs::temp_directory_path() / ("mise-audit-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string cmd = "cd " + quote(dir.string()) + " && " + environment() + command + " >" +
                    quote(base.string() + ".out") + " 2>" + quote(base.string() + ".err");
  int status = std::system(cmd.c_str());
  Result r;
  r.out = read(base.string() + ".out");
  r.err = read(base.string() + ".err");
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  fs::remove(base.string() + ".out");
  fs::remove(base.string() + ".err");
  return r;
}

inline Result run(const fs::path& dir, const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::string cmd = quote(MISE_AUDIT_BINARY);
  for (const std::string& a : args) cmd += " " + quote(a);
  if (!stdin_text.empty()) {
    fs::path in = fs::temp_directory_path() / ("mise-audit-stdin-" + std::to_string(::getpid()));
    write(in, stdin_text);
    cmd += " <" + quote(in.string());
  } else {
    cmd += " </dev/null";
  }
  return shell(dir, cmd);
}

// Relative path -> contents of every regular file below `dir` (.git and symlinks excluded): a
// project's state, to compare whole before and after a run.
inline std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && !it->is_symlink()) files[fs::relative(it->path(), dir).generic_string()] = read(it->path());
  }
  return files;
}

// A scratch folder, removed at the end of the test. `git` makes it a repository root, so config
// discovery and repository-relative paths stop here.
struct Scratch {
  fs::path dir;
  explicit Scratch(bool git = true) {
    std::string templ = (fs::temp_directory_path() / "mise-audit-test-XXXXXX").string();
    dir = ::mkdtemp(templ.data());
    // A real repository: nested-project discovery asks git what .gitignore ignores.
    if (git && std::system(("git init -q " + quote(dir.string()) + " >/dev/null 2>&1").c_str()) != 0)
      fs::create_directories(dir / ".git");
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  void file(const std::string& rel, const std::string& text) const { write(dir / rel, text); }
  // The same, optionally executable (file tasks).
  void write(const std::string& rel, const std::string& text, bool executable = false) const {
    cli_run::write(dir / rel, text);
    if (executable) ::chmod((dir / rel).c_str(), 0755);
  }
};

}  // namespace cli_run
