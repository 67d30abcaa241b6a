#include "config/config.h"
#include "core/disk.h"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "loader/glob_match.h"
#include "mise_audit/edit_distance.h"
#include "mise_audit/release_model.h"
#include "mise_audit/report.h"
#include "mise_audit/rule.h"
#include "mise_audit/toml_value.h"

namespace fs = std::filesystem;

namespace mise_audit {

std::optional<Severity> parse_severity(std::string_view word) {
  if (word == "error") return Severity::Error;
  if (word == "warning") return Severity::Warning;
  if (word == "note") return Severity::Note;
  return std::nullopt;
}

std::string rule_suggestion(const std::string& id) {
  std::vector<std::string> ids;
  for (const Rule* r : rule_registry()) ids.push_back(r->id());
  std::sort(ids.begin(), ids.end());
  if (auto m = closest_match(id, ids)) return fmt::format(" (did you mean `{}`?)", *m);
  return " (`mise-audit rules` lists them)";
}

std::string unknown_rule_message(const std::string& id) {
  if (find_rule(id)) return "";
  return fmt::format("unknown rule `{}`", id) + rule_suggestion(id);
}

std::string role_patterns_toml(const std::vector<RolePattern>& roles) {
  std::string out;
  // JSON string escapes are valid TOML basic-string escapes.
  for (const RolePattern& r : roles)
    out += fmt::format("[[command]]\nmatch = {}\nroles = [{}]\n\n", nlohmann::json(r.pattern).dump(), nlohmann::json(r.role).dump());
  return out;
}

std::string find_config_file(const FileSystem& disk, const std::string& linted_path) {
  std::error_code ec;
  fs::path start = fs::absolute(linted_path, ec).lexically_normal();
  if (!disk.is_directory(start)) start = start.parent_path();
  if (start.filename().empty()) start = start.parent_path();
  for (fs::path d = start;; d = d.parent_path()) {
    if (disk.is_regular_file(d / kConfigFileName)) return (d / kConfigFileName).string();
    if (disk.exists(d / ".git")) break;  // the repository root is the last place we look
    if (d.parent_path() == d) break;
  }
  return "";
}

namespace {

struct Parser {
  const std::string& display;
  Config& config;
  std::string error;

  bool fail(const SourceSpan& at, const std::string& msg) {
    if (error.empty()) error = fmt::format("{}:{}:{}: {}", display, at.begin.line, at.begin.column, msg);
    return false;
  }

  bool rule_list(const TomlEntry& e, std::vector<std::string>& out) {
    if (!e.value.is_array()) return fail(e.value.span, fmt::format("`{}` must be an array of rule names", e.key));
    for (const TomlValue& item : e.value.items) {
      if (!item.is_string()) return fail(item.span, fmt::format("`{}` must hold rule names (strings)", e.key));
      if (std::string msg = unknown_rule_message(item.string); !msg.empty()) return fail(item.span, msg);
      out.push_back(item.string);
    }
    return true;
  }

  bool severity_value(const TomlValue& v, Severity& out, std::string_view what) {
    if (!v.is_string()) return fail(v.span, fmt::format("{} must be \"error\", \"warning\" or \"note\"", what));
    auto s = parse_severity(v.string);
    if (!s) return fail(v.span, fmt::format("{} must be \"error\", \"warning\" or \"note\", not \"{}\"", what, v.string));
    out = *s;
    return true;
  }

