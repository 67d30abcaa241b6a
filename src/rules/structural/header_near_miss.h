// Comment lines in a file task that are meant as `#MISE key=value` header entries but that mise
// 2026.9.15 does not read as one (CONTRIBUTING §5.3): ignored-header reports them, usage-parse-error
// names a `#MISE key value` line mise takes for a usage spec line, and publish-without-build does
// not offer a `depends` line that the ignored one, once fixed, would override.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mise_audit {

struct HeaderNearMiss {
  std::string why;    // what mise does not accept
  std::string entry;  // the `key=value` entry mise would read, as written where it can be
};

// Why mise ignores `line`, when it looks like a header entry mise does not read (lower case
// `# mise`, a typo, indented, `#MISE:`, no space after `MISE`, `key: value`); nullopt for header
// entries mise reads and for prose.
std::optional<HeaderNearMiss> header_near_miss(std::string_view line);

// The text after a `#MISE ` prefix that names a header key but has no `=` (`description "Deploy"`,
// `description: Deploy`): mise reads such a line as part of the usage spec. Returns the entry it
// was meant as (`description="Deploy"`: the value as written when it is TOML, else quoted).
std::optional<std::string> entry_without_equals(std::string_view body);

// The key of a `key = value` entry up to its first dot, if it is one a header recognises.
bool is_header_key(std::string_view entry);

}  // namespace mise_audit
