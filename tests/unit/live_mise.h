// The live mise for differential tests: the pinned version from the npm registry, installed into
// <build>/mise-npm on first use (MISE_AUDIT_MISE overrides it), and a shell runner.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_run.h"
#include "mise_audit/mise_version.h"

namespace live_mise {

namespace fs = std::filesystem;
using mise_audit::kMiseVersion;

struct Run {
  int status = -1;
  std::string out, err;
};

// Runs a shell command line with stdout and stderr captured separately.
inline Run run_shell(const std::string& command) {
  static int counter = 0;
  fs::path base = fs::temp_directory_path() /
                  ("mise-audit-diff-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string cmd = command + " >" + cli_run::quote(base.string() + ".out") + " 2>" + cli_run::quote(base.string() + ".err") + " </dev/null";
  int status = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = cli_run::read(base.string() + ".out");
  r.err = cli_run::read(base.string() + ".err");
  fs::remove(base.string() + ".out");
  fs::remove(base.string() + ".err");
  return r;
}

// <build>/mise-npm/node_modules/@jdxcode/mise/bin/mise, installed when missing. "" = unavailable
// (the reason is in `why`). MISE_AUDIT_MISE overrides it with a mise binary of the same version.
inline std::string ensure_mise(std::string& why) {
  if (const char* env = std::getenv("MISE_AUDIT_MISE"); env && *env) return env;
  fs::path build = fs::path(MISE_AUDIT_BINARY).parent_path();
  fs::path prefix = build / "mise-npm";
  fs::path bin = prefix / "node_modules" / "@jdxcode" / "mise" / "bin" / "mise";
  auto version_ok = [&]() {
    if (!fs::exists(bin)) return false;
    Run v = run_shell(cli_run::quote(bin.string()) + " --version");
    return v.status == 0 && v.out.rfind(kMiseVersion, 0) == 0;
  };
  if (version_ok()) return bin.string();
  if (run_shell("command -v npm").status != 0) {
    why = "npm is not installed, so mise cannot be installed from the npm registry";
    return "";
  }
  // flock: ctest may run several test cases at once; only one installs.
  std::string install = "flock " + cli_run::quote((build / "mise-npm.lock").string()) + " npm install --no-audit --no-fund --prefix " +
                        cli_run::quote(prefix.string()) + " @jdxcode/mise@" + kMiseVersion;
  Run r = run_shell(install);
  if (!version_ok()) {
    why = "`npm install @jdxcode/mise@" + std::string(kMiseVersion) + "` failed (exit " + std::to_string(r.status) +
          "): " + r.err.substr(0, 400);
    return "";
  }
  return bin.string();
}

}  // namespace live_mise
