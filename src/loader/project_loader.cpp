// Loads everything mise would load for one project root (CONTRIBUTING §4, §5), with the parent
// folders its context names (LoadOptions::parent_dirs), never the global config. Never executes
// anything; every read goes through the fenced door (core/disk.h) or a stdin overlay.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "context/nested_projects.h"
#include "core/stage_rules.h"
#include "core/disk.h"
#include "loader/config_files.h"
#include "loader/file_task_header.h"
#include "loader/glob_match.h"
#include "loader/inferred_tasks.h"
#include "loader/parse_cache.h"
#include "loader/load_time_checks.h"
#include "core/stage_timer.h"
#include "loader/task_decoder.h"
#include "loader/task_file_path.h"
#include "loader/task_lookalike.h"
#include "loader/task_merge.h"
#include "loader/template_render.h"
#include "mise_audit/task_model.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

const std::string* overlaid_text(const LoadOptions& options, const fs::path& p) {
  if (!options.overlays) return nullptr;
  auto it = options.overlays->find(overlay_key(*options.disk, p));
  return it == options.overlays->end() ? nullptr : &it->second;
}

// Every file the loader reads comes through here: an overlay (stdin, a fix being relinted),
// else the disk's door.
ReadStatus read_loaded_file(const LoadOptions& options, const fs::path& p, std::string& text, std::string& why) {
  if (const std::string* o = overlaid_text(options, p)) {
    text = *o;
    return ReadStatus::Ok;
  }
  return options.disk->read_regular_file(p, text, why, options.fence);
}

// `p` against `base`, normalised, without a trailing slash.
fs::path resolved_path(const fs::path& base, const std::string& p) {
  fs::path r = (fs::path(p).is_absolute() ? fs::path(p) : base / p).lexically_normal();
  if (r.filename().empty() && r.has_parent_path() && r != r.root_path()) r = r.parent_path();
  return r;
}

// A colon-separated list of paths (like PATH); relative entries start at the working folder.
std::vector<fs::path> path_list(const std::string& text) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t colon = std::min(text.find(':', start), text.size());
    if (colon > start) out.push_back(resolved_path(cwd, text.substr(start, colon - start)));
    start = colon + 1;
  }
  return out;
}

// Settings that decide what is loaded (CONTRIBUTING §11), for the whole context: each is the value of
// the highest-precedence config that sets it (configs are read in ascending precedence, parents
// first), and its MISE_TASK_* variable replaces that (confirmed with the binary).
struct LoadSettings {
  // File-task paths at or below these are not loaded: `task.disable_paths` and the legacy
  // `task_disable_paths` are two settings, each replaced by a nearer config, and both apply.
  std::vector<fs::path> disable_paths, legacy_disable_paths;
  int monorepo_depth = 5;
  std::vector<std::string> monorepo_exclude_dirs = {"target", "dist", "build"};
  // On (the default), mise skips what .gitignore ignores and the exclusions only drop a project
  // of that folder name, still walking below it; off, the exclusions prune the walk.
  bool monorepo_respect_gitignore = true;
  bool experimental = false;  // `[monorepo].task_defaults` and `task.auto_infer` need it
  std::vector<std::string> auto_infer;  // `task.auto_infer`: providers whose manifests give tasks ("node")
  unsigned jobs = 8;          // `jobs` / MISE_JOBS: tasks mise runs at once (8 by default in 2026.9.15)

  void apply_variables(const std::map<std::string, std::string>& variables) {
    auto var = [&](const char* name) -> const std::string* {
      auto it = variables.find(name);
      return it == variables.end() ? nullptr : &it->second;
    };
    if (const std::string* v = var("MISE_TASK_DISABLE_PATHS")) {  // the variable of both
      disable_paths = path_list(*v);
      legacy_disable_paths.clear();
    }
    if (const std::string* v = var("MISE_TASK_MONOREPO_DEPTH")) {
      char* end = nullptr;
      long depth = std::strtol(v->c_str(), &end, 10);
      if (!v->empty() && *end == '\0') monorepo_depth = static_cast<int>(depth);
    }
    if (const std::string* v = var("MISE_TASK_MONOREPO_EXCLUDE_DIRS")) {  // comma-separated
      monorepo_exclude_dirs.clear();
      std::istringstream items(*v);
      for (std::string item; std::getline(items, item, ',');)
        if (!item.empty()) monorepo_exclude_dirs.push_back(item);
    }
    auto boolean = [](std::string b) {
      std::transform(b.begin(), b.end(), b.begin(), [](unsigned char c) { return std::tolower(c); });
      return !(b.empty() || b == "false" || b == "0" || b == "no" || b == "off");
    };
    if (const std::string* v = var("MISE_TASK_MONOREPO_RESPECT_GITIGNORE")) monorepo_respect_gitignore = boolean(*v);
    if (const std::string* v = var("MISE_EXPERIMENTAL")) experimental = boolean(*v);
    if (const std::string* v = var("MISE_TASK_AUTO_INFER")) {  // comma-separated
      auto_infer.clear();
      std::istringstream items(*v);
      for (std::string item; std::getline(items, item, ',');)
        if (!item.empty()) auto_infer.push_back(item);
    }
    if (const std::string* v = var("MISE_JOBS")) {
      char* end = nullptr;
      long n = std::strtol(v->c_str(), &end, 10);
      if (!v->empty() && *end == '\0' && n > 0) jobs = static_cast<unsigned>(n);
    }
  }
};

struct Loader {
  Project& project;
  const LoadOptions& options;
  std::vector<Diagnostic>& diags;
  LoadSettings& settings;

