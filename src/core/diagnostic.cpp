#include "mise_audit/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace mise_audit {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

const char* fix_safety_name(FixSafety s) { return s == FixSafety::Safe ? "safe" : "unsafe"; }

const char* confidence_name(Confidence c) {
  switch (c) {
    case Confidence::High: return "high";
    case Confidence::Medium: return "medium";
    case Confidence::Low: return "low";
  }
  return "high";
}

std::optional<Confidence> parse_confidence(std::string_view word) {
  if (word == "high") return Confidence::High;
  if (word == "medium") return Confidence::Medium;
  if (word == "low") return Confidence::Low;
  return std::nullopt;
}

void sort_diagnostics(std::vector<Diagnostic>& diags, const SourceManager& sources) {
  auto path_of = [&](const Diagnostic& d) -> const std::string& {
    static const std::string none;
    return d.span.file == kNoFile ? none : sources.file(d.span.file).path;
  };
  std::stable_sort(diags.begin(), diags.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::forward_as_tuple(path_of(a), a.span.begin.line, a.span.begin.column, a.rule, a.message) <
           std::forward_as_tuple(path_of(b), b.span.begin.line, b.span.begin.column, b.rule, b.message);
  });
}

}  // namespace mise_audit
