// The pinned mise binary for the tests that compare with it: <build>/mise-npm/node_modules/
// @jdxcode/mise/bin/mise, installed from the npm registry when missing. MISE_AUDIT_MISE overrides
// it with a mise binary of the same version. "" = unavailable (the reason is in `why`).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli_run.h"
#include "mise_audit/mise_version.h"

namespace live_mise {

inline std::string ensure(std::string& why) {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("MISE_AUDIT_MISE"); env && *env) return env;
  fs::path build = fs::path(MISE_AUDIT_BINARY).parent_path();
  fs::path prefix = build / "mise-npm";
  fs::path bin = prefix / "node_modules" / "@jdxcode" / "mise" / "bin" / "mise";
  auto version_ok = [&]() {
    if (!fs::exists(bin)) return false;
    cli_run::Result v = cli_run::shell(build, cli_run::quote(bin.string()) + " --version </dev/null");
    return v.status == 0 && v.out.rfind(mise_audit::kMiseVersion, 0) == 0;
  };
  if (version_ok()) return bin.string();
  if (cli_run::shell(build, "sh -c 'command -v npm'").status != 0) {
    why = "npm is not installed, so mise cannot be installed from the npm registry";
    return "";
  }
  // flock: ctest may run several test cases at once; only one installs.
  std::string install = "flock " + cli_run::quote((build / "mise-npm.lock").string()) +
                        " npm install --no-audit --no-fund --prefix " + cli_run::quote(prefix.string()) +
                        " @jdxcode/mise@" + mise_audit::kMiseVersion + " </dev/null";
  cli_run::Result r = cli_run::shell(build, install);
  if (!version_ok()) {
    why = "`npm install @jdxcode/mise@" + std::string(mise_audit::kMiseVersion) + "` failed (exit " +
          std::to_string(r.status) + "): " + r.err.substr(0, 400);
    return "";
  }
  return bin.string();
}

}  // namespace live_mise
