// Small questions the release rules share, answered from the ReleaseModel.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "mise_audit/release_model.h"
#include "mise_audit/rule.h"

namespace mise_audit {

// Does an artifact of one of `produced` satisfy a consumer of `consumed`? "file" is any file
// artifact (not an image).
inline bool kinds_match(const std::vector<std::string>& consumed, const std::vector<std::string>& produced) {
  for (const std::string& c : consumed)
    for (const std::string& p : produced) {
      if (c == p) return true;
      if ((c == "file" && p != "image") || (p == "file" && c != "image")) return true;
    }
  return false;
}

// Does `producer` make what `publisher` uploads? Specific kinds (wheels, images) match by kind; a
// publisher of arbitrary files (`gh release create v1 data/*.db`) matches only a producer that
// writes into a folder it reads.
inline bool feeds(const CommandFact& producer, const CommandFact& publisher) {
  // Declared `outputs` (often generated sources) feed only a publisher known to read that folder.
  if (producer.declared)
    return !producer.writes.empty() &&
           std::find(publisher.reads.begin(), publisher.reads.end(), producer.writes) != publisher.reads.end();
  bool files_only = std::all_of(publisher.consumes.begin(), publisher.consumes.end(), [](const std::string& k) { return k == "file"; });
  if (!files_only || publisher.reads.empty()) return kinds_match(publisher.consumes, producer.produces);
  if (producer.writes.empty() || std::find(producer.produces.begin(), producer.produces.end(), "image") != producer.produces.end()) return false;
  return std::find(publisher.reads.begin(), publisher.reads.end(), producer.writes) != publisher.reads.end();
}

// A publisher command that needs artifacts built by someone else.
inline bool needs_artifacts(const CommandFact& c) {
  return (c.roles & kRolePublish) && !c.self_building && !c.consumes.empty();
}

// A command that brings new artifacts into existence (a build, or a copy from another host).
inline bool brings_artifacts(const CommandFact& c) {
  return (c.roles & (kRoleProduces | kRoleFetch)) || ((c.roles & kRoleCopy) && c.remote_source);
}

inline std::string task_label(const TaskGraph& g, TaskId id) { return "`" + g.task(id).display_name + "`"; }

inline std::string kinds_text(const std::vector<std::string>& kinds) {
  std::vector<std::string> names;
  for (const std::string& k : kinds) {
    std::string n = k == "wheel" ? "wheels" : k == "sdist" ? "sdists" : k == "image" ? "images" : k == "binary" ? "binaries"
                  : k == "package" ? "packages" : k == "gem" ? "gems" : k == "chart" ? "charts"
                  : k == "extension" ? "extensions" : k == "nuget" ? "NuGet packages" : "artifacts";
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? (i + 1 == names.size() ? " or " : ", ") : "") + names[i];
  return out.empty() ? "artifacts" : out;
}

// "release:pypi" -> "release", "publish" -> "": the group a task's name puts it in.
inline std::string name_group(const std::string& name) {
  std::size_t colon = name.rfind(':');
  return colon == std::string::npos ? "" : name.substr(0, colon);
}

// The first publish command of `t`, or nullptr when it publishes nothing or only rehearses.
inline const CommandFact* publish_command(const ReleaseModel& m, TaskId t) {
  if (m.facts(t).dry_run) return nullptr;
  for (const CommandFact& c : m.facts(t).commands)
    if (c.roles & kRolePublish) return &c;
  return nullptr;
}

// `word` as one shell word: as is when plain, else single-quoted.
inline std::string shell_quoted(const std::string& word) {
  bool plain = !word.empty() && word.find_first_of(" \t\n'\"\\$`#;&|<>()*?[]{}~") == std::string::npos;
  if (plain) return word;
  std::string out = "'";
  for (char ch : word) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

// How to name `dep` in a `depends` added to `task`: its name, followed by the arguments the
// release passes when it runs `dep` (`build --release`, not a bare `build` that builds for
// development). The release is what runs `task` (a dev task's `build --watch` is no guide);
// arguments are carried only when all its places agree; mise splits the string as a shell
// would (CONTRIBUTING §3.2), so an argument with spaces or quotes is single-quoted.
inline std::string dependency_spec(const ReleaseModel& m, TaskId dep, TaskId task) {
  const std::vector<Invocation>& all = m.invocations(dep);
  std::string name = shell_quoted(m.graph().task(dep).display_name);  // a name with spaces stays one word
  if (all.empty()) return name;
  std::vector<TaskId> entries;
  for (TaskId t : m.executed_by(task))
    if (t != task) entries.push_back(t);
  TaskSet release = m.execution_closure(entries);
  const std::vector<std::string>* agreed = nullptr;
  bool any = false;
  for (const Invocation& inv : all) {
    if (inv.by == task || !release.contains(inv.by)) continue;
    if (any && *agreed != inv.args) return name;
    agreed = &inv.args;
    any = true;
  }
  if (!any || agreed->empty()) return name;
  std::string spec = name;
  for (const std::string& a : *agreed) spec += " " + shell_quoted(a);
  return spec;
}

// "`depends = [\"build\"]`", or for a file task the header line that declares it
// ("`#MISE depends=[\"build\"]`", `//MISE` in JavaScript): the text a hint tells the user to add.
inline std::string depends_text(const Task& task, const std::string& spec) {
  if (task.origin != TaskOrigin::FileScript) return "`depends = [\"" + spec + "\"]`";
  std::string_view path = task.script_path;
  bool js = path.ends_with(".js") || path.ends_with(".mjs") || path.ends_with(".cjs") || path.ends_with(".ts");
  return std::string("`") + (js ? "//MISE" : "#MISE") + " depends=[\"" + spec + "\"]`";
}

// The file a task is defined in (for "at line N" wording).
inline FileId task_file(const Task& t) { return t.name_span.valid() ? t.name_span.file : t.source; }

// Producers of `kinds` anywhere in the project, other than `except`.
inline std::vector<TaskId> producers_of(const ReleaseModel& m, const CommandFact& publisher, TaskId except) {
  std::vector<TaskId> out;
  for (TaskId t : m.artifact_tasks()) {
    if (t == except || m.facts(t).dry_run) continue;
    for (const CommandFact& c : m.facts(t).commands)
      if (brings_artifacts(c) && feeds(c, publisher)) { out.push_back(t); break; }
  }
  return out;
}

}  // namespace mise_audit

namespace mise_audit {

// A prerequisite written where mise does not enforce it: `T wait_for U`, `U depends_post T`, or
// "run U" in T's description or echo text.
struct WeakLink {
  TaskId to = 0;          // U
  const char* how = "";   // "wait_for", "depends_post", "prose"
  SourceSpan span;
  TaskId written_in = 0;  // task whose config holds the link
};

inline std::vector<WeakLink> weak_links(const ReleaseModel& m, TaskId t) {
  std::vector<WeakLink> out;
  const TaskGraph& g = m.graph();
  for (const Edge& e : g.out_edges(t))
    if (e.kind == EdgeKind::WaitFor) out.push_back({e.to, "wait_for", e.span, t});
  for (const Edge& e : g.in_edges(t))
    if (e.kind == EdgeKind::DependsPost) out.push_back({e.from, "depends_post", e.span, e.from});
  if (!(m.roles(t) & kRoleGuard))
    for (const ProseRef& p : m.facts(t).prose) out.push_back({p.target, "prose", p.span, t});
  return out;
}

// Does running `u` (with what it runs) bring artifacts that `consumes` names, or guard them?
inline bool supplies(const ReleaseModel& m, TaskId u, const CommandFact& publisher) {
  for (TaskId t : m.before_or_during(u)) {
    if (m.facts(t).guards_artifacts) return true;
    for (const CommandFact& f : m.facts(t).commands)
      if (brings_artifacts(f) && feeds(f, publisher)) return true;
  }
  return false;
}

inline bool closure_has(const ReleaseModel& m, TaskId u, RoleSet roles) {
  for (TaskId t : m.before_or_during(u))
    if (m.roles(t) & roles) return true;
  return false;
}

// The first publisher command of `t` that needs artifacts built elsewhere, or nullptr.
// Not for a task a dependency cycle keeps from running (ReleaseModel::blocked_by_cycle).
inline const CommandFact* artifact_publisher(const ReleaseModel& m, TaskId t) {
  if (m.facts(t).dry_run || m.blocked_by_cycle(t)) return nullptr;
  for (const CommandFact& c : m.facts(t).commands)
    if (needs_artifacts(c)) return &c;
  return nullptr;
}

// Does anything that runs before or while `t` runs bring what `c` uploads (or guard it)?
inline bool supplied_before(const ReleaseModel& m, TaskId t, const CommandFact& c) {
  for (TaskId u : m.before_or_during(t)) {
    if (u != t && m.facts(u).guards_artifacts) return true;
    for (const CommandFact& f : m.facts(u).commands)
      if (brings_artifacts(f) && feeds(f, c)) return true;
  }
  return false;
}

// The task to depend on for what `publisher` uploads: the one whose closure holds the most
// producers, then the smallest closure; never one that runs `from` itself. Only tasks that run a
// producer can hold one, so the candidates are those, not the whole project. `others` are what a
// reviewer must weigh it against: candidates just as good, or, when `best` runs one build of
// several (a single-platform leaf), the builds it leaves out.
struct SupplierChoice {
  std::optional<TaskId> best;
  std::vector<TaskId> others;
  std::size_t holds = 0, builds = 0;  // producers `best` runs, of all those that build the kind
};

inline SupplierChoice choose_supplier(const ReleaseModel& m, TaskId from, const CommandFact& publisher) {
  std::vector<TaskId> producers = producers_of(m, publisher, from);
  SupplierChoice out;
  out.builds = producers.size();
  std::size_t best_size = 0;
  std::vector<TaskId> ties;
  for (TaskId t : m.before_or_during_any_of(producers)) {
    if (t == from || m.facts(t).dry_run) continue;
    TaskSet c = m.before_or_during(t);
    if (c.contains(from)) continue;
    std::size_t count = 0;
    for (TaskId p : producers) count += c.contains(p) ? 1 : 0;
    if (!count) continue;
    if (!out.best || count > out.holds || (count == out.holds && c.size() < best_size)) {
      out.best = t;
      out.holds = count;
      best_size = c.size();
      ties.clear();
    } else if (count == out.holds && c.size() == best_size) {
      ties.push_back(t);
    }
  }
  if (!out.best) return out;
  out.others = std::move(ties);
  if (out.holds == 1 && producers.size() > 1) {
    TaskSet c = m.before_or_during(*out.best);
    for (TaskId p : producers)
      if (!c.contains(p) && std::find(out.others.begin(), out.others.end(), p) == out.others.end()) out.others.push_back(p);
  }
  return out;
}

// A task that runs `publisher` as a step (`mise run publish`, `{ task = "publish" }`) after it has
// built what `c` uploads, in its `depends` or earlier steps: the release as its author runs it.
// There a `depends` on the build would build everything twice (the step's `mise run` runs the
// publisher's whole closure again).
struct BuildingCaller {
  TaskId task = 0;
  const TaskCall* call = nullptr;
};
inline std::optional<BuildingCaller> building_caller(const ReleaseModel& m, TaskId publisher, const CommandFact& c) {
  for (TaskId u : m.before_or_during_any_of({publisher})) {
    if (u == publisher) continue;
    for (const TaskCall& call : m.facts(u).calls) {
      if (!m.execution_closure(call.targets).contains(publisher)) continue;
      for (TaskId b : m.runs_before_point(u, call.order))
        for (const CommandFact& f : m.facts(b).commands)
          if (b != publisher && brings_artifacts(f) && feeds(f, c)) return BuildingCaller{u, &call};
      break;
    }
  }
  return std::nullopt;
}

}  // namespace mise_audit
