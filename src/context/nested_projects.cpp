#include "context/nested_projects.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <fmt/format.h>
#include <set>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/config_files.h"

extern char** environ;

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// Runs `argv` without a shell and returns its standard output; false when it cannot be run or
// exits non-zero (its standard error is discarded: the caller names the command instead).
bool capture(const std::vector<std::string>& argv, std::string& out, int& status) {
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  if (rc != 0) {
    ::close(pipefd[0]);
    status = -1;
    return false;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(pipefd[0], buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  ::close(pipefd[0]);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {}
  status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  return status == 0;
}

// `X/.config` holds X's `.config/mise/tasks`, which mise also reads as `.config`'s own
// `mise/tasks` when run inside it; from X it is X's task folder, not a nested project.
bool is_parents_config_folder(const FileSystem& disk, const fs::path& dir, const ConfigNames& names) {
  if (!config_files_in(disk, dir, names).empty()) return false;
  fs::path parent = dir.parent_path();
  for (const std::string& t : default_task_dirs()) {
    if (!disk.is_directory(dir / t)) continue;
    fs::path as_parents = (dir / t).lexically_normal();
    bool parents = false;
    for (const std::string& p : default_task_dirs()) parents |= (parent / p).lexically_normal() == as_parents;
    if (!parents) return false;
  }
  return true;
}

}  // namespace

NestedProjects find_nested_projects(const FileSystem& disk, const std::string& repository_root,
                                    const ConfigNames& names) {
  NestedProjects result;
  std::string listing;
  int status = 0;
  // Tracked files and untracked ones that .gitignore does not ignore.
  if (!capture({"git", "-C", repository_root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"}, listing,
               status)) {
    result.problem = status == -1 ? "git is not installed, so nested projects (and .gitignore) could not be read"
                                  : fmt::format("git refused the repository (`git ls-files` exited {})", status);
    return result;
  }
  fs::path root(repository_root);
  std::set<fs::path> candidates;
  std::size_t start = 0;
  while (start < listing.size()) {
    std::size_t end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    fs::path rel(listing.substr(start, end - start));
    start = end + 1;
    if (is_config_name(rel)) candidates.insert((root / config_root_for(rel)).lexically_normal());
    if (auto dir = override_config_root(rel, names.overrides)) candidates.insert((root / *dir).lexically_normal());
    // A file task: the folder that holds the task folder.
    std::string s = rel.generic_string();
    for (const std::string& dir : default_task_dirs()) {
      std::string needle = dir + "/";
      for (std::size_t pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos + 1))
        if (pos == 0 || s[pos - 1] == '/') candidates.insert((root / s.substr(0, pos)).lexically_normal());
    }
  }
  for (const fs::path& c : candidates) {
    fs::path dir = c;
    if (dir.filename().empty()) dir = dir.parent_path();
    if (dir == root.lexically_normal() || !has_mise_project(disk, dir, names) ||
        is_parents_config_folder(disk, dir, names))
      continue;
    result.roots.push_back(dir.string());
  }
  std::sort(result.roots.begin(), result.roots.end());
  result.roots.erase(std::unique(result.roots.begin(), result.roots.end()), result.roots.end());
  return result;
}

std::optional<std::vector<std::string>> git_ignored_paths(const std::string& repository_root,
                                                          const std::vector<std::string>& paths) {
  std::vector<std::string> argv = {"git", "-c", "core.quotePath=false", "-C", repository_root, "check-ignore", "--"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  std::string listing;
  int status = 0;
  // Exit 1: none is ignored; anything else but 0: git is missing or refuses.
  if (!capture(argv, listing, status) && status != 1) return std::nullopt;
  std::vector<std::string> ignored;
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) ignored.push_back(line);
  return ignored;
}

}  // namespace mise_audit
