#include "shell/mise_run.h"

#include <set>

namespace mise_audit {

namespace {

// Options that take a value: global ones, and those of `mise run`.
bool takes_value(const std::string& flag) {
  static const std::set<std::string> k = {"-E", "--env", "-j", "--jobs", "-s", "--shell", "-t", "--tool",
                                          "-o", "--output", "--timeout", "--profile", "--log-level"};
  return k.count(flag) > 0;
}

bool changes_directory(const std::string& flag) {
  return flag == "-C" || flag == "--cd" || flag.rfind("--cd=", 0) == 0 || (flag.rfind("-C", 0) == 0 && flag.size() > 2);
}

bool looks_templated(const std::string& w) {
  return w.find("{{") != std::string::npos || w.find("{%") != std::string::npos;
}

std::optional<unsigned> number(const std::string& s) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return static_cast<unsigned>(std::stoul(s));
}

}  // namespace

bool is_mise_program(const std::string& w) {
  return w == "mise" || (w.size() > 5 && w.compare(w.size() - 5, 5, "/mise") == 0);
}

std::optional<MiseRun> read_mise_run(const ShellCommand& cmd, std::size_t program) {
  const std::vector<std::string>& words = cmd.words;
  std::size_t n = words.size(), i = program + 1;
  MiseRun run;
  run.other_folder = cmd.after_cd;  // `cd sub && mise run x`: sub's tasks
  // Global options before the subcommand.
  while (i < n && words[i].size() > 1 && words[i][0] == '-') {
    if (changes_directory(words[i])) run.other_folder = true;
    i += takes_value(words[i]) ? 2 : 1;
  }
  if (i >= n) return std::nullopt;
  if (words[i] == "tasks" || words[i] == "task" || words[i] == "t") {
    ++i;
    if (i >= n || words[i] != "run") return std::nullopt;
  } else if (words[i] != "run" && words[i] != "r") {
    return std::nullopt;
  }
  ++i;
  bool want_task = true;
  for (; i < n; ++i) {
    const std::string& w = words[i];
    if (w == ":::") { want_task = true; continue; }
    if (!want_task) {
      run.tasks.back().args.push_back(w);
      continue;
    }
    if (w == "--") continue;
    if (w.size() > 1 && w[0] == '-') {
      if (changes_directory(w)) run.other_folder = true;
      if (w == "-f" || w == "--force") run.force = true;
      if ((w == "-j" || w == "--jobs") && i + 1 < n) run.jobs = number(words[i + 1]);
      if (w.starts_with("--jobs=")) run.jobs = number(w.substr(7));
      if (w.starts_with("-j") && w.size() > 2 && w[2] != '=') run.jobs = number(w.substr(2));
      if (takes_value(w)) ++i;
      continue;
    }
    want_task = false;
    bool dynamic = (i < cmd.word_dynamic.size() && cmd.word_dynamic[i]) || w.empty() || looks_templated(w);
    run.tasks.push_back(MiseRunTask{w, {}, i, dynamic});
  }
  if (run.tasks.empty()) return std::nullopt;
  return run;
}

std::optional<MiseRun> read_mise_run(const std::vector<std::string>& words, std::size_t program) {
  ShellCommand cmd;
  cmd.words = words;
  for (const std::string& w : words) cmd.word_dynamic.push_back(w.find_first_of("$`") != std::string::npos);
  return read_mise_run(cmd, program);
}

}  // namespace mise_audit
