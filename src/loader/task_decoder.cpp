#include "loader/task_decoder.h"
#include "core/stage_rules.h"

#include <algorithm>
#include <fmt/format.h>

#include "shell/shell_words.h"
#include "mise_audit/edit_distance.h"

namespace mise_audit {

// Keys accepted in [tasks.X] by mise 2026.9.15 (CONTRIBUTING §2.2), in the order mise lists them.
const std::vector<std::string>& task_keys() {
  static const std::vector<std::string> keys = {
      "description", "alias", "confirm", "depends", "daemons", "depends_post", "wait_for", "env",
      "vars", "dir", "hide", "global", "raw", "raw_args", "interactive", "sources", "watch",
      "outputs", "cache", "rust_cache", "shell", "quiet", "silent", "output", "tools", "usage",
      "timeout", "run", "run_windows", "args", "file", "deny_all", "deny_read", "deny_write",
      "deny_net", "deny_env", "allow_read", "allow_write", "allow_net", "allow_env",
      "pass_through_env", "extends"};
  return keys;
}

// Keys a #MISE header recognises (CONTRIBUTING §5.3).
const std::vector<std::string>& header_keys() {
  static const std::vector<std::string> keys = {
      "description", "alias", "aliases", "confirm", "depends", "depends_post", "wait_for", "env",
      "dir", "hide", "raw", "raw_args", "interactive", "sources", "watch", "outputs", "cache",
      "rust_cache", "shell", "quiet", "silent", "output", "tools", "pass_through_env", "extends",
      "daemons"};
  return keys;
}

namespace {

// Fields a template does not have (CONTRIBUTING §2.5).
bool template_lacks(const std::string& key) {
  static const std::set<std::string> no = {"extends", "hide", "raw", "raw_args", "interactive",
                                           "quiet", "global", "args", "daemons"};
  return no.count(key) > 0;
}

struct Decoder {
  const std::string& name;
  TaskSchema schema;
  std::vector<Diagnostic>& diags;
  DecodedTask& out;

  // A value mise refuses: the task (and the file) does not load.
  void error(StageRule rule, const SourceSpan& span, std::string message, std::string help = "") {
    diags.push_back(stage_finding(rule, span, std::move(message), std::move(help), name));
    out.refused = true;
  }
  // A value mise ignores and loads the task without: never more than a warning, whatever the rule.
  void warn(StageRule rule, const SourceSpan& span, std::string message, std::string help = "") {
    Diagnostic& d = diags.emplace_back(stage_finding(rule, span, std::move(message), std::move(help), name));
    if (d.severity == Severity::Error) d.severity = Severity::Warning;
  }

  // A type error: fatal for tasks; in file headers fatal only for some keys (CONTRIBUTING §5.3).
  void type_error(const std::string& key, const TomlValue& v, const char* expected) {
    std::string msg = fmt::format("`{}` must be {}, found {}", key, expected, toml_kind_name(v.kind));
    if (schema == TaskSchema::FileHeader) {
      // Fatal in a header, like in TOML (confirmed with the binary); other scalars are ignored.
      static const std::set<std::string> fatal = {"depends", "depends_post", "wait_for", "confirm", "watch", "cache",
                                                  "rust_cache", "tools", "sources", "env", "daemons"};
      // `tools` that is not a table is dropped (the task loads with no tools); a wrong tool
      // entry inside the table still makes mise refuse every task.
      if (!fatal.count(key.substr(0, key.find('.'))) || key == "tools") {
        warn(StageRule::InvalidType, v.span, msg + " (mise ignores this header value and keeps the default)");
        return;
      }
    }
    error(StageRule::InvalidType, v.span, msg);
  }

  std::optional<LocatedString> string_field(const std::string& key, const TomlValue& v) {
    if (!v.is_string()) { type_error(key, v, "a string"); return std::nullopt; }
    return LocatedString{v.string, v.span, is_templated(v.string)};
  }

  void bool_field(const std::string& key, const TomlValue& v, LocatedBool& dst) {
    if (!v.is_bool()) { type_error(key, v, "a boolean"); return; }
    dst = LocatedBool{v.boolean, v.span};
  }

