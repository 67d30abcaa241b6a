// Build-time tool: parses rules/roles.toml with the product's own parser and writes C++ that
// fills a RoleBook with the same contents, so the binary does not parse TOML for its built-in
// knowledge at every start. Usage: role_book_codegen ROLES_TOML OUTPUT_CPP
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/disk.h"
#include "release/role_book.h"

namespace {

using mise_audit::RoleBook;

// A C++ string literal; octal escapes (always three digits) so no following character can be
// read as part of the escape.
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c >= 0x20 && c < 0x7f && c != '?') out += static_cast<char>(c);  // '?' avoids trigraphs
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

std::string strings(const std::vector<std::string>& v) {
  std::string out = "{";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + literal(v[i]);
  return out + "}";
}

std::string string_lists(const std::vector<std::vector<std::string>>& v) {
  std::string out = "{";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + strings(v[i]);
  return out + "}";
}

void write_book(std::ostream& o, const RoleBook& b) {
  o << "  b.wrappers = " << string_lists(b.wrappers) << ";\n";
  o << "  b.wrapper_value_flags = " << strings(b.wrapper_value_flags) << ";\n";
  o << "  b.bin_runners = " << strings(b.bin_runners) << ";\n";
  o << "  b.commands.resize(" << b.commands.size() << ");\n";
  for (std::size_t i = 0; i < b.commands.size(); ++i) {
    const mise_audit::CommandPattern& c = b.commands[i];
    o << "  {\n    CommandPattern& p = b.commands[" << i << "];\n";
    o << "    p.match = " << strings(c.match) << ";\n";
    o << "    p.roles = " << c.roles << "u;\n";
    if (!c.produces.empty()) o << "    p.produces = " << strings(c.produces) << ";\n";
    if (!c.consumes.empty()) o << "    p.consumes = " << strings(c.consumes) << ";\n";
    if (!c.writes.empty()) o << "    p.writes = " << literal(c.writes) << ";\n";
    if (!c.out_flags.empty()) o << "    p.out_flags = " << strings(c.out_flags) << ";\n";
    if (!c.reads.empty()) o << "    p.reads = " << literal(c.reads) << ";\n";
    if (c.path_args) o << "    p.path_args = true;\n";
    if (c.skip_positionals) o << "    p.skip_positionals = " << c.skip_positionals << ";\n";
    if (c.source_positional) o << "    p.source_positional = true;\n";
    if (!c.value_flags.empty()) o << "    p.value_flags = " << strings(c.value_flags) << ";\n";
    if (c.self_building) o << "    p.self_building = true;\n";
    if (!c.target.empty()) o << "    p.target = " << literal(c.target) << ";\n";
    if (!c.unless_flags.empty()) o << "    p.unless_flags = " << strings(c.unless_flags) << ";\n";
    if (!c.only_with_flags.empty()) o << "    p.only_with_flags = " << strings(c.only_with_flags) << ";\n";
    for (const auto& [flag, roles] : c.flag_roles)
      o << "    p.flag_roles.emplace_back(" << literal(flag) << ", " << roles << "u);\n";
    if (c.remote_roles) o << "    p.remote_roles = " << c.remote_roles << "u;\n";
    o << "  }\n";
  }
  for (const mise_audit::NamePattern& n : b.names)
    o << "  b.names.push_back({" << literal(n.glob) << ", " << n.roles << "u});\n";
  for (const mise_audit::ToolRequirement& t : b.requires_)
    o << "  b.requires_.push_back({" << strings(t.match) << ", " << literal(t.flag) << ", " << strings(t.tools)
      << ", " << string_lists(t.wrapped_by) << ", " << strings(t.wrapper_tools) << ", " << literal(t.why) << "});\n";
  o << "  b.guard_exits = " << strings(b.guard_exits) << ";\n";
  o << "  b.artifact_hints = " << strings(b.artifact_hints) << ";\n";
  o << "  b.tag_checks = " << strings(b.tag_checks) << ";\n";
  o << "  b.preflight_checks = " << strings(b.preflight_checks) << ";\n";
  o << "  b.preflight_task_names = " << strings(b.preflight_task_names) << ";\n";
  o << "  b.preflight_not_if = " << strings(b.preflight_not_if) << ";\n";
  o << "  b.local_hosts = " << strings(b.local_hosts) << ";\n";
  o << "  b.deploy_targets = " << strings(b.deploy_targets) << ";\n";
  for (const mise_audit::SourceTool& t : b.source_tools)
    o << "  b.source_tools.push_back({" << strings(t.words) << ", " << literal(t.files) << ", "
      << (t.rewrites ? "true" : "false") << "});\n";
  o << "  b.release_entry_names = " << strings(b.release_entry_names) << ";\n";
  for (const mise_audit::SecretPrefix& s : b.secret_prefixes)
    o << "  b.secret_prefixes.push_back({" << literal(s.prefix) << ", " << s.min << "});\n";
  o << "  b.secret_keys = " << strings(b.secret_keys) << ";\n";
  o << "  b.secret_placeholders = " << strings(b.secret_placeholders) << ";\n";
  o << "  b.secret_references = " << strings(b.secret_references) << ";\n";
  o << "  b.secret_min_entropy = " << std::hexfloat << b.secret_min_entropy << std::defaultfloat << ";\n";  // exact
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: role_book_codegen ROLES_TOML OUTPUT_CPP\n";
    return 2;
  }
  std::string text, why;
  if (mise_audit::real_file_system().read_regular_file(argv[1], text, why) != mise_audit::ReadStatus::Ok) {
    std::cerr << argv[1] << ": cannot read: " << why << "\n";
    return 2;
  }
  RoleBook book;
  if (std::string error = mise_audit::parse_role_book(text, book); !error.empty()) {
    std::cerr << argv[1] << ": " << error << "\n";
    return 1;
  }
  std::ostringstream o;
  o << "// Generated from rules/roles.toml by src/release/role_book_codegen.cpp; do not edit.\n"
    << "#include \"release/role_book.h\"\n\n"
    << "namespace mise_audit {\nnamespace {\n\n"
    << "void fill_builtin_role_book(RoleBook& b) {\n";
  write_book(o, book);
  o << "}\n\n"
    << "[[maybe_unused]] const bool registered = register_precompiled_role_book(&fill_builtin_role_book);\n\n"
    << "}  // namespace\n}  // namespace mise_audit\n";
  std::ofstream out(argv[2], std::ios::binary);
  out << o.str();
  return out ? 0 : 2;
}
