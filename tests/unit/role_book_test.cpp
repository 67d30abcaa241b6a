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

TEST_CASE("role book: user patterns still add to the built-in book") {
  std::size_t builtin = role_book().commands.size();
  REQUIRE(add_role_patterns("[[command]]\nmatch = \"./scripts/ship.sh\"\nroles = [\"publish\"]\n").empty());
  CHECK(role_book().commands.size() == builtin + 1);
  CHECK(role_book().commands.back().match == std::vector<std::string>{"./scripts/ship.sh"});
  clear_role_patterns();
  CHECK(role_book().commands.size() == builtin);
}