  TaskMerger merger{project, diags};
  TemplateVars vars_ = {};
  LoadTimeChecks load_time_ = {};
  std::string io_error_ = {};
  std::optional<LocatedString> task_config_dir_ = std::nullopt, task_config_shell_ = std::nullopt;  // the first path that could not be read: the run ends with exit 2
  // `[monorepo] config_roots` of the root's configs (CONTRIBUTING §3.4).
  std::optional<std::vector<LocatedString>> monorepo_roots_ = std::nullopt;
  bool reads_settings_ = true;  // a monorepo member's [settings] are not the context's
  // `[task_templates]` go to the run's shared set (TaskTemplates) with this rank added to the
  // config's precedence; a member off the path to where mise runs reads none.
  int template_rank_ = 0;
  bool reads_templates_ = true;
  std::map<std::string, DecodedTask> monorepo_task_defaults_ = {};  // `[monorepo.task_defaults]`
  std::string owner_root_ = {};                 // the config root whose files are being read
  // `task_config.includes` of the root's highest-precedence config that sets it; `root` is where
  // its entries resolve (the declaring root: a parent's, when cascaded).
  struct IncludeList {
    int precedence;
    std::string root;
    std::vector<LocatedString> entries;
    bool inherited = false;  // from a parent: its findings are the declaring root's
  };
  std::optional<IncludeList> includes_ = std::nullopt;
  // `task_config.cascade`: a root's dir, shell and includes flow to every root below it, which
  // inherits the cascade in turn until one sets `cascade = false` (confirmed with the binary).
  struct Cascaded {
    std::optional<LocatedString> dir, shell;
    std::optional<IncludeList> includes;
  };
  std::optional<bool> cascade_ = std::nullopt;
  std::optional<Cascaded> inherited_ = std::nullopt;  // set before load_directory
  const char* loaded_as_config_ = "config";     // "parent config" for the folders above the project

  // The absolute path is kept as mise prints it: an include written `./tasks/` gives
  // `<root>/./tasks/x`. The display path is normalised.
  const std::string* overlay(const fs::path& p) const { return overlaid_text(options, p); }

  ReadStatus read(const fs::path& p, std::string& text, std::string& why) const { return read_loaded_file(options, p, text, why); }

  // A file or folder that resolves outside the repository (a symlink to /proc/self/environ, an
  // include of ../../secrets): named in a finding, never read.
  bool outside_fence(const fs::path& p, const SourceSpan* referenced_at) {
    std::string problem = options.disk->fence_violation(p, options.fence);
    if (problem.empty()) return false;
    SourceSpan span = referenced_at ? *referenced_at : SourceSpan{};
    if (!referenced_at) span.file = add_file(p, "", "not read: outside the repository");
    diags.push_back(stage_finding(StageRule::ReadOutsideRepository, span,
                                  fmt::format("{} {}", display_path(fs::absolute(p).lexically_normal()), problem),
                                  "keep the tasks mise loads inside the repository, or lint with --allow-outside"));
    return true;
  }

  FileId add_file(const fs::path& p, std::string text, const char* loaded_as) {
    fs::path abs = fs::absolute(p);
    FileId id = project.sources.add(display_path(abs.lexically_normal()), abs.string(), std::move(text));
    project.sources.set_origin(id, owner_root_, loaded_as);
    return id;
  }

  // Reads and parses a TOML file; syntax errors become `toml-syntax` findings. With a parse
  // cache (several project contexts in one run), each file is read and parsed once.
  std::optional<std::pair<FileId, TomlValue>> load_toml(const fs::path& p, const SourceSpan* referenced_at,
                                                        const char* loaded_as) {
    std::string text, why;
    // A task file outside is named and skipped; a config of the project itself that cannot be
    // read (a symlink to /dev/zero) fails the run below, as any unreadable config does.
    if (std::string_view(loaded_as) == "task file" && outside_fence(p, referenced_at)) return std::nullopt;
    bool overlaid = overlay(p) != nullptr;
    const ParseCache::Entry* cached =
        options.cache && !overlaid ? &options.cache->get(*options.disk, fs::absolute(p).lexically_normal()) : nullptr;
    ReadStatus st = cached ? cached->status : read(p, text, why);
    if (cached) why = cached->why;
    if (st != ReadStatus::Ok) {
      SourceSpan span = referenced_at ? *referenced_at : SourceSpan{};
      if (!referenced_at) span.file = add_file(p, "", loaded_as);
      std::string msg = fmt::format("cannot read {}: {}", display_path(fs::absolute(p).lexically_normal()), why);
      if (io_error_.empty()) io_error_ = msg;
      diags.push_back(stage_finding(StageRule::UnreadableFile, span, msg));
      project.load_failed = true;
      return std::nullopt;
    }
    FileId id = add_file(p, cached ? cached->text : std::move(text), loaded_as);
    TomlParseResult parsed;
    if (cached) {
      parsed = cached->parsed;
      stamp_file(parsed.root, id);
      parsed.error_span.file = id;
    } else {
      parsed = parse_toml(project.sources.file(id).text, id);
    }
    if (!parsed.ok) {
      diags.push_back(stage_finding(StageRule::TomlSyntax, parsed.error_span,
                                    parsed.error + "; mise refuses this file"));
      project.load_failed = true;
      return std::nullopt;
    }
    return std::make_pair(id, std::move(parsed.root));
  }

  // The context passes `override_config_filenames` and `ignored_config_paths` as it resolved them
  // (from the variables or `.miserc.toml`; paths absolute), in the variables' form.
  ConfigNames config_names() const {
    ConfigNames names{options.envs, {}, {}};
    auto colon_split = [&](const char* variable, std::vector<std::string>& into) {
      auto it = options.variables.find(variable);
      if (it == options.variables.end()) return;
      std::istringstream items(it->second);
      for (std::string item; std::getline(items, item, ':');)
        if (!item.empty()) into.push_back(item);
    };
    colon_split("MISE_OVERRIDE_CONFIG_FILENAMES", names.overrides);
    colon_split("MISE_IGNORED_CONFIG_PATHS", names.ignored);
    return names;
  }

  std::vector<fs::path> config_files_in(const fs::path& dir) {
    std::vector<fs::path> files = mise_audit::config_files_in(*options.disk, dir, config_names());
    if (options.skip_local_overlays) drop_ignored_local_overlays(dir, files);
    return files;
  }

