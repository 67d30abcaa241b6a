#include <cstdlib>
#include <unistd.h>

#include "mise_audit/report.h"

namespace mise_audit {

bool decide_color(ColorMode mode, int fd) {
  if (mode == ColorMode::Always) return true;
  if (mode == ColorMode::Never) return false;
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0';
  };
  if (set("NO_COLOR")) return false;
  if (const char* f = std::getenv("FORCE_COLOR"); f && *f && std::string_view(f) != "0") return true;
  if (const char* f = std::getenv("CLICOLOR_FORCE"); f && *f && std::string_view(f) != "0") return true;
  return ::isatty(fd) != 0;
}

}  // namespace mise_audit
