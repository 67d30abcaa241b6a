#include "loader/package_json.h"

namespace mise_audit {

std::optional<nlohmann::json> read_json_object(const FileSystem& disk, const std::filesystem::path& file,
                                               const ReadFence& fence, std::string& text) {
  std::string why;
  if (disk.read_regular_file(file, text, why, fence) != ReadStatus::Ok) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

std::optional<std::string> package_script(const nlohmann::json& manifest, std::string_view name) {
  auto scripts = manifest.find("scripts");
  if (scripts == manifest.end() || !scripts->is_object()) return std::nullopt;
  auto s = scripts->find(std::string(name));
  if (s == scripts->end() || !s->is_string()) return std::nullopt;
  return s->get<std::string>();
}

bool package_depends_on(const nlohmann::json& manifest, std::string_view package) {
  for (const char* key : {"dependencies", "devDependencies", "optionalDependencies", "peerDependencies"}) {
    auto it = manifest.find(key);
    if (it != manifest.end() && it->is_object() && it->contains(std::string(package))) return true;
  }
  return false;
}

std::uint32_t json_key_line(std::string_view text, std::string_view name) {
  std::string key = "\"" + std::string(name) + "\"";
  for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    std::size_t after = text.find_first_not_of(" \t\r\n", at + key.size());
    if (after == std::string_view::npos || text[after] != ':') continue;
    std::uint32_t line = 1;
    for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n' ? 1 : 0;
    return line;
  }
  return 0;
}

}  // namespace mise_audit
