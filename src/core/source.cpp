#include "mise_audit/source.h"

#include <algorithm>

namespace mise_audit {

FileId SourceManager::add(std::string path, std::string absolute, std::string text) {
  files_.push_back(SourceFile{std::move(path), std::move(absolute), std::move(text), {}, {}, {}, {}});
  return static_cast<FileId>(files_.size() - 1);
}

// Line starts and the lines holding a backslash, computed on first use.
static void index_lines(SourceFile& f) {
  if (!f.line_starts.empty()) return;
  f.line_starts.push_back(0);
  for (std::size_t i = 0; i < f.text.size(); ++i) {
    if (f.text[i] == '\n') f.line_starts.push_back(static_cast<std::uint32_t>(i + 1));
    else if (f.text[i] == '\\' && (f.backslash_lines.empty() || f.backslash_lines.back() != f.line_starts.size()))
      f.backslash_lines.push_back(static_cast<std::uint32_t>(f.line_starts.size()));
  }
}

std::uint32_t SourceManager::next_backslash_line(FileId id, std::uint32_t from) const {
  if (id >= files_.size()) return 0;
  SourceFile& f = files_[id];
  index_lines(f);
  auto it = std::lower_bound(f.backslash_lines.begin(), f.backslash_lines.end(), from);
  return it == f.backslash_lines.end() ? 0 : *it;
}

std::string_view SourceManager::line_text(FileId id, std::uint32_t line) const {
  if (id >= files_.size() || line == 0) return {};
  SourceFile& f = files_[id];
  index_lines(f);
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