  std::vector<LocatedString> string_or_array(const std::string& key, const TomlValue& v) {
    std::vector<LocatedString> r;
    if (v.is_string()) {
      r.push_back({v.string, v.span, is_templated(v.string)});
    } else if (v.is_array()) {
      for (const TomlValue& item : v.items) {
        if (!item.is_string()) { type_error(key, item, "a string"); continue; }
        r.push_back({item.string, item.span, is_templated(item.string)});
      }
    } else {
      type_error(key, v, "a string or an array of strings");
    }
    return r;
  }

  std::vector<std::string> string_array(const std::string& key, const TomlValue& v) {
    std::vector<std::string> r;
    if (!v.is_array()) { type_error(key, v, "an array of strings"); return r; }
    for (const TomlValue& item : v.items) {
      if (!item.is_string()) { type_error(key, item, "a string"); continue; }
      r.push_back(item.string);
    }
    return r;
  }

  void run_entry(const std::string& key, const TomlValue& v, std::vector<RunEntry>& dst) {
    RunEntry e;
    e.span = v.span;
    if (v.is_string()) {
      e.kind = RunEntry::Kind::Script;
      e.script = v.string;
      dst.push_back(std::move(e));
      return;
    }
    if (v.is_table()) {
      // Untagged enum: unknown keys are ignored; `task` is tried before `tasks` (CONTRIBUTING §2.3).
      if (const TomlValue* t = v.find("task"); t && t->is_string()) {
        e.kind = RunEntry::Kind::Task;
        e.tasks.push_back({t->string, t->span, is_templated(t->string)});
        if (const TomlValue* a = v.find("args"); a && a->is_array())
          for (const TomlValue& x : a->items)
            if (x.is_string()) e.args.push_back(x.string);
        if (const TomlValue* env = v.find("env"); env && env->is_table())
          for (const TomlEntry& x : env->entries) e.env.emplace_back(x.key, x.value.string);
        dst.push_back(std::move(e));
        return;
      }
      if (const TomlValue* ts = v.find("tasks"); ts && ts->is_array() &&
          std::all_of(ts->items.begin(), ts->items.end(), [](const TomlValue& x) { return x.is_string(); })) {
        e.kind = RunEntry::Kind::Tasks;
        for (const TomlValue& x : ts->items) e.tasks.push_back({x.string, x.span, is_templated(x.string)});
        dst.push_back(std::move(e));
        return;
      }
      error(StageRule::InvalidType, v.span,
            fmt::format("a `{}` table must be {{ task = \"name\" }} or {{ tasks = [\"a\", \"b\"] }}", key));
      return;
    }
    type_error(key, v, "a string, a { task = … } table or a { tasks = […] } table");
  }

  void run_field(const std::string& key, const TomlValue& v, std::vector<RunEntry>& dst) {
    if (v.is_array()) {
      for (const TomlValue& item : v.items) run_entry(key, item, dst);
    } else {
      run_entry(key, v, dst);
    }
  }

  // One env entry as mise reads and prints it (confirmed with the binary): strings, integers
  // and booleans (`false` unsets); tables with `value`, `default`, `required` or `age`.
  void env_value(const TomlEntry& e) {
    const TomlValue& val = e.value;
    EnvEntry entry{e.key, "", false, e.key_span, ""};
    auto scalar = [](const TomlValue& x) {
      return x.is_string() || x.kind == TomlValue::Kind::Integer || x.is_bool();
    };
    auto set_scalar = [&](const TomlValue& x) {
      entry.value = x.string;
      if (x.is_bool() && !x.boolean) entry.shown = "unset " + e.key;
    };
    if (scalar(val)) {
      set_scalar(val);
    } else if (val.is_table()) {
      const TomlValue* value = val.find("value");
      const TomlValue* def = val.find("default");
      const TomlValue* req = val.find("required");
      const TomlValue* age = val.find("age");
      bool required = req && ((req->is_bool() && req->boolean) || req->is_string());
      if (value && !scalar(*value)) value = nullptr;
      if (def && !scalar(*def)) def = nullptr;
      if (required && (value || def)) {
        error(StageRule::InvalidType, val.span,
              fmt::format("env `{}` cannot have both `{}` and `required`; `required` means it is set elsewhere",
                          e.key, value ? "value" : "default"));
        return;
      }
      if (age) {
        entry.shown = e.key + " (age-encrypted)";
      } else if (value) {
        set_scalar(*value);
      } else if (def) {
        entry.value = def->string;
        entry.shown = e.key + " default=" + def->string;
      } else if (required) {
        entry.shown = e.key + " (required)";
      } else {
        error(StageRule::InvalidType, val.span,
              fmt::format("env `{}` has no value: give it `value`/`default`, or `required = true` if it is set elsewhere", e.key));
        return;
      }
    } else {
      type_error("env." + e.key, val, "a string, an integer, a boolean or a table");
      return;
    }
    out.task.env.push_back(std::move(entry));
  }

