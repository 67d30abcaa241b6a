// rules/<id>.md parsed into fields (format: rules/README.md). The docs are compiled into the binary
// (embedded_docs()), so `explain`, `rules`, SARIF metadata and the doc-example test share them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mise_audit/diagnostic.h"

namespace mise_audit {

struct RuleDoc {
  std::string id;         // from the `# rule-id` title; must equal the file name stem
  std::string file_name;  // "missing-dependency.md"
  Severity severity = Severity::Error;
  std::string summary;
  std::optional<std::uint32_t> fires_at;  // nullopt when `fires-at: none`
  std::string what;         // "## What it does" paragraph(s)
  std::string why;          // "## Why is this bad?"
  std::string example;      // code inside the "## Example" fence
  std::string use_instead;  // code inside the "## Use instead" fence
  std::string markdown;     // the file as users read it (explain, SARIF): without `fires-at`
};

// Parses one doc. Problems (missing title, bad severity, missing section …) are returned as
// messages, one per problem; the doc is still filled as far as it could be read.
RuleDoc parse_rule_doc(std::string_view file_name, std::string_view text, std::vector<std::string>& problems);

// Every embedded rules/*.md except README.md, sorted by id. Parsed once.
const std::vector<RuleDoc>& rule_docs();
const RuleDoc* find_rule_doc(std::string_view id);
// Problems found while parsing the embedded docs ("file.md: message").
const std::vector<std::string>& rule_doc_problems();

// The doc as plain text for a terminal (`mise-audit explain`): headings without `#`, fences kept.
std::string rule_doc_as_text(const RuleDoc& doc);

}  // namespace mise_audit
