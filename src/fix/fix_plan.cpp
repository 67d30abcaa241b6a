#include "fix/fix_plan.h"

#include "fix/dependency_edits.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

namespace mise_audit {
namespace {

bool overlaps(const FileEdit& a, const FileEdit& b) {
  // Touching edits conflict too: two insertions at one point have no obvious order.
  return a.path == b.path && a.begin <= b.end && b.begin <= a.end;
}

}  // namespace

std::string apply_edits(std::string_view text, std::vector<FileEdit> edits) {
  std::sort(edits.begin(), edits.end(), [](const FileEdit& a, const FileEdit& b) { return a.begin > b.begin; });
  std::string out(text);
  for (const FileEdit& e : edits) out.replace(e.begin, e.end - e.begin, e.replacement);
  return out;
}

FixPass plan_fix_pass(const std::vector<LintedProject>& results, bool unsafe) {
  std::vector<PlannedFix> candidates;
  std::map<std::string, const std::string*> originals;  // path -> text the offsets index
  std::map<std::string, std::string> shown;
  for (const LintedProject& r : results) {
    const SourceManager& sources = r.project().sources;
    for (const Diagnostic& d : r.diagnostics) {
      if (!d.fix || d.fix->edits.empty() || (d.fix->safety == FixSafety::Unsafe && !unsafe)) continue;
      PlannedFix p{d.rule, d.fix->title, d.fix->safety, d.span.file == kNoFile ? "" : sources.file(d.span.file).path,
                   d.span.begin.line, {}};
      bool ok = true;
      for (const TextEdit& e : d.fix->edits) {
        // Only files of the project that reported it (never a parent config nor outside it).
        if (e.file >= sources.size() || !r.in_scope(d.span.file)) { ok = false; break; }
        const SourceFile& f = sources.file(e.file);
        if (e.begin > e.end || e.end > f.text.size() || !editable_file(r.project(), e.file)) { ok = false; break; }
        // Keyed as the loader keys overlays: one key for every name of a file.
        std::string path = overlay_key(*r.project().disk, f.absolute);
        auto [it, fresh] = originals.emplace(path, &f.text);
        if (!fresh && *it->second != f.text) { ok = false; break; }  // two projects saw different texts
        shown.emplace(path, f.path);
        p.edits.push_back({path, e.begin, e.end, e.replacement});
      }
      if (ok) candidates.push_back(std::move(p));
    }
  }
  auto key = [](const PlannedFix& p) {
    const FileEdit& e = p.edits.front();
    return std::tie(e.path, e.begin, e.end, p.rule, p.title, e.replacement);
  };
  std::sort(candidates.begin(), candidates.end(), [&](const PlannedFix& a, const PlannedFix& b) { return key(a) < key(b); });
  FixPass pass;
  std::vector<FileEdit> taken;
  std::set<std::vector<std::tuple<std::string, std::size_t, std::size_t, std::string>>> seen;  // one fix found twice
  for (PlannedFix& p : candidates) {
    std::vector<std::tuple<std::string, std::size_t, std::size_t, std::string>> sig;
    for (const FileEdit& e : p.edits) sig.emplace_back(e.path, e.begin, e.end, e.replacement);
    if (!seen.insert(sig).second) continue;
    bool clash = false;
    for (const FileEdit& e : p.edits)
      for (const FileEdit& t : taken) clash = clash || overlaps(e, t);
    for (std::size_t i = 0; i < p.edits.size(); ++i)
      for (std::size_t j = i + 1; j < p.edits.size(); ++j) clash = clash || (p.edits[i].path == p.edits[j].path && p.edits[i].begin < p.edits[j].end && p.edits[j].begin < p.edits[i].end);
    if (clash) continue;
    taken.insert(taken.end(), p.edits.begin(), p.edits.end());
    pass.chosen.push_back(std::move(p));
  }
  std::map<std::string, std::vector<FileEdit>> by_file;
  for (const FileEdit& e : taken) by_file[e.path].push_back(e);
  for (auto& [path, edits] : by_file) {
    pass.texts[path] = apply_edits(*originals[path], std::move(edits));
    pass.before[path] = *originals[path];
    pass.shown[path] = shown[path];
  }
  return pass;
}

}  // namespace mise_audit