  // `_.file`, `_.path`, `_.source` print one line per value; `_.python.venv` and other
  // directives print as mise describes them.
  void env_directives(const TomlValue& table) {
    for (const TomlEntry& d : table.entries) {
      if (d.key == "file" || d.key == "path" || d.key == "source") {
        auto path_like = [](const TomlValue& x) { return x.is_string() || x.is_table(); };
        bool ok = path_like(d.value) ||
                  (d.value.is_array() && std::all_of(d.value.items.begin(), d.value.items.end(), path_like));
        if (!ok) {
          type_error("env._." + d.key, d.value, "a string, a table, or an array of strings and tables");
          continue;
        }
        std::vector<const TomlValue*> values;
        if (d.value.is_array())
          for (const TomlValue& item : d.value.items) values.push_back(&item);
        else
          values.push_back(&d.value);
        for (const TomlValue* x : values)
          out.task.env.push_back({"_." + d.key, toml_value_to_display(*x), true, d.key_span, ""});
      } else if (d.key == "python") {
        if (!d.value.is_table() && !d.value.is_array()) {
          type_error("env._.python", d.value, "a table");
          continue;
        }
        const TomlValue* venv = d.value.is_table() ? d.value.find("venv") : nullptr;
        std::string shown = "python venv path=";
        if (venv && venv->is_string()) shown += venv->string;
        if (venv && venv->is_table()) {
          if (const TomlValue* p = venv->find("path"); p && p->is_string()) shown += p->string;
          if (const TomlValue* c = venv->find("create"); c && c->is_bool() && c->boolean) shown += " create";
        }
        out.task.env.push_back({"_.python", toml_value_to_display(d.value), true, d.key_span, shown});
      } else {
        out.task.env.push_back({"_." + d.key, toml_value_to_display(d.value), true, d.key_span, "module " + d.key});
      }
    }
  }

  void env_field(const TomlValue& v) {
    if (!v.is_table()) { type_error("env", v, "a table"); return; }
    for (const TomlEntry& e : v.entries) {
      if (e.key == "_") {
        if (!e.value.is_table()) { type_error("env._", e.value, "a table of directives"); continue; }
        env_directives(e.value);
        continue;
      }
      env_value(e);
    }
  }

  void tools_field(const TomlValue& v) {
    if (!v.is_table()) { type_error("tools", v, "a table"); return; }
    for (const TomlEntry& e : v.entries) {
      ToolEntry t{e.key, "", e.value, e.key_span};
      if (e.value.is_string()) {
        t.version = e.value.string;
      } else if (e.value.is_table()) {
        // Exactly one of version/path/prefix/ref, as a string (confirmed with the binary).
        int sources = 0;
        for (const char* k : {"version", "path", "prefix", "ref"})
          if (const TomlValue* x = e.value.find(k)) {
            ++sources;
            if (!x->is_string()) { type_error(std::string("tools.") + e.key + "." + k, *x, "a string"); continue; }
            if (std::string_view(k) == "version") t.version = x->string;
          }
        if (sources != 1) {
          error(StageRule::InvalidType, e.value.span,
                fmt::format("tool `{}` must set exactly one of `version`, `path`, `prefix` or `ref`", e.key));
          continue;
        }
      } else {
        type_error("tools." + e.key, e.value, "a version string or a table");
        continue;
      }
      out.task.tools.push_back(std::move(t));
    }
  }

