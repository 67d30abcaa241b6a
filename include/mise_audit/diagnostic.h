// A finding: what is wrong, where, and how to fix it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// One text edit of a fix: bytes [begin, end) of `file` become `replacement` (an insertion when
// begin == end). Offsets index SourceFile::text as loaded.
struct TextEdit {
  FileId file = kNoFile;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
};

// Safe: does exactly what the rule states, with one obvious target (`--fix`). Unsafe: a reviewer
// must choose (a "did you mean" rename, a split that drops an argument): `--unsafe-fixes`.
enum class FixSafety { Safe, Unsafe };
const char* fix_safety_name(FixSafety s);  // "safe", "unsafe"

// The edit a finding's help describes, computed by the rule that knows the intent (src/fix/
// builds the bytes, applies and writes them).
struct Fix {
  std::string title;         // "add `depends = [\"build\"]` to `publish`"
  FixSafety safety = FixSafety::Safe;
  std::vector<TextEdit> edits;
  std::string model_change;  // the change to the task model: "edge publish -> build", …
};

struct Diagnostic {
  std::string rule;      // kebab-case rule id, e.g. "missing-dependency"
  Severity severity = Severity::Error;
  std::string message;   // one line
  SourceSpan span;       // the offending value; may be file-only (line 0)
  std::string task;      // task the finding belongs to ("" for file-level findings)
  std::string help;      // fix hint, "" when none
  std::vector<SuggestedEdge> suggested_edges;
  std::vector<SuggestedEdge> removed_edges;  // `depends` entries the hint takes away
  // (rule, task) of findings the rules report once the hint is followed (core/hint_check.h): a
  // fix that reveals them is expected to.
  std::vector<std::pair<std::string, std::string>> revealed;
  bool redact_span = false;  // the spanned text is a secret: reporters never print it whole
  std::optional<Fix> fix = std::nullopt;  // the edit that resolves it, when one is certain enough
  Confidence confidence = Confidence::High;
};

// Stable order: file path, line, column, rule, message.
void sort_diagnostics(std::vector<Diagnostic>& diags, const class SourceManager& sources);

}  // namespace mise_audit
