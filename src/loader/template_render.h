// Renders the deterministic subset of mise's load-time Tera templates (CONTRIBUTING §2.4): literal
// `{{ config_root }}` and `{{ vars.NAME }}` lookups of literal [vars] values. Anything else
// (filters, functions, env, usage, control blocks) is left as written and stays "templated".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mise_audit {

// Variable name -> literal value; nullopt when the variable exists but its value is itself a
// template or not a plain scalar (a lookup of it cannot be rendered).
using TemplateVars = std::map<std::string, std::optional<std::string>>;

struct TemplateContext {
  std::string config_root;
  const TemplateVars* vars = nullptr;
};

// The rendered string, or nullopt when any part of it cannot be rendered deterministically.
std::optional<std::string> render_simple_template(std::string_view text, const TemplateContext& ctx);

// A name a `{{ … }}` expression reads that no template context defines (`nope`, `vars.missing`
// when `vars` is given), which makes mise's rendering fail; nullopt when every name is known or
// the expression has a default.
std::optional<std::string> undefined_template_name(std::string_view text, const TemplateVars* vars);

}  // namespace mise_audit
