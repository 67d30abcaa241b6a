// mise-audit: a linter for mise task files. Exit codes: 0 clean, 1 findings, 2 usage/IO error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "core/stage_rules.h"
#include "fix/add_ignore.h"
#include "cli/command_names.h"
#include "cli/fix_run.h"
#include "cli/lint_plan.h"
#include "cli/lint_session.h"
#include "loader/inferred_tasks.h"
#include "loader/parse_cache.h"
#include "cli/man_page.h"
#include "config/config.h"
#include "core/rule_docs.h"
#include "core/stage_timer.h"
#include "graph_render/graph_render.h"
#include "mise_audit/edit_distance.h"
#include "mise_audit/engine.h"
#include "mise_audit/mise_version.h"
#include "mise_audit/release_model.h"
#include "mise_audit/report.h"
#include "mise_audit/rule.h"

using namespace mise_audit;
namespace fs = std::filesystem;

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

LoadOptions load_options(const std::vector<std::string>& envs, bool isolated = false) {
  LoadOptions o;
  o.envs = split_commas(envs);
  if (o.envs.empty() && !isolated)
    if (const char* e = std::getenv("MISE_ENV"); e && *e) o.envs = split_commas({e});
  return o;
}

int usage_error(const std::string& message) {
  std::cerr << "mise-audit: " << message << "\n";
  return kExitUsage;
}

// Findings of rules that mean mise refuses a config it could load: a hard `min_version` newer
// than the mise modelled (the rule's warning; a soft one is a note), a daemon declaration mise
// refuses (an error; without `experimental` only a warning). Default severities: the run's own
// findings, before suppressions and a .mise-audit.toml's filters and severities.
std::vector<Diagnostic> refusals_found_by_rules(const LintRun& run) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : run.findings())
    if ((d.rule == "min-version" && d.severity == Severity::Warning) ||
        (d.rule == "invalid-daemon-config" && d.severity == Severity::Error))
      out.push_back(d);
  return out;
}

// `tasks` and `graph` of a config mise refuses: mise's errors on stderr and exit 1, as mise fails.
int refused_config(LintedProject linted, std::vector<Diagnostic> refusals) {
  std::vector<LintedProject> r(1);
  r[0].roles = std::move(linted.roles);
  r[0].run = std::move(linted.run);
  for (const Diagnostic& d : r[0].project().diagnostics)
    if (d.severity == Severity::Error) r[0].diagnostics.push_back(d);
  for (Diagnostic& d : refusals) r[0].diagnostics.push_back(std::move(d));
  sort_diagnostics(r[0].diagnostics, r[0].project().sources);
  std::cerr << render_text(r, RunStatus{}, decide_color(ColorMode::Auto, 2));
  return kExitFindings;
}

// `tasks` and `graph`: the project mise sees from PATH (a folder, or the folder of a file's
// project, whatever the file is), planned and linted as `check` lints a folder, once. "" or the
// usage error.
std::string lint_one(const std::string& path, const PlanOptions& plan_options, const SessionOptions& session,
                     LintedProject& linted, ProjectContext& context) {
  FileInfo st = session.context.disk->stat(path);
  if (!st.exists()) return fmt::format("{}: no such file or directory", path);
  LintPlan plan = plan_lint({context_folder_for(normal_absolute(path).string(), st.is_directory())}, plan_options, session);
  if (!plan.config_error.empty()) return plan.config_error;
  if (!plan.errors.empty()) return plan.errors.front();
  if (plan.targets.empty()) return fmt::format("{}: not part of a mise project", path);
  PlannedTarget& planned = plan.targets.front();
  planned.target.files.clear();  // the whole project, whichever of its files was named
  std::vector<std::string> unloaded;
  std::string error;
  if (!lint_target(planned.target, planned.config, session, linted, unloaded, error)) return error;
  context = planned.target.context;
  return "";
}

// Checks rule names given on the command line; the first unknown one is the error.
std::string check_rule_names(const std::vector<std::string>& ids) {
  for (const std::string& id : ids)
    if (std::string msg = unknown_rule_message(id); !msg.empty()) return msg;
  return "";
}

// Writes to --output FILE, or stdout. False (with a message) when the file cannot be written.
bool emit(const std::string& text, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << text;
    std::cout.flush();
    return true;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "mise-audit: " << output << ": cannot be written\n";
    return false;
  }
  return true;
}

