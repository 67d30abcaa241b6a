// The role book compiled at build time (src/release/role_book_codegen.cpp) must be exactly what
// parsing rules/roles.toml gives, field by field; otherwise the binary and the docs disagree.
#include <catch2/catch.hpp>

#include "release/role_book.h"

using namespace mise_audit;

TEST_CASE("role book: the precompiled book is the parsed rules/roles.toml") {
  RoleBookFiller fill = precompiled_role_book();
  REQUIRE(fill != nullptr);  // the test binary links the generated code
  RoleBook precompiled;
  fill(precompiled);
  RoleBook parsed = parse_builtin_role_book();
  REQUIRE(parsed.commands.size() > 50);
  CHECK(precompiled.commands.size() == parsed.commands.size());
  for (std::size_t i = 0; i < std::min(precompiled.commands.size(), parsed.commands.size()); ++i) {
    INFO("command " << i << ": " << (parsed.commands[i].match.empty() ? "" : parsed.commands[i].match[0]));
    CHECK(precompiled.commands[i] == parsed.commands[i]);
  }
  CHECK(precompiled.wrappers == parsed.wrappers);
  CHECK(precompiled.names == parsed.names);
  CHECK(precompiled.requires_ == parsed.requires_);
  CHECK(precompiled.secret_prefixes == parsed.secret_prefixes);
  CHECK(precompiled == parsed);  // every field, including those not listed above
}

TEST_CASE("role book: user patterns extend a copy of the built-in book") {
  const RoleBook& builtin = builtin_role_book();
  std::string error;
  std::optional<RoleBook> extended =
      extend_role_book(builtin, "[[command]]\nmatch = \"./scripts/ship.sh\"\nroles = [\"publish\"]\n", error);
  REQUIRE(extended);
  CHECK(error.empty());
  CHECK(extended->commands.size() == builtin.commands.size() + 1);
  CHECK(extended->commands.back().match == std::vector<std::string>{"./scripts/ship.sh"});
  CHECK(extended->commands_by_path.size() == builtin.commands_by_path.size() + 1);  // indexed
  CHECK(builtin_role_book().commands.size() == builtin.commands.size());           // untouched
  CHECK_FALSE(extend_role_book(builtin, "[[command]]\nmatch = \"x\"\nroles = [\"launch\"]\n", error));
  CHECK_FALSE(error.empty());
}
