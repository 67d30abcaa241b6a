// GitHub Actions workflow commands. Everything user-controlled is escaped so that a task name
// holding a newline and `::` cannot start a second command.
#include <fmt/format.h>

#include "mise_audit/report.h"

namespace mise_audit {
namespace {

// Message data: %, CR and LF; then other control characters as for a terminal (the Actions log
// renders ANSI escapes).
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return escape_for_terminal(out);
}

// Property values: also `:` and `,`, which separate properties and end the property list.
// (escape_data's own output never holds either.)
std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

const char* command_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "notice";
  }
  return "error";
}

}  // namespace

std::string render_github(const std::vector<LintedProject>& results, const RunStatus& status,
                          const std::string& repo_root) {
  std::string out;
  for (const std::string& error : status.errors)
    out += "::error::mise-audit: checking failed: " + escape_data(error) + "\n";
  for (const LintedProject& lp : results) {
    for (const Diagnostic& d : lp.diagnostics) {
      std::vector<std::string> props;
      if (d.span.file != kNoFile) {
        props.push_back("file=" + escape_property(repository_relative_path(lp.project().sources.file(d.span.file).absolute, repo_root)));
        if (d.span.has_position()) {
          props.push_back(fmt::format("line={}", d.span.begin.line));
          props.push_back(fmt::format("col={}", d.span.begin.column));
          if (d.span.end.line > 0) {
            props.push_back(fmt::format("endLine={}", d.span.end.line));
            props.push_back(fmt::format("endColumn={}", d.span.end.column));
          }
        }
      }
      props.push_back("title=" + escape_property(d.confidence == Confidence::High
                                                     ? d.rule
                                                     : fmt::format("{} ({} confidence)", d.rule, confidence_name(d.confidence))));
      std::string message = d.message;
      if (!d.help.empty()) message += "\nhelp: " + d.help;
      out += fmt::format("::{} {}::{}\n", command_name(d.severity), fmt::join(props, ","), escape_data(message));
    }
  }
  return out;
}

}  // namespace mise_audit
