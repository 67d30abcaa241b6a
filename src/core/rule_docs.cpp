#include "core/rule_docs.h"

#include <algorithm>
#include <charconv>

#include "core/embedded_docs.h"

namespace mise_audit {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

// The first fenced block of a section, without its fences.
std::string first_fence(const std::vector<std::string_view>& body) {
  std::string out;
  bool inside = false;
  for (std::string_view line : body) {
    if (trim(line).substr(0, 3) == "```") {
      if (inside) return out;
      inside = true;
      continue;
    }
    if (inside) {
      out += line;
      out += '\n';
    }
  }
  return inside ? out : std::string();
}

std::string joined(const std::vector<std::string_view>& body) {
  std::string out;
  for (std::string_view line : body) {
    out += line;
    out += '\n';
  }
  return std::string(trim(out));
}

}  // namespace

RuleDoc parse_rule_doc(std::string_view file_name, std::string_view text, std::vector<std::string>& problems) {
  RuleDoc doc;
  doc.file_name = std::string(file_name);
  auto problem = [&](std::string msg) { problems.push_back(std::string(file_name) + ": " + msg); };

  std::vector<std::string_view> lines = split_lines(text);
  std::string section;  // current "## " heading
  std::vector<std::pair<std::string, std::vector<std::string_view>>> sections;
  bool have_severity = false, have_summary = false, have_fires_at = false;
  bool in_fence = false;
  for (std::string_view line : lines) {
    // `fires-at` is test metadata: kept out of what users read (`explain`, SARIF help).
    bool test_metadata = sections.empty() && !in_fence && line.substr(0, 2) == "- " &&
                         line.find(':') != std::string_view::npos && trim(line.substr(2, line.find(':') - 2)) == "fires-at";
    if (!test_metadata) {
      doc.markdown += line;
      doc.markdown += '\n';
    }
    if (trim(line).substr(0, 3) == "```") in_fence = !in_fence;
    if (!in_fence && line.substr(0, 2) == "# " && doc.id.empty() && section.empty()) {
      doc.id = std::string(trim(line.substr(2)));
      continue;
    }
    if (!in_fence && line.substr(0, 3) == "## ") {
      section = std::string(trim(line.substr(3)));
      sections.push_back({section, {}});
      continue;
    }
    if (!sections.empty()) {
      sections.back().second.push_back(line);
      continue;
    }
    // Metadata bullets between the title and the first section.
    if (line.substr(0, 2) != "- ") continue;
    std::string_view item = line.substr(2);
    std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(item.substr(0, colon));
    std::string_view value = trim(item.substr(colon + 1));
    if (key == "severity") {
      have_severity = true;
      // "error | warning | note" style comments are not allowed: one word.
      std::string_view word = value.substr(0, value.find_first_of(" \t("));
      if (word == "error") doc.severity = Severity::Error;
      else if (word == "warning") doc.severity = Severity::Warning;
      else if (word == "note") doc.severity = Severity::Note;
      else problem("severity must be error, warning or note, not `" + std::string(value) + "`");
    } else if (key == "summary") {
      have_summary = true;
      doc.summary = std::string(value);
    } else if (key == "fires-at") {
      have_fires_at = true;
      std::string_view word = value.substr(0, value.find_first_of(" \t("));
      if (word != "none") {
        std::uint32_t n = 0;
        auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
        if (ec != std::errc() || ptr != word.data() + word.size() || n == 0)
          problem("fires-at must be a 1-based line number or `none`, not `" + std::string(value) + "`");
        else doc.fires_at = n;
      }
    }
  }
  if (doc.id.empty()) problem("missing `# rule-id` title");
  std::string stem(file_name.substr(0, file_name.rfind('.')));
  if (!doc.id.empty() && doc.id != stem) problem("title `" + doc.id + "` does not match the file name");
  if (!have_severity) problem("missing `- severity:`");
  if (!have_summary || doc.summary.empty()) problem("missing `- summary:`");
  if (!have_fires_at) problem("missing `- fires-at:`");

  auto body = [&](std::string_view name) -> const std::vector<std::string_view>* {
    for (const auto& [title, b] : sections)
      if (title == name) return &b;
    return nullptr;
  };
  if (const auto* b = body("What it does")) doc.what = joined(*b);
  else problem("missing `## What it does`");
  if (const auto* b = body("Why is this bad?")) doc.why = joined(*b);
  else problem("missing `## Why is this bad?`");
  if (const auto* b = body("Example")) doc.example = first_fence(*b);
  if (doc.example.empty()) problem("missing code block under `## Example`");
  if (const auto* b = body("Use instead")) doc.use_instead = first_fence(*b);
  if (doc.use_instead.empty()) problem("missing code block under `## Use instead`");
  return doc;
}

namespace {

struct Parsed {
  std::vector<RuleDoc> docs;
  std::vector<std::string> problems;
};

const Parsed& parsed() {
  static const Parsed p = [] {
    Parsed out;
    for (const EmbeddedDoc& d : embedded_docs()) {
      std::string_view name = d.name;
      if (name == "README.md" || name.size() < 3 || name.substr(name.size() - 3) != ".md") continue;
      out.docs.push_back(parse_rule_doc(name, d.text, out.problems));
    }
    std::sort(out.docs.begin(), out.docs.end(), [](const RuleDoc& a, const RuleDoc& b) { return a.id < b.id; });
    return out;
  }();
  return p;
}

}  // namespace

const std::vector<RuleDoc>& rule_docs() { return parsed().docs; }
const std::vector<std::string>& rule_doc_problems() { return parsed().problems; }

const RuleDoc* find_rule_doc(std::string_view id) {
  for (const RuleDoc& d : rule_docs())
    if (d.id == id) return &d;
  return nullptr;
}

std::string rule_doc_as_text(const RuleDoc& doc) {
  std::string out;
  bool in_fence = false;
  for (std::string_view line : split_lines(doc.markdown)) {
    if (trim(line).substr(0, 3) == "```") in_fence = !in_fence;
    if (!in_fence && line.substr(0, 3) == "## ") line.remove_prefix(3);
    else if (!in_fence && line.substr(0, 2) == "# ") line.remove_prefix(2);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace mise_audit
