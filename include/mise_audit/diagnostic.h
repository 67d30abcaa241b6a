// A finding: what is wrong, where, and how to fix it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mise_audit/source.h"

namespace mise_audit {

enum class Severity { Error, Warning, Note };

const char* severity_name(Severity s);  // "error", "warning", "note"

// How sure the rule is that the finding is real (as zizmor grades its audits). Structural
// findings are certain; release findings read intent from commands and names, and say how much
// they guessed. `--min-confidence` hides the less certain ones.
enum class Confidence { High, Medium, Low };

const char* confidence_name(Confidence c);  // "high", "medium", "low"
std::optional<Confidence> parse_confidence(std::string_view word);

// An edge the fix would add to the task graph (drawn by `graph` in red, dashed).
struct SuggestedEdge {
  std::string from;  // dependent task
  std::string to;    // dependency it should have
};

struct Diagnostic {
  std::string rule;      // kebab-case rule id, e.g. "missing-dependency"
  Severity severity = Severity::Error;
  std::string message;   // one line
  SourceSpan span;       // the offending value; may be file-only (line 0)
  std::string task;      // task the finding belongs to ("" for file-level findings)
  std::string help;      // fix hint, "" when none
  std::vector<SuggestedEdge> suggested_edges;
  bool redact_span = false;  // the spanned text is a secret: reporters never print it whole
  Confidence confidence = Confidence::High;
};

// Stable order: file path, line, column, rule, message.
void sort_diagnostics(std::vector<Diagnostic>& diags, const class SourceManager& sources);

}  // namespace mise_audit
