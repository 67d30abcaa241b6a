#include "loader/parse_cache.h"

namespace mise_audit {

const ParseCache::Entry& ParseCache::get(const FileSystem& disk, const std::filesystem::path& path) {
  auto [it, inserted] = entries_.try_emplace(path.string());
  Entry& e = it->second;
  if (!inserted) return e;
  e.status = disk.read_regular_file(path, e.text, e.why);
  if (e.status == ReadStatus::Ok) e.parsed = parse_toml(e.text, kNoFile);
  return e;
}

void stamp_file(TomlValue& v, FileId file) {
  v.span.file = file;
  for (TomlValue& item : v.items) stamp_file(item, file);
  for (TomlEntry& e : v.entries) {
    e.key_span.file = file;
    stamp_file(e.value, file);
  }
}

}  // namespace mise_audit