  // --isolated: a `*.local.toml` that .gitignore ignores is a developer's own and is not on a CI
  // runner's clone; a committed one is (git decides; without git, or outside a repository, every
  // local overlay is dropped).
  void drop_ignored_local_overlays(const fs::path& dir, std::vector<fs::path>& files) const {
    auto is_local = [](const fs::path& f) { return f.filename().string().find(".local.") != std::string::npos; };
    std::vector<std::string> locals;
    for (const fs::path& f : files)
      if (is_local(f)) locals.push_back(fs::absolute(f).lexically_normal().string());
    if (locals.empty()) return;
    std::optional<std::vector<std::string>> ignored = git_ignored_paths(dir.string(), locals);
    std::set<std::string> drop = ignored ? std::set<std::string>(ignored->begin(), ignored->end())
                                         : std::set<std::string>(locals.begin(), locals.end());
    std::erase_if(files, [&](const fs::path& f) { return is_local(f) && drop.count(fs::absolute(f).lexically_normal().string()); });
  }

  void load_config(const fs::path& p, int precedence, const std::string& root) {
    auto loaded = load_toml(p, nullptr, loaded_as_config_);
    if (!loaded) return;
    auto& [file, doc] = *loaded;
    project.config_files.push_back(file);
    if (const TomlValue* mr = doc.find("monorepo_root"); mr && mr->is_bool() && mr->boolean) project.monorepo_root = true;
    if (const TomlValue* mr = doc.find("experimental_monorepo_root"); mr && mr->is_bool() && mr->boolean) project.monorepo_root = true;
    if (const TomlEntry* old = doc.find_entry("experimental_monorepo_root"))
      diags.push_back(stage_finding(StageRule::DeprecatedKey, old->key_span,
                                    "`experimental_monorepo_root` is deprecated: mise warns on every command and removes it in "
                                    "2027.12.0",
                                    "write `monorepo_root` instead"));
    if (const TomlValue* vars = doc.find("vars"); vars && vars->is_table()) collect_template_vars(*vars, vars_);
    std::size_t before = diags.size();
    load_time_.scan_config(*options.disk, doc, precedence, root, diags);
    if (refuses(before)) project.load_failed = true;
    if (const TomlValue* mono = doc.find("monorepo"); mono && mono->is_table()) {
      if (const TomlValue* roots = mono->find("config_roots"); roots && roots->is_array()) {
        monorepo_roots_ = std::vector<LocatedString>{};
        for (const TomlValue& r : roots->items)
          if (r.is_string()) monorepo_roots_->push_back({r.string, r.span, is_templated(r.string)});
      }
      if (const TomlValue* defaults = mono->find("task_defaults"); defaults && defaults->is_table())
        for (const TomlEntry& e : defaults->entries) {
          if (!e.value.is_table()) continue;
          DecodedTask t = decode_task(e.key, e.value, e.key_span, TaskSchema::Template, diags);
          t.task.source = file;
          t.task.config_sources = {file};
          t.task.config_root = root;
          monorepo_task_defaults_.insert_or_assign(e.key, std::move(t));
        }
    }
    if (reads_settings_) read_settings(doc, root);
    if (const TomlValue* tools = doc.find("tools"); tools && tools->is_table())
      for (const TomlEntry& e : tools->entries)
        project.tools.push_back({e.key, e.value.is_string() ? e.value.string : "", e.value, e.key_span});
    if (const TomlValue* templates = doc.find("task_templates")) {
      if (!templates->is_table()) {
        diags.push_back(stage_finding(StageRule::InvalidType, templates->span,
                                      "`task_templates` must be a table"));
        project.load_failed = true;
      } else {
        for (const TomlEntry& e : templates->entries) {
          if (!e.value.is_table()) {
            diags.push_back(stage_finding(StageRule::InvalidType, e.value.span,
                                          fmt::format("task template \"{}\" must be a table", e.key)));
            project.load_failed = true;
            continue;
          }
          DecodedTask t = decode_task(e.key, e.value, e.key_span, TaskSchema::Template, diags);
          if (t.refused) project.load_failed = true;
          t.task.source = file;
          t.task.config_sources = {file};
          t.task.config_root = root;
          if (reads_templates_) merger.add_template(std::move(t), template_rank_ + precedence);
        }
      }
    }
    if (const TomlValue* tc = doc.find("task_config"); tc && tc->is_table()) {
      // Later (higher-precedence) configs replace these defaults.
      if (const TomlValue* d = tc->find("dir"); d && d->is_string())
        task_config_dir_ = LocatedString{d->string, d->span, is_templated(d->string)};
      if (const TomlValue* sh = tc->find("shell"); sh && sh->is_string())
        task_config_shell_ = LocatedString{sh->string, sh->span, is_templated(sh->string)};
      if (const TomlValue* c = tc->find("cascade"); c && c->is_bool()) cascade_ = c->boolean;
      if (const TomlValue* inc = tc->find("includes")) {
        if (!inc->is_array()) {
          diags.push_back(stage_finding(StageRule::InvalidType, inc->span,
                                        "`task_config.includes` must be an array of strings"));
          project.load_failed = true;
        } else {
          includes_ = IncludeList{precedence, root, {}};
          for (const TomlValue& item : inc->items) {
            if (!item.is_string()) {
              diags.push_back(stage_finding(StageRule::InvalidType, item.span,
                                            "`task_config.includes` entries must be strings"));
              project.load_failed = true;
              continue;
            }
            includes_->entries.push_back({item.string, item.span, is_templated(item.string)});
          }
        }
      }
    }
    if (TomlValue* tasks = doc.find("tasks")) {  // consumed: decoded tasks replace it
      if (!tasks->is_table()) {
        diags.push_back(stage_finding(StageRule::InvalidType, tasks->span,
                                      fmt::format("`tasks` must be a table, found {}", toml_kind_name(tasks->kind))));
        project.load_failed = true;
      } else {
        load_task_table(*tasks, file, root, TaskOrigin::ConfigToml, precedence);
      }
    }
  }

