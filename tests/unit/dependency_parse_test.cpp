#include <catch2/catch.hpp>

#include "shell/shell_words.h"
#include "mise_audit/task_model.h"

using namespace mise_audit;

TEST_CASE("a dependency string is one task with shell-split arguments") {
  DependencyRef d = parse_dependency_string("lint test", {});
  CHECK(d.task == "lint");
  CHECK(d.args == std::vector<std::string>{"test"});
  CHECK(d.env.empty());
}

TEST_CASE("leading KEY=VAL words become env only when a task follows") {
  DependencyRef d = parse_dependency_string("FOO=1 BAR=x build --release 'a b'", {});
  CHECK(d.task == "build");
  CHECK(d.args == std::vector<std::string>{"--release", "a b"});
  REQUIRE(d.env.size() == 2);
  CHECK(d.env[0] == std::make_pair(std::string("FOO"), std::string("1")));
  CHECK(parse_dependency_string("a=b", {}).task == "a=b");
}

TEST_CASE("unbalanced quotes fall back to whitespace splitting") {
  CHECK(split_shell_words("a 'b c") == std::vector<std::string>{"a", "'b", "c"});
  CHECK(split_shell_words("a \"b \\\"c\\\"\"") == std::vector<std::string>{"a", "b \"c\""});
}

TEST_CASE("Tera markers are detected") {
  CHECK(is_templated("{{ vars.x }}"));
  CHECK(is_templated("{% if x %}"));
  CHECK_FALSE(is_templated("plain { braces }"));
}