// `-` as PATH: the text is copied to a scratch folder under its --stdin-filename, linted there,
// and shown under that name.
struct StdinCopy {
  std::string dir;
  std::string file;
  ~StdinCopy() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

bool copy_stdin(const std::string& name, StdinCopy& copy, std::string& error) {
  std::ostringstream ss;
  ss << std::cin.rdbuf();
  std::string templ = (fs::temp_directory_path() / "mise-audit-stdin-XXXXXX").string();
  if (!::mkdtemp(templ.data())) {
    error = "cannot create a scratch folder for stdin";
    return false;
  }
  copy.dir = templ;
  fs::path rel = fs::path(name).relative_path().lexically_normal();
  if (rel.empty() || rel.filename().empty()) rel = "mise.toml";
  // Keep the folder layout (mise-tasks/x.toml is a task file, mise.toml a config), but never
  // leave the scratch folder.
  std::string rel_s = rel.generic_string();
  while (rel_s.rfind("../", 0) == 0) rel_s = rel_s.substr(3);
  fs::path target = fs::path(copy.dir) / rel_s;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  std::ofstream out(target, std::ios::binary);
  out << ss.str();
  out.close();
  if (!out) {
    error = "cannot write the scratch copy of stdin";
    return false;
  }
  copy.file = target.string();
  return true;
}

}  // namespace

// Results of `check`, left for the OS to free at exit (see the end of main). Not static: the
// store must survive optimisation for LeakSanitizer to see the memory as reachable.
std::vector<mise_audit::LintedProject>* kept_until_exit = nullptr;

