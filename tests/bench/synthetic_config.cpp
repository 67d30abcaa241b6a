#include "synthetic_config.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>
#include <vector>

namespace fs = std::filesystem;

namespace mise_audit::bench {
namespace {

constexpr std::size_t kPhasesPerGroup = 10;
constexpr std::size_t kGroupsPerIncludeFile = 50;

enum class Home { Inline, Included, FileTasks };

// Every tenth group of a project spreads over an included task file or a task folder, so all
// three ways of defining tasks are on the hot path.
Home home_of(std::size_t group, Layout layout) {
  if (layout == Layout::Single) return Home::Inline;
  if (group % 10 == 7) return Home::Included;
  if (group % 10 == 8) return Home::FileTasks;
  return Home::Inline;
}

std::string group_name(std::size_t g) { return fmt::format("pkg{:05}", g); }

// One phase of a release group, independent of where it is written.
struct Phase {
  std::string name;
  std::string description;
  std::vector<std::string> aliases;
  std::vector<std::string> depends;
  std::vector<std::string> wait_for;
  std::string extends;
  std::string env_key, env_value;
  std::vector<std::string> sources, outputs;
  std::string run;  // may span lines
};

// `chain`: the group's full release also depends on the previous group's (chains of ten groups).
std::vector<Phase> release_group(std::size_t g, bool chain = true) {
  std::string p = group_name(g);
  std::vector<Phase> out(kPhasesPerGroup);
  out[0] = {p + ":preflight", "Validate prerequisites for " + p, {}, {}, {}, "", "", "", {}, {},
            "git update-index --refresh -q || true\n"
            "[ -z \"$(git status --porcelain)\" ] || { echo \"FAIL: dirty\"; exit 1; }\n"
            "[ \"$(git branch --show-current)\" = \"main\" ] || { echo \"FAIL: not main\"; exit 1; }"};
  out[1] = {p + ":sync", "Synchronize with remote", {}, {p + ":preflight"}, {}, "", "", "", {}, {},
            "git pull --rebase origin main\ngit push origin main"};
  out[2] = {p + ":version", "Bump version via semantic-release", {p + ":v"}, {p + ":sync"}, {}, "", "", "", {}, {},
            "./scripts/semantic-release.sh --package " + p};
  out[3] = {p + ":build:wheel", "", {}, {p + ":version"}, {}, "maturin-build", "PKG", p,
            {"packages/" + p + "/src/**/*.rs", "packages/" + p + "/Cargo.toml"}, {},
            "maturin build --release -m packages/" + p + "/Cargo.toml --out dist"};
  out[4] = {p + ":build:sdist", "Build the source distribution", {}, {p + ":version"}, {}, "", "", "",
            {"packages/" + p + "/**/*"}, {"dist/" + p + "-*.tar.gz"},
            "maturin sdist -m packages/" + p + "/Cargo.toml --out dist"};
  out[5] = {p + ":build-all", "Build all platform artifacts", {}, {p + ":build:*"}, {}, "", "", "", {}, {},
            "ls dist/" + p + "-*"};
  out[6] = {p + ":smoke", "Verify built artifacts", {}, {p + ":build-all"}, {}, "", "PKG", p, {}, {},
            "python -c 'import " + p + "'"};
  out[7] = {p + ":postflight", "Verify release state", {}, {p + ":smoke", p + ":build-all"}, {}, "", "", "", {}, {},
            "echo \"Found $(find dist/ -name '" + p + "-*.whl' | wc -l) wheel(s)\""};
  out[8] = {p + ":pypi", "Publish to PyPI", {}, {p + ":build-all"}, {p + ":postflight"}, "", "", "", {}, {},
            "uv publish dist/" + p + "-*"};
  std::vector<std::string> full_deps = {p + ":postflight", p + ":pypi"};
  if (chain && g % 10 != 0) full_deps.push_back(group_name(g - 1) + ":full");  // chains of ten groups
  out[9] = {p + ":full", "Full release: version, build, smoke, publish", {p + ":release"}, full_deps, {}, "", "", "",
            {}, {}, "echo 'Release complete and published!'"};
  return out;
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string toml_array(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + toml_string(v[i]);
  return out + "]";
}

// `[tasks."name"]` in a config, `["name"]` in an included task file.
void append_toml_task(std::string& out, const Phase& ph, bool in_config) {
  out += in_config ? fmt::format("[tasks.\"{}\"]\n", ph.name) : fmt::format("[\"{}\"]\n", ph.name);
  if (!ph.description.empty()) out += "description = " + toml_string(ph.description) + "\n";
  if (ph.aliases.size() == 1) out += "alias = " + toml_string(ph.aliases[0]) + "\n";
  if (!ph.extends.empty()) out += "extends = " + toml_string(ph.extends) + "\n";
  if (!ph.depends.empty()) out += "depends = " + toml_array(ph.depends) + "\n";
  if (!ph.wait_for.empty()) out += "wait_for = " + toml_array(ph.wait_for) + "\n";
  if (!ph.env_key.empty()) out += fmt::format("env = {{ {} = {} }}\n", ph.env_key, toml_string(ph.env_value));
  if (!ph.sources.empty()) out += "sources = " + toml_array(ph.sources) + "\n";
  if (!ph.outputs.empty()) out += "outputs = " + toml_array(ph.outputs) + "\n";
  if (ph.run.find('\n') != std::string::npos) out += "run = \"\"\"\n" + ph.run + "\n\"\"\"\n";
  else out += "run = " + toml_string(ph.run) + "\n";
  out += "\n";
}

// An executable script with #MISE headers; its path gives its name (a:b:c -> a/b/c).
std::string file_task_script(const Phase& ph) {
  std::string out = "#!/usr/bin/env bash\n";
  if (!ph.description.empty()) out += "#MISE description=" + toml_string(ph.description) + "\n";
  if (!ph.aliases.empty()) out += "#MISE alias=" + toml_array(ph.aliases) + "\n";
  if (!ph.depends.empty()) out += "#MISE depends=" + toml_array(ph.depends) + "\n";
  if (!ph.wait_for.empty()) out += "#MISE wait_for=" + toml_array(ph.wait_for) + "\n";
  if (!ph.sources.empty()) out += "#MISE sources=" + toml_array(ph.sources) + "\n";
  out += "set -euo pipefail\n" + ph.run + "\n";
  return out;
}

void write_file(const fs::path& p, const std::string& text, bool executable = false) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + p.string());
  out.close();
  if (executable)
    fs::permissions(p, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
}

}  // namespace

std::size_t write_synthetic_project(const fs::path& dir, const SyntheticOptions& options) {
  fs::create_directories(dir);
  std::size_t groups = options.tasks / kPhasesPerGroup;
  std::size_t extra = options.tasks % kPhasesPerGroup;

  std::string config = "# Generated by mise-audit's benchmark generator: a synthetic release pipeline.\n";
  config += fmt::format("# {} tasks in {} release groups.\n\n", options.tasks, groups);
  if (options.layout == Layout::Project && groups > 7) config += "[task_config]\nincludes = [\"mise-tasks\", \"tasks\"]\n\n";
  config += "[task_templates.maturin-build]\n"
            "description = \"Build wheels with maturin\"\n"
            "env = { MATURIN_PEP517_ARGS = \"--locked\" }\n"
            "run = \"maturin build --release --out dist\"\n\n";

  std::string included;
  std::size_t included_groups = 0, include_files = 0;
  auto flush_included = [&] {
    if (included.empty()) return;
    write_file(dir / "tasks" / fmt::format("release-{:04}.toml", include_files++), included);
    included.clear();
    included_groups = 0;
  };
  std::size_t written = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    Home home = home_of(g, options.layout);
    for (const Phase& ph : release_group(g)) {
      ++written;
      if (home == Home::Inline) {
        append_toml_task(config, ph, true);
      } else if (home == Home::Included) {
        Phase copy = ph;
        copy.extends.clear();  // templates are per config file; keep included files self-contained
        append_toml_task(included, copy, false);
      } else {
        fs::path script = dir / "mise-tasks";
        std::string rest = ph.name;
        for (std::size_t pos; (pos = rest.find(':')) != std::string::npos; rest = rest.substr(pos + 1))
          script /= rest.substr(0, pos);
        write_file(script / rest, file_task_script(ph), true);
      }
    }
    if (home == Home::Included && ++included_groups == kGroupsPerIncludeFile) flush_included();
  }
  flush_included();
  for (std::size_t i = 0; i < extra; ++i, ++written)
    config += fmt::format("[tasks.\"misc:{}\"]\ndescription = \"Helper {}\"\nrun = \"echo {}\"\n\n", i, i, i);
  write_file(dir / "mise.toml", config);
  return written;
}

