#include "loader/template_render.h"

#include <algorithm>
#include <cctype>

#include "loader/tera_blocks.h"

namespace mise_audit {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// `vars.NAME`, `vars["NAME"]` or `vars['NAME']` -> NAME.
std::optional<std::string> var_name(std::string_view expr) {
  if (expr.substr(0, 5) == "vars.") {
    std::string_view name = expr.substr(5);
    if (is_identifier(name)) return std::string(name);
    return std::nullopt;
  }
  if (expr.substr(0, 5) == "vars[" && expr.size() >= 9 && expr.back() == ']') {
    std::string_view inner = trim(expr.substr(5, expr.size() - 6));
    if (inner.size() >= 2 && (inner.front() == '"' || inner.front() == '\'') && inner.back() == inner.front()) {
      std::string_view name = inner.substr(1, inner.size() - 2);
      if (name.find_first_of("\"'\\") == std::string_view::npos) return std::string(name);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> render_simple_template(std::string_view text, const TemplateContext& ctx) {
  if (text.find("{%") != std::string_view::npos || text.find("{#") != std::string_view::npos) return std::nullopt;
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view expr = text.substr(open + 2, close - open - 2);
    // Whitespace control (`{{-` / `-}}`) trims surrounding text: not worth modelling.
    if (!expr.empty() && (expr.front() == '-' || expr.back() == '-')) return std::nullopt;
    expr = trim(expr);
    if (expr == "config_root") {
      if (ctx.config_root.empty()) return std::nullopt;
      out += ctx.config_root;
    } else if (auto name = var_name(expr)) {
      if (!ctx.vars) return std::nullopt;
      auto it = ctx.vars->find(*name);
      if (it == ctx.vars->end() || !it->second) return std::nullopt;
      out += *it->second;
    } else {
      return std::nullopt;
    }
    pos = close + 2;
  }
  return out;
}

std::optional<std::string> undefined_template_name(std::string_view text, const TemplateVars* vars) {
  // What mise's load-time context holds (the names `tasks ls` renders with).
  static const std::string_view kKnown[] = {"config_root", "cwd", "vars", "env", "mise_bin", "mise_pid",
                                            "mise_env", "xdg_cache_home", "xdg_config_home", "xdg_data_home",
                                            "xdg_state_home", "usage", "task", "true", "false", "none"};
  std::optional<std::string> found;
  for_each_tera_block(text, [&](std::string_view block, std::size_t offset) {
    if (offset < 2 || text[offset - 1] != '{') return true;  // `{% … %}`: statements are not judged
    std::string_view expr = trim(block);
    while (!expr.empty() && expr.front() == '-') expr = trim(expr.substr(1));
    if (expr.find("default") != std::string_view::npos) return true;
    std::size_t end = 0;
    while (end < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[end])) || expr[end] == '_')) ++end;
    std::string_view root = expr.substr(0, end);
    if (root.empty() || std::isdigit(static_cast<unsigned char>(root[0]))) return true;
    std::string_view rest = trim(expr.substr(end));
    if (!rest.empty() && rest.front() == '(') return true;  // a function
    if (std::find(std::begin(kKnown), std::end(kKnown), root) == std::end(kKnown)) {
      found = std::string(root);
      return false;
    }
    if (root == "vars" && vars) {
      std::string_view path = expr.substr(0, expr.find_first_of(" |}"));
      if (auto name = var_name(path); name && !vars->count(*name)) {
        found = "vars." + *name;
        return false;
      }
    }
    return true;
  });
  return found;
}

}  // namespace mise_audit
