// `mise-audit tasks --json`: the merged model in the shapes of `mise tasks ls --json --hidden`.
#include <nlohmann/json.hpp>

#include "mise_audit/report.h"

namespace mise_audit {
namespace {

using ojson = nlohmann::ordered_json;

ojson toml_to_json(const TomlValue& v) {
  switch (v.kind) {
    case TomlValue::Kind::String: return v.string;
    case TomlValue::Kind::Integer: return v.integer;
    case TomlValue::Kind::Float: return v.floating;
    case TomlValue::Kind::Boolean: return v.boolean;
    case TomlValue::Kind::DateTime: return v.string;
    case TomlValue::Kind::Array: {
      ojson a = ojson::array();
      for (const TomlValue& i : v.items) a.push_back(toml_to_json(i));
      return a;
    }
    case TomlValue::Kind::Table: {
      ojson o = ojson::object();
      for (const TomlEntry& e : v.entries) o[e.key] = toml_to_json(e.value);
      return o;
    }
  }
  return nullptr;
}

// mise prints a dependency back as "name", ["name", args…] or {task, args?, env?, optional?}.
ojson dependency_json(const DependencyRef& d) {
  if (!d.env.empty() || d.optional) {
    ojson o;
    o["task"] = d.task;
    if (!d.args.empty()) o["args"] = d.args;
    if (!d.env.empty()) {
      ojson env = ojson::object();
      for (const auto& [k, v] : d.env) env[k] = v;
      o["env"] = env;
    }
    if (d.optional) o["optional"] = true;
    return o;
  }
  if (!d.args.empty()) {
    ojson a = ojson::array();
    a.push_back(d.task);
    for (const std::string& x : d.args) a.push_back(x);
    return a;
  }
  return d.task;
}

ojson deps_json(const std::vector<DependencyRef>& deps) {
  ojson a = ojson::array();
  for (const DependencyRef& d : deps) a.push_back(dependency_json(d));
  return a;
}

ojson run_json(const std::vector<RunEntry>& run) {
  ojson a = ojson::array();
  for (const RunEntry& e : run) {
    if (e.kind == RunEntry::Kind::Script) {
      a.push_back(e.script);
    } else if (e.kind == RunEntry::Kind::Task) {
      ojson o;
      o["task"] = e.tasks.front().value;
      if (!e.args.empty()) o["args"] = e.args;
      if (!e.env.empty()) {
        ojson env = ojson::object();
        for (const auto& [k, v] : e.env) env[k] = v;
        o["env"] = env;
      }
      a.push_back(o);
    } else {
      ojson names = ojson::array();
      for (const LocatedString& s : e.tasks) names.push_back(s.value);
      a.push_back(ojson{{"tasks", names}});
    }
  }
  return a;
}

ojson strings(const std::vector<LocatedString>& v) {
  ojson a = ojson::array();
  for (const LocatedString& s : v) a.push_back(s.value);
  return a;
}

ojson optional_string(const OptionalString& s) { return s ? ojson(s->value) : ojson(nullptr); }

}  // namespace

std::string render_tasks_json(const Project& project) {
  ojson list = ojson::array();
  for (const Task& t : project.tasks) {
    ojson j;
    j["name"] = t.display_name;
    j["aliases"] = strings(t.aliases);
    j["description"] = t.description ? t.description->value : "";
    j["source"] = t.source == kNoFile ? "" : project.sources.file(t.source).absolute;
    ojson cs = ojson::array();
    for (FileId f : t.config_sources) cs.push_back(project.sources.file(f).absolute);
    j["config_sources"] = cs;
    j["depends"] = deps_json(t.depends);
    if (t.daemons_all) j["daemons"] = true;
    else if (t.daemons_off) j["daemons"] = false;
    else if (!t.daemons.empty()) j["daemons"] = strings(t.daemons);
    else j["daemons"] = nullptr;
    j["depends_post"] = deps_json(t.depends_post);
    j["wait_for"] = deps_json(t.wait_for);
    ojson env = ojson::array();
    for (const EnvEntry& e : t.env)
      env.push_back(!e.shown.empty() ? e.shown : e.directive ? e.key + " = " + e.value : e.key + "=" + e.value);
    j["env"] = env;
    j["dir"] = t.dir ? t.dir->value : t.config_root;
    j["hide"] = t.hide.value;
    j["global"] = t.global.value;
    j["raw"] = t.raw.value;
    j["interactive"] = t.interactive.value;
    j["sources"] = strings(t.sources);
    if (t.outputs_auto && t.outputs.empty()) j["outputs"] = ojson{{"auto", true}};
    else j["outputs"] = strings(t.outputs);
    j["shell"] = optional_string(t.shell);
    j["quiet"] = t.quiet.value;
    if (t.silent == "true") j["silent"] = true;
    else if (t.silent == "false") j["silent"] = false;
    else j["silent"] = t.silent;
    ojson tools = ojson::object();
    for (const ToolEntry& tool : t.tools) tools[tool.name] = toml_to_json(tool.value);
    j["tools"] = tools;
    j["usage"] = t.usage ? t.usage->value : "";
    j["timeout"] = optional_string(t.timeout);
    j["run"] = run_json(t.run);
    j["args"] = t.args;
    j["file"] = optional_string(t.file);
    list.push_back(std::move(j));
  }
  return list.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace mise_audit
