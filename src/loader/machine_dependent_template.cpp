#include "loader/machine_dependent_template.h"
#include "core/stage_rules.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <string_view>

#include "loader/tera_blocks.h"
#include "mise_audit/report.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// Set wherever mise runs (HOME and PATH in an `env -i` shell, PWD by every shell, MISE_* by mise).
bool always_set(std::string_view name) {
  return name == "HOME" || name == "PATH" || name == "PWD" || name.starts_with("MISE_");
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The literal value of argument `name=` in `args`, if literal.
std::optional<std::string_view> literal(std::string_view args, std::string_view name) {
  for (std::size_t p = args.find(name); p != std::string_view::npos; p = args.find(name, p + 1)) {
    if (p > 0 && is_name_char(args[p - 1])) continue;
    std::size_t j = p + name.size();
    while (j < args.size() && args[j] == ' ') ++j;
    if (j >= args.size() || args[j] != '=') continue;
    ++j;
    while (j < args.size() && args[j] == ' ') ++j;
    if (j >= args.size() || (args[j] != '\'' && args[j] != '"')) return std::nullopt;
    std::size_t end = args.find(args[j], j + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return args.substr(j + 1, end - j - 1);
  }
  return std::nullopt;
}

bool has_argument(std::string_view args, std::string_view name) {
  for (std::size_t p = args.find(name); p != std::string_view::npos; p = args.find(name, p + 1)) {
    std::size_t j = p + name.size();
    while (j < args.size() && args[j] == ' ') ++j;
    if ((p == 0 || !is_name_char(args[p - 1])) && j < args.size() && args[j] == '=') return true;
  }
  return false;
}

// Why `block` (one `{{ … }}` or `{% … %}`) depends on the machine, or nothing.
std::optional<std::string> machine_dependence(const FileSystem& disk, std::string_view block, const std::string& config_root,
                                              const std::vector<std::string>& known_env) {
  auto is_defined = [&](std::string_view name) {
    return always_set(name) ||
           std::find(known_env.begin(), known_env.end(), name) != known_env.end();
  };
  for (const TeraCall& call : tera_calls(block, "read_file")) {
    std::string_view args = call.args;
    std::optional<std::string_view> path = literal(args, "path");
    if (args.find("env.HOME") != std::string_view::npos || args.find("'~") != std::string_view::npos ||
        args.find("\"~") != std::string_view::npos)
      return std::string("it reads a file in the user's home folder: mise refuses this config where that file is "
                         "missing (CI, fresh clones, other machines)");
    if (path && path->starts_with("/")) {
      std::string repo = find_repository_root(disk, config_root);
      fs::path rel = fs::path(*path).lexically_normal().lexically_relative(repo);
      if ((rel.empty() || rel.native().starts_with("..")) && disk.exists(std::string(*path)))  // missing: template-error says so
        return fmt::format("it reads `{}`, outside the repository: mise refuses this config where that file is "
                           "missing (CI, fresh clones, other machines)", *path);
    }
  }
  for (const TeraCall& call : tera_calls(block, "get_env")) {
    std::string_view args = call.args;
    std::optional<std::string_view> name = literal(args, "name");
    if (name && !has_argument(args, "default") && !is_defined(*name))
      return fmt::format("it reads the environment variable `{}` with no default: mise refuses this config where "
                         "`{}` is not set (CI, fresh clones, other machines)", *name, *name);
  }
  for (std::size_t p = block.find("env."); p != std::string_view::npos; p = block.find("env.", p + 1)) {
    if (p > 0 && (is_name_char(block[p - 1]) || block[p - 1] == '.')) continue;
    std::size_t end = p + 4;
    while (end < block.size() && is_name_char(block[end])) ++end;
    std::string_view name = block.substr(p + 4, end - p - 4);
    std::size_t next = end;
    while (next < block.size() && block[next] == ' ') ++next;
    bool defaulted = block.substr(next).starts_with("|") && block.find("default", next) != std::string_view::npos;
    if (!name.empty() && !defaulted && !is_defined(name))
      return fmt::format("it reads `env.{}`, which no config defines and which has no default: mise refuses this "
                         "config where `{}` is not set (CI, fresh clones, other machines)", name, name);
  }
  return std::nullopt;
}

}  // namespace

void check_machine_dependent_template(const FileSystem& disk, const TomlValue& value, const std::string& config_root,
                                      const std::vector<std::string>& known_env,
                                      std::vector<Diagnostic>& diags) {
  for_each_tera_block(value.string, [&](std::string_view block, std::size_t) {
    auto why = machine_dependence(disk, block, config_root, known_env);
    if (why)
      diags.push_back(stage_finding(StageRule::MachineDependentTemplate, value.span,
                                    fmt::format("this load-time template depends on the machine: {}", *why),
                                    "give it a default (`| default(value=\"…\")`, `default=`) or read a file inside the repository"));
    return !why;
  });
}

}  // namespace mise_audit
