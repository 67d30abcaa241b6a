#include "loader/load_time_checks.h"
#include "core/stage_rules.h"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <set>
#include <string_view>

#include "loader/machine_dependent_template.h"
#include "shell/shell_words.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// The literal string argument `name=` of the first call `func(` in a template, if literal.
std::vector<std::string> literal_arguments(std::string_view text, std::string_view func, std::string_view name) {
  std::vector<std::string> found;
  std::size_t pos = 0;
  while ((pos = text.find(func, pos)) != std::string_view::npos) {
    bool word_start = pos == 0 || !(std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '_');
    pos += func.size();
    std::size_t i = pos;
    while (i < text.size() && text[i] == ' ') ++i;
    if (!word_start || i >= text.size() || text[i] != '(') continue;
    std::size_t close = text.find(')', i);
    std::size_t arg = text.find(name, i);
    if (arg == std::string_view::npos || (close != std::string_view::npos && arg > close)) continue;
    std::size_t j = arg + name.size();
    while (j < text.size() && text[j] == ' ') ++j;
    if (j >= text.size() || text[j] != '=') continue;
    ++j;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j >= text.size() || (text[j] != '\'' && text[j] != '"')) continue;  // not a literal
    char q = text[j];
    std::size_t end = text.find(q, j + 1);
    if (end == std::string_view::npos) continue;
    found.emplace_back(text.substr(j + 1, end - j - 1));
  }
  return found;
}

bool is_shell_builtin(const std::string& word) {
  static const std::set<std::string> builtins = {
      ".", ":", "[", "alias", "break", "cd", "command", "continue", "echo", "eval", "exec", "exit", "export",
      "false", "printf", "pwd", "read", "return", "set", "shift", "test", "true", "type", "ulimit", "umask",
      "unset", "wait", "if", "for", "while", "case", "until", "{", "(", "!"};
  return builtins.count(word) > 0;
}

bool on_path(const FileSystem& disk, const std::string& program) {
  if (program.find('/') != std::string::npos) return disk.executable(program);
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t colon = dirs.find(':', start);
    std::string dir(dirs.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (dir.empty()) dir.push_back('.');  // not `= "."`: GCC 12 -O2 warns falsely (-Wrestrict)
    std::string candidate = dir + "/" + program;
    if (disk.executable(candidate) && !disk.is_directory(candidate)) return true;
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return false;
}

// The program a command line starts with, after leading VAR=value words.
std::optional<std::string> first_program(const std::string& command) {
  for (const std::string& w : split_shell_words(command)) {
    std::size_t eq = w.find('=');
    if (eq != std::string::npos && eq > 0 && w.find('/') > eq) continue;
    return w;
  }
  return std::nullopt;
}

void scan_templates(const FileSystem& disk, const TomlValue& v, const std::string& config_root, const std::vector<std::string>& known_env,
                    std::vector<Diagnostic>& diags) {
  if (v.is_table()) {
    for (const TomlEntry& e : v.entries) scan_templates(disk, e.value, config_root, known_env, diags);
    return;
  }
  if (v.is_array()) {
    for (const TomlValue& item : v.items) scan_templates(disk, item, config_root, known_env, diags);
    return;
  }
  if (!v.is_string() || (v.string.find("{{") == std::string::npos && v.string.find("{%") == std::string::npos)) return;
  check_machine_dependent_template(disk, v, config_root, known_env, diags);
  for (const std::string& path : literal_arguments(v.string, "read_file", "path")) {
    fs::path p = fs::path(path).is_absolute() ? fs::path(path) : fs::path(config_root) / path;
    if (!disk.exists(p))
      diags.push_back(stage_finding(StageRule::TemplateError, v.span,
                                    fmt::format("template reads `{}`, which does not exist; mise refuses to load any task", path),
                                    "create the file, or guard the read so a missing file is not an error"));
  }
  for (const std::string& command : literal_arguments(v.string, "exec", "command")) {
    if (command.find("||") != std::string::npos) continue;  // the command tolerates a failure
    auto program = first_program(command);
    if (!program || is_shell_builtin(*program) || on_path(disk, *program)) continue;
    diags.push_back(stage_finding(StageRule::TemplateError, v.span,
                                  fmt::format("template runs `{}`, which is not on PATH; mise refuses to load any task "
                                              "(mise-audit only looked it up)", *program),
                                  fmt::format("install `{}` or make the command tolerate its absence", *program)));
  }
}

}  // namespace

void LoadTimeChecks::scan_config(const FileSystem& disk, const TomlValue& doc, int precedence, const std::string& config_root,
                                 std::vector<Diagnostic>& diags) {
  if (const TomlValue* env = doc.find("env"); env && env->is_table()) {
    for (const TomlEntry& e : env->entries) {
      // Before its own key counts: `X = "{{ get_env(name='X') }}"` reads the machine's X.
      scan_templates(disk, e.value, config_root, known_env_, diags);
      known_env_.push_back(e.key);
      if (e.key == "_") continue;
      const TomlValue* required = e.value.is_table() ? e.value.find("required") : nullptr;
      // `required = true` or `required = "a hint"`; a value or default makes it a schema error instead.
      bool is_required = required && ((required->is_bool() && required->boolean) || required->is_string()) &&
                         !e.value.find("value") && !e.value.find("default");
      if (is_required) required_push(e, precedence);
      else defined.emplace_back(e.key, precedence);
    }
  }
  if (const TomlValue* vars = doc.find("vars"); vars && vars->is_table()) scan_templates(disk, *vars, config_root, known_env_, diags);
}

void LoadTimeChecks::required_push(const TomlEntry& e, int precedence) {
  required.push_back({e.key, e.key_span, precedence});
}

void LoadTimeChecks::finish(std::vector<Diagnostic>& diags) const {
  for (const RequiredEnv& r : required) {
    if (std::getenv(r.key.c_str())) continue;
    bool later = false;
    for (const auto& [k, p] : defined) later = later || (k == r.key && p > r.precedence);
    if (later) continue;
    diags.push_back(stage_finding(StageRule::RequiredEnv, r.span,
                                  fmt::format("`{}` is marked required but is not set in the environment; mise refuses to load any "
                                              "task until it is", r.key),
                                  fmt::format("set {} before running mise, or give it a value in a later config such as mise.local.toml",
                                              r.key)));
  }
}

}  // namespace mise_audit