std::size_t write_synthetic_repository(const fs::path& dir, std::size_t projects) {
  fs::create_directories(dir);
  std::string root = "# Generated by mise-audit's benchmark generator: the root config of a repository of\n";
  root += fmt::format("# {} nested projects.\n\n", projects);
  const char* root_tasks[][2] = {
      {"setup", "uv sync --frozen"},        {"fmt", "ruff format ."},           {"lint", "ruff check ."},
      {"typecheck", "mypy packages"},       {"test", "pytest -q"},              {"docs", "mkdocs build --strict"},
      {"clean", "rm -rf dist build"},       {"audit", "pip-audit"},             {"bench", "pytest benchmarks"},
      {"ci", "echo 'all checks passed'"}};
  std::size_t written = 0;
  for (const auto& [name, run] : root_tasks) {
    std::string n = name;
    root += fmt::format("[tasks.{}]\ndescription = {}\n", n, toml_string("Repository-wide " + n));
    if (n == "lint" || n == "typecheck" || n == "test") root += "depends = [\"setup\"]\n";
    if (n == "ci") root += "depends = [\"fmt\", \"lint\", \"typecheck\", \"test\"]\n";
    root += "run = " + toml_string(run) + "\n\n";
    ++written;
  }
  write_file(dir / "mise.toml", root);
  for (std::size_t g = 0; g < projects; ++g) {
    std::string config = "[task_templates.maturin-build]\n"
                         "description = \"Build wheels with maturin\"\n"
                         "env = { MATURIN_PEP517_ARGS = \"--locked\" }\n"
                         "run = \"maturin build --release --out dist\"\n\n";
    for (Phase& ph : release_group(g, false)) {
      if (g % 3 == 0 && ph.name.ends_with(":preflight")) ph.depends.push_back("setup");
      append_toml_task(config, ph, true);
      ++written;
    }
    write_file(dir / "packages" / group_name(g) / "mise.toml", config);
  }
  return written;
}

}  // namespace mise_audit::bench
