// rules/*.md and rules/*.toml, compiled into the binary (see scripts/embed_docs.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace mise_audit {

struct EmbeddedDoc {
  std::string_view name;  // file name, e.g. "missing-dependency.md"
  std::string_view text;
};

const std::vector<EmbeddedDoc>& embedded_docs();

}  // namespace mise_audit
