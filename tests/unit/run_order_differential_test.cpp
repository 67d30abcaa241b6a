// Differential test of the execution-order model (src/release/run_order.h) against the live mise.
// Generated projects whose tasks only append to a log (`echo start X >> log`, nested
// `mise run …` steps, `echo end X >> log`) are run with `mise run ROOT`; then
//   - every task runs as many times as the model says (a nested `mise run` re-runs a closure);
//   - every pair the model orders is never seen reversed in the log;
//   - every pair it calls concurrent is shown to overlap: the two tasks are rebuilt with a
//     barrier (each waits until the other has started, 5 s at most) and neither times out;
//   - with jobs = 1, pairs it calls serial never overlap.
// Tagged [live-mise]: a ctest of its own, not run in the sanitizer pass (tests/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.h"
#include "corpus.h"
#include "graph_test_util.h"
#include "live_mise.h"
#include "mise_audit/release_model.h"
#include "release/role_book.h"
#include "release/run_order.h"

using namespace mise_audit;
namespace fs = std::filesystem;

namespace {

struct GenTask {
  std::string name;
  std::vector<std::string> depends, depends_post, wait_for;
  std::vector<std::vector<std::string>> calls;  // steps `mise run a ::: b`
};

// A random acyclic project: t0..t(n-1), each depending on lower ones; two post tasks; nested calls
// only to lower tasks, so no run calls itself.
std::vector<GenTask> generate(std::mt19937& rng, int n) {
  std::uniform_real_distribution<double> p(0, 1);
  std::vector<GenTask> tasks;
  for (int i = 0; i < n; ++i) {
    GenTask t;
    t.name = "t" + std::to_string(i);
    for (int j = 0; j < i; ++j) {
      double r = p(rng);
      if (r < 0.3) t.depends.push_back("t" + std::to_string(j));
      else if (r < 0.4) t.wait_for.push_back("t" + std::to_string(j));
    }
    if (i > 0 && p(rng) < 0.35) {
      int a = std::uniform_int_distribution<int>(0, i - 1)(rng);
      std::vector<std::string> call{"t" + std::to_string(a)};
      if (p(rng) < 0.4) call.push_back("t" + std::to_string(std::uniform_int_distribution<int>(0, i - 1)(rng)));
      if (call.size() == 2 && call[0] == call[1]) call.pop_back();
      t.calls.push_back(call);
    }
    if (p(rng) < 0.15) t.depends_post.push_back(p(rng) < 0.5 ? "post0" : "post1");
    tasks.push_back(t);
  }
  tasks.push_back({"post0", {}, {}, {}, {}});
  tasks.push_back({"post1", {}, {}, {}, {}});
  return tasks;
}

std::string toml_list(const std::vector<std::string>& v) {
  std::string s = "[";
  for (const std::string& x : v) s += (s.size() > 1 ? ", \"" : "\"") + x + "\"";
  return s + "]";
}

// The project's mise.toml; tasks in `barrier` wait for each other to start.
std::string render(const std::vector<GenTask>& tasks, const std::vector<std::string>& barrier = {}) {
  std::ostringstream out;
  for (const GenTask& t : tasks) {
    out << "[tasks." << t.name << "]\n";
    if (!t.depends.empty()) out << "depends = " << toml_list(t.depends) << "\n";
    if (!t.depends_post.empty()) out << "depends_post = " << toml_list(t.depends_post) << "\n";
    if (!t.wait_for.empty()) out << "wait_for = " << toml_list(t.wait_for) << "\n";
    std::string script = "echo start " + t.name + " >> log\n";
    if (std::find(barrier.begin(), barrier.end(), t.name) != barrier.end()) {
      const std::string& other = barrier[0] == t.name ? barrier[1] : barrier[0];
      script += "touch started." + t.name + "\ni=0\nwhile [ ! -e started." + other +
                " ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done\n[ -e started." + other +
                " ] || echo timeout " + t.name + " >> log\n";
    }
    for (const auto& call : t.calls) {
      script += "mise run";
      for (std::size_t k = 0; k < call.size(); ++k) script += (k ? " ::: " : " ") + call[k];
      script += "\n";
    }
    script += "echo end " + t.name + " >> log\n";
    out << "run = '''\n" << script << "'''\n\n";
  }
  return out.str();
}

struct Log {
  std::vector<std::pair<std::string, std::string>> lines;  // (start|end|timeout, task)
  std::vector<std::size_t> at(const std::string& what, const std::string& task) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i].first == what && lines[i].second == task) out.push_back(i);
    return out;
  }
};

