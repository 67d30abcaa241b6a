#include "loader/task_merge.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <set>

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

void upsert_env(std::vector<EnvEntry>& dst, const std::vector<EnvEntry>& src) {
  for (const EnvEntry& e : src) {
    auto it = std::find_if(dst.begin(), dst.end(), [&](const EnvEntry& d) { return d.key == e.key && !e.directive; });
    if (it != dst.end()) *it = e;
    else dst.push_back(e);
  }
}

// A higher-precedence metadata-only block over a base definition (model §4.3 rule 1).
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
  base.fields.insert(over.fields.begin(), over.fields.end());
}

// `extends = "tmpl"` (model §2.5): the task's own non-empty values win.
void apply_template(Task& t, const DecodedTask& tmpl_decoded, const std::set<std::string>& task_fields) {
  const Task& tp = tmpl_decoded.task;
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
  std::vector<EnvEntry> env = tp.env;
  upsert_env(env, t.env);
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

// The name without its last ".ext" (model §5.2, §6); only the final segment counts.
std::string strip_extension(const std::string& name) {
  std::size_t dot = name.rfind('.');
  std::size_t colon = name.rfind(':');
  if (dot == std::string::npos || dot == 0 || (colon != std::string::npos && dot < colon)) return name;
  if (colon != std::string::npos && dot == colon + 1) return name;  // ":.hidden" is not an extension
  return name.substr(0, dot);
}

std::string render_config_root(const std::string& s, const std::string& root) {
  std::string out = s;
  for (const char* token : {"{{config_root}}", "{{ config_root }}"}) {
    std::size_t pos;
    while ((pos = out.find(token)) != std::string::npos) out.replace(pos, std::string(token).size(), root);
  }
  return out;
}

}  // namespace

void TaskMerger::add(DecodedTask task, int precedence) {
  std::string name = task.task.name;
  by_name_[name].push_back(Candidate{std::move(task), precedence});
}

void TaskMerger::add_template(DecodedTask tmpl, int precedence) {
  std::string name = tmpl.task.name;
  auto it = templates_.find(name);
  if (it == templates_.end() || it->second.precedence <= precedence)
    templates_.insert_or_assign(name, Candidate{std::move(tmpl), precedence});
}

void TaskMerger::finish() {
  std::vector<std::string> template_names;
  for (const auto& [n, _] : templates_) template_names.push_back(n);

  for (auto& [name, candidates] : by_name_) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.precedence < b.precedence; });
    std::vector<Candidate*> inline_defs, scripted;
    for (Candidate& c : candidates)
      (c.decoded.task.origin == TaskOrigin::ConfigToml ? inline_defs : scripted).push_back(&c);

    // Inline definitions: the highest-precedence one with a command is the base; higher
    // metadata-only blocks are overlaid on it (model §4.3 rule 1).
    std::optional<DecodedTask> inline_task;
    if (!inline_defs.empty()) {
      std::size_t base = 0;
      for (std::size_t i = 0; i < inline_defs.size(); ++i)
        if (inline_defs[i]->decoded.task.has_command()) base = i;
      inline_task = inline_defs[base]->decoded;
      for (std::size_t i = base + 1; i < inline_defs.size(); ++i) overlay(*inline_task, inline_defs[i]->decoded);
    }
    // File tasks and included TOML tasks: the last include wins (rule 4).
    std::optional<DecodedTask> script_task;
    if (!scripted.empty()) script_task = scripted.back()->decoded;

    DecodedTask result;
    if (inline_task && script_task) {
      if (inline_task->task.has_command()) {
        result = std::move(*inline_task);  // rules 2 and 3: an inline command replaces it
      } else {
        result = std::move(*script_task);
        overlay(result, *inline_task);
      }
    } else {
      result = inline_task ? std::move(*inline_task) : std::move(*script_task);
    }

    Task& t = result.task;
    if (t.extends && !t.extends->templated) {
      auto it = templates_.find(t.extends->value);
      if (it == templates_.end()) {
        auto near = closest_match(t.extends->value, template_names);
        diags_.push_back({"missing-template", Severity::Error,
                          fmt::format("task \"{}\" extends template \"{}\", which is not defined; mise refuses to load any task",
                                      t.name, t.extends->value),
                          t.extends->span, t.name,
                          near ? fmt::format("did you mean \"{}\"?", *near) : "define it under [task_templates]", {}});
        project_.load_failed = true;
      } else {
        apply_template(t, it->second.decoded, result.fields);
      }
    }
    // Relative `dir` resolves against config_root; only {{config_root}} is rendered.
    if (t.dir && !t.dir->value.empty()) {
      std::string d = render_config_root(t.dir->value, t.config_root);
      t.dir->templated = is_templated(d);
      if (!t.dir->templated && !std::filesystem::path(d).is_absolute())
        d = (std::filesystem::path(t.config_root) / d).string();
      if (!d.empty() && d.size() > 1 && d.back() == '/') d.pop_back();
      t.dir->value = d;
    }
    // `sources` without `outputs` means outputs = { auto = true } (model §2.2).
    if (!t.sources.empty() && t.outputs.empty() && !result.fields.count("outputs")) t.outputs_auto = true;
    project_.tasks.push_back(std::move(t));
  }

  std::sort(project_.tasks.begin(), project_.tasks.end(),
            [](const Task& a, const Task& b) { return a.name < b.name; });
  std::set<std::string> names;
  for (const Task& t : project_.tasks) names.insert(t.name);
  for (Task& t : project_.tasks) {
    std::string stripped = strip_extension(t.name);
    t.display_name = (stripped != t.name && names.count(stripped)) ? t.name : stripped;
  }
}

}  // namespace mise_audit
