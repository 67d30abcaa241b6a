// The terminal format (after rustc/ruff/actionlint): header line, snippet with carets, help.
#include <fmt/format.h>
#include <set>

#include "mise_audit/report.h"

namespace mise_audit {
namespace {

const char* kReset = "\x1b[0m";
const char* kBold = "\x1b[1m";
const char* kDim = "\x1b[2m";
const char* kBlue = "\x1b[34m";
const char* kCyan = "\x1b[36m";

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[31m";
    case Severity::Warning: return "\x1b[33m";
    case Severity::Note: return "\x1b[36m";
  }
  return "";
}

// Byte offset of 1-based code-point column `col` in `line`.
std::size_t byte_offset(std::string_view line, std::uint32_t col) {
  std::uint32_t cp = 1;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    if (cp == col) return i;
    ++cp;
  }
  return line.size();
}

// Terminal width of a prefix, counting tabs as one column so carets line up with the tab
// expanded to a single space in the snippet.
std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

std::string snippet_line(std::string_view line) {
  std::string out;
  for (char c : line) out += (c == '\t') ? ' ' : c;
  return escape_for_terminal(out);
}

}  // namespace

// Also UTF-8 aware: invalid bytes become \xNN, and so do C1 controls (U+0080–U+009F; U+009B is
// CSI on some terminals) and the bidirectional overrides that reorder what a reader sees
// ("Trojan Source": U+202A–U+202E, U+2066–U+2069), as \u{NNNN}.
std::string sanitize_text(std::string_view s, bool keep_line_breaks) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\n') out += keep_line_breaks ? "\n" : "\\n";
      else if (c == '\r') out += keep_line_breaks ? "\r" : "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    // A well-formed UTF-8 sequence (no overlongs, surrogates or code points past U+10FFFF).
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    std::uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) {
      static const std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= min_for_len[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (!ok) {
      out += fmt::format("\\x{:02x}", c);  // one bad byte, then resynchronise
      ++i;
      continue;
    }
    bool c1 = cp >= 0x80 && cp <= 0x9F;
    bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    if (c1 || bidi) out += fmt::format("\\u{{{:04x}}}", cp);
    else out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string escape_for_terminal(std::string_view s) { return sanitize_text(s, false); }

Summary summarize(const std::vector<LintedProject>& results) {
  Summary s;
  for (const LintedProject& r : results) {
    for (const Diagnostic& d : r.diagnostics) {
      if (d.severity == Severity::Error) ++s.errors;
      else if (d.severity == Severity::Warning) ++s.warnings;
      else ++s.notes;
    }
    for (FileId f = 0; f < r.project.sources.size(); ++f) s.files += r.in_scope(f);
    for (const Task& t : r.project.tasks) s.tasks += t.source == kNoFile || r.in_scope(t.source);
  }
  return s;
}

std::string render_text(const std::vector<LintedProject>& results, bool color) {
  auto paint = [&](const char* code, const std::string& text) {
    return color ? fmt::format("{}{}{}", code, text, kReset) : text;
  };
  std::string out;
  bool any = false;
  for (const LintedProject& r : results) {
  const Project& project = r.project;
  for (const Diagnostic& d : r.diagnostics) {
    any = true;
    std::string location;
    if (d.span.file != kNoFile) {
      location = escape_for_terminal(project.sources.file(d.span.file).path);
      if (d.span.begin.line > 0) location += fmt::format(":{}:{}", d.span.begin.line, d.span.begin.column);
      location += ": ";
    }
    out += paint(kBold, location);
    out += paint(severity_color(d.severity), fmt::format("{}[{}]", severity_name(d.severity), d.rule));
    out += ": " + escape_for_terminal(d.message) + "\n";
    if (d.span.has_position()) {
      std::string_view line = project.sources.line_text(d.span.file, d.span.begin.line);
      std::string gutter = std::to_string(d.span.begin.line);
      std::string pad(gutter.size(), ' ');
      std::size_t start = byte_offset(line, d.span.begin.column);
      std::size_t stop = d.span.end.line == d.span.begin.line ? byte_offset(line, d.span.end.column) : line.size();
      if (stop <= start) stop = std::min(line.size(), start + 1);
      // Measured on the escaped text, so carets stay under escaped control characters too.
      std::size_t indent = display_width(snippet_line(line.substr(0, start)));
      std::size_t width = std::max<std::size_t>(1, display_width(snippet_line(line.substr(start, stop - start))));
      out += paint(kBlue, pad + " |") + "\n";
      std::string shown(line);
      if (d.redact_span) {  // keep the secret's first four characters (its kind), mask the token
        std::size_t token_end = shown.find_first_of(" \t\"',}]", start);
        if (token_end == std::string::npos) token_end = shown.size();
        for (std::size_t i = start + 4; i < token_end; ++i) shown[i] = '*';
      }
      out += paint(kBlue, gutter + " |") + " " + snippet_line(shown) + "\n";
      out += paint(kBlue, pad + " |") + " " + std::string(indent, ' ') +
             paint(severity_color(d.severity), std::string(width, '^')) + "\n";
    }
    if (!d.help.empty()) out += paint(kCyan, "  = help: ") + escape_for_terminal(d.help) + "\n";
    out += "\n";
  }
  }
  Summary s = summarize(results);
  const std::string scope = fmt::format("{} task{} in {} file{}", s.tasks, s.tasks == 1 ? "" : "s", s.files,
                                        s.files == 1 ? "" : "s");
  if (!any) {
    out += paint(kDim, fmt::format("No problems found ({}).", scope)) + "\n";
  } else {
    std::vector<std::string> parts;
    if (s.errors) parts.push_back(fmt::format("{} error{}", s.errors, s.errors == 1 ? "" : "s"));
    if (s.warnings) parts.push_back(fmt::format("{} warning{}", s.warnings, s.warnings == 1 ? "" : "s"));
    if (s.notes) parts.push_back(fmt::format("{} note{}", s.notes, s.notes == 1 ? "" : "s"));
    out += paint(kBold, fmt::format("Found {} ({}).", fmt::join(parts, ", "), scope)) + "\n";
  }
  return out;
}

}  // namespace mise_audit
