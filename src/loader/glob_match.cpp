#include "loader/glob_match.h"

#include <algorithm>
#include <cstdint>

namespace fs = std::filesystem;

namespace mise_audit {
namespace {

// The class at p[i] == '[': the index of its closing `]` (p.size() if unclosed) and whether `c`
// is a member. The first character after `[` or `[!` belongs to the class even if it is `]`.
struct ClassScan {
  std::size_t end;
  bool member;
};
ClassScan scan_class(std::string_view p, std::size_t i, char c) {
  std::size_t j = i + 1;
  bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negate) ++j;
  bool matched = false;
  bool first = true;
  while (j < p.size() && (first || p[j] != ']')) {
    first = false;
    char lo = p[j];
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      if (c >= lo && c <= p[j + 2]) matched = true;
      j += 3;
    } else {
      if (c == lo) matched = true;
      ++j;
    }
  }
  return {j, matched != negate};
}

std::size_t class_end(std::string_view p, std::size_t i) { return scan_class(p, i, '\0').end; }

// Which `{`, `,` and `}` form alternations: braces that pair up (outside classes and escapes),
// and the commas directly inside a pair. Every other brace or comma is a literal character.
enum class BraceRole : std::uint8_t { Literal, Open, Comma, Close };
std::vector<BraceRole> brace_roles(std::string_view p) {
  std::vector<BraceRole> roles(p.size(), BraceRole::Literal);
  struct Open { std::size_t at; std::vector<std::size_t> commas; };
  std::vector<Open> open;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') { ++i; continue; }
    if (c == '[') { i = class_end(p, i); continue; }
    if (c == '{') {
      open.push_back({i, {}});
    } else if (c == ',' && !open.empty()) {
      open.back().commas.push_back(i);
    } else if (c == '}' && !open.empty()) {
      roles[open.back().at] = BraceRole::Open;
      for (std::size_t k : open.back().commas) roles[k] = BraceRole::Comma;
      roles[i] = BraceRole::Close;
      open.pop_back();
    }
  }
  return roles;
}

}  // namespace

std::uint32_t Glob::emit(Op op, char ch, std::uint32_t a, std::uint32_t b) {
  program_.push_back(Step{op, ch, a, b});
  return static_cast<std::uint32_t>(program_.size() - 1);
}

// A Thompson construction, iterative so that deeply nested braces cannot exhaust the stack:
//   `*`    Fork(loop, next); loop: NotSeparator; Jump Fork     (runs of stars collapse to one)
//   `**`   the same with Any
//   `**:`  (followed by the separator) zero segments, or any prefix ending in a separator
//          (runs of them collapse to one)
//   `?`, `[…]`  one character other than the separator; `\x` the character x
//   `{a,b}` Fork(a, b); each alternative but the last ends in a Jump past the group
Glob::Glob(std::string_view pattern, char separator) : pattern_(pattern), separator_(separator) {
  const std::string_view p = pattern_;
  const std::vector<BraceRole> roles = brace_roles(p);
  struct Group { std::uint32_t fork; std::vector<std::uint32_t> targets, jumps; };
  std::vector<Group> groups;
  auto here = [&] { return static_cast<std::uint32_t>(program_.size()); };
  auto fork2 = [&](std::uint32_t x, std::uint32_t y) {
    auto a = static_cast<std::uint32_t>(forks_.size());
    forks_.push_back(x);
    forks_.push_back(y);
    return emit(Op::Fork, 0, a, a + 2);
  };
  // The consuming step of the star emitted last, while nothing else has been emitted since.
  std::size_t last_star = SIZE_MAX;
  std::uint32_t last_segments = UINT32_MAX;  // where the `**:` emitted last ends
  auto star = [&](Op each) {
    if (last_star != SIZE_MAX) {  // `*` after `**` or `**` after `*`: the wider one covers both
      if (each == Op::Any) program_[last_star].op = Op::Any;
      return;
    }
    std::uint32_t fork = fork2(here() + 1, here() + 3);
    last_star = emit(each);
    emit(Op::Jump, 0, fork);
  };
  for (std::size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '*') {
      if (i + 1 < p.size() && p[i + 1] == '*') {
        if (i + 2 < p.size() && p[i + 2] == separator) {
          last_star = SIZE_MAX;
          i += 3;
          if (last_segments == here()) continue;  // `**:**:` is `**:`
          fork2(here() + 1, here() + 5);  // skip the segments entirely
          std::uint32_t loop = fork2(here() + 1, here() + 3);
          emit(Op::Any);
          emit(Op::Jump, 0, loop);
          emit(Op::Char, separator);
          last_segments = here();
        } else {
          star(Op::Any);
          i += 2;
        }
      } else {
        star(Op::NotSeparator);
        ++i;
      }
      continue;
    }
    last_star = SIZE_MAX;
    switch (roles[i]) {
      case BraceRole::Open:
        groups.push_back({emit(Op::Fork), {}, {}});
        groups.back().targets.push_back(here());
        ++i;
        continue;
      case BraceRole::Comma:
        groups.back().jumps.push_back(emit(Op::Jump));
        groups.back().targets.push_back(here());
        ++i;
        continue;
      case BraceRole::Close: {
        Group& g = groups.back();
        for (std::uint32_t j : g.jumps) program_[j].a = here();
        program_[g.fork].a = static_cast<std::uint32_t>(forks_.size());
        forks_.insert(forks_.end(), g.targets.begin(), g.targets.end());
        program_[g.fork].b = static_cast<std::uint32_t>(forks_.size());
        groups.pop_back();
        last_segments = UINT32_MAX;  // other alternatives jump here too: `{a,**:}**:` keeps both
        ++i;
        continue;
      }
      case BraceRole::Literal:
        break;
    }
    if (c == '?') {
      emit(Op::NotSeparator);
      ++i;
    } else if (c == '[') {
      std::size_t end = class_end(p, i);
      emit(Op::Class, 0, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end));
      i = end + 1;
    } else if (c == '\\' && i + 1 < p.size()) {
      emit(Op::Char, p[i + 1]);
      i += 2;
    } else {
      emit(Op::Char, c);
      ++i;
    }
  }
  emit(Op::Match);

  // The shortest text that can match: a 0-1 breadth-first search (forks and jumps cost nothing).
  std::vector<std::uint32_t> dist(program_.size(), UINT32_MAX);
  std::vector<std::uint32_t> now{0}, later;
  dist[0] = 0;
  for (std::uint32_t d = 0; !now.empty(); ++d, now.swap(later), later.clear()) {
    while (!now.empty()) {
      std::uint32_t pc = now.back();
      now.pop_back();
      if (dist[pc] != d) continue;
      const Step& s = program_[pc];
      auto reach = [&](std::uint32_t to, std::uint32_t cost, std::vector<std::uint32_t>& queue) {
        if (dist[to] <= d + cost) return;
        dist[to] = d + cost;
        queue.push_back(to);
      };
      if (s.op == Op::Fork) for (std::uint32_t k = s.a; k < s.b; ++k) reach(forks_[k], 0, now);
      else if (s.op == Op::Jump) reach(s.a, 0, now);
      else if (s.op != Op::Match) reach(pc + 1, 1, later);
    }
  }
  min_length_ = dist.back();
  mark_.assign(program_.size(), 0);
}