  // `[settings]` (`task.x` dotted or `[settings.task]`): a later config's value replaces an
  // earlier one.
  void read_settings(const TomlValue& doc, const std::string& root) {
    const TomlValue* s = doc.find("settings");
    if (!s || !s->is_table()) return;
    const TomlValue* task = s->find("task");
    auto setting = [&](const char* key) { return task && task->is_table() ? task->find(key) : nullptr; };
    auto read_paths = [&](const TomlValue* paths, std::vector<fs::path>& out) {
      if (!paths || !paths->is_array()) return;
      out.clear();  // relative entries start at the config's root
      for (const TomlValue& p : paths->items)
        if (p.is_string()) out.push_back(resolved_path(root, p.string));
    };
    read_paths(setting("disable_paths"), settings.disable_paths);
    read_paths(s->find("task_disable_paths"), settings.legacy_disable_paths);
    if (const TomlValue* d = setting("monorepo_depth"); d && d->kind == TomlValue::Kind::Integer)
      settings.monorepo_depth = static_cast<int>(d->integer);
    if (const TomlValue* ex = setting("monorepo_exclude_dirs"); ex && ex->is_array()) {
      settings.monorepo_exclude_dirs.clear();
      for (const TomlValue& x : ex->items)
        if (x.is_string()) settings.monorepo_exclude_dirs.push_back(x.string);
    }
    if (const TomlValue* g = setting("monorepo_respect_gitignore"); g && g->is_bool())
      settings.monorepo_respect_gitignore = g->boolean;
    if (const TomlValue* x = s->find("experimental"); x && x->is_bool()) settings.experimental = x->boolean;
    if (const TomlValue* infer = setting("auto_infer"); infer && infer->is_array()) {
      settings.auto_infer.clear();
      for (const TomlValue& x : infer->items)
        if (x.is_string()) settings.auto_infer.push_back(x.string);
    }
    if (const TomlValue* j = s->find("jobs"); j && j->kind == TomlValue::Kind::Integer && j->integer > 0)
      settings.jobs = static_cast<unsigned>(j->integer);
  }

  // `task.disable_paths`: the path or a folder above it is listed.
  bool disabled(const fs::path& p) const {
    if (settings.disable_paths.empty() && settings.legacy_disable_paths.empty()) return false;
    fs::path abs = fs::absolute(p).lexically_normal();
    auto within = [&](const fs::path& d) { return path_within(abs, d); };
    return std::any_of(settings.disable_paths.begin(), settings.disable_paths.end(), within) ||
           std::any_of(settings.legacy_disable_paths.begin(), settings.legacy_disable_paths.end(), within);
  }

  // Consumes `table`: each entry's value is freed once decoded, so the TOML tree and the decoded
  // tasks never both exist whole (peak memory on large configs).
  void load_task_table(TomlValue& table, FileId file, const std::string& root, TaskOrigin origin, int precedence) {
    StageTimer timer("decode tasks");
    for (TomlEntry& e : table.entries) {
      std::size_t before = diags.size();
      DecodedTask t = decode_task(e.key, e.value, e.key_span, TaskSchema::Task, diags);
      if (t.refused) project.load_failed = true;
      // `[tasks.x]` in a task file is the config-file spelling; mise reads it as task "tasks".
      if (origin == TaskOrigin::IncludedToml && e.key == "tasks" && e.value.is_table())
        for (std::size_t i = before; i < diags.size(); ++i)
          if (is_finding_of(diags[i], StageRule::UnknownField))
            diags[i].help = "this is a task file: its tasks are top-level tables ([name]), without the `tasks.` prefix";
      t.task.origin = origin;
      t.task.source = file;
      t.task.config_sources = {file};
      t.task.config_root = root;
      merger.add(std::move(t), precedence);
      e.value = TomlValue{};
    }
  }

  // A `[tasks]`-body TOML file (an include, or a .toml inside a task folder).
  void load_task_file(const fs::path& p, const std::string& root, int precedence) {
    auto loaded = load_toml(p, nullptr, "task file");
    if (!loaded) return;
    load_task_table(loaded->second, loaded->first, root, TaskOrigin::IncludedToml, precedence);
  }

  static std::string file_task_name(const fs::path& rel) {
    std::vector<std::string> parts;
    for (const fs::path& part : rel) {
      std::string s = part.string();
      std::replace(s.begin(), s.end(), ':', '_');
      parts.push_back(s);
    }
    // `_default` (any extension) collapses into its group, except at the top level (CONTRIBUTING §5.2).
    if (parts.size() > 1) {
      const std::string& last = parts.back();
      if (last == "_default" || last.rfind("_default.", 0) == 0) parts.pop_back();
    }
    std::string name;
    for (std::size_t i = 0; i < parts.size(); ++i) name += (i ? ":" : "") + parts[i];
    return name;
  }

  void load_file_task(const fs::path& p, const fs::path& include_dir, const std::string& root, int precedence) {
    std::string text, why;
    if (outside_fence(p, nullptr)) return;
    if (read(p, text, why) != ReadStatus::Ok) {
      FileId id = add_file(p, "", "file task");
      std::string msg = fmt::format("cannot read task script {}: {}", display_path(fs::absolute(p).lexically_normal()), why);
      if (io_error_.empty()) io_error_ = msg;
      diags.push_back(stage_finding(StageRule::UnreadableFile, SourceSpan{id, {}, {}}, msg));
      return;
    }
    std::string name = file_task_name(p.lexically_relative(include_dir));
    FileId id = add_file(p, std::move(text), "file task");
    FileTaskHeader header = parse_file_task_header(project.sources.file(id).text, id, name, diags);
    if (header.failed) project.load_failed = true;
    DecodedTask t = decode_task(name, header.table, SourceSpan{id, {}, {}}, TaskSchema::FileHeader, diags);
    if (t.refused) project.load_failed = true;
    t.task.origin = TaskOrigin::FileScript;
    t.task.source = id;
    t.task.config_sources = {id};
    t.task.config_root = root;
    t.task.script_path = project.sources.file(id).absolute;
    t.task.script_file = id;
    t.task.script_executable = true;
    t.task.file = LocatedString{t.task.script_path, SourceSpan{id, {}, {}}, false};
    merger.add(std::move(t), precedence);
  }

