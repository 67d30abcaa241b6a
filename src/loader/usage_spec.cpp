#include "loader/usage_spec.h"

#include <algorithm>
#include <fmt/format.h>
#include <initializer_list>
#include <span>
#include <sstream>
#include <vector>

namespace mise_audit {
namespace {

using Kind = KdlValue::Kind;
using Names = std::span<const std::string_view>;

bool in(std::string_view name, Names names) { return std::find(names.begin(), names.end(), name) != names.end(); }
bool in(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The value types mise's usage parser asks for (`ensure_string`, `ensure_bool`, `ensure_usize`).
enum class Want { String, Bool, Usize, StringOrBool, Any };

std::optional<UsageSpecError> type_error(const KdlValue& v, Want want, KdlPos at) {
  bool integer = v.kind == Kind::Number && v.text.find('.') == std::string::npos &&
                 (v.text.find_first_of("eE") == std::string::npos || v.text.find("0x") != std::string::npos) &&
                 v.text[0] != '#';
  switch (want) {
    case Want::String: if (v.kind != Kind::String) return UsageSpecError{"expected string", at}; break;
    case Want::Bool: if (v.kind != Kind::Bool) return UsageSpecError{"expected bool", at}; break;
    case Want::Usize: if (!integer) return UsageSpecError{"expected usize", at}; break;
    case Want::StringOrBool:
      if (v.kind != Kind::String && v.kind != Kind::Bool) return UsageSpecError{"expected string", at};
      break;
    case Want::Any: break;
  }
  return std::nullopt;
}

// The first argument, of type `want`: "missing argument" without one.
std::optional<UsageSpecError> first_arg(const KdlNode& n, Want want) {
  if (n.args.empty()) return UsageSpecError{"missing argument", n.pos};
  return type_error(n.args[0], want, n.args[0].pos);
}

struct Key {
  std::string_view name;
  Want want;
};

// Properties (`key=value`) of a node against the keys mise knows for it.
std::optional<UsageSpecError> props(const KdlNode& n, std::span<const Key> keys, std::string_view what) {
  for (const KdlProp& p : n.props) {
    auto k = std::find_if(keys.begin(), keys.end(), [&](const Key& key) { return key.name == p.key; });
    if (k == keys.end()) return UsageSpecError{fmt::format("unsupported {} {}", what, p.key), p.pos};
    if (auto e = type_error(p.value, k->want, p.pos)) return e;
  }
  return std::nullopt;
}

constexpr Key kArgKeys[] = {
    {"help", Want::String},      {"long_help", Want::String}, {"help_long", Want::String}, {"help_md", Want::String},
    {"required", Want::Bool},    {"var", Want::Bool},         {"hide", Want::Bool},        {"var_min", Want::Usize},
    {"var_max", Want::Usize},    {"default", Want::String},   {"env", Want::String},       {"double_dash", Want::String},
    {"delimiter", Want::String}};

constexpr Key kFlagKeys[] = {
    {"help", Want::String},       {"long_help", Want::String},     {"help_long", Want::String},
    {"help_md", Want::String},    {"required", Want::Bool},        {"var", Want::Bool},
    {"hide", Want::Bool},         {"deprecated", Want::StringOrBool}, {"global", Want::Bool},
    {"count", Want::Bool},        {"default", Want::StringOrBool}, {"negate", Want::String},
    {"env", Want::String},        {"env_fallback", Want::String},  {"deprecated_env", Want::String},
    {"help_heading", Want::String}, {"display_order", Want::Usize}, {"delimiter", Want::String},
    {"effect", Want::String},     {"var_min", Want::Usize},        {"var_max", Want::Usize}};

constexpr Key kCmdKeys[] = {
    {"help", Want::String},          {"long_help", Want::String},       {"help_long", Want::String},
    {"help_md", Want::String},       {"before_help", Want::String},     {"after_help", Want::String},
    {"before_long_help", Want::String}, {"after_long_help", Want::String}, {"hide", Want::Bool},
    {"subcommand_required", Want::Bool}, {"deprecated", Want::StringOrBool}};

std::optional<UsageSpecError> check_choices(const KdlNode& n) {
  for (const KdlValue& v : n.args)
    if (auto e = type_error(v, Want::String, v.pos)) return e;
  static constexpr Key kChoicesKeys[] = {{"env", Want::String}};
  if (auto e = props(n, kChoicesKeys, "choices key")) return e;
  if (n.args.empty() && n.props.empty()) return UsageSpecError{"choices must have at least 1 argument or env property", n.pos};
  return std::nullopt;
}

std::optional<UsageSpecError> check_arg(const KdlNode& n) {
  if (auto e = first_arg(n, Want::String)) return e;
  if (auto e = props(n, kArgKeys, "arg key")) return e;
  bool delimiter = false, var = false;
  for (const KdlProp& p : n.props) {
    delimiter = delimiter || p.key == "delimiter";
    if (p.key == "var") var = p.value.text == "#true";
  }
  if (n.args[0].text.ends_with("...") || n.args[0].text.ends_with("…")) var = true;
  for (const KdlNode& c : n.children) {
    if (c.name == "choices") {
      if (auto e = check_choices(c)) return e;
    } else if (!in(c.name, {"help", "long_help", "help_long", "help_md", "default", "env", "required", "var", "hide",
                            "var_min", "var_max", "double_dash"})) {
      return UsageSpecError{fmt::format("unsupported arg child {}", c.name), c.pos};
    }
  }
  for (const KdlProp& p : n.props)
    if (p.key == "double_dash" && !in(p.value.text, {"required", "optional", "automatic", "preserve"}))
      return UsageSpecError{fmt::format("invalid enum value `{}`", p.value.text), p.pos};
  if (delimiter && !var)
    return UsageSpecError{"an argument with a delimiter holds one value; add `var=#true` for the values it splits into", n.pos};
  return std::nullopt;
}

// `-f --force <value>`, `name: --x`, `…`; returns whether the flag takes a value.
std::optional<UsageSpecError> flag_name(const KdlNode& n, bool& takes_value) {
  std::string name = n.args[0].text;
  for (std::size_t p; (p = name.find("...")) != std::string::npos;) name.replace(p, 3, " … ");
  for (std::size_t p = 0; (p = name.find("…", p)) != std::string::npos; p += 5) name.replace(p, 3, " … ");
  std::istringstream words(name);
  for (std::string w; words >> w;) {
    if (w.ends_with(":") || w == "…") continue;
    if (w.starts_with("--")) continue;
    if (w.starts_with("-")) {
      if (w.size() != 2)
        return UsageSpecError{fmt::format("Invalid flag `{}`: short flags must be a single character (use -- for long flags)", w), n.pos};
      continue;
    }
    if ((w.starts_with("<") && w.ends_with(">")) || (w.starts_with("[") && w.ends_with("]"))) {
      takes_value = true;
      continue;
    }
    return UsageSpecError{fmt::format("Invalid flag `{}`: unexpected token (expected -x, --long, <arg>, or [arg])", w), n.pos};
  }
  return std::nullopt;
}

std::optional<UsageSpecError> check_flag(const KdlNode& n) {
  if (auto e = first_arg(n, Want::String)) return e;
  bool takes_value = false;
  if (auto e = flag_name(n, takes_value)) return e;
  if (auto e = props(n, kFlagKeys, "flag key")) return e;
  for (const KdlNode& c : n.children) {
    if (c.name == "arg") {
      if (auto e = check_arg(c)) return e;
      takes_value = true;
    } else if (c.name == "choices") {
      if (!takes_value) return UsageSpecError{"flag must have value to have choices", c.pos};
      if (auto e = check_choices(c)) return e;
    } else if (!in(c.name, {"help", "long_help", "help_long", "help_md", "required", "var", "hide", "deprecated", "global",
                            "count", "default", "env", "negate", "required_if", "required_unless", "overrides"})) {
      return UsageSpecError{fmt::format("unsupported flag child {}", c.name), c.pos};
    }
  }
  return std::nullopt;
}

std::optional<UsageSpecError> check_nodes(const std::vector<KdlNode>& nodes, bool top, bool from_file);

std::optional<UsageSpecError> check_cmd(const KdlNode& n, bool from_file) {
  if (n.args.size() != 1) return UsageSpecError{fmt::format("expected 1..=1 arguments, got {}", n.args.size()), n.pos};
  if (auto e = type_error(n.args[0], Want::String, n.args[0].pos)) return e;
  if (auto e = props(n, kCmdKeys, "cmd prop")) return e;
  return check_nodes(n.children, false, from_file);
}

std::optional<UsageSpecError> check_complete(const KdlNode& n) {
  if (auto e = first_arg(n, Want::String)) return e;
  static constexpr Key kKeys[] = {{"run", Want::String}, {"descriptions", Want::Bool}, {"type", Want::String}};
  return props(n, kKeys, "complete key");
}

std::optional<UsageSpecError> check_mount(const KdlNode& n) {
  static constexpr Key kKeys[] = {{"run", Want::String}};
  if (auto e = props(n, kKeys, "mount key")) return e;
  if (n.props.empty()) return UsageSpecError{"mount run is required", n.pos};
  return std::nullopt;
}

std::optional<UsageSpecError> check_config(const KdlNode& n) {
  for (const KdlNode& c : n.children)
    if (c.name != "prop" && c.name != "file") return UsageSpecError{fmt::format("unsupported config key {}", c.name), c.pos};
  return std::nullopt;
}

std::optional<UsageSpecError> check_example(const KdlNode& n) {
  if (n.args.size() != 1) return UsageSpecError{fmt::format("expected 1..=1 arguments, got {}", n.args.size()), n.pos};
  if (auto e = type_error(n.args[0], Want::String, n.args[0].pos)) return e;
  static constexpr Key kKeys[] = {{"header", Want::String}, {"help", Want::String}, {"lang", Want::String}};
  return props(n, kKeys, "example key");
}

// Nodes whose one argument is a string, a bool or a number, at the top level and inside `cmd`.
constexpr std::string_view kTopStrings[] = {"name", "bin", "version", "author", "source_code_link_template", "repository", "about",
                               "long_about", "about_long", "about_md", "license", "before_help", "after_help",
                               "before_long_help", "before_help_long", "after_long_help", "after_help_long", "usage",
                               "min_usage_version", "default_subcommand", "unknown_flags", "subcommand_help_heading",
                               "subcommand_value_name"};
constexpr std::string_view kCmdStrings[] = {"help", "long_help", "help_long", "help_md", "before_help", "after_help",
                               "before_long_help", "after_long_help", "alias", "deprecated"};
constexpr std::string_view kBools[] = {"disable_help", "multicall", "external_subcommand", "arg_required_else_help",
                          "dont_delimit_trailing_values", "args_override_self", "subcommand_negates_reqs",
                          "args_conflicts_with_subcommands", "subcommand_precedence_over_arg", "allow_missing_positional",
                          "subcommand_required", "next_line_help", "flatten_help"};
constexpr std::string_view kCmdBools[] = {"hide", "subcommand_required", "external_subcommand", "arg_required_else_help"};
constexpr std::string_view kUsizes[] = {"term_width", "max_term_width"};

std::optional<UsageSpecError> check_nodes(const std::vector<KdlNode>& nodes, bool top, bool from_file) {
  for (const KdlNode& n : nodes) {
    std::optional<UsageSpecError> e;
    if (n.name == "arg") e = check_arg(n);
    else if (n.name == "flag") e = check_flag(n);
    else if (n.name == "cmd") e = check_cmd(n, from_file);
    else if (n.name == "complete") e = check_complete(n);
    else if (n.name == "example") e = check_example(n);
    else if (n.name == "mount") e = check_mount(n);
    else if (n.name == "group") continue;  // its rules are not known here
    else if (top && n.name == "config") e = check_config(n);
    else if (top && n.name == "unknown_flags") {
      e = first_arg(n, Want::String);
      if (!e && !in(n.args[0].text, {"value", "error"}))
        e = UsageSpecError{fmt::format("unsupported unknown_flags {}, expected one of: value, error", n.args[0].text), n.pos};
    } else if (top && in(n.name, kTopStrings)) e = first_arg(n, Want::String);
    else if (top && in(n.name, kUsizes)) e = first_arg(n, Want::Usize);
    else if (top && in(n.name, kBools)) e = first_arg(n, Want::Bool);
    else if (!top && in(n.name, kCmdStrings)) e = first_arg(n, Want::Any);
    else if (!top && in(n.name, kCmdBools)) e = first_arg(n, Want::Bool);
    else if (top && n.name == "include") {
      auto file = std::find_if(n.props.begin(), n.props.end(), [](const KdlProp& p) { return p.key == "file"; });
      if (file == n.props.end()) e = UsageSpecError{"missing file", n.pos};
      else if (!from_file && !file->value.text.starts_with("/")) e = UsageSpecError{"relative includes require a source file", n.pos};
    } else {
      e = UsageSpecError{fmt::format("unsupported {} key {}", top ? "spec" : "cmd", n.name), n.pos};
    }
    if (e) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<UsageSpecError> check_usage_spec(std::string_view spec, bool from_file) {
  KdlDocument doc = read_kdl(spec);
  if (doc.error) return UsageSpecError{doc.error->message, doc.error->pos};
  return check_nodes(doc.nodes, true, from_file);
}

}  // namespace mise_audit
