#include "loader/config_files.h"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

#include "core/disk.h"
#include "loader/glob_match.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// Project config names, lowest precedence first (`mise cfg` of 2026.9.15). conf.d globs are
// expanded in place, alphabetically.
const std::vector<std::string> kConfigNames = {
    ".config/mise/conf.d/*.toml", ".config/mise/config.toml", ".config/mise/mise.toml",
    ".config/mise.toml",          ".mise/conf.d/*.toml",      ".mise/config.toml",
    "mise/conf.d/*.toml",         "mise/config.toml",         "mise.toml",
    ".mise.toml",                 ".config/mise/config.local.toml", ".config/mise/mise.local.toml",
    ".config/mise.local.toml",    ".mise/config.local.toml",  "mise/config.local.toml",
    "mise.local.toml",            ".mise.local.toml"};

const char* const kEnvPatterns[] = {".config/mise/config.{}{}.toml", ".config/mise.{}{}.toml", "mise/config.{}{}.toml",
                                    "mise.{}{}.toml", ".mise/config.{}{}.toml", ".mise.{}{}.toml"};

std::vector<std::string> env_config_names(const std::string& env) {
  std::vector<std::string> names;
  for (const char* suffix : {"", ".local"})
    for (const char* pattern : kEnvPatterns) names.push_back(fmt::format(fmt::runtime(pattern), env, suffix));
  return names;
}

// The names of one folder mise may read, checked with one lstat each (a dangling symlink counts:
// mise names it) and none at all below a sub-folder (.config, .config/mise, .mise, mise) the
// folder does not have: a project folder with only mise.toml costs seven system calls, not ~40.
// The same answers as `exists(p) || is_symlink(p)` per name; config_files_in runs for every
// folder of every project context (1,000 nested projects: ~16,000 calls per run).
class FolderProbe {
 public:
  FolderProbe(const FileSystem& disk, const fs::path& dir) : disk_(disk), dir_(dir), base_(dir.native()) {
    if (!base_.empty() && base_.back() != '/') base_ += '/';
  }
  bool is_directory(const std::string& sub) {
    for (const auto& [name, is_dir] : dirs_)
      if (name == sub) return is_dir;
    std::size_t slash = sub.rfind('/');
    bool is_dir = slash == std::string::npos || is_directory(sub.substr(0, slash));
    is_dir = is_dir && disk_.stat(base_ + sub).is_directory();
    dirs_.emplace_back(sub, is_dir);
    return is_dir;
  }
  bool present(const std::string& name) {
    std::size_t slash = name.rfind('/');
    if (slash != std::string::npos && !is_directory(name.substr(0, slash))) return false;
    return disk_.lstat(base_ + name).exists();
  }
  const fs::path& dir() const { return dir_; }
  const FileSystem& disk() const { return disk_; }

 private:
  const FileSystem& disk_;
  const fs::path& dir_;
  std::string base_;
  std::vector<std::pair<std::string, bool>> dirs_;
};

void add_existing(FolderProbe& probe, const std::string& name, std::vector<fs::path>& found) {
  if (std::size_t glob = name.find("/conf.d/*"); glob != std::string::npos) {
    std::string confd = name.substr(0, glob + 7);
    if (!probe.is_directory(confd)) return;
    std::vector<fs::path> entries;
    for (const std::string& e : probe.disk().list_directory(probe.dir() / confd))
      if (fs::path(e).extension() == ".toml") entries.push_back(probe.dir() / confd / e);
    std::sort(entries.begin(), entries.end());
    found.insert(found.end(), entries.begin(), entries.end());
    return;
  }
  if (probe.present(name)) found.push_back(probe.dir() / name);
}

}  // namespace

std::vector<fs::path> config_files_in(const FileSystem& disk, const fs::path& dir, const ConfigNames& names) {
  std::vector<fs::path> found;
  FolderProbe probe(disk, dir);
  fs::path normal_dir = dir.lexically_normal();
  if (names.overrides.empty()) {
    for (const std::string& name : kConfigNames) add_existing(probe, name, found);
  } else {
    // Override names are read wherever they point (`conf/x.toml` from the folder above conf/,
    // confirmed with the binary); globs (`conf/*.toml`) expand as mise's do.
    for (const std::string& name : names.overrides) {
      if (has_glob_chars(name)) {
        for (const fs::path& m : expand_path_glob(disk, dir.string(), name)) found.push_back(m);
      } else if (probe.present(name)) {
        found.push_back(probe.dir() / name);
      }
    }
  }
  std::size_t plain = found.size();
  for (const std::string& env : names.envs)
    for (const std::string& name : env_config_names(env)) add_existing(probe, name, found);
  // `.config/mise/config.toml` seen from `.config` is `mise/config.toml`, but it configures the
  // folder above: a config belongs to one project folder.
  std::vector<fs::path> kept;
  for (std::size_t i = 0; i < found.size(); ++i) {
    bool by_override = i < plain && !names.overrides.empty();
    if ((by_override || config_root_for(found[i]).lexically_normal() == normal_dir) &&
        !is_ignored_config(found[i], normal_dir, names))
      kept.push_back(std::move(found[i]));
  }
  found = std::move(kept);
  return found;
}

