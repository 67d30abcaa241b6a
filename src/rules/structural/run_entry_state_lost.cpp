// run-entry-state-lost: a `run` array entry changes shell state (cd, export, set, source) that a
// later entry relies on; mise runs each entry in its own shell (CONTRIBUTING §2.3), so the state
// is gone when the next entry starts. Read through the shell model (src/shell/): only commands
// at the entry's top level count (not in a subshell, a function or a branch).
#include <fmt/format.h>

#include "core/string_span.h"
#include "graph/task_scripts.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

// `export A=1 B`, `A=1` is dropped by the reader: the names an `export` sets.
std::vector<std::string> exported_names(const ShellCommand& cmd) {
  std::vector<std::string> out;
  for (std::size_t k = 1; k < cmd.words.size(); ++k) {
    const std::string& w = cmd.words[k];
    if (w.starts_with("-")) continue;
    out.push_back(w.substr(0, w.find('=')));
  }
  return out;
}

bool uses_variable(std::string_view script, const std::string& name) {
  for (const std::string& form : {"$" + name, "${" + name}) {
    for (std::size_t at = script.find(form); at != std::string_view::npos; at = script.find(form, at + 1)) {
      std::size_t end = at + form.size();
      char next = end < script.size() ? script[end] : ' ';
      if (form[1] == '{' || !(std::isalnum(static_cast<unsigned char>(next)) || next == '_')) return true;
    }
  }
  return false;
}

class RunEntryStateLost final : public Rule {
 public:
  const char* id() const override { return "run-entry-state-lost"; }

  void check(RuleContext& ctx) const override {
    for (const Task& t : ctx.project.tasks) {
      if (t.file || t.origin == TaskOrigin::FileScript || !run_is_shell(t)) continue;
      std::vector<std::size_t> scripts;
      for (std::size_t k = 0; k < t.run.size(); ++k)
        if (t.run[k].kind == RunEntry::Kind::Script) scripts.push_back(k);
      for (std::size_t s = 0; s + 1 < scripts.size(); ++s) {
        const RunEntry& e = t.run[scripts[s]];
        ShellScript read = read_shell_script(e.script);
        std::string later;
        for (std::size_t n = s + 1; n < scripts.size(); ++n) later += t.run[scripts[n]].script + "\n";
        for (std::size_t c = 0; c < read.commands.size(); ++c) {
          const ShellCommand& cmd = read.commands[c];
          if (cmd.in_subshell || cmd.in_function || cmd.conditional || cmd.words.empty()) continue;
          const std::string& program = cmd.words.front();
          bool last = c + 1 == read.commands.size();
          std::string what;
          if ((program == "cd" || program == "pushd") && last) {
            what = "the folder change";
          } else if (program == "set" && std::all_of(read.commands.begin(), read.commands.end(),
                                                     [](const ShellCommand& x) { return !x.words.empty() && x.words.front() == "set"; })) {
            what = "the shell options";
          } else if ((program == "source" || program == ".") && last) {
            what = "the variables it loads";
          } else if (program == "export") {
            for (const std::string& name : exported_names(cmd))
              if (uses_variable(later, name)) what = "`$" + name + "`";
          }
          if (what.empty()) continue;
          SourceSpan span = locate_in_string(ctx.project.sources, e.span, cmd.word_lines[0], program, cmd.word_columns[0]);
          ctx.report(span,
                     fmt::format("task \"{}\": `{}` in run entry {} does not reach entry {}: each entry of a `run` "
                                 "array runs in its own shell, so entry {} runs without {}",
                                 t.name, program, scripts[s] + 1, scripts[s + 1] + 1, scripts[s + 1] + 1, what),
                     "join the entries into one script (`cd dist && …`, a multi-line string), or use the task's "
                     "`dir` / `env`").task = t.name;
        }
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(RunEntryStateLost);
}  // namespace mise_audit