Log read_log(const fs::path& p) {
  Log log;
  std::istringstream in(cli_run::read(p));
  std::string what, task;
  while (in >> what >> task) log.lines.push_back({what, task});
  return log;
}

// Runs `mise run root` in `dir` with an isolated home; the log it wrote.
Log run_mise(const std::string& mise, const fs::path& dir, const std::string& root, unsigned jobs) {
  fs::remove(dir / "log");
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("started.", 0) == 0) fs::remove(e.path());
  std::string cmd = "cd " + cli_run::quote(dir.string()) + " && env -i PATH=" +
                    cli_run::quote(fs::path(mise).parent_path().string() + ":/usr/local/bin:/usr/bin:/bin") +
                    " HOME=" + cli_run::quote((dir / ".home").string()) + " MISE_TRUSTED_CONFIG_PATHS=" +
                    cli_run::quote(dir.string()) + " MISE_CEILING_PATHS=" + cli_run::quote(dir.parent_path().string()) +
                    " MISE_JOBS=" + std::to_string(jobs) + " " + cli_run::quote(mise) + " run " + root;
  live_mise::Run r = live_mise::run_shell(cmd);
  INFO("mise run " << root << " exited " << r.status << ": " << r.err.substr(0, 600));
  REQUIRE(r.status == 0);
  return read_log(dir / "log");
}

const char* relation_name(RunOrder::Relation r) {
  switch (r) {
    case RunOrder::Relation::Absent: return "absent";
    case RunOrder::Relation::Before: return "before";
    case RunOrder::Relation::After: return "after";
    case RunOrder::Relation::Concurrent: return "concurrent";
    case RunOrder::Relation::Serial: return "serial";
    case RunOrder::Relation::Mixed: return "mixed";
    case RunOrder::Relation::Nested: return "nested";
    case RunOrder::Relation::Unknown: return "unknown";
  }
  return "?";
}

}  // namespace

TEST_CASE("run order: the model against the live mise", "[live-mise]") {
  std::string why;
  std::string mise = live_mise::ensure_mise(why);
  if (mise.empty()) MISE_AUDIT_SKIP_TEST("run-order differential not run: " << why);
  std::mt19937 rng(20261202);
  int ordered_checked = 0, concurrent_checked = 0, serial_checked = 0, nested_checked = 0, instance_checked = 0;
  for (int project = 0; project < 20; ++project) {
    unsigned jobs = project % 3 == 2 ? 1 : 4;
    std::vector<GenTask> tasks = generate(rng, 6 + project % 3);
    std::string root = tasks[tasks.size() - 3].name;
    std::string toml = render(tasks);
    graph_test::ScratchProject p(graph_test::Files{{"mise.toml", toml}});
    TaskGraph g(p.project);
    ReleaseModel m(g, builtin_role_book());
    RunOrder order(m, graph_test::id_of(g, root), jobs);
    INFO("project " << project << " (jobs " << jobs << ", root " << root << "):\n" << toml);
    REQUIRE(order.complete());
    Log log = run_mise(mise, p.dir, root, jobs);
    std::string text;
    for (const auto& [w, t] : log.lines) text += w + " " + t + "\n";
    INFO("log:\n" << text);
    for (const GenTask& t : tasks) {
      CHECK(log.at("start", t.name).size() == order.instances(graph_test::id_of(g, t.name)));
      ++instance_checked;
    }
    std::vector<std::pair<std::string, std::string>> concurrent;
    for (const GenTask& a : tasks)
      for (const GenTask& b : tasks) {
        if (a.name >= b.name) continue;
        TaskId ia = graph_test::id_of(g, a.name), ib = graph_test::id_of(g, b.name);
        RunOrder::Relation rel = order.relation(ia, ib);
        INFO(a.name << " vs " << b.name << ": " << relation_name(rel));
        std::vector<std::size_t> a_start = log.at("start", a.name), a_end = log.at("end", a.name);
        std::vector<std::size_t> b_start = log.at("start", b.name), b_end = log.at("end", b.name);
        if (rel == RunOrder::Relation::Before || rel == RunOrder::Relation::After) {
          bool before = rel == RunOrder::Relation::Before;
          const auto& first_end = before ? a_end : b_end;
          const auto& second_start = before ? b_start : a_start;
          REQUIRE(!first_end.empty());
          REQUIRE(!second_start.empty());
          CHECK(*std::max_element(first_end.begin(), first_end.end()) <
                *std::min_element(second_start.begin(), second_start.end()));
          ++ordered_checked;
        } else if (rel == RunOrder::Relation::Nested && a_start.size() == 1 && b_start.size() == 1) {
          bool a_in_b = b_start[0] < a_start[0] && a_end[0] < b_end[0];
          bool b_in_a = a_start[0] < b_start[0] && b_end[0] < a_end[0];
          CHECK((a_in_b || b_in_a));
          ++nested_checked;
        } else if (rel == RunOrder::Relation::Serial && a_start.size() == 1 && b_start.size() == 1) {
          CHECK((a_end[0] < b_start[0] || b_end[0] < a_start[0]));
          ++serial_checked;
        } else if (rel == RunOrder::Relation::Concurrent && order.instances(ia) == 1 && order.instances(ib) == 1) {
          concurrent.push_back({a.name, b.name});
        }
      }
    // Three concurrent pairs per project, each shown to overlap with a barrier.
    std::shuffle(concurrent.begin(), concurrent.end(), rng);
    if (concurrent.size() > 3) concurrent.resize(3);
    for (const auto& [a, b] : concurrent) {
      INFO("barrier between " << a << " and " << b);
      std::ofstream(p.dir / "mise.toml") << render(tasks, {a, b});
      Log barrier = run_mise(mise, p.dir, root, jobs);
      CHECK(barrier.at("timeout", a).empty());
      CHECK(barrier.at("timeout", b).empty());
      ++concurrent_checked;
    }
  }
  std::cout << "run order vs mise: " << instance_checked << " instance counts, " << ordered_checked
            << " ordered pairs, " << concurrent_checked << " concurrent pairs (barrier), " << serial_checked
            << " serial pairs (jobs = 1), " << nested_checked << " nested pairs\n";
  CHECK(ordered_checked > 50);
  CHECK(concurrent_checked >= 10);
  CHECK(serial_checked > 5);
  CHECK(nested_checked > 2);
}

