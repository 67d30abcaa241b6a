// The terminal format (after rustc/ruff/actionlint): header line, snippet with carets, help.
#include <cctype>
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

// The well-formed UTF-8 sequence at `i` (no overlongs, surrogates or code points past
// U+10FFFF): its length with its code point in `cp`, or 0 when the byte at `i` starts none.
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  bool ok = cp >= min_for_len[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
  return ok ? len : 0;
}

// Code point at `i` of escaped text (well-formed: a stray byte counts as itself), advancing `i`.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  std::uint32_t cp = 0;
  std::size_t len = decode_utf8(s, i, cp);
  if (len == 0) return static_cast<unsigned char>(s[i++]);
  i += len;
  return cp;
}

// Terminal columns of one code point (after wcwidth and Unicode's East_Asian_Width): 2 for wide
// and fullwidth characters and emoji, 0 for combining marks, joiners and variation selectors.
std::size_t code_point_width(std::uint32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x20D0 && cp <= 0x20FF) ||
      (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0xE0100 && cp <= 0xE01EF))
    return 0;
  bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x231A && cp <= 0x231B) || (cp >= 0x23E9 && cp <= 0x23EC) ||
              (cp >= 0x25FD && cp <= 0x25FE) || (cp >= 0x2614 && cp <= 0x2615) || (cp >= 0x2648 && cp <= 0x2653) ||
              cp == 0x26A1 || (cp >= 0x26AA && cp <= 0x26AB) || (cp >= 0x26BD && cp <= 0x26BE) ||
              (cp >= 0x26C4 && cp <= 0x26C5) || cp == 0x26D4 || cp == 0x26EA || (cp >= 0x26F2 && cp <= 0x26F5) ||
              cp == 0x26FA || cp == 0x26FD || cp == 0x2705 || (cp >= 0x270A && cp <= 0x270B) || cp == 0x2728 ||
              cp == 0x274C || cp == 0x274E || (cp >= 0x2753 && cp <= 0x2755) || cp == 0x2757 ||
              (cp >= 0x2795 && cp <= 0x2797) || cp == 0x27B0 || cp == 0x27BF || (cp >= 0x2B1B && cp <= 0x2B1C) ||
              cp == 0x2B50 || cp == 0x2B55 || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
              (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
              (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
              (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
              (cp >= 0xFFE0 && cp <= 0xFFE6) || cp == 0x1F004 || cp == 0x1F0CF || cp == 0x1F18E ||
              (cp >= 0x1F191 && cp <= 0x1F19A) || (cp >= 0x1F200 && cp <= 0x1F251) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
              (cp >= 0x1F680 && cp <= 0x1F6FF) || (cp >= 0x1F7E0 && cp <= 0x1F7EB) || (cp >= 0x1F90C && cp <= 0x1F9FF) ||
              (cp >= 0x1FA70 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Terminal width of escaped snippet text (tabs are already single spaces), so carets line up
// under wide characters and emoji.
std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) w += code_point_width(next_code_point(s, i));
  return w;
}

// The longest prefix (from_end: suffix) of escaped text `s` at most `columns` wide, cut between
// code points and never inside an escape (`\x00`, `\u{202e}`, `\n`).
std::string_view fit_width(std::string_view s, std::size_t columns, bool from_end) {
  std::vector<std::size_t> starts;  // byte offset of each unit: a code point or an escape
  std::vector<std::size_t> widths;
  for (std::size_t i = 0; i < s.size();) {
    starts.push_back(i);
    // sanitize_text's escapes (a backslash written in the file may look like one: harmless).
    auto hex = [&](std::size_t from, std::size_t n) {
      if (from + n > s.size()) return false;
      for (std::size_t k = from; k < from + n; ++k)
        if (!std::isxdigit(static_cast<unsigned char>(s[k]))) return false;
      return true;
    };
    std::size_t escape = 0;
    if (s[i] == '\\' && i + 1 < s.size()) {
      char kind = s[i + 1];
      std::size_t close = s.find('}', i);
      if (kind == 'x' && hex(i + 2, 2)) escape = 4;
      else if (kind == 'u' && s.substr(i + 2, 1) == "{" && close < i + 10 && hex(i + 3, close - i - 3)) escape = close + 1 - i;
      else if (kind == 'n' || kind == 'r' || kind == 't') escape = 2;
    }
    if (escape > 0) {
      i += escape;
      widths.push_back(escape);
    } else {
      widths.push_back(code_point_width(next_code_point(s, i)));
    }
  }
  std::size_t w = 0;
  if (!from_end) {
    std::size_t k = 0;
    for (; k < starts.size() && w + widths[k] <= columns; ++k) w += widths[k];
    return s.substr(0, k < starts.size() ? starts[k] : s.size());
  }
  std::size_t k = starts.size();
  for (; k > 0 && w + widths[k - 1] <= columns; --k) w += widths[k - 1];
  return s.substr(k < starts.size() ? starts[k] : s.size());
}

// Snippet lines wider than this are cut around the underlined part, with `…` where cut.
constexpr std::size_t kMaxSnippetWidth = 200;
constexpr std::size_t kMinContext = 20;  // columns of context kept on each side of a long span

struct SnippetPieces {
  std::string before, marked, after;  // escaped; `marked` is what the carets underline
};

void cut_long_snippet(SnippetPieces& p) {
  std::size_t wb = display_width(p.before), wm = display_width(p.marked), wa = display_width(p.after);
  if (wb + wm + wa <= kMaxSnippetWidth) return;
  bool marked_cut = wm > kMaxSnippetWidth - 2 * kMinContext;
  if (marked_cut) {
    p.marked = std::string(fit_width(p.marked, kMaxSnippetWidth - 2 * kMinContext, false));
    wm = display_width(p.marked);
    p.after = "…";
    wa = 1;
  }
  std::size_t room = kMaxSnippetWidth - wm;
  std::size_t right = marked_cut ? 1 : std::min(wa, room / 2);
  std::size_t left = std::min(wb, room - right);
  if (!marked_cut && left + wa <= room) right = wa;  // a short tail is kept whole
  else if (!marked_cut) right = room - left;
  if (left < wb) p.before = "…" + std::string(fit_width(p.before, left - 1, true));
  if (!marked_cut && right < wa) p.after = std::string(fit_width(p.after, right - 1, false)) + "…";
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
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
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
    for (FileId f = 0; f < r.project().sources.size(); ++f) s.files += r.in_scope(f);
    for (const Task& t : r.project().tasks) s.tasks += t.source == kNoFile || r.in_scope(t.source);
  }
  return s;
}

std::string render_text(const std::vector<LintedProject>& results, const RunStatus& status, bool color) {
  auto paint = [&](const char* code, const std::string& text) {
    return color ? fmt::format("{}{}{}", code, text, kReset) : text;
  };
  std::string out;
  bool any = false;
  for (const LintedProject& r : results) {
  const Project& project = r.project();
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
    // `[*]`: `--fix` can fix it (ruff's mark; unsafe fixes are counted in the summary).
    bool safe_fix = d.fix && !d.fix->edits.empty() && d.fix->safety == FixSafety::Safe;
    out += ": " + (safe_fix ? paint(kCyan, "[*]") + " " : std::string()) + escape_for_terminal(d.message) + "\n";
    if (d.span.has_position()) {
      std::string_view line = project.sources.line_text(d.span.file, d.span.begin.line);
      std::string gutter = std::to_string(d.span.begin.line);
      std::string pad(gutter.size(), ' ');
      std::size_t start = byte_offset(line, d.span.begin.column);
      std::size_t stop = d.span.end.line == d.span.begin.line ? byte_offset(line, d.span.end.column) : line.size();
      if (stop <= start) stop = byte_offset(line, d.span.begin.column + 1);  // one whole character
      std::string shown(line);
      if (d.redact_span) {  // keep the secret's first four characters (its kind), mask the token
        std::size_t token_end = shown.find_first_of(" \t\"',}]", start);
        if (token_end == std::string::npos) token_end = shown.size();
        for (std::size_t i = start + 4; i < token_end; ++i) shown[i] = '*';
      }
      // Measured on the escaped text, so carets stay under escaped control characters too.
      SnippetPieces pieces{snippet_line(std::string_view(shown).substr(0, start)),
                           snippet_line(std::string_view(shown).substr(start, stop - start)),
                           snippet_line(std::string_view(shown).substr(stop))};
      cut_long_snippet(pieces);
      std::size_t indent = display_width(pieces.before);
      std::size_t width = std::max<std::size_t>(1, display_width(pieces.marked));
      out += paint(kBlue, pad + " |") + "\n";
      out += paint(kBlue, gutter + " |") + " " + pieces.before + pieces.marked + pieces.after + "\n";
      out += paint(kBlue, pad + " |") + " " + std::string(indent, ' ') +
             paint(severity_color(d.severity), std::string(width, '^')) + "\n";
    }
    if (d.confidence != Confidence::High)
      out += paint(kCyan, "  = confidence: ") + confidence_name(d.confidence) + "\n";
    if (!d.help.empty()) out += paint(kCyan, "  = help: ") + escape_for_terminal(d.help) + "\n";
    out += "\n";
  }
  }
  Summary s = summarize(results);
  const std::string scope = fmt::format("{} task{} in {} file{}", s.tasks, s.tasks == 1 ? "" : "s", s.files,
                                        s.files == 1 ? "" : "s");
  if (!any && status.successful()) {
    out += paint(kDim, fmt::format("No problems found ({}).", scope)) + "\n";
  } else if (any) {
    std::vector<std::string> parts;
    if (s.errors) parts.push_back(fmt::format("{} error{}", s.errors, s.errors == 1 ? "" : "s"));
    if (s.warnings) parts.push_back(fmt::format("{} warning{}", s.warnings, s.warnings == 1 ? "" : "s"));
    if (s.notes) parts.push_back(fmt::format("{} note{}", s.notes, s.notes == 1 ? "" : "s"));
    out += paint(kBold, fmt::format("Found {} ({}).", fmt::join(parts, ", "), scope)) + "\n";
    std::size_t safe = 0, unsafe = 0;
    for (const LintedProject& r : results)
      for (const Diagnostic& d : r.diagnostics)
        if (d.fix && !d.fix->edits.empty()) ++(d.fix->safety == FixSafety::Safe ? safe : unsafe);
    std::string more = unsafe ? fmt::format("{} more with --unsafe-fixes", unsafe) : "";
    if (safe) out += paint(kCyan, "[*]") + fmt::format(" {} fixable with --fix{}.", safe, more.empty() ? "" : " (" + more + ")") + "\n";
    else if (unsafe) out += fmt::format("{} fixable with --unsafe-fixes.", unsafe) + "\n";
  }
  for (const std::string& error : status.errors)
    out += paint(severity_color(Severity::Error), "mise-audit: checking failed: " + escape_for_terminal(error)) + "\n";
  return out;
}

}  // namespace mise_audit
