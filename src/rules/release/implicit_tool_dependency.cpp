// implicit-tool-dependency: a release command needs a tool the project's [tools] does not declare
// (`maturin --zig` without zig, PyO3 builds without python, semantic-release without
// `npm:semantic-release`), so the release works only on machines that happen to have it. The finding
// names what provides the command, as the [tools] key to add.
#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "fix/tool_edits.h"
#include "release/release_queries.h"
#include "release/role_book.h"

namespace mise_audit {
namespace {

std::string tool_base(std::string key) {
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::size_t colon = key.rfind(':'); colon != std::string::npos) key = key.substr(colon + 1);
  if (std::size_t slash = key.rfind('/'); slash != std::string::npos) key = key.substr(slash + 1);
  if (std::size_t at = key.find('@'); at != std::string::npos) key = key.substr(0, at);
  return key;
}

// `name` as a [tools] key (`npm:semantic-release`, `zig`) is declared when a declared tool has its
// name without the backend.
bool declared(const std::vector<std::string>& tools, const std::string& name) {
  std::string base = tool_base(name);
  return std::any_of(tools.begin(), tools.end(), [&](const std::string& t) { return t == base; });
}

class ImplicitToolDependency final : public Rule {
 public:
  const char* id() const override { return "implicit-tool-dependency"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    const RoleBook& book = ctx.roles;
    std::vector<std::string> project_tools;
    for (const ToolEntry& t : ctx.project.tools) project_tools.push_back(tool_base(t.name));
    bool any_task_tools = false;
    for (const Task& t : ctx.project.tasks) any_task_tools = any_task_tools || !t.tools.empty();
    if (project_tools.empty() && !any_task_tools) return;  // the project does not manage tools with mise
    std::vector<const ToolRequirement*> done;  // once per project: the fix is one [tools] line
    // Real releases first, so the finding lands on `release:full` rather than `release:dry`.
    std::vector<TaskId> order;
    for (int pass = 0; pass < 2; ++pass)
      for (TaskId t = 0; t < g.size(); ++t)
        if (m.facts(t).dry_run == (pass == 1)) order.push_back(t);
    for (TaskId tid : order) {
      const Task& task = g.task(tid);
      std::vector<std::string> tools = project_tools;
      for (const ToolEntry& t : task.tools) tools.push_back(tool_base(t.name));
      for (const ShellStep& s : m.facts(tid).steps) {
        // `npm run release` → `semantic-release` from the package's own devDependencies: npm
        // install provides it (and the plugins its config needs, which a bare tool would not).
        if (s.from_package_bin) continue;
        for (const ToolRequirement& r : book.requires_) {
          if (std::find(done.begin(), done.end(), &r) != done.end()) continue;
          if (!match_words(r.match, s.words, 0)) continue;
          if (!r.flag.empty() && std::find(s.words.begin(), s.words.end(), r.flag) == s.words.end()) continue;
          bool ok = std::any_of(r.tools.begin(), r.tools.end(), [&](const std::string& n) { return declared(tools, n); });
          std::string wrapper;  // the wrapper it runs through, when that could provide it
          for (const std::vector<std::string>& w : r.wrapped_by) {
            std::string joined;
            for (const std::string& x : w) joined += (joined.empty() ? "" : " ") + x;
            if (std::find(s.wrappers.begin(), s.wrappers.end(), joined) == s.wrappers.end()) continue;
            wrapper = joined;
            if (declared(tools, w[0]) || std::any_of(r.wrapper_tools.begin(), r.wrapper_tools.end(),
                                                     [&](const std::string& n) { return declared(tools, n); }))
              ok = true;
          }
          if (ok) continue;
          done.push_back(&r);
          std::string cmd;
          for (std::size_t k = 0; k < s.words.size() && k < 3; ++k) cmd += (k ? " " : "") + s.words[k];
          if (!r.flag.empty() && cmd.find(r.flag) == std::string::npos) cmd += " … " + r.flag;
          std::string names;
          for (const std::string& n : r.tools) names += (names.empty() ? "" : ", ") + n;
          Diagnostic& d = ctx.report({}, {});
          d.task = task.display_name;
          d.span = s.span;
          d.confidence = Confidence::Medium;  // the machine may provide it another way
          std::string through = wrapper.empty() || r.wrapper_tools.empty()
                                    ? ""
                                    : fmt::format(", nor {} for `{}`", r.wrapper_tools.front(), wrapper);
          d.message = fmt::format("`{}` needs {} ({}), but neither [tools] nor the task's `tools` declares {}{}", cmd,
                                  r.tools.front(), r.why, r.tools.size() > 1 ? "any of " + names : names, through);
          d.help = fmt::format("add `{} = \"<version>\"` to [tools] so every machine that runs the release has it", toml_key(r.tools.front()));
          d.fix = declare_tool_fix(ctx.project, task, r.tools.front());
        }
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(ImplicitToolDependency);
}  // namespace mise_audit
