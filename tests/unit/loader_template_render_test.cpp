// The deterministic subset of load-time Tera rendering (model §2.4): literal [vars] lookups and
// config_root; everything else must stay unrendered (nullopt), never be guessed.
#include <catch2/catch.hpp>

#include "loader/template_render.h"

using namespace mise_audit;

TEST_CASE("template render: vars lookups and config_root") {
  TemplateVars vars = {{"sub", "packages/api"}, {"n", "7"}, {"tmpl", std::nullopt}};
  TemplateContext ctx{"/repo", &vars};
  CHECK(render_simple_template("{{vars.sub}}", ctx) == "packages/api");
  CHECK(render_simple_template("{{ vars.sub }}/x", ctx) == "packages/api/x");
  CHECK(render_simple_template("{{ vars['sub'] }}", ctx) == "packages/api");
  CHECK(render_simple_template("{{ vars[\"n\"] }}-{{vars.n}}", ctx) == "7-7");
  CHECK(render_simple_template("{{config_root}}/src/**", ctx) == "/repo/src/**");
  CHECK(render_simple_template("{{ config_root }}", ctx) == "/repo");
  CHECK(render_simple_template("no template", ctx) == "no template");
}

TEST_CASE("template render: anything else stays unresolved") {
  TemplateVars vars = {{"sub", "packages/api"}, {"tmpl", std::nullopt}};
  TemplateContext ctx{"/repo", &vars};
  CHECK_FALSE(render_simple_template("{{ vars.missing }}", ctx));
  CHECK_FALSE(render_simple_template("{{ vars.tmpl }}", ctx));  // its value is itself a template
  CHECK_FALSE(render_simple_template("{{ vars.sub | upper }}", ctx));
  CHECK_FALSE(render_simple_template("{{ env.HOME }}", ctx));
  CHECK_FALSE(render_simple_template("{{ exec(command='date') }}", ctx));
  CHECK_FALSE(render_simple_template("{% if x %}a{% endif %}", ctx));
  CHECK_FALSE(render_simple_template("{# comment #}", ctx));
  CHECK_FALSE(render_simple_template("{{- vars.sub -}}", ctx));
  CHECK_FALSE(render_simple_template("{{ vars.sub", ctx));
  CHECK_FALSE(render_simple_template("{{ vars.sub }}", TemplateContext{"/repo", nullptr}));
}
