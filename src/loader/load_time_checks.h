// Things that make mise refuse to load a config at run time although the file itself is valid
// (CONTRIBUTING §2.4, corpus notes): a required env var that is not set, a `read_file()` template of a
// file that does not exist, an `exec()` template whose program is not on PATH. mise-audit never
// runs anything: it looks the program up, reads the environment and checks that files exist.
#pragma once

#include <string>
#include <vector>

#include "core/disk.h"
#include "mise_audit/diagnostic.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

struct RequiredEnv {
  std::string key;
  SourceSpan span;
  int precedence;
};

struct LoadTimeChecks {
  std::vector<RequiredEnv> required;
  std::vector<std::pair<std::string, int>> defined;  // env keys given a value, with precedence

  // Scans one config's [env] (and [vars]) table; template problems are reported at once.
  void scan_config(const FileSystem& disk, const TomlValue& doc, int precedence, const std::string& config_root,
                   std::vector<Diagnostic>& diags);
  // Required vars that neither the environment nor a later config sets.
  void finish(std::vector<Diagnostic>& diags) const;

 private:
  void required_push(const TomlEntry& e, int precedence);
  std::vector<std::string> known_env_;  // [env] keys of the configs so far, in order (required ones too)
};

}  // namespace mise_audit
