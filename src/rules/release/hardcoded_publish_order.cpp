// hardcoded-publish-order: crates published one by one in a hand-written order (a shell loop or a
// list of `cargo publish -p` calls) instead of `cargo publish --workspace`, which orders them by
// their dependencies and cannot go stale when a crate is added.
#include <fmt/format.h>

#include "fix/publish_loop_edits.h"
#include "release/release_queries.h"
#include "release/role_book.h"

namespace mise_audit {
namespace {

bool is_cargo_publish(const ShellStep& s) {
  static const std::vector<std::string> pattern = {"cargo", "publish"};
  if (!match_words(pattern, s.words, 0)) return false;
  for (const std::string& w : s.words)
    if (w == "--dry-run" || w == "-n" || w == "--workspace" || w == "--help") return false;
  return true;
}

bool names_package(const ShellStep& s) {
  for (const std::string& w : s.words)
    if (w == "-p" || w == "--package" || w.starts_with("--package=") || w == "--manifest-path" || w.starts_with("--manifest-path="))
      return true;
  return false;
}

class HardcodedPublishOrder final : public Rule {
 public:
  const char* id() const override { return "hardcoded-publish-order"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    for (TaskId tid = 0; tid < g.size(); ++tid) {
      std::vector<const ShellStep*> publishes;
      for (const ShellStep& s : m.facts(tid).steps)
        if (is_cargo_publish(s)) publishes.push_back(&s);
      if (publishes.empty()) continue;
      const ShellStep* first = publishes.front();
      std::string why;
      bool loop = false;
      std::size_t literal_items = 0;
      for (const std::string& i : first->loop_items) literal_items += i.find('$') == std::string::npos ? 1 : 0;
      if (publishes.size() == 1 && literal_items >= 2) {
        std::string var = "$" + first->loop_var, braced = "${" + first->loop_var + "}";
        bool uses = std::any_of(first->words.begin(), first->words.end(),
                                [&](const std::string& w) { return w.find(var) != std::string::npos || w.find(braced) != std::string::npos; });
        if (!uses) continue;
        why = fmt::format("a shell loop over {} crates in a fixed order", literal_items);
        loop = true;
      } else if (publishes.size() >= 2) {
        std::size_t named = static_cast<std::size_t>(std::count_if(publishes.begin(), publishes.end(), [](const ShellStep* s) { return names_package(*s); }));
        why = fmt::format("{} `cargo publish` calls in a fixed order{}", publishes.size(), named ? "" : " (one per folder)");
      } else {
        continue;
      }
      Diagnostic& d = ctx.report({}, {});
      d.task = g.task(tid).display_name;
      d.span = first->span;
      d.confidence = Confidence::Medium;
      d.message = fmt::format("{} publishes crates with {}; the order must be kept in sync with the dependency graph by hand",
                              task_label(g, tid), why);
      d.help = "use `cargo publish --workspace` (cargo 1.90+), which publishes every crate in dependency order";
      if (loop) d.fix = workspace_publish_fix(ctx.project, g.task(tid), first->span, first->loop_var, first->loop_items);
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(HardcodedPublishOrder);
}  // namespace mise_audit
