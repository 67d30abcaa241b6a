#include "mise_audit/source.h"

namespace mise_audit {

FileId SourceManager::add(std::string path, std::string absolute, std::string text) {
  files_.push_back(SourceFile{std::move(path), std::move(absolute), std::move(text), {}, {}, {}});
  return static_cast<FileId>(files_.size() - 1);
}

std::string_view SourceManager::line_text(FileId id, std::uint32_t line) const {
  if (id >= files_.size() || line == 0) return {};
  SourceFile& f = files_[id];
  if (f.line_starts.empty()) {
    f.line_starts.push_back(0);
    for (std::size_t i = 0; i < f.text.size(); ++i)
      if (f.text[i] == '\n') f.line_starts.push_back(static_cast<std::uint32_t>(i + 1));
  }
  if (line > f.line_starts.size()) return {};
  std::size_t begin = f.line_starts[line - 1];
  std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  if (begin > f.text.size()) return {};
  std::string_view s(f.text.data() + begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

FileId SourceManager::find(std::string_view path) const {
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i].path == path || files_[i].absolute == path) return static_cast<FileId>(i);
  return kNoFile;
}

}  // namespace mise_audit