  // `outputs = { auto = true }`; a table whose `auto` is false or missing means "not declared"
  // (so `sources` still implies auto). Other keys are ignored next to `auto` and an error
  // without it ("Invalid TaskOutputs map"), as the binary does.
  void outputs_field(const TomlValue& v) {
    if (v.is_table()) {
      out.fields.erase("outputs");
      const TomlEntry* a = v.find_entry("auto");
      if (!a) {
        // A header drops such a table (the task has no outputs); a config refuses it.
        if (!v.entries.empty() && schema != TaskSchema::FileHeader)
          error(StageRule::InvalidType, v.entries.front().key_span, "Invalid TaskOutputs map: `outputs` as a table takes only `auto`");
        return;
      }
      if (!a->value.is_bool()) { type_error("outputs.auto", a->value, "a boolean"); return; }
      if (a->value.boolean) {
        out.task.outputs_auto = true;
        out.fields.insert("outputs");
      }
      return;
    }
    if (schema == TaskSchema::FileHeader && v.is_array())
      for (const TomlValue& item : v.items)
        if (!item.is_string()) {
          // mise 2026.9.15 panics on it (task_sources.rs): every mise command in the project fails.
          error(StageRule::InvalidType, item.span,
                fmt::format("`outputs` items must be strings, found {}; mise crashes on it", toml_kind_name(item.kind)));
          return;
        }
    out.task.outputs = string_or_array("outputs", v);
  }

  void daemons_field(const TomlValue& v) {
    if (v.is_bool()) { (v.boolean ? out.task.daemons_all : out.task.daemons_off) = true; return; }
    if (v.is_string() || v.is_array()) { out.task.daemons = string_or_array("daemons", v); return; }
    type_error("daemons", v, "a string, an array of strings or `true`");
  }

  void silent_field(const TomlValue& v) {
    if (v.is_bool()) { out.task.silent = v.boolean ? "true" : "false"; return; }
    if (v.is_string() && (v.string == "stdout" || v.string == "stderr")) { out.task.silent = v.string; return; }
    if (v.is_string()) {
      if (schema == TaskSchema::FileHeader) return;
      error(StageRule::InvalidType, v.span, fmt::format("`silent` must be true, false, \"stdout\" or \"stderr\", found \"{}\"", v.string));
      return;
    }
    type_error("silent", v, "a boolean or \"stdout\"/\"stderr\"");
  }

  void output_field(const TomlValue& v) {
    static const std::vector<std::string> allowed = {"prefix", "interleave", "keep-order", "replacing", "timed", "quiet", "silent"};
    auto s = string_field("output", v);
    if (!s) return;
    if (std::find(allowed.begin(), allowed.end(), s->value) == allowed.end()) {
      if (schema == TaskSchema::FileHeader) return;
      auto near = closest_match(s->value, allowed);
      error(StageRule::InvalidType, v.span, fmt::format("`output` must be one of prefix, interleave, keep-order, replacing, timed, quiet, silent; found \"{}\"", s->value),
            near ? fmt::format("did you mean \"{}\"?", *near) : "");
      return;
    }
    out.task.output = s;
  }

  void confirm_field(const TomlValue& v) {
    if (v.is_string()) { out.task.confirm = LocatedString{v.string, v.span, is_templated(v.string)}; return; }
    if (v.is_table()) {
      const TomlValue* m = v.find("message");
      const TomlValue* d = v.find("default");
      if (!m || !d || !m->is_string() || !d->is_string()) {
        error(StageRule::InvalidType, v.span, "`confirm` as a table needs both `message` and `default` strings");
        return;
      }
      out.task.confirm = LocatedString{m->string, m->span, is_templated(m->string)};
      return;
    }
    type_error("confirm", v, "a string or { message, default }");
  }

