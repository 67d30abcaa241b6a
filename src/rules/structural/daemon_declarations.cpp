#include "rules/structural/daemon_declarations.h"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <string_view>

namespace mise_audit {
namespace {

constexpr std::string_view kPresets[] = {"cockroachdb", "nats", "postgres", "redis", "spicedb"};

bool is_preset(std::string_view s) { return std::find(std::begin(kPresets), std::end(kPresets), s) != std::end(kPresets); }

// What mise 2026.9.15 refuses in one declaration (the words of its error), or "".
std::string declaration_problem(const std::string& name, const TomlValue& v) {
  // `postgres = "16"`: the key names a preset, the string is its version.
  if (v.is_string())
    return is_preset(name) ? ""
                           : fmt::format("unknown daemon preset \"{}\"; available presets: cockroachdb, nats, "
                                         "postgres, redis, spicedb", name);
  if (!v.is_table()) return "data did not match any variant of untagged enum Declaration";
  const TomlValue* run = v.find("run");
  const TomlValue* preset = v.find("preset");
  if (!(run && run->is_string()) && !v.find("task") && !preset && !v.find("project"))
    return fmt::format("[daemons.{}] requires run, task, preset, or project", name);
  if (preset && !v.find("version")) return fmt::format("[daemons.{}] requires version with preset", name);
  if (const TomlValue* port = v.find("port"); port && port->is_string()) {
    if (port->string != "auto")
      return fmt::format("[daemons.{}].port string must be \"auto\"; got \"{}\" (use an integer for a fixed port)",
                         name, port->string);
    if (!preset)
      return fmt::format("[daemons.{}].port = \"auto\" needs a base port; set port = {{ auto = true, base = <port> }} "
                         "or use a preset", name);
  }
  return "";
}

bool env_experimental() {
  const char* e = std::getenv("MISE_EXPERIMENTAL");
  if (!e) return false;
  std::string_view v = e;
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

}  // namespace

bool DaemonDeclarations::declares(const std::string& name) const {
  return std::any_of(daemons.begin(), daemons.end(), [&](const Entry& e) { return e.name == name; });
}

DaemonDeclarations read_daemon_declarations(const Project& project) {
  DaemonDeclarations out;
  bool any = std::any_of(project.tasks.begin(), project.tasks.end(), [](const Task& t) { return !t.daemons.empty(); });
  for (FileId f : project.config_files)
    any = any || project.sources.file(f).text.find("daemon") != std::string::npos;
  if (!any) return out;
  out.experimental = env_experimental();
  for (FileId f : project.config_files) {
    TomlParseResult doc = parse_toml(project.sources.file(f).text, f);
    if (!doc.ok) continue;
    if (const TomlValue* settings = doc.root.find("settings"); settings && settings->is_table())
      if (const TomlValue* x = settings->find("experimental"); x && x->is_bool() && x->boolean) out.experimental = true;
    if (const TomlValue* d = doc.root.find("daemons"); d && d->is_table()) {
      out.tables.push_back(d->entries.empty() ? d->span : d->entries.front().key_span);
      for (const TomlEntry& e : d->entries) out.daemons.push_back({e.key, e.key_span, declaration_problem(e.key, e.value)});
    }
    if (const TomlValue* g = doc.root.find("daemon_groups"); g && g->is_table()) {
      out.tables.push_back(g->entries.empty() ? g->span : g->entries.front().key_span);
      for (const TomlEntry& e : g->entries) out.groups.push_back({e.key, e.key_span, ""});
    }
  }
  // A group member must be a daemon or another group (checked once every config is read).
  for (FileId f : project.config_files) {
    TomlParseResult doc = parse_toml(project.sources.file(f).text, f);
    const TomlValue* g = doc.ok ? doc.root.find("daemon_groups") : nullptr;
    if (!g || !g->is_table()) continue;
    for (const TomlEntry& e : g->entries) {
      if (!e.value.is_array()) continue;
      for (const TomlValue& m : e.value.items) {
        bool known = m.is_string() && (out.declares(m.string) ||
                                       std::any_of(out.groups.begin(), out.groups.end(),
                                                   [&](const DaemonDeclarations::Entry& x) { return x.name == m.string; }));
        if (known) continue;
        for (DaemonDeclarations::Entry& x : out.groups)
          if (x.name == e.key && x.problem.empty())
            x.problem = fmt::format("[daemon_groups.{}] member \"{}\" is not a daemon or group declared here", e.key,
                                    m.is_string() ? m.string : "?");
      }
    }
  }
  return out;
}

}  // namespace mise_audit