bool is_ignored_config(const fs::path& file, const fs::path& dir, const ConfigNames& names) {
  // mise checks the file, its folder and its config root (here the folder); literal entries
  // cover what lies below them (CONTRIBUTING §11).
  for (const std::string& entry : names.ignored) {
    if (has_glob_chars(entry)) {
      Glob glob(entry, '/');
      if (glob.matches(file.lexically_normal().string()) || glob.matches(dir.string())) return true;
    } else if (path_within(fs::absolute(file).lexically_normal(), entry) || path_within(dir, entry)) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> env_of_config(const fs::path& file) {
  std::string name = file.filename().string();
  if (name.size() <= 5 || name.substr(name.size() - 5) != ".toml") return std::nullopt;
  std::string stem = name.substr(0, name.size() - 5);
  if (stem.size() > 6 && stem.substr(stem.size() - 6) == ".local") stem.resize(stem.size() - 6);
  std::string d = file.parent_path().filename().string();
  std::string prefix = d == "mise" || d == ".mise" ? "config." : stem.rfind(".mise.", 0) == 0 ? ".mise." : "mise.";
  if (stem.rfind(prefix, 0) != 0 || stem.size() == prefix.size()) return std::nullopt;
  std::string env = stem.substr(prefix.size());
  if (env == "local" || env.find('.') != std::string::npos) return std::nullopt;
  // Only where mise looks for it: the same folders as the plain config names.
  fs::path dir = file.parent_path();
  for (const char* pattern : kEnvPatterns) {
    fs::path expected = config_root_for(file) / fmt::format(fmt::runtime(pattern), env, "");
    fs::path expected_local = config_root_for(file) / fmt::format(fmt::runtime(pattern), env, ".local");
    if (file.lexically_normal() == expected.lexically_normal() || file.lexically_normal() == expected_local.lexically_normal())
      return env;
  }
  return std::nullopt;
}

std::vector<fs::path> env_config_files_in(const FileSystem& disk, const fs::path& dir) {
  std::vector<fs::path> found;
  for (const char* sub : {".config/mise", ".config", "mise", "", ".mise"}) {
    fs::path folder = *sub ? dir / sub : dir;
    for (const std::string& name : disk.list_directory(folder))
      if (fs::path e = folder / name; env_of_config(e) && config_root_for(e).lexically_normal() == dir.lexically_normal())
        found.push_back(e.lexically_normal());
  }
  std::sort(found.begin(), found.end());
  return found;
}

const std::vector<std::string>& default_task_dirs() {
  static const std::vector<std::string> dirs = {"mise-tasks", ".mise-tasks", ".mise/tasks", ".config/mise/tasks",
                                                "mise/tasks"};
  return dirs;
}

bool has_mise_project(const FileSystem& disk, const fs::path& dir, const ConfigNames& names) {
  if (!config_files_in(disk, dir, names).empty()) return true;
  for (const std::string& d : default_task_dirs())
    if (disk.is_directory(dir / d)) return true;
  return false;
}

fs::path config_root_for(const fs::path& file) {
  // By the file's own name and folder: `X/mise/mise.toml` is X/mise's config (a project folder
  // may be called `mise`), `X/mise/config.toml` is X's.
  fs::path dir = file.parent_path();
  std::string name = file.filename().string(), d = dir.filename().string();
  bool dot_config_mise = d == "mise" && dir.parent_path().filename() == ".config";
  if (d == "conf.d") {
    fs::path owner = dir.parent_path();
    std::string o = owner.filename().string();
    if (o == "mise" && owner.parent_path().filename() == ".config") return owner.parent_path().parent_path();
    if (o == "mise" || o == ".mise") return owner.parent_path();
    return dir;
  }
  bool config_prefixed = name.rfind("config.", 0) == 0;
  bool mise_prefixed = name.rfind("mise.", 0) == 0;
  if (dot_config_mise && (config_prefixed || mise_prefixed)) return dir.parent_path().parent_path();
  if ((d == "mise" || d == ".mise") && config_prefixed) return dir.parent_path();
  if (d == ".config" && mise_prefixed) return dir.parent_path();
  return dir;
}

bool is_config_name(const fs::path& file) {
  std::string n = file.filename().string();
  if (n == "mise.toml" || n == ".mise.toml" || n == "config.toml") return true;
  if (n.size() > 5 && n.substr(n.size() - 5) == ".toml" && (n.rfind("mise.", 0) == 0 || n.rfind(".mise.", 0) == 0 || n.rfind("config.", 0) == 0))
    return true;
  return file.parent_path().filename() == "conf.d";
}

std::optional<fs::path> override_config_root(const fs::path& rel, const std::vector<std::string>& overrides) {
  std::string s = rel.generic_string();
  for (const std::string& name : overrides) {
    if (has_glob_chars(name)) {
      // `conf/*.toml`: the folder as many levels up as the pattern is deep.
      fs::path root = rel;
      for (std::size_t i = 0, n = std::count(name.begin(), name.end(), '/') + 1; i < n; ++i) root = root.parent_path();
      if (glob_match(name, rel.lexically_relative(root).generic_string(), '/')) return root;
      continue;
    }
    if (s == name) return fs::path();
    if (s.size() > name.size() && s.compare(s.size() - name.size(), name.size(), name) == 0 &&
        s[s.size() - name.size() - 1] == '/')
      return fs::path(s.substr(0, s.size() - name.size() - 1));
  }
  return std::nullopt;
}

bool is_config_file_name(const std::string& name) {
  return name == "mise.toml" || name == ".mise.toml" || name == "mise.local.toml" || name == ".mise.local.toml";
}

}  // namespace mise_audit