  // A serde struct (`watch`, `cache`, `rust_cache`): a table of known fields, or a sequence
  // read as the fields in declaration order (`watch = [true]` is `no_vcs_ignore = true`, and
  // `[]` leaves every field at its default), as the binary reads it. A wrong field type refuses.
  enum class FieldType { Bool, Strings };
  using StructFields = std::vector<std::pair<std::string, FieldType>>;
  void struct_field(const std::string& key, const TomlValue& v, const StructFields& fields) {
    auto check = [&](const std::string& name, const TomlValue& x, FieldType type) {
      if (type == FieldType::Bool) {
        if (!x.is_bool()) type_error(key + "." + name, x, "a boolean");
        return;
      }
      if (!x.is_array()) { type_error(key + "." + name, x, "an array of strings"); return; }
      for (const TomlValue& item : x.items)
        if (!item.is_string()) type_error(key + "." + name, item, "a string");
    };
    if (v.is_array()) {
      if (v.items.size() > fields.size()) {
        error(StageRule::InvalidType, v.span,
              fmt::format("`{}` as an array holds its fields in order ({}), found {} values", key, field_names(fields),
                          v.items.size()));
        return;
      }
      for (std::size_t i = 0; i < v.items.size(); ++i) check(fields[i].first, v.items[i], fields[i].second);
      return;
    }
    if (!v.is_table()) { type_error(key, v, "a table"); return; }
    for (const TomlEntry& e : v.entries) {
      auto f = std::find_if(fields.begin(), fields.end(), [&](const auto& x) { return x.first == e.key; });
      if (f == fields.end()) {
        error(StageRule::UnknownField, e.key_span, fmt::format("unknown field `{}` in `{}`", e.key, key),
              fmt::format("expected one of: {}", field_names(fields)));
        continue;
      }
      check(f->first, e.value, f->second);
    }
  }
  static std::string field_names(const StructFields& fields) {
    std::vector<std::string> names;
    for (const auto& f : fields) names.push_back(f.first);
    return fmt::format("{}", fmt::join(names, ", "));
  }

  void field(const TomlEntry& entry) {
    const std::string& key = entry.key;
    const TomlValue& v = entry.value;
    Task& t = out.task;
    out.fields.insert(key == "aliases" ? "alias" : key);
    if (key == "run") { run_field(key, v, t.run); t.run_span = v.span; }
    else if (key == "run_windows") run_field(key, v, t.run_windows);
    else if (key == "file") t.file = string_field(key, v);
    else if (key == "description") t.description = string_field(key, v);
    else if (key == "alias" || key == "aliases") {
      if (schema == TaskSchema::FileHeader && out.fields.count("alias") && t.aliases.size()) {
        error(StageRule::InvalidType, entry.key_span, "use either `alias` or `aliases` in a file header, not both");
      }
      t.aliases = string_or_array(key, v);
    }
    else if (key == "depends") t.depends = decode_dependencies(v, name, "depends", diags, out.refused);
    else if (key == "depends_post") t.depends_post = decode_dependencies(v, name, "depends_post", diags, out.refused);
    else if (key == "wait_for") t.wait_for = decode_dependencies(v, name, "wait_for", diags, out.refused);
    else if (key == "daemons") daemons_field(v);
    else if (key == "env") env_field(v);
    else if (key == "vars") { if (!v.is_table()) type_error(key, v, "a table"); else collect_template_vars(v, out.vars); }
    else if (key == "dir") t.dir = string_field(key, v);
    else if (key == "hide") bool_field(key, v, t.hide);
    else if (key == "global") bool_field(key, v, t.global);
    else if (key == "raw") bool_field(key, v, t.raw);
    else if (key == "raw_args") bool_field(key, v, t.raw_args);
    else if (key == "interactive") bool_field(key, v, t.interactive);
    else if (key == "quiet") bool_field(key, v, t.quiet);
    else if (key == "sources") t.sources = string_or_array(key, v);
    else if (key == "outputs") outputs_field(v);
    else if (key == "shell") t.shell = string_field(key, v);
    else if (key == "silent") silent_field(v);
    else if (key == "output") output_field(v);
    else if (key == "tools") tools_field(v);
    else if (key == "usage") t.usage = string_field(key, v);
    else if (key == "timeout") t.timeout = string_field(key, v);
    else if (key == "args") t.args = string_array(key, v);
    else if (key == "extends") t.extends = string_field(key, v);
    else if (key == "confirm") confirm_field(v);
    else if (key == "watch") struct_field(key, v, {{"no_vcs_ignore", FieldType::Bool}});
    else if (key == "cache")
      struct_field(key, v, {{"enabled", FieldType::Bool}, {"audit", FieldType::Bool}, {"env", FieldType::Strings},
                            {"command_inputs", FieldType::Strings}});
    else if (key == "rust_cache") {
      // A boolean or a table; no sequence form (a custom deserializer).
      if (v.is_array()) type_error(key, v, "a boolean or a table");
      else if (!v.is_bool()) struct_field(key, v, {{"enabled", FieldType::Bool}, {"verify", FieldType::Bool}});
    }
    else if (key.rfind("deny_", 0) == 0) { LocatedBool b; bool_field(key, v, b); }
    else if (key.rfind("allow_", 0) == 0 || key == "pass_through_env") string_array(key, v);
  }

