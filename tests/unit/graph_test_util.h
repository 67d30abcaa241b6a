// Helpers for graph tests: a scratch project folder with files, loaded as mise-audit loads it.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "mise_audit/task_graph.h"
#include "mise_audit/task_model.h"

namespace graph_test {

using Files = std::vector<std::pair<std::string, std::string>>;

struct ScratchProject {
  std::filesystem::path dir;
  mise_audit::Project project;

  explicit ScratchProject(const Files& files, bool executable = true) {
    char tmpl[] = "/tmp/mise-audit-graph-XXXXXX";
    dir = ::mkdtemp(tmpl);
    for (const auto& [path, text] : files) {
      std::filesystem::path p = dir / path;
      std::filesystem::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << text;
      if (executable && path.find("mise-tasks/") == 0) ::chmod(p.c_str(), 0755);
    }
    project = mise_audit::load_project(dir.string(), {}).project;
  }
  ~ScratchProject() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  ScratchProject(const ScratchProject&) = delete;
  ScratchProject& operator=(const ScratchProject&) = delete;
};

inline std::vector<std::string> names(const mise_audit::TaskGraph& g, const std::vector<mise_audit::TaskId>& ids) {
  std::vector<std::string> out;
  for (auto id : ids) out.push_back(g.task(id).name);
  return out;
}

inline mise_audit::TaskId id_of(const mise_audit::TaskGraph& g, const std::string& name) {
  auto id = g.find(name);
  if (!id) throw std::runtime_error("no task " + name);
  return *id;
}

}  // namespace graph_test

namespace graph_test {
inline std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " -> ") + x;
  return s;
}
}  // namespace graph_test
