#include "cli/fix_run.h"

#include <filesystem>
#include <fmt/format.h>

#include "fix/atomic_write.h"
#include "fix/unified_diff.h"
#include "mise_audit/report.h"

namespace mise_audit {

FixRun fix_until_stable(std::vector<LintedProject> first, bool unsafe, const Relint& relint) {
  FixRun run;
  run.results = std::move(first);
  for (;;) {
    FixPass pass = plan_fix_pass(run.results, unsafe);
    if (pass.chosen.empty()) break;
    if (run.passes == kMaxFixPasses) {
      run.converged = false;  // fixes that keep producing fixes: stop, report what remains
      break;
    }
    ++run.passes;
    for (auto& [path, text] : pass.before) run.before.emplace(path, text);  // the first reading wins
    for (auto& [path, text] : pass.shown) run.shown.emplace(path, text);
    for (auto& [path, text] : pass.texts) run.after[path] = std::move(text);
    run.applied.insert(run.applied.end(), pass.chosen.begin(), pass.chosen.end());
    run.results = relint(std::make_shared<const std::map<std::string, std::string>>(run.after));
  }
  return run;
}

std::string fix_diff(const FixRun& run) {
  std::string out;
  for (const auto& [path, after] : run.after) {
    auto shown = run.shown.find(path);
    out += unified_diff(shown == run.shown.end() ? path : shown->second, run.before.at(path), after);
  }
  return out;
}

std::vector<std::string> write_fixes(const FixRun& run) {
  std::vector<std::string> errors;
  for (const auto& [path, after] : run.after) {
    const std::string& before = run.before.at(path);
    if (before == after) continue;
    std::string root = find_repository_root(real_file_system(), std::filesystem::path(path).parent_path().string());
    if (std::string e = write_fixed_file(path, before, after, root); !e.empty()) errors.push_back(e);
  }
  return errors;
}

std::string describe_fixes(const FixRun& run) {
  std::string out = fmt::format("Fixed {} finding{}{}\n", run.applied.size(), run.applied.size() == 1 ? "" : "s",
                                run.applied.empty() ? "." : ":");
  for (const PlannedFix& f : run.applied)
    out += fmt::format("  {}:{}: [{}] {}{}\n", f.shown_path, f.line, f.rule, f.title,
                       f.safety == FixSafety::Unsafe ? " (unsafe)" : "");
  return out;
}

}  // namespace mise_audit