  void decode_table(const TomlValue& table) {
    const std::vector<std::string>& known = schema == TaskSchema::FileHeader ? header_keys() : task_keys();
    for (const TomlEntry& e : table.entries) {
      bool ok = std::find(known.begin(), known.end(), e.key) != known.end();
      if (schema == TaskSchema::Template && template_lacks(e.key)) ok = false;
      if (!ok) {
        auto near = closest_match(e.key, known);
        std::string help = near ? fmt::format("did you mean `{}`?", *near)
                                : fmt::format("expected one of: {}", fmt::join(known, ", "));
        if (schema == TaskSchema::Task) {
          error(StageRule::UnknownField, e.key_span,
                fmt::format("unknown field `{}` in task \"{}\"; mise refuses the whole file", e.key, name), help);
        } else {
          warn(StageRule::IgnoredField, e.key_span,
               fmt::format("unknown field `{}` in {}; mise ignores it", e.key,
                           schema == TaskSchema::Template ? "task template \"" + name + "\"" : "the task file header"),
               help);
        }
        continue;
      }
      field(e);
    }
  }
};

DependencyRef decode_dependency_table(const TomlValue& v, const std::string& task, const char* field,
                                      std::vector<Diagnostic>& diags, bool& refused) {
  DependencyRef dep;
  const TomlValue* t = v.find("task");
  for (const TomlEntry& e : v.entries) {
    if (e.key != "task" && e.key != "args" && e.key != "env" && e.key != "optional") {
      diags.push_back(stage_finding(StageRule::UnknownField, e.key_span,
                                    fmt::format("unknown field `{}` in a `{}` entry; mise refuses the whole file", e.key, field),
                                    "expected one of: task, args, env, optional",
                                    task));
      refused = true;
    }
  }
  if (!t || !t->is_string()) {
    diags.push_back(stage_finding(StageRule::InvalidType, v.span,
                                  fmt::format("a `{}` table needs `task = \"name\"`", field),
                                  "",
                                  task));
    refused = true;
    return dep;
  }
  const TomlValue* args = v.find("args");
  const TomlValue* env = v.find("env");
  // Without args/env (or with both empty: confirmed with the binary) mise shell-splits the
  // object form too (CONTRIBUTING §3.2).
  bool no_args = !args || (args->is_array() && args->items.empty());
  bool no_env = !env || (env->is_table() && env->entries.empty());
  if (no_args && no_env) {
    if (only_env_assignments(t->string)) {
      diags.push_back(stage_finding(StageRule::InvalidType, t->span,
                                    fmt::format("`{}` entry \"{}\" has only env assignments and no task name; mise refuses the file",
                                                field, t->string),
                                    "add the task name after the assignments",
                                    task));
      refused = true;
    }
    dep = parse_dependency_string(t->string, v.span);
  } else {
    dep.task = t->string;
    dep.raw = t->string;
    dep.templated = is_templated(t->string);
    dep.span = v.span;
    if (args) {
      if (!args->is_array()) {
        diags.push_back(stage_finding(StageRule::InvalidType, args->span,
                                      fmt::format("`{}.args` must be an array of strings", field),
                                      "",
                                      task));
        refused = true;
      } else {
        for (const TomlValue& a : args->items) {
          if (!a.is_string()) {
            diags.push_back(stage_finding(StageRule::InvalidType, a.span,
                                          fmt::format("`{}.args` items must be strings, found {}", field, toml_kind_name(a.kind)),
                                          "",
                                          task));
            refused = true;
            continue;
          }
          dep.args.push_back(a.string);
        }
      }
    }
    if (env) {
      if (!env->is_table()) {
        diags.push_back(stage_finding(StageRule::InvalidType, env->span,
                                      fmt::format("`{}.env` must be a table", field),
                                      "",
                                      task));
        refused = true;
      } else {
        for (const TomlEntry& e : env->entries) {
          if (!e.value.is_string()) {
            diags.push_back(stage_finding(StageRule::InvalidType, e.value.span,
                                          fmt::format("`{}.env.{}` must be a string, found {}", field, e.key, toml_kind_name(e.value.kind)),
                                          fmt::format("quote it: {} = \"{}\"", e.key, e.value.string),
                                          task));
            refused = true;
            continue;
          }
          dep.env.emplace_back(e.key, e.value.string);
        }
      }
    }
  }
  dep.form = DependencyRef::Form::Object;
  if (const TomlValue* o = v.find("optional")) {
    if (!o->is_bool()) {
      diags.push_back(stage_finding(StageRule::InvalidType, o->span,
                                    fmt::format("`{}.optional` must be a boolean", field),
                                    "",
                                    task));
      refused = true;
    } else {
      dep.optional = o->boolean;
    }
  }
  return dep;
}

}  // namespace

void collect_template_vars(const TomlValue& table, TemplateVars& out) {
  for (const TomlEntry& e : table.entries) {
    if (e.key == "_") continue;  // directives (`_.file`): their variables stay unknown
    const TomlValue& v = e.value;
    bool literal = (v.is_string() && !is_templated(v.string)) || v.kind == TomlValue::Kind::Integer ||
                   v.kind == TomlValue::Kind::Boolean;
    out[e.key] = literal ? std::optional<std::string>(v.string) : std::nullopt;
  }
}

std::vector<DependencyRef> decode_dependencies(const TomlValue& value, const std::string& task,
                                               const char* field, std::vector<Diagnostic>& diags,
                                               bool& refused) {
  std::vector<DependencyRef> deps;
  auto bad = [&](const TomlValue& v, const char* what) {
    diags.push_back(stage_finding(StageRule::InvalidType, v.span,
                                  fmt::format("`{}` {} must be a string, an array of strings or a {{ task = … }} table, found {}",
                                              field, what, toml_kind_name(v.kind)),
                                  "",
                                  task));
    refused = true;
  };
  auto one = [&](const TomlValue& v, bool top) {
    if (v.is_string()) {
      if (only_env_assignments(v.string)) {
        diags.push_back(stage_finding(StageRule::InvalidType, v.span,
                                      fmt::format("`{}` entry \"{}\" has only env assignments and no task name; mise refuses the file",
                                                  field, v.string),
                                      "add the task name after the assignments",
                                      task));
        refused = true;
      }
      deps.push_back(parse_dependency_string(v.string, v.span));
    } else if (v.is_table()) {
      deps.push_back(decode_dependency_table(v, task, field, diags, refused));
    } else if (v.is_array() && !top) {
      if (v.items.empty()) {
        diags.push_back(stage_finding(StageRule::InvalidType, v.span,
                                      fmt::format("an empty `[]` inside `{}` names no task", field),
                                      "",
                                      task));
        refused = true;
        return;
      }
      DependencyRef dep;
      dep.form = DependencyRef::Form::Array;
      dep.span = v.span;
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (!v.items[i].is_string()) { bad(v.items[i], "element"); return; }
        if (i == 0) dep.task = dep.raw = v.items[i].string;
        else dep.args.push_back(v.items[i].string);
      }
      dep.templated = is_templated(dep.task);
      deps.push_back(std::move(dep));
    } else {
      bad(v, top ? "" : "element");
    }
  };
  if (value.is_array()) {
    for (const TomlValue& item : value.items) one(item, false);
  } else {
    one(value, true);
  }
  return deps;
}

DecodedTask decode_task(const std::string& name, const TomlValue& value, SourceSpan name_span,
                        TaskSchema schema, std::vector<Diagnostic>& diags) {
  DecodedTask out;
  out.task.name = name;
  out.task.name_span = name_span;
  Decoder d{name, schema, diags, out};
  if (value.is_string() || value.is_array()) {
    // Shorthand: the value is the run script(s) (CONTRIBUTING §2.1).
    for (const TomlValue& item : value.is_array() ? value.items : std::vector<TomlValue>{value}) {
      if (item.is_array()) {
        d.error(StageRule::InvalidType, item.span, "a `run` entry cannot be an array");
        continue;
      }
      d.run_entry("run", item, out.task.run);
    }
    out.task.run_span = value.span;
    out.fields.insert("run");
  } else if (value.is_table()) {
    d.decode_table(value);
  } else {
    d.error(StageRule::InvalidType, value.span,
            fmt::format("invalid type: {} `{}`, expected task definition (a string, an array or a table)",
                        toml_kind_name(value.kind), value.string));
  }
  return out;
}

}  // namespace mise_audit
