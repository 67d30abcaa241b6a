#include "loader/task_merge.h"

#include "loader/config_files.h"
#include "core/stage_rules.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "core/columns.h"
#include "loader/template_render.h"
#include "mise_audit/edit_distance.h"

namespace mise_audit {
namespace {

template <class T>
void append(std::vector<T>& dst, const std::vector<T>& src) {
  dst.insert(dst.end(), src.begin(), src.end());
}

void upsert_tools(std::vector<ToolEntry>& dst, const std::vector<ToolEntry>& src) {
  for (const ToolEntry& t : src) {
    auto it = std::find_if(dst.begin(), dst.end(), [&](const ToolEntry& d) { return d.name == t.name; });
    if (it != dst.end()) *it = t;
    else dst.push_back(t);
  }
}

// A higher-precedence metadata-only block over a base definition (CONTRIBUTING §4.3 rule 1).
void overlay(DecodedTask& base, const DecodedTask& over) {
  Task& b = base.task;
  const Task& o = over.task;
  auto has = [&](const char* f) { return over.fields.count(f) > 0; };
  if (has("description")) b.description = o.description;
  if (has("dir")) b.dir = o.dir;
  if (has("shell")) b.shell = o.shell;
  if (has("timeout")) b.timeout = o.timeout;
  if (has("confirm")) b.confirm = o.confirm;
  if (has("usage")) b.usage = o.usage;
  if (has("output")) b.output = o.output;
  if (has("outputs")) { b.outputs = o.outputs; b.outputs_auto = o.outputs_auto; }
  append(b.depends, o.depends);
  append(b.depends_post, o.depends_post);
  append(b.wait_for, o.wait_for);
  append(b.sources, o.sources);
  append(b.aliases, o.aliases);
  append(b.env, o.env);
  upsert_tools(b.tools, o.tools);
  if (has("hide")) b.hide = o.hide;
  if (has("raw")) b.raw = o.raw;
  if (has("raw_args")) b.raw_args = o.raw_args;
  if (has("interactive")) b.interactive = o.interactive;
  if (has("quiet")) b.quiet = o.quiet;
  if (has("global")) b.global = o.global;
  if (has("silent")) b.silent = o.silent;
  for (FileId f : o.config_sources)
    if (std::find(b.config_sources.begin(), b.config_sources.end(), f) == b.config_sources.end())
      b.config_sources.push_back(f);
  for (const auto& [k, v] : over.vars) base.vars[k] = v;
  base.fields.insert(over.fields.begin(), over.fields.end());
}

// `extends = "tmpl"` (CONTRIBUTING §2.5): the task's own non-empty values win.
void apply_template(DecodedTask& task, const DecodedTask& tmpl_decoded) {
  Task& t = task.task;
  const std::set<std::string>& task_fields = task.fields;
  const Task& tp = tmpl_decoded.task;
  TemplateVars vars = tmpl_decoded.vars;
  for (const auto& [k, v] : task.vars) vars[k] = v;
  task.vars = std::move(vars);
  // mise lists the template's file among the task's config sources.
  for (FileId f : tp.config_sources)
    if (std::find(t.config_sources.begin(), t.config_sources.end(), f) == t.config_sources.end())
      t.config_sources.push_back(f);
  if (t.run.empty()) { t.run = tp.run; t.run_span = tp.run_span; }
  if (t.run_windows.empty()) t.run_windows = tp.run_windows;
  if (t.depends.empty()) t.depends = tp.depends;
  if (t.depends_post.empty()) t.depends_post = tp.depends_post;
  if (t.wait_for.empty()) t.wait_for = tp.wait_for;
  if (t.sources.empty()) t.sources = tp.sources;
  if (t.aliases.empty()) t.aliases = tp.aliases;
  if (t.outputs.empty() && !t.outputs_auto) { t.outputs = tp.outputs; t.outputs_auto = tp.outputs_auto; }
  std::vector<ToolEntry> tools = tp.tools;
  upsert_tools(tools, t.tools);
  t.tools = std::move(tools);
  // mise lists the template's env first and then the task's, keeping both of a repeated key.
  std::vector<EnvEntry> env = tp.env;
  append(env, t.env);
  t.env = std::move(env);
  if (!t.dir) t.dir = tp.dir;
  if (!t.description) t.description = tp.description;
  if (!t.confirm) t.confirm = tp.confirm;
  if (!t.shell) t.shell = tp.shell;
  if (!t.timeout) t.timeout = tp.timeout;
  if (!t.usage) t.usage = tp.usage;
  if (!t.file) t.file = tp.file;
  if (!t.output) t.output = tp.output;
  if (!task_fields.count("silent") && tmpl_decoded.fields.count("silent")) t.silent = tp.silent;
}

// The name without its last ".ext" (CONTRIBUTING §5.2, §6); only the final segment counts.
std::string strip_extension(const std::string& name) {
  std::size_t dot = name.rfind('.');
  std::size_t colon = name.rfind(':');
  // Even a leading dot counts: ".leading" is shown as "" and "grp:.x" as "grp:" (confirmed with
  // the binary).
  if (dot == std::string::npos || (colon != std::string::npos && dot < colon)) return name;
  return name.substr(0, dot);
}

// Renders one load-time template (CONTRIBUTING §2.4) when it is deterministic; otherwise the value is
// kept as written and stays marked as templated.
void render_in_place(LocatedString& s, const TemplateContext& ctx) {
  if (!s.templated) return;
  if (auto r = render_simple_template(s.value, ctx)) {
    s.value = std::move(*r);
    s.templated = is_templated(s.value);
  }
}

bool render_plain(std::string& s, const TemplateContext& ctx) {
  if (!is_templated(s)) return true;
  auto r = render_simple_template(s, ctx);
  if (!r) return false;
  s = std::move(*r);
  return true;
}

// mise renders a dependency before splitting it, so a rendered string is split again.
void render_dependency(DependencyRef& d, const TemplateContext& ctx) {
  bool any = is_templated(d.raw) || is_templated(d.task);
  for (const std::string& a : d.args) any = any || is_templated(a);
  for (const auto& [k, v] : d.env) any = any || is_templated(v);
  if (!any) return;
  if (d.split_from_raw) {
    auto r = render_simple_template(d.raw, ctx);
    if (!r) return;
    DependencyRef fresh = parse_dependency_string(*r, d.span);
    fresh.form = d.form;
    fresh.optional = d.optional;
    fresh.raw = d.raw;
    d = std::move(fresh);
    d.templated = is_templated(d.task);
    return;
  }
  bool ok = render_plain(d.task, ctx);
  for (std::string& a : d.args) ok = render_plain(a, ctx) && ok;
  for (auto& [k, v] : d.env) ok = render_plain(v, ctx) && ok;
  d.templated = !ok || is_templated(d.task);
}

void render_task(Task& t, const TemplateContext& ctx) {
  for (LocatedString& a : t.aliases) render_in_place(a, ctx);
  if (t.description) render_in_place(*t.description, ctx);
  for (LocatedString& s : t.sources) render_in_place(s, ctx);
  for (LocatedString& s : t.outputs) render_in_place(s, ctx);
  for (DependencyRef& d : t.depends) render_dependency(d, ctx);
  for (DependencyRef& d : t.depends_post) render_dependency(d, ctx);
  for (DependencyRef& d : t.wait_for) render_dependency(d, ctx);
  if (t.dir) render_in_place(*t.dir, ctx);
  if (t.shell) render_in_place(*t.shell, ctx);
  if (t.timeout) render_in_place(*t.timeout, ctx);
}

}  // namespace

// A file task that a same-named task replaces is never run: its script is dead code, and an edit
// to it changes nothing (CONTRIBUTING §4.3, rules 2 and 4). Included TOML tasks are left alone.
void TaskMerger::report_replaced(const Task& replaced, const Task& by) {
  if (replaced.origin != TaskOrigin::FileScript || replaced.script_file == kNoFile) return;
  const SourceManager& sources = project_.sources;
  FileId id = replaced.script_file;
  std::string_view first = sources.line_text(id, 1);
  FileId by_file = by.name_span.valid() ? by.name_span.file : by.source;
  std::string where = by_file == kNoFile ? std::string("another definition") : sources.file(by_file).path;
  if (by.origin == TaskOrigin::ConfigToml && by.name_span.has_position())
    where = fmt::format("[tasks.{}] in {}:{}", by.name, where, by.name_span.begin.line);
  diags_.push_back(stage_finding(
      StageRule::ReplacedFileTask, SourceSpan{id, {1, 1}, {1, column_of_byte(first, first.size())}},
      fmt::format("file task \"{}\" is never run: {} replaces it, so `mise run {}` runs that instead; this script is dead code",
                  replaced.name, where, replaced.name),
      by.origin == TaskOrigin::ConfigToml
          ? "delete one of the two, or keep only metadata (no `run`) in the config block so it is overlaid on the script"
          : "delete one of the two, or rename one",
      replaced.name));
}

// A task with a command in one shared config of a folder (`mise.toml`) that a later one of the
// same folder (`.mise.toml`) replaces: its command never runs (CONTRIBUTING §4.3, rule 1). A
// `*.local.toml` or a `mise.<env>.toml` overrides on purpose and is left alone.
void TaskMerger::report_replaced_config(const Task& replaced, const Task& by) {
  const SourceManager& sources = project_.sources;
  if (replaced.source == kNoFile || by.source == kNoFile || !replaced.name_span.has_position()) return;
  namespace fs = std::filesystem;
  auto shared = [](const fs::path& f) {
    return f.filename().string().find(".local.") == std::string::npos && !env_of_config(f) && is_config_name(f);
  };
  if (!shared(sources.file(replaced.source).path) || !shared(sources.file(by.source).path) ||
      replaced.config_root != by.config_root)
    return;
  config_replacements_.push_back(
      {replaced.name, replaced.name_span, by.source, by.name_span.has_position() ? by.name_span.begin.line : 0});
}

// One finding per pair of files: a folder with two committed configs usually repeats many tasks.
void TaskMerger::report_replaced_configs() {
  const SourceManager& sources = project_.sources;
  std::stable_sort(config_replacements_.begin(), config_replacements_.end(), [](const auto& a, const auto& b) {
    return std::tie(a.span.file, a.by_file, a.span.begin.line) < std::tie(b.span.file, b.by_file, b.span.begin.line);
  });
  for (std::size_t i = 0; i < config_replacements_.size();) {
    std::size_t end = i;
    while (end < config_replacements_.size() && config_replacements_[end].span.file == config_replacements_[i].span.file &&
           config_replacements_[end].by_file == config_replacements_[i].by_file)
      ++end;
    const ConfigReplacement& first = config_replacements_[i];
    std::string a = sources.file(first.span.file).path, b = sources.file(first.by_file).path;
    auto at = [&](const ConfigReplacement& r) { return r.by_line ? fmt::format("{}:{}", b, r.by_line) : b; };
    std::string message;
    if (end - i == 1) {
      message = fmt::format("task \"{}\" is never run from here: {} defines it again with a command and replaces it "
                            "(mise reads {} after {} in the same folder), so an edit here changes nothing",
                            first.name, at(first), b, a);
    } else {
      std::string list;
      for (std::size_t k = i; k < end; ++k)
        list += fmt::format("{}\"{}\" (line {})", k == i ? "" : k + 1 == end ? " and " : ", ", config_replacements_[k].name,
                            config_replacements_[k].span.begin.line);
      message = fmt::format("{} tasks of {} are never run: {}, read after it in the same folder, defines {} again with a "
                            "command and replaces them, so edits here change nothing",
                            end - i, a, b, list);
    }
    diags_.push_back(stage_finding(StageRule::ReplacedConfigTask, first.span, std::move(message),
                                   fmt::format("keep one definition of each: delete {} here, or move what {} should "
                                               "change to {}",
                                               end - i == 1 ? "this one" : "them", end - i == 1 ? "it" : "they", b),
                                   first.name));
    i = end;
  }
  config_replacements_.clear();
}

void TaskMerger::add(DecodedTask task, int precedence) {
  std::string name = task.task.name;
  by_name_[name].push_back(Candidate{std::move(task), precedence});
}

void TaskTemplates::add(DecodedTask tmpl, int rank) {
  std::string name = tmpl.task.name;
  auto it = by_name.find(name);
  if (it == by_name.end() || it->second.rank <= rank) by_name.insert_or_assign(name, Entry{std::move(tmpl), rank});
}

void TaskMerger::finish() {
  std::vector<std::string> template_names;
  for (const auto& [n, _] : templates().by_name) template_names.push_back(n);

  // An inline `[tasks.build]` and file tasks `build.sh`, `build.py` (the same name without their
  // extension) are matched by mise (confirmed with the binary, CONTRIBUTING §5.5):
  //  - with a file task `build` too and a command inline, or without one and only metadata inline,
  //    every `build.<ext>` becomes a task `build` (several: mise keeps them all, and `mise run
  //    build` runs each) with the inline block overlaid (its command dropped); `build` is gone;
  //  - a command inline and no file task `build`: the inline task replaces every `build.<ext>`;
  //  - metadata inline beside a file task `build`: overlaid on it; `build.<ext>` stay themselves.
  auto is_inline = [](const Candidate& c) { return c.decoded.task.origin == TaskOrigin::ConfigToml; };
  auto is_script = [](const Candidate& c) { return c.decoded.task.origin == TaskOrigin::FileScript; };
  std::map<std::string, std::vector<std::string>> siblings;  // inline name -> its `name.<ext>` file tasks
  for (const auto& [name, cands] : by_name_) {
    std::string stripped = strip_extension(name);
    if (stripped == name || !std::all_of(cands.begin(), cands.end(), is_script)) continue;
    auto target = by_name_.find(stripped);
    if (target != by_name_.end() && std::any_of(target->second.begin(), target->second.end(), is_inline) &&
        std::all_of(target->second.begin(), target->second.end(), [&](const Candidate& c) { return is_inline(c) || is_script(c); }))
      siblings[stripped].push_back(name);
  }
  for (const auto& [name, files] : siblings) {
    std::vector<Candidate>& target = by_name_.at(name);
    bool exact_file = std::any_of(target.begin(), target.end(), is_script);
    bool command = std::any_of(target.begin(), target.end(), [&](const Candidate& c) { return is_inline(c) && c.decoded.task.has_command(); });
    if (exact_file && !command) continue;  // overlaid on the file task `name`; the siblings stay
    if (!exact_file && command) {  // the inline task replaces the siblings
      for (const std::string& f : files) {
        for (Candidate& c : by_name_.at(f)) target.push_back(std::move(c));
        by_name_.erase(f);
      }
      continue;
    }
    // Each sibling takes the inline block (without its command) and the name.
    std::erase_if(target, [&](const Candidate& c) { return !is_inline(c); });
    for (Candidate& c : target) {
      c.decoded.task.run.clear();
      c.decoded.task.run_windows.clear();
      c.decoded.task.file.reset();
    }
    for (const std::string& f : files) {
      std::vector<Candidate>& sibling = by_name_.at(f);
      for (const Candidate& c : target) sibling.push_back(c);
      renamed_[f] = name;
    }
    by_name_.erase(name);
  }

  for (auto& [name, candidates] : by_name_) {
    if (candidates.size() > 1)  // stable_sort allocates a buffer even for one element
      std::stable_sort(candidates.begin(), candidates.end(),
                       [](const Candidate& a, const Candidate& b) { return a.precedence < b.precedence; });
    std::vector<Candidate*> inline_defs, scripted;
    for (Candidate& c : candidates)
      (c.decoded.task.origin == TaskOrigin::ConfigToml ? inline_defs : scripted).push_back(&c);

    // Inline definitions: the highest-precedence one with a command is the base; higher
    // metadata-only blocks are overlaid on it (CONTRIBUTING §4.3 rule 1).
    std::optional<DecodedTask> inline_task;
    int inline_base_precedence = -1;
    if (!inline_defs.empty()) {
      std::size_t base = 0;
      for (std::size_t i = 0; i < inline_defs.size(); ++i)
        if (inline_defs[i]->decoded.task.has_command()) base = i;
      for (std::size_t i = 0; i < base; ++i)
        if (inline_defs[i]->decoded.task.has_command())
          report_replaced_config(inline_defs[i]->decoded.task, inline_defs[base]->decoded.task);
      inline_task = std::move(inline_defs[base]->decoded);  // each candidate is read once
      inline_base_precedence = inline_defs[base]->precedence;
      for (std::size_t i = base + 1; i < inline_defs.size(); ++i) overlay(*inline_task, inline_defs[i]->decoded);
    }
    // File tasks and included TOML tasks: the last include wins (rule 4).
    std::optional<DecodedTask> script_task;
    if (!scripted.empty()) script_task = std::move(scripted.back()->decoded);
    for (std::size_t i = 0; i + 1 < scripted.size(); ++i)
      report_replaced(scripted[i]->decoded.task, script_task->task);

    DecodedTask result;
    if (inline_task && script_task) {
      bool replaces = inline_task->task.has_command() && inline_base_precedence >= includes_precedence_;
      if (replaces) {
        report_replaced(script_task->task, inline_task->task);
        result = std::move(*inline_task);  // rules 2 and 3: an inline command replaces it
      } else {
        result = std::move(*script_task);
        // Only the highest-precedence inline file is listed then (confirmed with the binary).
        if (inline_task->task.config_sources.size() > 1)
          inline_task->task.config_sources = {inline_task->task.config_sources.back()};
        overlay(result, *inline_task);
      }
    } else {
      result = inline_task ? std::move(*inline_task) : std::move(*script_task);
    }

    Task& t = result.task;
    if (t.extends && !t.extends->templated) {
      auto it = templates().by_name.find(t.extends->value);
      if (it == templates().by_name.end()) {
        auto near = closest_match(t.extends->value, template_names);
        diags_.push_back(stage_finding(StageRule::MissingTemplate, t.extends->span,
                                       fmt::format("task \"{}\" extends template \"{}\", which is not defined; mise refuses to load any task",
                                                   t.name, t.extends->value),
                                       near ? fmt::format("did you mean \"{}\"?", *near) : "define it under [task_templates]",
                                       t.name));
        project_.load_failed = true;
      } else {
        apply_template(result, it->second.decoded);
      }
    }
    if (task_defaults_)
      if (auto d = task_defaults_->find(t.name); d != task_defaults_->end()) apply_template(result, d->second);
    if (!t.dir && default_dir_) t.dir = default_dir_;
    if (!t.shell && default_shell_) t.shell = default_shell_;
    // Load-time templates (CONTRIBUTING §2.4): the task's vars override the configs' [vars].
    TemplateVars vars = vars_;
    for (const auto& [k, v] : result.vars) vars[k] = v;
    render_task(t, TemplateContext{t.config_root, &vars});
    // A `dir` mise cannot render stops every command before any report (validate included).
    if (t.dir && t.dir->templated)
      if (auto name = undefined_template_name(t.dir->value, &vars)) {
        diags_.push_back(stage_finding(StageRule::DirTemplateError, t.dir->span,
                                       fmt::format("`dir` of task \"{}\" reads `{}`, which is not defined: mise cannot render it "
                                                   "and refuses every command (`tasks ls`, `run`, `tasks validate`)",
                                                   t.name, *name),
                                       "define it under [vars], or give it a default: `{{ vars.x | default(value=\"…\") }}`",
                                       t.name));
        project_.load_failed = true;
      }
    // Relative `dir` resolves against config_root.
    if (t.dir && !t.dir->value.empty() && !t.dir->templated) {
      std::string d = t.dir->value;
      if (!std::filesystem::path(d).is_absolute()) d = (std::filesystem::path(t.config_root) / d).string();
      t.dir->value = d;
    }
    // `sources` without `outputs` means outputs = { auto = true } (CONTRIBUTING §2.2).
    if (!t.sources.empty() && t.outputs.empty() && !result.fields.count("outputs")) t.outputs_auto = true;
    if (auto r = renamed_.find(name); r != renamed_.end()) t.name = r->second;
    t.name = name_prefix_ + t.name;
    project_.tasks.push_back(std::move(t));
    std::vector<Candidate>().swap(candidates);  // free as we go: peak memory stays one copy
  }
  by_name_.clear();
  renamed_.clear();

  // by_name_ is ordered, so the tasks usually arrive sorted; moving Tasks around is costly.
  auto by_name = [](const Task& a, const Task& b) { return a.name < b.name; };
  if (!std::is_sorted(project_.tasks.begin(), project_.tasks.end(), by_name))
    std::stable_sort(project_.tasks.begin(), project_.tasks.end(), by_name);  // same-named siblings by file
  auto has_name = [&](const std::string& n) {
    auto it = std::lower_bound(project_.tasks.begin(), project_.tasks.end(), n,
                               [](const Task& t, const std::string& key) { return t.name < key; });
    return it != project_.tasks.end() && it->name == n;
  };
  for (Task& t : project_.tasks) {
    std::string stripped = strip_extension(t.name);
    t.display_name = (stripped != t.name && has_name(stripped)) ? t.name : stripped;
  }
  report_replaced_configs();
}

}  // namespace mise_audit
