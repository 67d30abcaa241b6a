#include "loader/tera_blocks.h"

#include <cctype>

namespace mise_audit {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The text between `(` at `open` and its matching `)`, quotes respected.
std::string_view call_arguments(std::string_view block, std::size_t open) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = open; i < block.size(); ++i) {
    char c = block[i];
    if (quote) { if (c == quote) quote = 0; continue; }
    if (c == '\'' || c == '"') quote = c;
    else if (c == '(') ++depth;
    else if (c == ')' && --depth == 0) return block.substr(open + 1, i - open - 1);
  }
  return block.substr(open + 1);
}

}  // namespace

std::vector<TeraCall> tera_calls(std::string_view block, std::string_view func) {
  std::vector<TeraCall> out;
  for (std::size_t p = block.find(func); p != std::string_view::npos; p = block.find(func, p + 1)) {
    if (p > 0 && (is_name_char(block[p - 1]) || block[p - 1] == '.')) continue;
    std::size_t j = p + func.size();
    while (j < block.size() && block[j] == ' ') ++j;
    if (j < block.size() && block[j] == '(') out.push_back({p, j, call_arguments(block, j)});
  }
  return out;
}

}  // namespace mise_audit
