#include "graph/task_scripts.h"

#include <filesystem>

namespace mise_audit {

bool run_is_shell(const Task& task) { return !task.shell || is_sh_family_shell(task.shell->value); }

bool runs_in_config_root(const Task& task) {
  if (!task.dir) return true;
  std::string v = task.dir->value;
  std::erase(v, ' ');
  return v.empty() || v == "." || v == "./" || v == "{{config_root}}" || v == "{{config_root}}/";
}

std::optional<std::string> task_work_dir(const Task& task) {
  if (runs_in_config_root(task)) return task.config_root;
  if (task.dir->templated) return std::nullopt;
  std::filesystem::path d(task.dir->value);
  return (d.is_absolute() ? d : std::filesystem::path(task.config_root) / d).lexically_normal().string();
}

std::vector<ScriptRun> mise_runs(const ShellScript& script) {
  std::vector<ScriptRun> out;
  for (const ShellCommand& cmd : script.commands) {
    std::size_t p = skip_command_prefixes(cmd.words);
    if (p >= cmd.words.size() || !is_mise_program(cmd.words[p])) continue;
    std::optional<MiseRun> run = read_mise_run(cmd, p);
    if (run && !run->other_folder) out.push_back({&cmd, std::move(*run)});
  }
  return out;
}

}  // namespace mise_audit