  bool parse(const TomlValue& root) {
    static const std::vector<std::string> keys = {"select", "ignore", "severity", "fail-on", "min-confidence", "roles", "per-path-ignores", "exclude"};
    for (const TomlEntry& e : root.entries) {
      if (e.key == "select") {
        if (!rule_list(e, config.select)) return false;
      } else if (e.key == "ignore") {
        if (!rule_list(e, config.ignore)) return false;
      } else if (e.key == "min-confidence") {
        std::optional<Confidence> c = e.value.is_string() ? parse_confidence(e.value.string) : std::nullopt;
        if (!c) return fail(e.value.span, "`min-confidence` must be \"high\", \"medium\" or \"low\"");
        config.min_confidence = c;
      } else if (e.key == "fail-on") {
        Severity s{};
        if (!severity_value(e.value, s, "`fail-on`")) return false;
        config.fail_on = s;
      } else if (e.key == "severity") {
        if (!e.value.is_table()) return fail(e.value.span, "`severity` must be a table of rule = \"error|warning|note\"");
        for (const TomlEntry& r : e.value.entries) {
          if (std::string msg = unknown_rule_message(r.key); !msg.empty()) return fail(r.key_span, msg);
          Severity s{};
          if (!severity_value(r.value, s, fmt::format("the severity of `{}`", r.key))) return false;
          config.severity[r.key] = s;
        }
      } else if (e.key == "roles") {
        if (!e.value.is_table()) return fail(e.value.span, "`roles` must be a table of role = [command patterns]");
        static const std::vector<std::string> roles = {"build", "copy", "fetch", "guard", "inspect", "preflight",
                                                       "publish", "sdist", "tag", "version", "wheel"};
        for (const TomlEntry& r : e.value.entries) {
          if (std::find(roles.begin(), roles.end(), r.key) == roles.end()) {
            std::string msg = fmt::format("unknown role `{}`", r.key);
            if (auto m = closest_match(r.key, roles)) msg += fmt::format(" (did you mean `{}`?)", *m);
            else msg += fmt::format(" (one of: {})", fmt::join(roles, ", "));
            return fail(r.key_span, msg);
          }
          if (!r.value.is_array()) return fail(r.value.span, fmt::format("`roles.{}` must be an array of command patterns", r.key));
          for (const TomlValue& p : r.value.items) {
            if (!p.is_string() || p.string.empty()) return fail(p.span, fmt::format("`roles.{}` must hold non-empty strings", r.key));
            RolePattern rp{r.key, p.string};
            // The release model checks the pattern itself (same schema as rules/roles.toml).
            std::string problem = check_role_patterns(role_patterns_toml({rp}));
            if (!problem.empty()) return fail(p.span, fmt::format("invalid role pattern: {}", problem));
            config.roles.push_back(std::move(rp));
          }
        }
      } else if (e.key == "exclude") {
        if (!e.value.is_array()) return fail(e.value.span, "`exclude` must be an array of path globs");
        for (const TomlValue& g : e.value.items) {
          std::string why;
          if (!g.is_string()) return fail(g.span, "`exclude` must hold path globs (strings)");
          if (!glob_is_valid(g.string, &why)) return fail(g.span, fmt::format("invalid glob `{}`: {}", g.string, why));
          config.exclude.push_back(g.string);
        }
      } else if (e.key == "per-path-ignores") {
        if (!e.value.is_table()) return fail(e.value.span, "`per-path-ignores` must be a table of \"glob\" = [rules]");
        for (const TomlEntry& r : e.value.entries) {
          std::string why;
          if (!glob_is_valid(r.key, &why)) return fail(r.key_span, fmt::format("invalid glob `{}`: {}", r.key, why));
          PathIgnore pi{r.key, {}};
          if (!rule_list(r, pi.rules)) return false;
          config.path_ignores.push_back(std::move(pi));
        }
      } else {
        std::string msg = fmt::format("unknown key `{}`", e.key);
        if (auto m = closest_match(e.key, keys)) msg += fmt::format(" (did you mean `{}`?)", *m);
        return fail(e.key_span, msg);
      }
    }
    return true;
  }
};

}  // namespace

ConfigResult parse_config(const std::string& text, const std::string& display_path, const std::string& dir) {
  ConfigResult result;
  result.config.path = display_path;
  result.config.dir = dir;
  TomlParseResult parsed = parse_toml(text, 0);
  if (!parsed.ok) {
    result.error = fmt::format("{}:{}:{}: invalid TOML: {}", display_path, parsed.error_span.begin.line,
                               parsed.error_span.begin.column, parsed.error);
    return result;
  }
  Parser p{display_path, result.config, {}};
  p.parse(parsed.root);
  result.error = p.error;
  return result;
}

ConfigResult load_config_file(const FileSystem& disk, const std::string& path) {
  std::string text, why;
  if (disk.read_regular_file(path, text, why) != ReadStatus::Ok) {
    ConfigResult r;
    r.error = fmt::format("{}: cannot be read: {}", path, why);
    return r;
  }
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  return parse_config(text, display_path(abs), abs.parent_path().string());
}

}  // namespace mise_audit
