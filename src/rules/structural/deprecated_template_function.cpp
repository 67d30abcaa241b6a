// deprecated-template-function: Tera `arg()`, `option()` and `flag()` in a run script. mise
// 2026.9.15 warns "deprecated [tera_template_task_args] … This will be removed in mise 2027.5.0".
#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <set>

#include "mise_audit/release_model.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

struct Call {
  std::string_view name;  // arg, option or flag
  std::size_t at;         // byte offset in the script
  std::size_t length;     // up to and including `(`
};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

// Calls of the deprecated functions inside `{{ … }}` and `{% … %}` blocks.
std::vector<Call> deprecated_calls(std::string_view script) {
  std::vector<Call> calls;
  for (std::size_t open = script.find('{'); open != std::string_view::npos; open = script.find('{', open + 1)) {
    if (open + 1 >= script.size() || (script[open + 1] != '{' && script[open + 1] != '%')) continue;
    std::size_t close = script.find(script[open + 1] == '{' ? "}}" : "%}", open + 2);
    if (close == std::string_view::npos) break;
    for (std::size_t i = open + 2; i < close; ++i) {
      if (i > 0 && is_word_char(script[i - 1])) continue;
      for (std::string_view name : {"arg", "option", "flag"}) {
        if (script.substr(i, name.size()) != name) continue;
        std::size_t j = i + name.size();
        while (j < close && script[j] == ' ') ++j;
        if (j < close && script[j] == '(') calls.push_back({name, i, j + 1 - i});
      }
    }
    open = close;
  }
  return calls;
}

class DeprecatedTemplateFunction final : public Rule {
 public:
  const char* id() const override { return "deprecated-template-function"; }
  Severity default_severity() const override { return Severity::Warning; }
  const char* summary() const override {
    return "Tera arg()/option()/flag() in a run script: deprecated, removed in mise 2027.5.0";
  }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      std::set<std::string_view> reported;  // the first use of each function per task: the fix is one `usage`
      for (const std::vector<RunEntry>* entries : {&t.run, &t.run_windows})
        for (const RunEntry& e : *entries) {
          if (e.kind != RunEntry::Kind::Script) continue;
          for (const Call& c : deprecated_calls(e.script)) {
            if (!reported.insert(c.name).second) continue;
            auto line = static_cast<std::uint32_t>(std::count(e.script.begin(), e.script.begin() + static_cast<std::ptrdiff_t>(c.at), '\n'));
            std::string_view needle = std::string_view(e.script).substr(c.at, c.length);
            ctx.report({id(), default_severity(),
                        fmt::format("task \"{}\" reads an argument with the Tera function `{}()`, which mise 2026.9.15 "
                                    "deprecates (a warning on every run) and 2027.5.0 removes",
                                    t.display_name, c.name),
                        locate_in_string(ctx.project.sources, e.span, line, needle), t.name,
                        fmt::format("declare it in `usage` (e.g. `{} \"{}\"`) and read `${{usage_NAME}}` in the script",
                                    c.name == "arg" ? "arg" : "flag",
                                    c.name == "arg" ? "<NAME>" : c.name == "option" ? "--NAME <NAME>" : "--NAME"),
                        {}});
          }
        }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(DeprecatedTemplateFunction);
}  // namespace mise_audit