  // Load-time checks add warnings too (machine-dependent-template); only errors mean mise refuses.
  bool refuses(std::size_t first_new) const {
    return std::any_of(diags.begin() + static_cast<std::ptrdiff_t>(first_new), diags.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
  }

  // mise skips a file without the executable bit silently (CONTRIBUTING §5.1); one that looks like a
  // task (task_lookalike.h) is reported. Others (helpers, READMEs) are neither read on nor kept.
  void note_non_executable(const fs::path& p, const fs::path& include_dir) {
    // Documentation and data beside the tasks may quote `#MISE` lines; they are not scripts.
    static const std::set<std::string> kNotScripts = {".md", ".markdown", ".txt", ".rst", ".adoc", ".html",
                                                      ".json", ".yaml", ".yml", ".lock", ".csv", ".template"};
    if (kNotScripts.count(p.extension().string())) return;
    // Windows scripts: mise on Windows picks file tasks by extension (MISE_WINDOWS_EXECUTABLE_EXTENSIONS),
    // not by mode, so a `build.ps1` beside an executable `build` is the Windows twin, not a forgotten chmod.
    static const std::set<std::string> kWindowsScripts = {".ps1", ".bat", ".cmd", ".exe"};
    if (kWindowsScripts.count(p.extension().string())) return;
    std::string text, why;
    if (read(p, text, why) != ReadStatus::Ok) return;  // outside the fence: not read
    std::optional<TaskMarker> marker = find_task_marker(text);
    if (!marker) return;
    FileId id = add_file(p, std::move(text), "not a task: not executable");
    diags.push_back(non_executable_task_file(project.sources, id, *marker, file_task_name(p.lexically_relative(include_dir))));
  }

  // Walks a task folder: executable files are tasks, .toml files are task files. Hidden entries
  // are skipped (the root itself may be hidden); symlinks are followed, loops are not.
  void walk_task_dir(const fs::path& dir, const fs::path& include_root, const std::string& root, int precedence,
                     std::set<std::pair<std::uint64_t, std::uint64_t>>& visited, int depth) {
    if (disabled(dir) || outside_fence(dir, nullptr)) return;
    FileInfo st = options.disk->stat(dir);
    if (!st.exists()) return;
    if (!visited.insert({st.device, st.inode}).second || depth > 64) {
      diags.push_back(stage_finding(StageRule::SymlinkLoop, SourceSpan{},
                                    fmt::format("task folder {} is reached again through a symlink; skipped", display_path(dir))));
      return;
    }
    for (const std::string& fname : options.disk->list_directory(dir)) {
      fs::path e = dir / fname;
      if ((!fname.empty() && fname[0] == '.') || disabled(e)) continue;
      FileInfo est = options.disk->stat(e);
      if (!est.exists()) continue;  // dangling symlink
      if (est.is_directory()) {
        walk_task_dir(e, include_root, root, precedence, visited, depth + 1);
      } else if (e.extension() == ".toml") {
        if (!is_config_file_name(fname)) load_task_file(e, root, precedence);
      } else if (est.is_regular() && options.disk->executable(e)) {
        load_file_task(e, include_root, root, precedence);
      } else if (est.is_regular()) {
        note_non_executable(e, include_root);
      }
    }
  }

  void load_include_dir(const fs::path& dir, const std::string& root, int precedence) {
    std::set<std::pair<std::uint64_t, std::uint64_t>> visited;
    walk_task_dir(dir, dir, root, precedence, visited, 0);
  }

  void load_includes(const std::string& root, int first_precedence) {
    int precedence = first_precedence;
    if (!includes_) {
      for (const std::string& d : default_task_dirs()) {
        fs::path p = fs::path(root) / d;
        if (options.disk->is_directory(p)) load_include_dir(p, root, precedence);
        ++precedence;
      }
      return;
    }
    // A parent's cascaded list was loaded, and its findings reported, by the parent already.
    std::size_t first_finding = diags.size();
    for (const LocatedString& inc : includes_->entries) {
      ++precedence;
      if (inc.templated) {
        diags.push_back(stage_finding(StageRule::UnresolvedTemplate, inc.span,
                                      fmt::format("include \"{}\" is a template; mise-audit does not render it, so its tasks are not checked", inc.value)));
        continue;
      }
      if (inc.value.rfind("git::", 0) == 0 || inc.value.rfind("http://", 0) == 0 || inc.value.rfind("https://", 0) == 0) {
        diags.push_back(stage_finding(StageRule::RemoteInclude, inc.span,
                                      fmt::format("remote include \"{}\" is not fetched; its tasks are not checked", inc.value)));
        continue;
      }
      const std::string& base = includes_->root;  // tasks belong to `root`, entries resolve here
      fs::path p = fs::path(inc.value).is_absolute() ? fs::path(inc.value) : fs::path(base) / inc.value;
      if (has_glob_chars(inc.value)) {
        std::string pattern = inc.value;
        bool dirs_only = false;
        while (pattern.size() > 1 && pattern.back() == '/') pattern.pop_back(), dirs_only = true;
        std::vector<fs::path> matches = expand_path_glob(*options.disk, base, pattern);
        if (dirs_only) std::erase_if(matches, [&](const fs::path& m) { return !options.disk->is_directory(m); });
        if (matches.empty()) report_missing_include(inc, "matches nothing");
        for (const fs::path& m : matches) load_include_path(m, base, root, precedence, inc);
        continue;
      }
      if (!options.disk->exists(p)) {
        // A default task folder kept in the list on purpose: `includes` replaces the defaults, so
        // re-listing `mise-tasks` keeps future file tasks loading; nothing is lost today.
        std::string entry = fs::path(inc.value).lexically_normal().generic_string();
        while (entry.size() > 1 && entry.back() == '/') entry.pop_back();
        const auto& defaults = default_task_dirs();
        if (std::find(defaults.begin(), defaults.end(), entry) == defaults.end()) report_missing_include(inc, "does not exist");
        continue;
      }
      load_include_path(p, base, root, precedence, inc);
    }
    if (includes_->inherited) diags.resize(first_finding);
  }

  // Everything mise loads for one config root: its config files, then its task folders/includes.
  // The context's roots read all their configs first: settings of any of them apply to every
  // root's task folders.
  void load_directory(const fs::path& dir) {
    load_configs(dir);
    load_task_folders();
  }

  void load_configs(const fs::path& dir) {
    owner_root_ = dir.string();
    std::vector<fs::path> configs = config_files_in(dir);
    int precedence = 0;
    for (const fs::path& c : configs) load_config(c, precedence++, dir.string());
  }

  void load_task_folders() {
    if (inherited_ && cascade_ != false) {
      if (!task_config_dir_) task_config_dir_ = inherited_->dir;
      if (!task_config_shell_) task_config_shell_ = inherited_->shell;
      if (!includes_ && inherited_->includes) {
        includes_ = inherited_->includes;
        includes_->precedence = -1;  // from a parent: every inline task of this root is nearer
        includes_->inherited = true;
      }
      cascade_ = true;
    }
    load_includes(owner_root_, 1000);
  }

  // What this root passes to the roots below it (after load_directory).
  std::optional<Cascaded> cascading() const {
    if (cascade_ != true) return std::nullopt;
    return Cascaded{task_config_dir_, task_config_shell_, includes_};
  }

  void finish(std::string name_prefix) {
    std::size_t before = diags.size();
    load_time_.finish(diags);
    if (refuses(before)) project.load_failed = true;
    merger.set_vars(vars_);
    merger.set_task_config_defaults(task_config_dir_, task_config_shell_);
    merger.set_includes_precedence(includes_ ? includes_->precedence : -1);
    merger.set_name_prefix(std::move(name_prefix));
    {
      StageTimer timer("merge tasks");
      merger.finish();
    }
  }

  // Sub-project folders of a monorepo root: `[monorepo] config_roots` (single-level `*` globs),
  // or, without it, mise's deprecated walk (CONTRIBUTING §3.4; depth and exclusions as the binary does).
  std::vector<fs::path> monorepo_project_dirs(const fs::path& root) {
    std::vector<fs::path> dirs;
    if (monorepo_roots_) {
      for (const LocatedString& entry : *monorepo_roots_) {
        const std::string& v = entry.value;
        if (entry.templated || v.empty()) continue;
        if (v.find("**") != std::string::npos || fs::path(v).is_absolute() || v.find("..") != std::string::npos) {
          diags.push_back(stage_finding(StageRule::MonorepoConfigRoot, entry.span,
                                        fmt::format("config root \"{}\" is ignored: mise accepts only relative paths with single-level `*`", v)));
          continue;
        }
        // "docs/" names the folder docs (the binary loads `//docs:…` for it).
        std::string folder = v;
        while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
        if (has_glob_chars(folder)) {
          for (const fs::path& m : expand_path_glob(*options.disk, root.string(), folder))
            if (options.disk->is_directory(m)) dirs.push_back(m);
        } else if (options.disk->is_directory(root / folder)) {
          dirs.push_back((root / folder).lexically_normal());
        }
      }
    } else {
      std::set<std::pair<std::uint64_t, std::uint64_t>> visited;
      discover_projects(root, root, 1, dirs, visited);
      if (settings.monorepo_respect_gitignore && !dirs.empty()) drop_git_ignored(root, dirs);
    }
    std::sort(dirs.begin(), dirs.end());
    dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
    std::erase_if(dirs, [&](const fs::path& d) { return d.lexically_normal() == root.lexically_normal(); });
    return dirs;
  }

  void discover_projects(const fs::path& root, const fs::path& dir, int depth, std::vector<fs::path>& out,
                         std::set<std::pair<std::uint64_t, std::uint64_t>>& visited) {
    if (depth > settings.monorepo_depth) return;
    std::vector<fs::path> children;
    for (const std::string& name : options.disk->list_directory(dir)) {
      if (name.empty() || name[0] == '.') continue;
      if (!settings.monorepo_respect_gitignore && excluded(name)) continue;
      if (options.disk->is_directory(dir / name)) children.push_back(dir / name);
    }
    for (const fs::path& c : children) {
      FileInfo st = options.disk->stat(c);
      if (!st.exists() || !visited.insert({st.device, st.inode}).second) continue;
      // A folder with only a task folder is a project too (confirmed with the binary).
      bool dropped = settings.monorepo_respect_gitignore && excluded(c.filename().string());
      if (!dropped && mise_audit::has_mise_project(*options.disk, c, config_names())) out.push_back(c);
      discover_projects(root, c, depth + 1, out, visited);
    }
  }

  // What .gitignore ignores is not walked (confirmed with the binary), as git decides. Without
  // git, or outside a repository, nothing is dropped (mise reads .gitignore even there).
  void drop_git_ignored(const fs::path& root, std::vector<fs::path>& dirs) {
    std::vector<std::string> paths;
    for (const fs::path& d : dirs) paths.push_back(d.string());
    std::optional<std::vector<std::string>> ignored = git_ignored_paths(root.string(), paths);
    if (!ignored || ignored->empty()) return;
    std::set<std::string> drop(ignored->begin(), ignored->end());
    std::erase_if(dirs, [&](const fs::path& d) { return drop.count(d.string()) > 0; });
  }

  bool excluded(const std::string& folder_name) const {
    const std::vector<std::string>& names = settings.monorepo_exclude_dirs;
    return std::find(names.begin(), names.end(), folder_name) != names.end();
  }

  // `task.auto_infer = ["node"]` (experimental, monorepo root): the scripts of the Node
  // workspace's package.json files are tasks `node:<package>#<script>`, also named
  // `//<path>:<script>`. An explicit task of that monorepo name (or of that name without its
  // extension, or with it as an alias) replaces the inferred one and takes its name as an alias
  // (confirmed with the binary). Called once every root's tasks are merged.
  void add_inferred_tasks(const fs::path& root) {
    InferredWorkspace workspace = infer_node_workspace(*options.disk, root, options.fence);
    if (workspace.tasks.empty()) return;
    std::vector<FileId> manifest_ids;
    for (InferredWorkspace::Manifest& m : workspace.manifests) {
      owner_root_ = m.dir.lexically_normal().string();
      manifest_ids.push_back(add_file(m.path, std::move(m.text), kInferredFrom));
    }
    auto find = [&](const std::string& name) -> Task* {
      for (Task& t : project.tasks)
        if (t.name == name) return &t;
      return nullptr;
    };
    auto has_alias = [](const Task& t, const std::string& alias) {
      return std::any_of(t.aliases.begin(), t.aliases.end(), [&](const LocatedString& a) { return a.value == alias; });
    };
    auto add_alias = [&](Task& t, const std::string& alias) {
      if (!has_alias(t, alias)) t.aliases.push_back({alias, {}, false});
    };
    for (const InferredTask& inferred : workspace.tasks) {
      if (Task* explicit_task = find(inferred.name)) {
        if (!find(inferred.alias)) add_alias(*explicit_task, inferred.alias);
        continue;
      }
      Task* explicit_task = find(inferred.alias);
      for (Task& t : project.tasks)
        if (!explicit_task && t.origin == TaskOrigin::FileScript && t.display_name == inferred.alias) explicit_task = &t;
      for (Task& t : project.tasks)
        if (!explicit_task && has_alias(t, inferred.alias)) explicit_task = &t;
      if (explicit_task) {
        add_alias(*explicit_task, inferred.name);
        continue;
      }
      if (std::any_of(project.tasks.begin(), project.tasks.end(), [&](const Task& t) { return has_alias(t, inferred.name); }))
        continue;
      FileId manifest = manifest_ids[inferred.manifest];
      Task t;
      t.name = t.display_name = inferred.name;
      t.source = manifest;
      t.name_span = SourceSpan{manifest, {}, {}};
      t.config_sources = {manifest};
      t.config_root = workspace.manifests[inferred.manifest].dir.string();
      t.aliases.push_back({inferred.alias, {}, false});
      t.description = LocatedString{inferred.description, {}, false};
      t.run.push_back(RunEntry{RunEntry::Kind::Script, inferred.run, {}, {}, SourceSpan{manifest, {}, {}}, {}});
      t.raw_args.value = true;
      project.tasks.push_back(std::move(t));
    }
    std::stable_sort(project.tasks.begin(), project.tasks.end(), [](const Task& a, const Task& b) { return a.name < b.name; });
  }

  void report_missing_include(const LocatedString& inc, const char* what) {
    diags.push_back(stage_finding(StageRule::MissingInclude, inc.span,
                                  fmt::format("include \"{}\" {}; mise silently loads no tasks from it", inc.value, what),
                                  "create it, fix the path, or remove the entry"));
  }

  void load_include_path(const fs::path& p, const std::string& base, const std::string& root, int precedence,
                         const LocatedString& inc) {
    fs::path abs = fs::absolute(p).lexically_normal();
    fs::path rootp = fs::path(base).lexically_normal();
    auto outside = [](const fs::path& path, const fs::path& base) {
      auto rel = path.lexically_relative(base);
      return rel.empty() || rel.native().rfind("..", 0) == 0;
    };
    // Also through symlinks: `tasks -> /elsewhere` is inside by name only.
    std::error_code ec_path, ec_root;
    fs::path real = options.disk->weakly_canonical(abs, ec_path), real_root = options.disk->weakly_canonical(rootp, ec_root);
    if (outside(abs, rootp) || (!ec_path && !ec_root && outside(real, real_root)))
      diags.push_back(stage_finding(StageRule::IncludeOutsideProject, inc.span,
                                    fmt::format("include \"{}\" is outside the project folder; it is loaded as mise would", inc.value)));
    if (disabled(p) || outside_fence(p, &inc.span)) return;
    // A script listed directly is not loaded by mise (confirmed with the binary): only folders
    // and .toml task files.
    if (options.disk->is_directory(p)) load_include_dir(p, root, precedence);
    else if (p.extension() == ".toml") load_task_file(p, root, precedence);
    else
      diags.push_back(stage_finding(StageRule::MissingInclude, inc.span,
                                    fmt::format("include \"{}\" is a file but not a .toml task file; mise loads no task from it", inc.value),
                                    "list the folder that holds the script instead"));
  }
};

// Scripts that TOML tasks name with `file = "…"` (CONTRIBUTING §2.2), read as text (never run) so that
// the graph can follow their `mise run` calls and findings can point into them. Several tasks
// may share one; a missing or unreadable script is missing-file's to report.
void read_file_scripts(Project& project, const LoadOptions& options) {
  std::unordered_map<std::string, FileId> by_path;
  for (Task& t : project.tasks) {
    std::optional<std::string> abs = task_file_path(t);
    if (!abs) continue;
    if (by_path.empty())
      for (FileId id = 0; id < project.sources.size(); ++id) by_path.emplace(project.sources.file(id).absolute, id);
    if (auto it = by_path.find(*abs); it != by_path.end()) {
      t.file_script = it->second;
      continue;
    }
    std::string text, why;
    if (read_loaded_file(options, *abs, text, why) != ReadStatus::Ok) continue;
    FileId id = project.sources.add(display_path(fs::path(*abs)), *abs, std::move(text));
    project.sources.set_origin(id, t.config_root, "`file =` script");
    by_path.emplace(*abs, id);
    t.file_script = id;
  }
}

// The default task folder holding `file` and the project folder above it (`X/.mise/tasks/a/b`
// → {X/.mise/tasks, X}), or nothing.
std::optional<std::pair<fs::path, fs::path>> task_folder_of(const fs::path& file) {
  std::string s = file.generic_string();
  for (const std::string& dir : default_task_dirs()) {
    std::string needle = "/" + dir + "/";
    std::size_t at = s.rfind(needle);
    if (at != std::string::npos) return std::make_pair(fs::path(s.substr(0, at + needle.size() - 1)), fs::path(s.substr(0, at)));
  }
  return std::nullopt;
}

// Across project folders the nearest definition of a name replaces the others whole, with no
// field merge (CONTRIBUTING §4.2). Tasks arrive sorted by name.
void drop_shadowed_tasks(Project& project) {
  TaskList kept;
  for (Task& t : project.tasks) {
    // Same-named tasks of one folder (`x.sh`, `x.py` beside an inline `x`) are all kept.
    if (!kept.empty() && kept.back().name == t.name && kept.back().config_root != t.config_root) {
      if (t.config_root.size() > kept.back().config_root.size()) kept.back() = std::move(t);
      continue;
    }
    kept.push_back(std::move(t));
  }
  project.tasks = std::move(kept);
}

}  // namespace

