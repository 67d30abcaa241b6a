// mise-audit(1), generated from the command-line help and the rule docs so it cannot drift.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace mise_audit {

std::string render_man_page(const CLI::App& app);

}  // namespace mise_audit