int main(int argc, char** argv) {
  // `mise-audit PATH…` means `mise-audit check PATH…`.
  std::vector<std::string> args(argv + 1, argv + argc);
  static const std::vector<std::string> commands = {"check", "tasks", "rules", "explain", "graph", "man", "help"};
  bool has_command = false;
  std::string first_word;  // the first argument that is not a flag: a command or a PATH
  for (const std::string& a : args) {
    if (a == "--") break;
    if (!a.empty() && a[0] == '-' && a != "-") continue;
    has_command = std::find(commands.begin(), commands.end(), a) != commands.end();
    first_word = a;
    break;
  }
  bool top_level_flag = !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version" || args[0] == "-V");
  if (!has_command && !top_level_flag) args.insert(args.begin(), "check");

  CLI::App app{"mise-audit: lint mise task files (mise.toml, .mise.toml, task folders)"};
  app.set_version_flag("-V,--version", fmt::format("mise-audit {} (models mise {})", MISE_AUDIT_VERSION, kMiseVersion));
  app.require_subcommand(1);
  app.footer("Exit status: 0 no findings, 1 findings (at or above --fail-on), 2 usage or I/O error.");

  std::vector<std::string> paths;
  std::string format = "text", color = "auto", output, config_file, fail_on, min_confidence, stdin_filename;
  std::vector<std::string> envs, select, ignore;
  bool exit_zero = false, no_config = false, no_ignores = false;

  // List options take one value per use (`--select a,b --select c PATH`) so that they never
  // swallow the PATHs that follow them.
  CLI::App* check = app.add_subcommand("check", "Lint PATHs (files or project folders; default: .; `-` reads stdin)");
  check->add_option("paths", paths, "Config files or project folders");
  check->add_option("--format", format, "Output format: text, json, sarif, github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  check->add_option("-o,--output", output, "Write the report to FILE instead of stdout");
  check->add_option("--color", color, "Colour: auto, always, never")->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_option("-E,--env", envs, "MISE_ENV environments (also read from MISE_ENV)")
      ->allow_extra_args(false);
  check->add_option("--select", select, "Only these rules (comma-separated; replaces the config's select)")
      ->allow_extra_args(false);
  check->add_option("--ignore", ignore, "Skip these rules (comma-separated; added to the config's ignore)")
      ->allow_extra_args(false);
  check->add_option("--fail-on", fail_on, "Lowest severity that makes the exit status 1: error, warning, note (default: note)")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  check->add_option("--min-confidence", min_confidence,
                    "Hide findings less certain than this: high, medium, low (default: low, every finding)")
      ->check(CLI::IsMember({"high", "medium", "low"}));
  check->add_flag("--exit-zero", exit_zero, "Exit 0 even when there are findings");
  check->add_option("--config", config_file, "Read this configuration instead of the closest .mise-audit.toml");
  check->add_flag("--no-config", no_config, "Ignore every .mise-audit.toml");
  check->add_flag("--no-ignores", no_ignores, "Do not honour `# mise-audit: ignore[…]` comments");
  check->add_option("--stdin-filename", stdin_filename, "The name of the file read from stdin when PATH is `-`");
  PlanOptions plan_options;
  bool isolated = false, show_files = false;
  check->add_flag("--pre-commit", plan_options.pre_commit,
                  "Files come from a pre-commit hook: files mise does not load are skipped, each project is loaded once");
  check->add_option("--exclude", plan_options.excludes, "Skip paths matching this glob (relative to the working directory)")
      ->allow_extra_args(false);
  check->add_flag("--force-exclude", plan_options.force_exclude, "Apply exclusions to the paths given too");
  bool no_nested = false;
  check->add_flag("--no-nested", no_nested, "Lint only the project of a repository-root folder, not the projects below it");
  bool allow_outside = false, global = false;
  check->add_flag("--global", global, "Also read the global config (~/.config/mise) as mise does; its tasks can be depended on");
  check->add_flag("--allow-outside", allow_outside,
                  "Read includes, task files and symlinks that lead outside the repository (never /proc, /dev, /sys)");
  check->add_flag("--isolated", isolated, "Ignore MISE_* variables and the local overlays (*.local.toml) .gitignore ignores: what CI sees");
  check->add_flag("--show-files", show_files, "List every file loaded and why, then exit");
  bool fix = false, unsafe_fixes = false, diff = false, show_fixes = false, add_ignore = false;
  check->add_flag("--fix", fix, "Apply the safe fixes, then report what remains");
  check->add_flag("--unsafe-fixes", unsafe_fixes, "With --fix or --diff, apply the unsafe fixes too (a reviewer must check them)");
  check->add_flag("--diff", diff, "Print the fixes as a unified diff and write nothing (exit 1 when there is a diff)");
  check->add_flag("--show-fixes", show_fixes, "With --fix, list each fix applied (on stderr)");
  check->add_flag("--add-ignore", add_ignore,
                  "Write a `mise-audit: ignore[rule] TODO` comment for every current finding (adopt now, fix later)");

  std::string tasks_path = ".";
  bool tasks_json = false;
  CLI::App* tasks = app.add_subcommand("tasks", "Print the tasks as mise would load them");
  tasks->add_option("path", tasks_path, "Config file or project folder");
  tasks->add_flag("--json", tasks_json, "JSON in the shape of `mise tasks ls --json --hidden`");
  bool tasks_all = false;
  tasks->add_flag("--all", tasks_all, "At a monorepo root, every member's tasks too (`mise tasks ls --all`)");
  tasks->add_option("-E,--env", envs, "MISE_ENV environments")
      ->allow_extra_args(false);

  CLI::App* rules = app.add_subcommand("rules", "List every rule with its default severity");

  std::string explain_rule;
  CLI::App* explain = app.add_subcommand("explain", "Print a rule's documentation (what, why, bad, fixed)");
  explain->add_option("rule", explain_rule, "Rule id, e.g. missing-dependency")->required();

  std::string graph_path = ".", graph_task, graph_format = "dot";
  CLI::App* graph = app.add_subcommand("graph", "Draw the task graph (Graphviz DOT or Mermaid)");
  graph->add_option("path", graph_path, "Config file or project folder");
  graph->add_option("--task", graph_task, "Only this task, what it runs and what runs it");
  graph->add_option("--format", graph_format, "dot or mermaid")->check(CLI::IsMember({"dot", "mermaid"}));
  graph->add_option("-o,--output", output, "Write the picture to FILE instead of stdout");
  graph->add_option("-E,--env", envs, "MISE_ENV environments")
      ->allow_extra_args(false);
  graph->add_option("--config", config_file, "Configuration file");
  graph->add_flag("--no-config", no_config, "Ignore every .mise-audit.toml");

  std::string help_command;
  CLI::App* help = app.add_subcommand("help", "Print the help of mise-audit or of one COMMAND");
  help->add_option("command", help_command, "A command, e.g. check");

  CLI::App* man = app.add_subcommand("man", "Print the man page (roff)");
  man->group("");  // hidden: used by the build to generate mise-audit.1
  man->add_option("-o,--output", output, "Write the man page to FILE");

  // A mistyped command that is no PATH either: `mise-audit chekc`.
  const FileSystem& disk = real_file_system();  // the one door to the disk, for every stage
  if (!has_command && !first_word.empty() && !disk.lstat(first_word).exists())
    if (std::string msg = unknown_command_message(app, first_word); !msg.empty()) return usage_error(msg);

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
    if (std::string hint = unknown_flag_hint(app, args); !hint.empty()) std::cerr << "mise-audit: " << hint << "\n";
    return kExitUsage;
  }

  if (*help) {
    std::string text;
    if (!help_text(app, help_command, text)) return usage_error(text);
    return emit(text, "") ? kExitClean : kExitUsage;
  }

  if (*man) return emit(render_man_page(app), output) ? kExitClean : kExitUsage;

  if (*rules) {
    std::vector<const Rule*> all = rule_registry();
    std::sort(all.begin(), all.end(), [](const Rule* a, const Rule* b) { return std::string_view(a->id()) < b->id(); });
    for (const Rule* r : all) {
      std::cout << fmt::format("{:<30} {:<8} {}\n", r->id(), severity_name(r->default_severity()),
                               r->summary());
    }
    return kExitClean;
  }

  if (*explain) {
    if (std::string msg = unknown_rule_message(explain_rule); !msg.empty()) return usage_error(msg);
    const RuleDoc* doc = find_rule_doc(explain_rule);
    if (!doc) return usage_error(fmt::format("rule `{}` has no documentation", explain_rule));
    std::cout << rule_doc_as_text(*doc);
    return kExitClean;
  }

  SessionOptions session;
  session.load = load_options(envs);
  session.context.disk = &disk;
  session.load.disk = &disk;
  session.cache = std::make_shared<ParseCache>();
  session.context.envs = session.load.envs;

  // `tasks` and `graph` show the project mise sees from the folder (or the file's project).
  if (*tasks) {
    PlanOptions one;
    one.nested = false;
    one.no_config = true;  // the task list does not depend on mise-audit's own configuration
    LintedProject linted;
    ProjectContext context;
    if (std::string error = lint_one(tasks_path, one, session, linted, context); !error.empty()) return usage_error(error);
    // mise lists nothing of a config it refuses.
    std::vector<Diagnostic> refusals = refusals_found_by_rules(linted.run);
    if (linted.project().load_failed || !refusals.empty()) return refused_config(std::move(linted), std::move(refusals));
    const Project& project = linted.project();
    // As `mise tasks ls` lists them: in a monorepo, the tasks of the root, of the folders on the
    // way down and of the project itself; at the root, its own (every member's with --all). Tasks
    // inferred from package manifests (task.auto_infer) are listed from anywhere.
    bool own_only = !tasks_all && (!context.monorepo_root.empty() || project.monorepo_root);
    const std::vector<std::string>& on_the_way = context.monorepo_path;
    auto listed = [&](const Task& t) {
      bool inferred = t.source != kNoFile && project.sources.file(t.source).loaded_as == std::string(kInferredFrom);
      return !own_only || inferred || t.config_root == context.root || t.config_root == context.monorepo_root ||
             std::find(on_the_way.begin(), on_the_way.end(), t.config_root) != on_the_way.end();
    };
    if (tasks_json && own_only) {
      Project shown = project;  // the run's project stays whole: its graph indexes every task
      std::erase_if(shown.tasks, [&](const Task& t) { return !listed(t); });
      std::cout << render_tasks_json(shown);
    } else if (tasks_json) {
      std::cout << render_tasks_json(project);
    } else {
      for (const Task& t : project.tasks)
        if (listed(t)) std::cout << fmt::format("{:<30} {}\n", t.display_name, t.description ? t.description->value : "");
    }
    return kExitClean;
  }

  if (*graph) {
    PlanOptions one;
    one.nested = false;
    one.config_file = config_file;
    one.no_config = no_config;
    LintedProject linted;
    ProjectContext context;
    if (std::string error = lint_one(graph_path, one, session, linted, context); !error.empty()) return usage_error(error);
    std::vector<Diagnostic> refusals = refusals_found_by_rules(linted.run);
    if (linted.project().load_failed || !refusals.empty()) return refused_config(std::move(linted), std::move(refusals));
    if (!graph_task.empty() && !linted.run.graph().find(graph_task)) {
      std::vector<std::string> names;
      for (const Task& t : linted.project().tasks) names.push_back(t.display_name);
      std::string msg = fmt::format("no task named `{}`", graph_task);
      if (auto m = closest_match(graph_task, names)) msg += fmt::format(" (did you mean `{}`?)", *m);
      return usage_error(msg);
    }
    // The run's release model, built with the config's role book as the rules saw it.
    GraphPicture picture = build_picture(linted.run.release(), linted.diagnostics, graph_task);
    std::string text = graph_format == "mermaid" ? render_mermaid(picture) : render_dot(picture);
    return emit(text, output) ? kExitClean : kExitUsage;
  }

  // check
  session.select = split_commas(select);
  session.ignore = split_commas(ignore);
  if (!min_confidence.empty()) session.min_confidence = parse_confidence(min_confidence);
  session.no_ignores = no_ignores;
  if (std::string msg = check_rule_names(session.select); !msg.empty()) return usage_error(msg);
  if (std::string msg = check_rule_names(session.ignore); !msg.empty()) return usage_error(msg);
  if (paths.empty()) paths.push_back(".");
  if (!config_file.empty() && no_config) return usage_error("--config and --no-config cannot be used together");

  bool has_stdin = std::find(paths.begin(), paths.end(), "-") != paths.end();
  if (has_stdin && stdin_filename.empty()) return usage_error("`-` (stdin) needs --stdin-filename NAME");
  if (!has_stdin && !stdin_filename.empty()) return usage_error("--stdin-filename is only used with `-` as PATH");
  if (std::count(paths.begin(), paths.end(), "-") > 1) return usage_error("`-` (stdin) can be given only once");
  if ((fix || diff || add_ignore) && has_stdin) return usage_error("--fix, --diff and --add-ignore edit files: `-` (stdin) cannot be used");
  if (int modes = fix + diff + add_ignore; modes > 1) return usage_error("use one of --fix, --diff and --add-ignore");

  session.load = load_options(envs, isolated);
  session.load.disk = &disk;
  session.cache = std::make_shared<ParseCache>();
  session.context.envs = session.load.envs;
  session.context.isolated = isolated;
  session.context.allow_outside = allow_outside;
  session.context.global = global;
  session.load.skip_local_overlays = isolated;
  plan_options.config_file = config_file;
  plan_options.no_config = no_config;
  plan_options.nested = !no_nested;

  std::vector<LintedProject> results;
  std::optional<Severity> fail_on_config;
  RunStatus status;  // usage and I/O failures: exit 2, and no report says the run was clean
  StdinCopy stdin_copy;
  std::vector<std::string> disk_paths;
  for (const std::string& path : paths) {
    if (path != "-") {
      disk_paths.push_back(path);
      continue;
    }
    std::string error;
    // An editor's buffer for a file of a project: linted in that project, in place of the file.
    std::error_code ec;
    if (disk.is_regular_file(stdin_filename)) {
      std::ostringstream text;
      text << std::cin.rdbuf();
      auto overlays = std::make_shared<std::map<std::string, std::string>>();
      overlays->emplace(overlay_key(disk, stdin_filename), text.str());
      session.context.overlays = std::move(overlays);
      disk_paths.push_back(stdin_filename);
      continue;
    }
    // A file that is not on disk yet: linted on its own, from a scratch copy.
    if (!copy_stdin(stdin_filename, stdin_copy, error)) return usage_error(error);
    Config config;
    if (!config_for(disk, stdin_filename, config_file, no_config, config, error)) return usage_error(error);
    if (config.fail_on) fail_on_config = config.fail_on;
    LintedProject r;
    if (!lint_path(stdin_copy.file, config, session, r, error)) {
      std::cerr << "mise-audit: " << error << "\n";
      status.errors.push_back(error);
      continue;
    }
    FileId f = r.project().sources.find(stdin_copy.file);
    if (f != kNoFile) r.run.project().sources.rename(f, stdin_filename, fs::absolute(stdin_filename, ec).lexically_normal().string());
    results.push_back(std::move(r));
  }
  if (!disk_paths.empty()) {
    LintPlan plan = plan_lint(disk_paths, plan_options, session);
    if (!plan.config_error.empty()) return usage_error(plan.config_error);
    for (const std::string& w : plan.warnings) std::cerr << "mise-audit: " << w << "\n";
    LintOutcome outcome = run_plan(std::move(plan), plan_options, session);
    for (const std::string& e : outcome.errors) std::cerr << "mise-audit: " << e << "\n";
    status.errors.insert(status.errors.end(), outcome.errors.begin(), outcome.errors.end());
    if (outcome.fail_on) fail_on_config = outcome.fail_on;
    results.reserve(results.size() + outcome.results.size());  // growing would copy every project
    for (LintedProject& r : outcome.results) results.push_back(std::move(r));
  }
  if ((fix || diff || add_ignore) && status.successful()) {
    if (add_ignore) {
      AddIgnoreResult added = add_ignore_comments(results);
      for (const std::string& e : added.errors) std::cerr << "mise-audit: " << e << "\n";
      std::cerr << fmt::format("Added {} suppression comment{}.\n", added.comments, added.comments == 1 ? "" : "s");
      return added.errors.empty() ? kExitClean : kExitUsage;
    }
    // Each pass lints the same paths again, with the fixed texts in place of the files.
    Relint relint = [&](const Overlays& overlays) {
      SessionOptions again = session;
      again.context.overlays = overlays;
      again.cache = std::make_shared<ParseCache>();
      LintOutcome outcome = run_plan(plan_lint(disk_paths, plan_options, again), plan_options, again);
      return std::move(outcome.results);
    };
    FixRun run = fix_until_stable(std::move(results), unsafe_fixes, relint);
    if (!run.converged)
      std::cerr << fmt::format("mise-audit: fixes still changed files after {} passes; stopped\n", kMaxFixPasses);
    if (diff) {
      std::string text = fix_diff(run);
      std::cout << text;
      std::cout.flush();
      return text.empty() ? kExitClean : kExitFindings;
    }
    for (const std::string& e : write_fixes(run)) {
      std::cerr << "mise-audit: " << e << "\n";
      status.errors.push_back(e);
    }
    if (show_fixes) std::cerr << describe_fixes(run);
    results = std::move(run.results);
  }
  for (const LintedProject& r : results)
    for (const Diagnostic& d : r.diagnostics)
      if (is_finding_of(d, StageRule::UnreadableFile)) status.errors.push_back(d.message);
  if (show_files) {
    for (const LintedProject& r : results)
      for (FileId f = 0; f < r.project().sources.size(); ++f) {
        const SourceFile& file = r.project().sources.file(f);
        std::cout << fmt::format("{}\t{}{}\n", file.path, file.loaded_as.empty() ? "read" : file.loaded_as,
                                 r.in_scope(f) ? "" : " (context only: reported by its own project)");
      }
    return status.successful() ? kExitClean : kExitUsage;
  }
  // Nothing was checked because everything passed was excluded or is not a mise file (the
  // pre-commit hook): nothing is said. A failure is always reported.
  if (results.empty() && status.successful() && format == "text") return kExitClean;

  ColorMode mode = color == "always" ? ColorMode::Always : color == "never" ? ColorMode::Never : ColorMode::Auto;
  std::string text;
  std::optional<StageTimer> timer(std::in_place, "report");
  if (format == "json") text = render_json(results, status);
  else if (format == "sarif") text = render_sarif(results, status, find_repository_root(disk, "."));
  else if (format == "github") text = render_github(results, status, find_repository_root(disk, "."));
  else text = render_text(results, status, output.empty() ? decide_color(mode, 1) : mode == ColorMode::Always);
  if (!emit(text, output)) return kExitUsage;
  timer.reset();
  // Freeing every task, value and finding one by one costs about a tenth of a large run, and
  // the OS takes the memory back at exit anyway (as ninja does). A global pointer keeps it
  // reachable, so leak checkers do not count it.
  kept_until_exit = new std::vector<LintedProject>(std::move(results));
  const std::vector<LintedProject>& linted = *kept_until_exit;

  // The exit status never depends on the format.
  if (!status.successful()) return kExitUsage;
  if (exit_zero) return kExitClean;
  Severity threshold = Severity::Note;
  if (fail_on_config) threshold = *fail_on_config;
  if (!fail_on.empty()) threshold = *parse_severity(fail_on);
  return fails(linted, threshold) ? kExitFindings : kExitClean;
}
