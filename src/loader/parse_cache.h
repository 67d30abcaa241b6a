// Config files read and parsed once per run, however many project contexts see them: the root
// config of a repository is a parent of every nested project (1,000 projects, one parse).
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

#include "core/disk.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

class ParseCache {
 public:
  struct Entry {
    ReadStatus status = ReadStatus::Ok;
    std::string why;    // when status != Ok
    std::string text;
    TomlParseResult parsed;  // spans carry kNoFile until a project stamps its own FileId
  };
  // Reads (through `disk`, the run's one door) and parses `path` (absolute, normalised) on first use.
  const Entry& get(const FileSystem& disk, const std::filesystem::path& path);

 private:
  std::unordered_map<std::string, Entry> entries_;
};

// Sets the file of every span in `v` (a cached tree copied into one project).
void stamp_file(TomlValue& v, FileId file);

}  // namespace mise_audit