std::string overlay_key(const FileSystem& disk, const fs::path& p) {
  std::error_code ec;
  fs::path absolute = fs::absolute(p, ec).lexically_normal();
  fs::path real = disk.weakly_canonical(absolute, ec);
  return (ec || real.empty() ? absolute : real.lexically_normal()).string();
}

LoadResult load_project(const std::string& path_arg, const LoadOptions& options) {
  LoadResult result;
  Project& project = result.project;
  fs::path path(path_arg);
  const FileSystem& disk = *options.disk;
  FileInfo st = disk.stat(path);
  if (!st.exists()) {
    result.error = fmt::format("{}: no such file or directory", path_arg);
    return result;
  }
  std::vector<Diagnostic> diags;
  project.fence = options.fence;
  project.disk = options.disk;
  LoadSettings settings;
  Loader loader{project, options, diags, settings};
  if (st.is_directory()) {
    fs::path root = fs::absolute(path).lexically_normal();
    if (root.filename().empty()) root = root.parent_path();
    project.root = root.string();
    if (!disk.readable(path) || !disk.executable(path)) {
      result.error = fmt::format("{}: permission denied", path_arg);
      return result;
    }
    // One set of templates for every task of the run; nearer folders rank higher (configs of
    // one folder count up from 0, well below a step).
    TaskTemplates templates;
    constexpr int kFolderRank = 1 << 16;
    std::deque<Loader> parents;
    for (const std::string& parent : options.parent_dirs) {
      parents.push_back(Loader{project, options, diags, settings});
      parents.back().loaded_as_config_ = "parent config";
      parents.back().merger.set_templates(&templates);
      parents.back().template_rank_ = static_cast<int>(parents.size() - 1) * kFolderRank;
      parents.back().load_configs(parent);
    }
    loader.merger.set_templates(&templates);
    loader.template_rank_ = static_cast<int>(parents.size()) * kFolderRank;
    loader.load_configs(root);
    settings.apply_variables(options.variables);
    project.jobs = settings.jobs;
    std::optional<Loader::Cascaded> cascaded;
    // [vars] of parent configs reach the folders below them (a nearer config's wins).
    TemplateVars inherited_vars;
    auto over_inherited = [&](const TemplateVars& own) {
      TemplateVars merged = inherited_vars;
      for (const auto& [k, v] : own) merged.insert_or_assign(k, v);
      return merged;
    };
    for (Loader& parent_loader : parents) {
      parent_loader.inherited_ = cascaded;
      parent_loader.vars_ = over_inherited(parent_loader.vars_);
      parent_loader.load_task_folders();
      parent_loader.finish("");
      cascaded = parent_loader.cascading();
      inherited_vars = parent_loader.vars_;
      if (loader.io_error_.empty()) loader.io_error_ = parent_loader.io_error_;
    }
    loader.inherited_ = cascaded;
    loader.vars_ = over_inherited(loader.vars_);
    loader.load_task_folders();
    if (project.monorepo_root) {
      // Every task of a monorepo is named `//<path>:<task>`; the root is `//:` (CONTRIBUTING §3.4).
      loader.finish("//:");
      std::vector<fs::path> members = loader.monorepo_project_dirs(root);
      for (const fs::path& m : members) project.monorepo_members.push_back(resolved_path(root, m.string()).string());
      // The folders on the way to where mise runs are members too (confirmed with the binary).
      for (const std::string& extra : options.monorepo_path)
        if (fs::path dir = fs::path(extra).lexically_normal(); dir != root && path_within(dir, root)) members.push_back(dir);
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      for (const fs::path& sub : members) {
        Loader sub_loader{project, options, diags, settings};
        sub_loader.reads_settings_ = false;
        // Its templates count only on the way to where mise runs (nearer the deeper it is).
        sub_loader.merger.set_templates(&templates);
        bool on_path = std::any_of(options.monorepo_path.begin(), options.monorepo_path.end(),
                                   [&](const std::string& p) { return fs::path(p).lexically_normal() == sub; });
        sub_loader.reads_templates_ = on_path;
        fs::path relative = sub.lexically_relative(root);
        sub_loader.template_rank_ =
            static_cast<int>(parents.size() + 1 + static_cast<std::size_t>(std::distance(relative.begin(), relative.end()))) * kFolderRank;
        if (settings.experimental) sub_loader.merger.set_task_defaults(&loader.monorepo_task_defaults_);
        sub_loader.vars_ = loader.vars_;  // the root's [vars] reach sub-projects (confirmed with the binary)
        sub_loader.inherited_ = loader.cascading();  // members are roots below it (confirmed with the binary)
        sub_loader.load_directory(sub);
        sub_loader.finish("//" + sub.lexically_relative(root).generic_string() + ":");
        if (loader.io_error_.empty()) loader.io_error_ = sub_loader.io_error_;
      }
      if (settings.experimental &&
          std::find(settings.auto_infer.begin(), settings.auto_infer.end(), "node") != settings.auto_infer.end())
        loader.add_inferred_tasks(root);
      project.monorepo_root = true;
    } else {
      loader.finish("");
    }
    if (!options.parent_dirs.empty()) drop_shadowed_tasks(project);
  } else if (st.is_regular()) {
    if (!disk.readable(path)) {
      result.error = fmt::format("{}: permission denied", path_arg);
      return result;
    }
    fs::path file = fs::absolute(path).lexically_normal();
    fs::path root = config_root_for(file);
    project.root = root.string();
    loader.owner_root_ = project.root;
    if (is_config_name(file)) {
      loader.load_config(file, 0, project.root);
      settings.apply_variables(options.variables);
      project.jobs = settings.jobs;
      if (loader.includes_) loader.load_includes(project.root, 1000);
    } else if (auto folder = task_folder_of(file); folder && file.extension() != ".toml") {
      // A script in a task folder (stdin named mise-tasks/build) is a file task, not TOML.
      project.root = loader.owner_root_ = folder->second.string();
      loader.load_file_task(file, folder->first, project.root, 0);
    } else {
      loader.load_task_file(file, project.root, 0);
    }
    if (project.sources.size() == 0) {
      result.error = fmt::format("{}: cannot be read", path_arg);
      return result;
    }
  } else {
    result.error = fmt::format("{}: not a regular file or directory", path_arg);
    return result;
  }
  if (!st.is_directory()) loader.finish(project.monorepo_root ? "//:" : "");
  read_file_scripts(project, options);
  drop_sourced_libraries(project, diags);
  project.diagnostics = std::move(diags);
  if (!loader.io_error_.empty()) result.error = loader.io_error_;
  return result;
}

}  // namespace mise_audit
