#include "loader/inferred_tasks.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "loader/glob_match.h"
#include "loader/package_json.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace mise_audit {
namespace {

// The `packages:` list of pnpm-workspace.yaml (the only key mise reads from it), one
// `- 'pattern'` item a line.
std::vector<std::string> pnpm_patterns(const std::string& yaml) {
  std::vector<std::string> out;
  std::istringstream lines(yaml);
  bool in_packages = false;
  for (std::string line; std::getline(lines, line);) {
    if (std::size_t hash = line.find(" #"); hash != std::string::npos) line.resize(hash);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!std::isspace(static_cast<unsigned char>(line[0])) && line[0] != '-') {
      in_packages = line.rfind("packages:", 0) == 0;
      continue;
    }
    std::size_t dash = line.find_first_not_of(" \t");
    if (!in_packages || line[dash] != '-') continue;
    std::string item = line.substr(line.find_first_not_of(" \t", dash + 1) == std::string::npos
                                       ? line.size()
                                       : line.find_first_not_of(" \t", dash + 1));
    if (item.size() >= 2 && (item[0] == '\'' || item[0] == '"') && item.back() == item[0])
      item = item.substr(1, item.size() - 2);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// `workspaces` of a package.json: an array, one string, or Yarn's `{ packages = [...] }`.
std::vector<std::string> package_json_patterns(const json& manifest) {
  std::vector<std::string> out;
  auto it = manifest.find("workspaces");
  if (it == manifest.end()) return out;
  const json* list = &*it;
  if (list->is_object()) {
    auto packages = list->find("packages");
    if (packages == list->end()) return out;
    list = &*packages;
  }
  if (list->is_string()) out.push_back(list->get<std::string>());
  if (list->is_array())
    for (const json& p : *list)
      if (p.is_string()) out.push_back(p.get<std::string>());
  return out;
}

// `packageManager` ("pnpm@9.1.0"), else the lockfile present; npm when neither says.
std::string package_manager(const FileSystem& disk, const fs::path& root, const json& manifest) {
  if (auto it = manifest.find("packageManager"); it != manifest.end() && it->is_string()) {
    std::string name = it->get<std::string>();
    name = name.substr(0, name.find('@'));
    if (name == "npm" || name == "pnpm" || name == "yarn" || name == "bun") return name;
  }
  const std::pair<const char*, std::vector<const char*>> lockfiles[] = {
      {"bun", {"bun.lock", "bun.lockb"}},
      {"pnpm", {"pnpm-lock.yaml"}},
      {"yarn", {"yarn.lock"}},
      {"npm", {"package-lock.json", "npm-shrinkwrap.json"}}};
  for (const auto& [manager, files] : lockfiles)
    for (const char* f : files)
      if (disk.is_regular_file(root / f)) return manager;
  return "npm";
}

// Package folders (relative to `root`) the patterns select: folders holding a package.json,
// never inside `.git` or `node_modules`; `!pattern` removes.
std::set<std::string> member_folders(const FileSystem& disk, const fs::path& root, const std::vector<std::string>& patterns) {
  std::set<std::string> out;
  for (const std::string& raw : patterns) {
    if (raw.empty() || raw[0] == '!') continue;
    std::string pattern = raw.rfind("./", 0) == 0 ? raw.substr(2) : raw;
    while (pattern.size() > 1 && pattern.back() == '/') pattern.pop_back();
    if (pattern.find("..") != std::string::npos || fs::path(pattern).is_absolute()) continue;  // outside the root
    std::vector<fs::path> matches;
    if (has_glob_chars(pattern)) matches = expand_path_glob(disk, root.string(), pattern);
    else matches.push_back(root / pattern);
    for (const fs::path& m : matches) {
      std::string rel = m.lexically_relative(root).generic_string();
      bool hidden_dependency = ("/" + rel + "/").find("/node_modules/") != std::string::npos ||
                               ("/" + rel + "/").find("/.git/") != std::string::npos;
      if (!hidden_dependency && disk.is_regular_file(m / "package.json")) out.insert(rel);
    }
  }
  for (const std::string& raw : patterns)
    if (!raw.empty() && raw[0] == '!') {
      std::string pattern = raw.substr(1);
      if (pattern.rfind("./", 0) == 0) pattern = pattern.substr(2);
      std::erase_if(out, [&](const std::string& rel) { return glob_match(pattern, rel, '/'); });
    }
  return out;
}

}  // namespace

InferredWorkspace infer_node_workspace(const FileSystem& disk, const fs::path& root, const ReadFence& fence) {
  InferredWorkspace out;
  std::string root_text, yaml, why;
  std::optional<json> root_manifest = read_json_object(disk, root / "package.json", fence, root_text);
  std::vector<std::string> patterns;
  std::string manager;
  bool include_root = false;
  if (disk.read_regular_file(root / "pnpm-workspace.yaml", yaml, why, fence) == ReadStatus::Ok) {
    patterns = pnpm_patterns(yaml);
    manager = "pnpm";
    include_root = true;
  } else {
    if (!root_manifest) return out;
    patterns = package_json_patterns(*root_manifest);
    if (patterns.empty()) return out;
    manager = package_manager(disk, root, *root_manifest);
    include_root = manager == "yarn";  // pnpm and Yarn workspaces include a named root package
  }
  std::set<std::string> members = member_folders(disk, root, patterns);
  members.erase(".");
  members.erase("");
  std::vector<std::pair<std::string, json>> packages;  // folder (relative, "." for the root), manifest
  if (include_root && root_manifest && root_manifest->contains("name") && (*root_manifest)["name"].is_string())
    packages.emplace_back(".", *root_manifest);
  for (const std::string& rel : members) {
    std::string text;
    std::optional<json> manifest = read_json_object(disk, root / rel / "package.json", fence, text);
    if (!manifest || !manifest->contains("name") || !(*manifest)["name"].is_string()) return InferredWorkspace{};  // mise infers nothing
    packages.emplace_back(rel, std::move(*manifest));
    out.manifests.push_back({root / rel / "package.json", root / rel, std::move(text)});
  }
  if (!packages.empty() && packages.front().first == ".")
    out.manifests.insert(out.manifests.begin(), {root / "." / "package.json", root / ".", root_text});
  for (std::size_t i = 0; i < packages.size(); ++i) {
    const auto& [rel, manifest] = packages[i];
    const std::string name = manifest.at("name").get<std::string>();
    auto scripts = manifest.find("scripts");
    if (scripts == manifest.end() || !scripts->is_object()) continue;
    std::string scope = rel == "." ? "//" : "//" + rel;
    for (auto s = scripts->begin(); s != scripts->end(); ++s) {
      if (!s.value().is_string()) continue;
      out.tasks.push_back({"node:" + name + "#" + s.key(), scope + ":" + s.key(),
                           s.value().get<std::string>(), manager + " run " + s.key() + " --", i});
    }
  }
  return out;
}

}  // namespace mise_audit