bool Glob::class_matches(const Step& s, char c) const {
  return c != separator_ && scan_class(pattern_, s.a, c).member;
}

// Adds `pc` and every step reachable from it without consuming text.
void Glob::add(std::vector<std::uint32_t>& list, std::uint32_t pc) const {
  if (program_[pc].op != Op::Fork && program_[pc].op != Op::Jump) {  // the common case: no walk
    if (mark_[pc] != generation_) mark_[pc] = generation_, list.push_back(pc);
    return;
  }
  stack_.clear();
  stack_.push_back(pc);
  while (!stack_.empty()) {
    std::uint32_t x = stack_.back();
    stack_.pop_back();
    if (mark_[x] == generation_) continue;
    mark_[x] = generation_;
    const Step& s = program_[x];
    if (s.op == Op::Fork) for (std::uint32_t k = s.b; k > s.a; --k) stack_.push_back(forks_[k - 1]);
    else if (s.op == Op::Jump) stack_.push_back(s.a);
    else list.push_back(x);
  }
}

// The set of live steps advanced over the text one character at a time: each step is in the
// set at most once, so the cost is program size × text length.
bool Glob::matches(std::string_view text) const {
  if (text.size() < min_length_) return false;
  auto next_generation = [&] {
    if (++generation_ == 0) {  // wrapped: old marks could collide
      std::fill(mark_.begin(), mark_.end(), 0);
      generation_ = 1;
    }
  };
  std::vector<std::uint32_t> cur, next;
  next_generation();
  add(cur, 0);
  for (char c : text) {
    next_generation();
    next.clear();
    for (std::uint32_t pc : cur) {
      const Step& s = program_[pc];
      bool ok = false;
      switch (s.op) {
        case Op::Char: ok = s.ch == c; break;
        case Op::NotSeparator: ok = c != separator_; break;
        case Op::Any: ok = true; break;
        case Op::Class: ok = class_matches(s, c); break;
        case Op::Fork: case Op::Jump: case Op::Match: break;
      }
      if (ok) add(next, pc + 1);
    }
    if (next.empty()) return false;
    cur.swap(next);
  }
  for (std::uint32_t pc : cur)
    if (program_[pc].op == Op::Match) return true;
  return false;
}

bool glob_is_valid(std::string_view pattern, std::string* why) {
  int braces = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') { ++i; continue; }
    if (c == '[') {
      std::size_t j = class_end(pattern, i);
      if (j >= pattern.size()) { if (why) *why = "unclosed character class `[`"; return false; }
      i = j;
    } else if (c == '{') {
      ++braces;
    } else if (c == '}') {
      if (braces == 0) { if (why) *why = "unmatched `}`"; return false; }
      --braces;
    }
  }
  if (braces > 0) { if (why) *why = "unclosed alternation `{`"; return false; }
  return true;
}

bool glob_match(std::string_view pattern, std::string_view text, char separator) {
  return Glob(pattern, separator).matches(text);
}

namespace {

// As std::filesystem::recursive_directory_iterator walks: symlinked folders are listed, not
// entered; unreadable folders are skipped.
void walk_matches(const FileSystem& disk, const fs::path& root, const fs::path& dir, std::size_t depth, bool deep,
                  std::size_t segments, const Glob& glob, std::vector<fs::path>& out) {
  if (depth > 32) return;
  for (const std::string& name : disk.list_directory(dir)) {
    fs::path p = dir / name;
    std::string rel = p.lexically_relative(root).generic_string();
    if (glob.matches(rel)) out.push_back(p);
    // Walk only as deep as needed: a pattern without `**` has a fixed number of segments.
    if ((deep || depth + 1 < segments) && disk.lstat(p).is_directory())
      walk_matches(disk, root, p, depth + 1, deep, segments, glob, out);
  }
}

}  // namespace

std::vector<fs::path> expand_path_glob(const FileSystem& disk, const std::string& root, const std::string& pattern) {
  std::vector<fs::path> out;
  bool deep = pattern.find("**") != std::string::npos;
  std::size_t segments = std::count(pattern.begin(), pattern.end(), '/') + 1;
  const Glob glob(pattern, '/');
  walk_matches(disk, root, root, 0, deep, segments, glob, out);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mise_audit
