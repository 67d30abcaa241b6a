#include "loader/usage_comments.h"

namespace mise_audit {

std::size_t usage_prefix_length(std::string_view line) {
  std::size_t i;
  if (line.starts_with("#")) i = 1;
  else if (line.starts_with("//") || line.starts_with("::")) i = 2;
  else return 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  std::string_view rest = line.substr(i);
  if (rest.starts_with("USAGE")) return i + 5;
  if (rest.starts_with("[USAGE]")) return i + 7;
  return 0;
}

}  // namespace mise_audit
