// Positions inside scripts: a `mise run X` found in a TOML `run` string is reported at X in the
// config file, not at the start of the string.
#pragma once

#include <string>
#include <string_view>

#include "mise_audit/source.h"
#include "mise_audit/task_graph.h"

namespace mise_audit {

// Code points in a UTF-8 string (columns count code points).
std::uint32_t utf8_length(std::string_view s);

// Where `call` (line/column within `script`) sits in the TOML string value at `value_span`.
// Falls back to the whole value when escapes make the mapping uncertain.
SourceSpan span_in_toml_string(const SourceManager& sources, const SourceSpan& value_span, const ScriptTaskCall& call);

// A path as the loader shows it: relative to the working directory when below it.
std::string display_path(const std::string& absolute);

}  // namespace mise_audit
