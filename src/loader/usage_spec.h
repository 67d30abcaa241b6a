// What mise 2026.9.15 refuses in a usage spec (`mise tasks validate`: usage-parse-error): KDL
// syntax (kdl_reader.h), then the spec's own rules as the binary applies them: unknown node names
// and keys, `arg` / `flag` / `cmd` / `complete` without their name, values of the wrong type, a
// flag name that is not `-x --long <value>`, `choices` on a flag that takes no value. Where the
// binary's rules are not known (config, group, mount), nothing is reported.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "loader/kdl_reader.h"

namespace mise_audit {

struct UsageSpecError {
  std::string message;  // mise's words where known ("unsupported spec key option")
  KdlPos pos;           // within the spec text
};

// `from_file`: the spec comes from a script's #USAGE lines, so a relative `include` has a folder
// to resolve against (from the `usage` field it is an error).
std::optional<UsageSpecError> check_usage_spec(std::string_view spec, bool from_file);

}  // namespace mise_audit
