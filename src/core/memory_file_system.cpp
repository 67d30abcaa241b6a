#include "core/memory_file_system.h"

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

std::string normal(const fs::path& p) {
  std::string s = fs::path(p).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

MemoryFileSystem::Node& MemoryFileSystem::put(const fs::path& p, FileKind kind) {
  std::string key = normal(p);
  fs::path parent = fs::path(key).parent_path();
  if (!parent.empty() && parent != fs::path(key)) add_directory(parent);
  Node& n = nodes_[key];
  n.kind = kind;
  if (n.inode == 0) n.inode = next_inode_++;
  return n;
}

void MemoryFileSystem::add_file(const fs::path& p, std::string text, bool executable) {
  Node& n = put(p, FileKind::Regular);
  n.text = std::move(text);
  n.executable = executable;
}

void MemoryFileSystem::add_directory(const fs::path& p) {
  std::string key = normal(p);
  if (auto it = nodes_.find(key); it != nodes_.end() && it->second.kind == FileKind::Directory) return;
  Node& n = put(p, FileKind::Directory);
  n.executable = true;
}

void MemoryFileSystem::add_symlink(const fs::path& p, const fs::path& target) { put(p, FileKind::Symlink).target = target; }

void MemoryFileSystem::add_fifo(const fs::path& p) { put(p, FileKind::Fifo); }

void MemoryFileSystem::deny_read(const fs::path& p) {
  if (auto it = nodes_.find(normal(p)); it != nodes_.end()) it->second.readable = false;
}

const MemoryFileSystem::Node* MemoryFileSystem::find(const std::string& path) const {
  auto it = nodes_.find(path);
  return it == nodes_.end() ? nullptr : &it->second;
}

std::optional<std::string> MemoryFileSystem::resolve(const fs::path& p, bool follow_last) const {
  fs::path pending = fs::path(normal(p));
  for (int hops = 0; hops < 40; ++hops) {
    fs::path done = pending.root_path();
    bool again = false;
    const fs::path relative = pending.relative_path();
    std::vector<fs::path> parts(relative.begin(), relative.end());
    for (std::size_t i = 0; i < parts.size(); ++i) {
      fs::path here = done / parts[i];
      const Node* n = find(normal(here));
      bool last = i + 1 == parts.size();
      if (n && n->kind == FileKind::Symlink && (!last || follow_last)) {
        fs::path target = n->target.is_absolute() ? n->target : done / n->target;
        for (std::size_t j = i + 1; j < parts.size(); ++j) target /= parts[j];
        pending = fs::path(normal(target));
        again = true;
        break;
      }
      if (!n && !last) return std::nullopt;
      done = here;
    }
    if (!again) return normal(done);
  }
  return std::nullopt;  // a symlink loop
}

const MemoryFileSystem::Node* MemoryFileSystem::node_at(const fs::path& p, bool follow_last) const {
  std::optional<std::string> real = resolve(p, follow_last);
  return real ? find(*real) : nullptr;
}

FileInfo MemoryFileSystem::stat(const fs::path& p) const {
  FileInfo info;
  if (const Node* n = node_at(p, true)) {
    info.kind = n->kind;
    info.size = n->text.size();
    info.inode = n->inode;
  }
  return info;
}

FileInfo MemoryFileSystem::lstat(const fs::path& p) const {
  FileInfo info;
  if (const Node* n = node_at(p, false)) {
    info.kind = n->kind;
    info.size = n->kind == FileKind::Symlink ? n->target.string().size() : n->text.size();
    info.inode = n->inode;
  }
  return info;
}

std::vector<std::string> MemoryFileSystem::list_directory(const fs::path& dir) const {
  std::vector<std::string> names;
  std::optional<std::string> real = resolve(dir, true);
  const Node* d = real ? find(*real) : nullptr;
  if (!d || d->kind != FileKind::Directory || !d->readable) return names;
  std::string prefix = *real == "/" ? "/" : *real + "/";
  for (auto it = nodes_.lower_bound(prefix); it != nodes_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    if (!rest.empty() && rest.find('/') == std::string::npos) names.push_back(rest);
  }
  return names;  // std::map order: sorted
}

fs::path MemoryFileSystem::weakly_canonical(const fs::path& p, std::error_code& ec) const {
  ec.clear();
  // The longest existing prefix resolved, the rest appended (as std::filesystem does).
  fs::path normal_p(normal(p));
  const fs::path relative = normal_p.relative_path();
  std::vector<fs::path> parts(relative.begin(), relative.end());
  for (std::size_t keep = parts.size() + 1; keep-- > 0;) {
    fs::path head = normal_p.root_path();
    for (std::size_t i = 0; i < keep; ++i) head /= parts[i];
    std::optional<std::string> real = resolve(head, true);
    if (!real || !find(*real)) {
      if (keep > 0) continue;
      real = head.string();
    }
    fs::path out(*real);
    for (std::size_t i = keep; i < parts.size(); ++i) out /= parts[i];
    return out.lexically_normal();
  }
  return normal_p;
}

std::optional<fs::path> MemoryFileSystem::symlink_target(const fs::path& p) const {
  const Node* n = node_at(p, false);
  if (!n || n->kind != FileKind::Symlink) return std::nullopt;
  return n->target;
}

bool MemoryFileSystem::readable(const fs::path& p) const {
  const Node* n = node_at(p, true);
  return n && n->readable;
}

bool MemoryFileSystem::executable(const fs::path& p) const {
  const Node* n = node_at(p, true);
  return n && n->executable;
}

ReadStatus MemoryFileSystem::read_bounded(const fs::path& p, std::string& out, std::string& why) const {
  const Node* n = node_at(p, true);
  if (!n) { why = "No such file or directory"; return ReadStatus::Missing; }
  if (n->kind == FileKind::Directory) { why = "is a directory, not a file"; return ReadStatus::NotRegular; }
  if (n->kind == FileKind::Fifo) { why = "is a FIFO (named pipe), not a file"; return ReadStatus::NotRegular; }
  if (n->kind != FileKind::Regular) { why = "is not a regular file"; return ReadStatus::NotRegular; }
  if (n->text.size() > kMaxFileSize) { why = "is larger than 256 MiB"; return ReadStatus::TooLarge; }
  if (!n->readable) { why = "Permission denied"; return ReadStatus::Unreadable; }
  out = n->text;
  return ReadStatus::Ok;
}

}  // namespace mise_audit
