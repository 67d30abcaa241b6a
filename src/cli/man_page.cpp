#include "cli/man_page.h"

#include <fmt/format.h>
#include <sstream>

#include "core/rule_docs.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

// roff: backslashes escaped, and lines must not start with a control character.
// Non-ASCII characters become \[uXXXX], which troff reads whatever the input encoding.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else if (c < 0x80) out += static_cast<char>(c);
    else {
      int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
      std::uint32_t cp = c & (0x3F >> extra);
      for (int k = 0; k < extra && i + 1 < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
      out += fmt::format("\\[u{:04X}]", cp);
    }
  }
  return out;
}

std::string preformatted(std::string_view text) {
  return ".nf\n" + roff(text) + (text.empty() || text.back() == '\n' ? "" : "\n") + ".fi\n";
}

}  // namespace

std::string render_man_page(const CLI::App& app) {
  std::string out;
  out += fmt::format(".TH MISE\\-AUDIT 1 \"\" \"mise-audit {}\" \"User Commands\"\n", MISE_AUDIT_VERSION);
  out += ".SH NAME\nmise\\-audit \\- lint mise task files (mise.toml, .mise.toml, task folders)\n";
  out += ".SH SYNOPSIS\n.B mise\\-audit\n[\\fBcheck\\fR] [\\fIOPTIONS\\fR] [\\fIPATH\\fR...]\n.br\n"
         ".B mise\\-audit\n\\fBrules\\fR | \\fBexplain\\fR \\fIRULE\\fR | \\fBgraph\\fR [\\fIPATH\\fR] | \\fBtasks\\fR [\\fIPATH\\fR]\n";
  out += ".SH DESCRIPTION\n" + roff(
      "mise-audit reads mise configuration files and task folders the way mise loads them, builds "
      "the task graph, and reports problems with their exact file, line and column. It never runs "
      "task commands or scripts.\n");
  out += ".SH COMMANDS\n";
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group().empty()) continue;  // hidden
    out += fmt::format(".SS {}\n", roff(sub->get_name()));
    out += preformatted(sub->help());
  }
  out += ".SH CONFIGURATION\n" + roff(
      "The closest .mise-audit.toml at or above the linted path (up to the repository root) is "
      "read; --config FILE names one, --no-config ignores them. Keys: select and ignore (rule "
      "lists), [severity] (rule = \"error|warning|note\"), fail-on (the lowest severity that makes "
      "the exit status 1), [roles] (role = [command patterns] for the release model) and "
      "[per-path-ignores] (\"glob\" = [rules], relative to the config's folder).\n");
  out += ".SH SUPPRESSION\n" + roff(
      "A comment \"# mise-audit: ignore[rule-a,rule-b] reason\" on a task's header line (or the "
      "line above it) silences those rules for the task; on a key line, for that key. "
      "\"# mise-audit: file-ignore[rule]\" covers the whole file. Suppressions that silence "
      "nothing are reported as unused-suppression; --no-ignores disables them all.\n");
  out += ".SH EXIT STATUS\n0 no findings; 1 findings at or above \\-\\-fail\\-on; 2 usage or I/O error.\n";
  out += ".SH RULES\n";
  std::vector<const Rule*> rules = rule_registry();
  std::sort(rules.begin(), rules.end(), [](const Rule* a, const Rule* b) { return std::string_view(a->id()) < b->id(); });
  for (const Rule* r : rules) {
    out += fmt::format(".TP\n.B {}\n({}) {}\n", roff(r->id()), severity_name(r->default_severity()),
                       roff(std::string(r->summary())));
  }
  out += ".SH SEE ALSO\n\\fBmise\\fR(1); \\fBmise\\-audit explain\\fR \\fIRULE\\fR prints a rule's full documentation.\n";
  return out;
}

}  // namespace mise_audit
