// artifact-scatter: producers write to different folders, or the publisher reads a folder that
// no producer in its chain writes, with no copy consolidating them (seed anti-pattern 3).
#include <fmt/format.h>

#include "release/release_queries.h"

namespace mise_audit {
namespace {

class ArtifactScatter final : public Rule {
 public:
  const char* id() const override { return "artifact-scatter"; }

  void check(RuleContext& ctx) const override {
    const ReleaseModel& m = ctx.release;
    const TaskGraph& g = ctx.graph;
    std::vector<const CommandFact*> reported;
    for (TaskId p = 0; p < g.size(); ++p) {
      const CommandFact* pub = artifact_publisher(m, p);
      if (!pub) continue;
      std::vector<std::string> reach;
      for (const std::string& r : pub->reads)
        if (!r.empty()) reach.push_back(r);
      if (reach.empty()) continue;  // we cannot tell where it reads
      bool files_only = std::all_of(pub->consumes.begin(), pub->consumes.end(), [](const std::string& k) { return k == "file"; });
      if (files_only) continue;  // arbitrary files: no kind to follow
      TaskSet chain = m.before_or_during(p);
      // Folders whose contents end up where the publisher reads (copies consolidate).
      for (bool grew = true; grew;) {
        grew = false;
        for (TaskId t : chain) {
          for (const CommandFact& c : m.facts(t).commands) {
            if (!(c.roles & kRoleCopy) || std::find(reach.begin(), reach.end(), c.writes) == reach.end()) continue;
            for (const std::string& r : c.reads)
              if (!r.empty() && std::find(reach.begin(), reach.end(), r) == reach.end()) { reach.push_back(r); grew = true; }
          }
        }
      }
      for (TaskId t : chain) {
        for (const CommandFact& c : m.facts(t).commands) {
          if (!brings_artifacts(c) || c.writes.empty() || !kinds_match(pub->consumes, c.produces)) continue;
          if (std::find(reach.begin(), reach.end(), c.writes) != reach.end()) continue;
          if (std::find(reported.begin(), reported.end(), &c) != reported.end()) continue;
          reported.push_back(&c);
          std::string reads;
          for (const std::string& r : pub->reads) reads += (reads.empty() ? "" : ", ") + r;
          Diagnostic& d = ctx.report({}, {});
          d.task = g.task(t).display_name;
          d.span = c.span;
          d.confidence = Confidence::Medium;  // default output folders, read from the role book
          d.message = fmt::format("{} writes {}, but {} ({}) reads {} and nothing in between copies {} there",
                                  m.describe(c, c.span.file), c.writes, task_label(g, p), m.describe(*pub, c.span.file),
                                  reads, c.writes);
          d.help = fmt::format("make the build write to {} (its output option, e.g. `-o {}`) or copy {} into {} in the build step",
                               pub->reads.front(), pub->reads.front(), c.writes, pub->reads.front());
        }
      }
    }
  }
};

}  // namespace
MISE_AUDIT_REGISTER_RULE(ArtifactScatter);
}  // namespace mise_audit
