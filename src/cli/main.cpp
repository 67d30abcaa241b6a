// mise-audit: a linter for mise task files. Exit codes: 0 clean, 1 findings, 2 usage/IO error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>

#include "mise_audit/engine.h"
#include "mise_audit/report.h"
#include "mise_audit/rule.h"

using namespace mise_audit;

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

std::vector<std::string> split_commas(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      std::size_t comma = item.find(',', start);
      std::string part = item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

LoadOptions load_options(const std::vector<std::string>& envs) {
  LoadOptions o;
  o.envs = split_commas(envs);
  if (o.envs.empty())
    if (const char* e = std::getenv("MISE_ENV"); e && *e) o.envs = split_commas({e});
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  // `mise-audit PATH…` means `mise-audit check PATH…`.
  std::vector<std::string> args(argv + 1, argv + argc);
  static const std::vector<std::string> commands = {"check", "tasks", "rules", "explain", "graph"};
  bool has_command = false;
  for (const std::string& a : args) {
    if (a == "--") break;
    if (!a.empty() && a[0] == '-') continue;
    has_command = std::find(commands.begin(), commands.end(), a) != commands.end();
    break;
  }
  bool top_level_flag = !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version" || args[0] == "-V");
  if (!has_command && !top_level_flag) args.insert(args.begin(), "check");

  CLI::App app{"mise-audit: lint mise task files (mise.toml, .mise.toml, task folders)"};
  app.set_version_flag("-V,--version", std::string("mise-audit ") + MISE_AUDIT_VERSION);
  app.require_subcommand(1);

  std::vector<std::string> paths;
  std::string format = "text", color = "auto";
  std::vector<std::string> envs, select, ignore;
  bool exit_zero = false;

  CLI::App* check = app.add_subcommand("check", "Lint PATHs (files or project folders; default: .)");
  check->add_option("paths", paths, "Config files or project folders");
  check->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--color", color, "Colour: auto, always, never")->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_option("-E,--env", envs, "MISE_ENV environments (also read from MISE_ENV)");
  check->add_option("--select", select, "Only these rules (comma-separated)");
  check->add_option("--ignore", ignore, "Skip these rules (comma-separated)");
  check->add_flag("--exit-zero", exit_zero, "Exit 0 even when there are findings");

  std::string tasks_path = ".";
  bool tasks_json = false;
  CLI::App* tasks = app.add_subcommand("tasks", "Print the tasks as mise would load them");
  tasks->add_option("path", tasks_path, "Config file or project folder");
  tasks->add_flag("--json", tasks_json, "JSON in the shape of `mise tasks ls --json --hidden`");
  tasks->add_option("-E,--env", envs, "MISE_ENV environments");

  CLI::App* rules = app.add_subcommand("rules", "List every rule with its default severity");

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    return kExitClean;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return kExitClean;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (*rules) {
    for (const Rule* r : rule_registry())
      std::cout << fmt::format("{:<28} {:<8} {}\n", r->id(), severity_name(r->default_severity()), r->summary());
    return kExitClean;
  }

  if (*tasks) {
    LoadResult loaded = load_project(tasks_path, load_options(envs));
    if (!loaded.error.empty()) {
      std::cerr << "mise-audit: " << loaded.error << "\n";
      return kExitUsage;
    }
    if (tasks_json) {
      std::cout << render_tasks_json(loaded.project);
    } else {
      for (const Task& t : loaded.project.tasks)
        std::cout << fmt::format("{:<30} {}\n", t.display_name, t.description ? t.description->value : "");
    }
    bool refused = loaded.project.load_failed;
    if (refused) {
      std::vector<LintedProject> r;
      r.push_back({std::move(loaded.project), {}});
      for (const Diagnostic& d : r[0].project.diagnostics)
        if (d.severity == Severity::Error) r[0].diagnostics.push_back(d);
      std::cerr << render_text(r, decide_color(ColorMode::Auto, 2));
      return kExitFindings;
    }
    return kExitClean;
  }

  // check
  if (paths.empty()) paths.push_back(".");
  LintOptions lint;
  lint.select = split_commas(select);
  lint.ignore = split_commas(ignore);
  for (const std::string& id : lint.select)
    if (!find_rule(id)) { std::cerr << "mise-audit: unknown rule `" << id << "`\n"; return kExitUsage; }
  for (const std::string& id : lint.ignore)
    if (!find_rule(id)) { std::cerr << "mise-audit: unknown rule `" << id << "`\n"; return kExitUsage; }

  std::vector<LintedProject> results;
  bool io_error = false;
  for (const std::string& path : paths) {
    LoadResult loaded = load_project(path, load_options(envs));
    if (!loaded.error.empty()) {
      std::cerr << "mise-audit: " << loaded.error << "\n";
      io_error = true;
      continue;
    }
    LintedProject r{std::move(loaded.project), {}};
    r.diagnostics = lint_project(r.project, lint);
    for (const Diagnostic& d : r.diagnostics)
      if (d.rule == "unreadable-file") io_error = true;
    results.push_back(std::move(r));
  }
  ColorMode mode = color == "always" ? ColorMode::Always : color == "never" ? ColorMode::Never : ColorMode::Auto;
  if (format == "json") std::cout << render_json(results);
  else std::cout << render_text(results, decide_color(mode, 1));
  std::cout.flush();

  if (io_error) return kExitUsage;
  if (exit_zero) return kExitClean;
  for (const LintedProject& r : results)
    if (!r.diagnostics.empty()) return kExitFindings;
  return kExitClean;
}
