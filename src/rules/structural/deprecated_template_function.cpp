// deprecated-template-function: Tera `arg()`, `option()` and `flag()` in a run script. mise
// 2026.9.15 warns "deprecated [tera_template_task_args] … This will be removed in mise 2027.5.0".
#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <set>

#include "core/string_span.h"
#include "loader/tera_blocks.h"
#include "mise_audit/release_model.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

struct Call {
  std::string_view name;  // arg, option or flag
  std::size_t at;         // byte offset in the script
  std::size_t length;     // up to and including `(`
};

// Calls of the deprecated functions, in script order.
std::vector<Call> deprecated_calls(std::string_view script) {
  std::vector<Call> calls;
  for_each_tera_block(script, [&](std::string_view block, std::size_t offset) {
    for (std::string_view name : {"arg", "option", "flag"})
      for (const TeraCall& c : tera_calls(block, name)) calls.push_back({name, offset + c.at, c.open + 1 - c.at});
    return true;
  });
  std::sort(calls.begin(), calls.end(), [](const Call& a, const Call& b) { return a.at < b.at; });
  return calls;
}

class DeprecatedTemplateFunction final : public Rule {
 public:
  const char* id() const override { return "deprecated-template-function"; }

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
            ctx.report(locate_in_string(ctx.project.sources, e.span, line, needle),
                       fmt::format("task \"{}\" reads an argument with the Tera function `{}()`, which mise 2026.9.15 "
                                   "deprecates (a warning on every run) and 2027.5.0 removes",
                                   t.display_name, c.name),
                       fmt::format("declare it in `usage` (e.g. `{} \"{}\"`) and read `${{usage_NAME}}` in the script",
                                   c.name == "arg" ? "arg" : "flag",
                                   c.name == "arg" ? "<NAME>" : c.name == "option" ? "--NAME <NAME>" : "--NAME")).task = t.name;
          }
        }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(DeprecatedTemplateFunction);
}  // namespace mise_audit
