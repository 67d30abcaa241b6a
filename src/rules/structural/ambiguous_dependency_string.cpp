// ambiguous-dependency-string: `depends = "lint test"` is ONE dependency, task "lint" with the
// argument "test" (CONTRIBUTING §3.2), almost never what was meant. Fires when a string entry has
// several words and another word also names a task; words that start with `-` are flags, so
// `"build --release"` or `"test unit"` (where no task "unit" exists) are left alone.
#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

std::string quoted_list(const std::string& first, const std::vector<std::string>& rest) {
  std::string s = "\"" + first + "\"";
  for (const std::string& r : rest) s += ", \"" + r + "\"";
  return s;
}

class AmbiguousDependencyString final : public Rule {
 public:
  const char* id() const override { return "ambiguous-dependency-string"; }

  void check(RuleContext& ctx) const override {
    for (TaskId i = 0; i < ctx.graph.size(); ++i) {
      const Task& t = ctx.graph.task(i);
      for (DependencyKind k : {DependencyKind::Depends, DependencyKind::DependsPost, DependencyKind::WaitFor}) {
        for (const DependencyRef& d : t.deps(k)) {
          if (d.form != DependencyRef::Form::String || d.templated || d.args.empty() || !d.env.empty()) continue;
          bool flags = false, names_task = false, all_name_tasks = !ctx.graph.resolve(d.task, i).empty();
          for (const std::string& a : d.args) {
            flags = flags || (!a.empty() && a[0] == '-');
            bool named = !ctx.graph.resolve(a, i).empty();
            names_task = names_task || named;
            all_name_tasks = all_name_tasks && named;
          }
          if (flags || !names_task) continue;
          const char* field = dependency_kind_field(k);
          // A top-level string (`depends = "a b"`) and an array element need different fixes.
          bool top_level = is_whole_value(ctx.project.sources, d.span);
          std::string tasks = quoted_list(d.task, d.args);
          std::string help = top_level
              ? fmt::format("for {} tasks write {} = [{}]; to pass the words as arguments write {} = [[{}]]",
                            d.args.size() + 1, field, tasks, field, tasks)
              : fmt::format("for {} tasks write them as separate entries: {}; for arguments use an inner array [{}]",
                            d.args.size() + 1, tasks, tasks);
          Diagnostic& diag = ctx.report(d.span,
                                        fmt::format("\"{}\" in `{}` is one dependency: task \"{}\" with argument{} {}", d.raw,
                                                    field, d.task, d.args.size() > 1 ? "s" : "", quoted_args(d.args)),
                                        help);
          diag.task = t.name;
          // A split that names a missing task trades this finding for missing-dependency ones
          // (`depends = "pnpm exec wrangler types"` is a command, not four tasks): no edit then.
          if (!all_name_tasks) continue;
          // Unsafe: splitting drops the arguments the string passed.
          std::vector<std::string> entries{d.task};
          entries.insert(entries.end(), d.args.begin(), d.args.end());
          diag.fix = replace_dependency_fix(ctx.project, d.span, d.raw, entries, top_level,
                                            fmt::format("split \"{}\" into {}", d.raw, tasks),
                                            fmt::format("{} edges from {} instead of one with arguments", entries.size(), t.display_name),
                                            FixSafety::Unsafe);
        }
      }
    }
  }

 private:
  static std::string quoted_args(const std::vector<std::string>& args) {
    std::string s;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i) s += ' ';
      s += '"';
      s += args[i];
      s += '"';
    }
    return s;
  }
  // True when the value at `span` directly follows `=` (not inside an array or table).
  static bool is_whole_value(const SourceManager& sources, const SourceSpan& span) {
    if (!span.has_position()) return false;
    std::string_view line = sources.line_text(span.file, span.begin.line);
    std::size_t col = 0, byte = 0;
    for (; byte < line.size() && col + 1 < span.begin.column; ++byte)
      if ((static_cast<unsigned char>(line[byte]) & 0xC0) != 0x80) ++col;
    while (byte > 0 && (line[byte - 1] == ' ' || line[byte - 1] == '\t')) --byte;
    return byte > 0 && line[byte - 1] == '=';
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(AmbiguousDependencyString);
}  // namespace mise_audit
