// usage-parse-error: a usage spec mise cannot parse, as `mise tasks validate` reports it: the
// `usage` field, and the #USAGE lines of file tasks and of `file = "…"` scripts.
#include <fmt/format.h>
#include <set>

#include "core/string_span.h"
#include "core/columns.h"
#include "fix/dependency_edits.h"
#include "fix/text_position.h"
#include "loader/file_task_header.h"
#include "loader/usage_comments.h"
#include "loader/usage_spec.h"
#include "mise_audit/release_model.h"
#include "mise_audit/rule.h"
#include "rules/structural/header_near_miss.h"

namespace mise_audit {
namespace {

// The word at `pos` of `spec` (up to a space), for the caret.
std::string_view word_at(std::string_view spec, KdlPos pos) {
  std::size_t start = 0;
  for (std::uint32_t l = 1; l < pos.line && start != std::string_view::npos; ++l) {
    start = spec.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return {};
  std::string_view line = spec.substr(start, spec.find('\n', start) - start);
  std::string_view rest = line.substr(std::min(line.size(), byte_of_column(line, pos.column)));
  return rest.substr(0, rest.find_first_of(" \t"));
}

std::string help_for(const UsageSpecError& e) {
  if (e.message == "unsupported spec key option" || e.message == "unsupported cmd key option")
    return "usage has no `option`: a flag that takes a value is `flag \"--out <dir>\"`";
  if (e.message.find("#true") != std::string::npos)
    return "usage specs are KDL 2: write booleans as #true / #false and quote strings";
  return "usage specs are KDL 2 (https://usage.jdx.dev/spec/); check with `mise tasks validate`";
}

class UsageParseError final : public Rule {
 public:
  const char* id() const override { return "usage-parse-error"; }

  void check(RuleContext& ctx) const override {
    const SourceManager& sources = ctx.project.sources;
    std::set<FileId> scripts_seen;
    for (const Task& t : ctx.project.tasks) {
      if (t.usage && !t.usage->templated) {
        if (auto e = check_usage_spec(t.usage->value, false)) {
          std::string_view word = word_at(t.usage->value, e->pos);
          report(ctx, t, *e, "`usage`", "`mise run` refuses to run the task", locate_in_string(sources, t.usage->span, e->pos.line - 1, word));
        }
      }
      FileId script = t.script_file != kNoFile ? t.script_file : t.file_script;
      if (script == kNoFile || !scripts_seen.insert(script).second) continue;
      UsageComments usage = extract_usage_comments(sources.file(script).text);
      if (usage.lines.empty()) continue;
      auto e = check_usage_spec(usage.spec, true);
      if (!e) continue;
      const UsageComments::Line& at = usage.lines[std::min<std::size_t>(e->pos.line, usage.lines.size()) - 1];
      std::string_view word = word_at(usage.spec, e->pos);
      if (report_header_without_equals(ctx, t, *e, script, at.file_line)) continue;
      std::uint32_t col = e->pos.column + at.column_offset;
      std::uint32_t width = word.empty() ? 1 : column_of_byte(word, word.size()) - 1;
      report(ctx, t, *e, "the #USAGE spec", "mise warns and runs the task without its arguments and flags", SourceSpan{script, {at.file_line, col}, {at.file_line, col + width}});
    }
  }

 private:
  // `#MISE description "Deploy"` or `#MISE description: Deploy` (CONTRIBUTING §5.3): a header key
  // without `=` is not a header entry, so mise reads the line as part of the usage spec. Said as
  // such, with the `key=value` line it was meant as (a safe fix: one line, one reading).
  bool report_header_without_equals(RuleContext& ctx, const Task& t, const UsageSpecError& e, FileId script,
                                    std::uint32_t line_no) const {
    const SourceManager& sources = ctx.project.sources;
    std::string_view line = sources.line_text(script, line_no);
    std::size_t prefix = header_prefix_length(line);
    if (prefix == 0) return false;
    std::string_view body = line.substr(prefix);
    std::optional<std::string> entry = entry_without_equals(body);
    if (!entry) return false;
    std::uint32_t begin = column_of_byte(line, prefix), end = column_of_byte(line, line.size());
    std::string key = entry->substr(0, entry->find('='));
    Diagnostic& d = ctx.report(
        SourceSpan{script, {line_no, begin}, {line_no, end}},
        fmt::format("`{}` of task \"{}\" has no `=`, so it is not a header entry: mise reads it as a #USAGE spec "
                    "line, and the spec does not parse ({}); the task gets no `{}`, mise runs it without its arguments "
                    "and flags, and `mise tasks validate` fails",
                    line, t.display_name, e.message, key),
        fmt::format("write it as `#MISE {}`", *entry));
    d.task = t.name;
    std::optional<std::size_t> at = byte_offset(sources, script, {line_no, begin});
    if (at && editable_file(ctx.project, script))
      d.fix = Fix{fmt::format("write `#MISE {}` in `{}`", *entry, t.display_name), FixSafety::Safe,
                  {TextEdit{script, *at, *at + body.size(), *entry}},
                  fmt::format("task {} header {}", t.display_name, *entry)};
    return true;
  }

  void report(RuleContext& ctx, const Task& t, const UsageSpecError& e, std::string_view where, std::string_view effect,
              SourceSpan span) const {
    ctx.report(span,
               fmt::format("{} of task \"{}\" does not parse: {}; {}, and `mise tasks validate` fails", where,
                           t.display_name, e.message, effect),
               help_for(e)).task = t.name;
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(UsageParseError);
}  // namespace mise_audit
