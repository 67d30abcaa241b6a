// Walking a text line by line, as the script readers do.
#pragma once

#include <cstdint>
#include <string_view>

namespace mise_audit {

// Calls `f(line, line_no)` for each line of `text` (1-based, without its "\n" or a trailing
// "\r") until `f` returns false.
template <class F>
void for_each_line(std::string_view text, F&& f) {
  std::uint32_t line_no = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!f(line, ++line_no)) return;
  }
}

}  // namespace mise_audit