// The model's answers on a small project (no mise needed).
TEST_CASE("run order: depends, steps, nested runs, depends_post, wait_for", "[release]") {
  graph_test::ScratchProject p(graph_test::Files{{"mise.toml",
                                 "[tasks.gen]\nrun = 'echo'\n"
                                 "[tasks.lint]\nrun = 'echo'\n"
                                 "[tasks.build]\ndepends = ['gen']\nrun = 'echo'\n"
                                 "[tasks.notify]\nrun = 'echo'\n"
                                 "[tasks.release]\ndepends = ['build', 'lint']\ndepends_post = ['notify']\n"
                                 "run = ['cargo set-version 1.0', 'mise run build', 'echo done']\n"
                                 "[tasks.waiter]\nwait_for = ['lint']\nrun = 'echo'\n"}});
  TaskGraph g(p.project);
  ReleaseModel m(g, builtin_role_book());
  auto id = [&](const char* n) { return graph_test::id_of(g, n); };
  RunOrder o(m, id("release"), 4);
  REQUIRE(o.complete());
  CHECK(o.instances(id("build")) == 2);  // once as a dependency, once from `mise run build`
  CHECK(o.instances(id("gen")) == 2);
  CHECK(o.relation(id("gen"), id("lint")) == RunOrder::Relation::Concurrent);
  CHECK(o.relation(id("lint"), id("notify")) == RunOrder::Relation::Before);
  CHECK(o.relation(id("build"), id("lint")) == RunOrder::Relation::Concurrent);  // the first build
  CHECK(o.relation(id("waiter"), id("lint")) == RunOrder::Relation::Absent);
  RunOrder serial(m, id("release"), 1);
  CHECK(serial.relation(id("gen"), id("lint")) == RunOrder::Relation::Serial);
  // The bump is step 0 of release; the nested build (step 1) starts after it, the first does not.
  std::uint32_t bump = 0;
  for (const CommandFact& c : m.facts(id("release")).commands)
    if (c.roles & kRoleVersion) bump = c.order;
  CHECK_FALSE(o.starts_after_step(id("build"), id("release"), bump));
  CHECK(o.ends_before_step(id("lint"), id("release"), bump));
  RunOrder only_build(m, id("build"), 4);
  CHECK(only_build.relation(id("gen"), id("build")) == RunOrder::Relation::Before);
}
