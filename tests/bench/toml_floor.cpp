// The floor for the loader: reads each FILE and toml::parse()s it with toml++, nothing else.
// scripts/bench compares `mise-audit check` against this on the same file.
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_UNRELEASED_FEATURES 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <cstdio>
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
  std::size_t nodes = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    toml::parse_result parsed = toml::parse(text, std::string_view{argv[i]});
    if (!parsed) {
      std::fprintf(stderr, "%s: %s\n", argv[i], std::string(parsed.error().description()).c_str());
      return 1;
    }
    nodes += parsed.table().size();
  }
  std::printf("%zu top-level keys\n", nodes);
  return 0;
}
