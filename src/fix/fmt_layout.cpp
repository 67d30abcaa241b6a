#include "fix/fmt_layout.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "core/columns.h"

namespace mise_audit {
namespace {

// One line of a TOML text, as far as layout goes.
struct Line {
  std::size_t begin = 0, end = 0;  // [begin, end) without the terminator
  // Entry: a whole `key = value` on one line; Item: a whole item of a multi-line array.
  enum class Kind { Other, Entry, Item } kind = Kind::Other;
  std::size_t code_end = 0;   // Entry: end of the code before the trailing comment (spaces trimmed)
  std::size_t comment = 0;    // Entry: where `#` starts, or `end` when there is none
  bool edited = false;
  bool starts_free = false;  // begins outside any string or bracket
};

// Splits `text` into lines and finds the one-line entries: lines that start outside any string or
// bracket, are not a header or comment, and end outside them too. A small scanner of quotes and
// brackets, enough for layout (the parser already accepted the file).
std::vector<Line> scan_lines(std::string_view text) {
  std::vector<Line> lines;
  int depth = 0;
  enum class Str { None, Basic, Literal, MultiBasic, MultiLiteral } str = Str::None;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t nl = text.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t stop = end > at && text[end - 1] == '\r' ? end - 1 : end;
    Line l{at, stop};
    bool starts_free = depth == 0 && str == Str::None;
    l.starts_free = starts_free;
    int start_depth = depth;
    bool starts_in_string = str != Str::None;
    std::size_t first = text.find_first_not_of(" \t", at);
    bool header_or_blank = first >= stop || text[first] == '[' || text[first] == '#';
    std::size_t comment = stop;
    for (std::size_t i = at; i < stop; ++i) {
      char c = text[i];
      if (str == Str::Basic) {
        if (c == '\\') ++i;
        else if (c == '"') str = Str::None;
      } else if (str == Str::Literal) {
        if (c == '\'') str = Str::None;
      } else if (str == Str::MultiBasic) {
        if (c == '\\') ++i;
        else if (text.substr(i, 3) == "\"\"\"") { str = Str::None; i += 2; }
      } else if (str == Str::MultiLiteral) {
        if (text.substr(i, 3) == "'''") { str = Str::None; i += 2; }
      } else if (c == '#') {
        comment = i;
        break;
      } else if (text.substr(i, 3) == "\"\"\"") { str = Str::MultiBasic; i += 2; }
      else if (text.substr(i, 3) == "'''") { str = Str::MultiLiteral; i += 2; }
      else if (c == '"') str = Str::Basic;
      else if (c == '\'') str = Str::Literal;
      else if (!(starts_free && header_or_blank) && (c == '[' || c == '{')) ++depth;
      else if (!(starts_free && header_or_blank) && (c == ']' || c == '}')) depth = std::max(0, depth - 1);
    }
    if (str == Str::Basic || str == Str::Literal) str = Str::None;  // not valid TOML; keep going
    bool item = !starts_free && start_depth > 0 && !starts_in_string && depth == start_depth && str == Str::None &&
                first < stop && text[first] != '#' && text[first] != ']' && text[first] != '}';
    if ((starts_free && !header_or_blank && depth == 0 && str == Str::None) || item) {
      l.kind = item ? Line::Kind::Item : Line::Kind::Entry;
      l.comment = comment;
      l.code_end = comment;
      while (l.code_end > at && (text[l.code_end - 1] == ' ' || text[l.code_end - 1] == '\t')) --l.code_end;
    }
    lines.push_back(l);
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return lines;
}

std::uint32_t width(std::string_view text, std::size_t begin, std::size_t end) {
  std::string_view s = text.substr(begin, end - begin);
  return column_of_byte(s, s.size()) - 1;
}

// The line rewritten with each array of its inline-table value one item per line (mise fmt's
// way past 80 columns), or nullopt when it has no array or is not that simple (a comment, an
// array inside an array).
std::optional<std::string> expand_inline_arrays(std::string_view text, const Line& l) {
  if (l.comment != l.end) return std::nullopt;
  std::string_view line = text.substr(l.begin, l.end - l.begin);
  std::size_t eq = line.find('=');
  std::size_t open = eq == std::string_view::npos ? eq : line.find_first_not_of(" \t", eq + 1);
  if (open == std::string_view::npos || line[open] != '{') return std::nullopt;
  std::string indent(line.substr(0, line.find_first_not_of(" \t")));
  std::string out(line.substr(0, open));
  std::vector<char> brackets;  // the open brackets of the value, innermost last
  std::string item;
  bool any = false;
  char quote = 0;
  for (std::size_t i = open; i < line.size(); ++i) {
    char c = line[i];
    bool in_array = brackets.size() == 2 && brackets.back() == '[';   // at an item's own level
    bool in_item = brackets.size() >= 2 && brackets[1] == '[';       // inside an item (`{ task = … }`)
    std::string& sink = in_item ? item : out;
    if (quote) {
      sink += c;
      if (c == '\\' && quote == '"' && i + 1 < line.size()) sink += line[++i];
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') { quote = c; sink += c; continue; }
    if (c == '[' || c == '{') {
      if (c == '[' && brackets.size() >= 2) return std::nullopt;  // an array inside an array or table
      brackets.push_back(c);
      if (c == '[' && brackets.size() == 2) { out += "[\n"; any = true; continue; }
      sink += c;
      continue;
    }
    if ((c == ',' || c == ']') && in_array && brackets.size() == 2) {
      std::size_t a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
      if (a != std::string::npos) out += indent + "  " + item.substr(a, b - a + 1) + ",\n";
      item.clear();
      if (c == ']') { brackets.pop_back(); out += indent + "]"; }
      continue;
    }
    if (c == ']' || c == '}') {
      if (brackets.empty()) return std::nullopt;
      brackets.pop_back();
    }
    sink += c;
  }
  if (!any || quote || !brackets.empty()) return std::nullopt;
  return out;
}

// [i, j): the block of consecutive one-line entries that holds line i.
std::pair<std::size_t, std::size_t> block_of(const std::vector<Line>& lines, std::size_t i) {
  std::size_t b = i, e = i + 1;
  while (b > 0 && lines[b - 1].kind == lines[i].kind) --b;
  while (e < lines.size() && lines[e].kind == lines[i].kind) ++e;
  return {b, e};
}

// Are the block's trailing comments where mise fmt puts them (one column after its longest code)?
bool comments_aligned(std::string_view text, const std::vector<Line>& lines, std::size_t b, std::size_t e) {
  std::uint32_t longest = 0;
  for (std::size_t k = b; k < e; ++k) longest = std::max(longest, width(text, lines[k].begin, lines[k].code_end));
  for (std::size_t k = b; k < e; ++k)
    if (lines[k].comment != lines[k].end && width(text, lines[k].begin, lines[k].comment) != longest + 1) return false;
  return true;
}

// Were the blocks the edits touch, in the text before them, laid out as mise fmt does? If not,
// the file was not formatted, and its comments are left where they are.
bool touched_blocks_aligned(std::string_view text, const std::vector<TextEdit>& edits) {
  std::vector<Line> lines = scan_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == Line::Kind::Other) continue;
    bool touched = false;
    for (const TextEdit& e : edits) touched = touched || (e.begin <= lines[i].end && e.end >= lines[i].begin);
    if (!touched) continue;
    auto [b, end] = block_of(lines, i);
    if (!comments_aligned(text, lines, b, end)) return false;
  }
  return true;
}

// The layout pass over `text`, a window of whole lines that starts outside any string or bracket.
void fit_window(std::string_view text, std::vector<TextEdit>& edits) {
  if (edits.empty()) return;
  std::vector<TextEdit> sorted = edits;
  std::sort(sorted.begin(), sorted.end(), [](const TextEdit& a, const TextEdit& b) { return a.begin < b.begin; });
  for (std::size_t i = 1; i < sorted.size(); ++i)
    if (sorted[i].begin < sorted[i - 1].end || sorted[i].file != sorted[0].file) return;
  // The text after the edits, and where each edit's replacement lies in it.
  std::string after;
  std::vector<std::pair<std::size_t, std::size_t>> placed;
  std::size_t from = 0;
  for (const TextEdit& e : sorted) {
    if (e.end > text.size()) return;
    after.append(text.substr(from, e.begin - from));
    placed.emplace_back(after.size(), after.size() + e.replacement.size());
    after += e.replacement;
    from = e.end;
  }
  after.append(text.substr(from));
  std::vector<Line> lines = scan_lines(after);
  // A replacement touches the lines it spans; a removal (nothing put back) the lines on either
  // side of where it was, so the block above a removed line is realigned too.
  for (Line& l : lines)
    for (auto [b, e] : placed)
      l.edited = l.edited || (b < e ? b <= l.end && e >= l.begin && !(e == l.begin && after[e - 1] == '\n')
                                    : b >= l.begin && b <= l.end + 1);
  std::vector<std::string> rewritten(lines.size());
  std::vector<bool> changed(lines.size(), false);
  auto set = [&](std::size_t i, std::string s) {
    if (s == after.substr(lines[i].begin, lines[i].end - lines[i].begin)) return;
    rewritten[i] = std::move(s);
    changed[i] = true;
  };
  // Inline tables pushed past 80 columns.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (!l.edited || l.kind != Line::Kind::Entry || width(after, l.begin, l.end) <= 80) continue;
    if (std::optional<std::string> expanded = expand_inline_arrays(after, l)) set(i, std::move(*expanded));
  }
  // Blocks of consecutive one-line entries with an edited line: comments one column after the
  // longest code, when the blocks were so before and the untouched comments share one column.
  bool was_aligned = touched_blocks_aligned(text, sorted);
  for (std::size_t i = 0; was_aligned && i < lines.size();) {
    if (lines[i].kind == Line::Kind::Other) { ++i; continue; }
    std::size_t j = i;
    while (j < lines.size() && lines[j].kind == lines[i].kind && !changed[j]) ++j;
    bool edited = false, comments = false, aligned = true, tabs = false;
    std::optional<std::uint32_t> column;
    std::uint32_t longest = 0;
    for (std::size_t k = i; k < j; ++k) {
      const Line& l = lines[k];
      edited = edited || l.edited;
      longest = std::max(longest, width(after, l.begin, l.code_end));
      if (l.comment == l.end) continue;
      comments = true;
      tabs = tabs || after.substr(l.code_end, l.comment - l.code_end).find('\t') != std::string::npos;
      if (l.edited) continue;
      std::uint32_t c = width(after, l.begin, l.comment);
      aligned = aligned && (!column || *column == c);
      column = c;
    }
    if (edited && comments && aligned && !tabs)
      for (std::size_t k = i; k < j; ++k) {
        const Line& l = lines[k];
        if (l.comment == l.end) continue;
        std::string code(after.substr(l.begin, l.code_end - l.begin));
        std::uint32_t pad = longest + 1 - width(after, l.begin, l.code_end);
        set(k, code + std::string(pad, ' ') + std::string(after.substr(l.comment, l.end - l.comment)));
      }
    i = j == i ? i + 1 : j;
  }
  std::size_t first = lines.size(), last = 0;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (changed[i]) { first = std::min(first, i); last = i; }
  if (first == lines.size()) return;
  // One edit over the lines from the first edit or change to the last; outside it, the original
  // bytes. Every original edit lies inside it, so the old range is the new one less the growth.
  std::size_t nb = std::min<std::size_t>(lines[first].begin, placed.front().first);
  std::size_t ne = std::max<std::size_t>(lines[last].end, placed.back().second);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].begin <= nb && nb <= lines[i].end) { nb = lines[i].begin; break; }
  std::string replacement;
  std::size_t at = nb;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!changed[i] || lines[i].begin < nb || lines[i].end > ne) continue;
    replacement.append(after, at, lines[i].begin - at);
    replacement += rewritten[i];
    at = lines[i].end;
  }
  replacement.append(after, at, ne - at);
  std::size_t ob = nb, oe = ne + text.size() - after.size();  // nb precedes every edit, ne follows the last
  if (ob > placed.front().first || sorted.front().begin < ob || sorted.back().end > oe) return;
  edits = {TextEdit{sorted.front().file, ob, oe, std::move(replacement)}};
}


// The lines of the enclosing blocks around the edits, as a window: a fix's pass costs what it
// edits, not the file (10,000 fixes of one large config).
void fit(std::string_view text, const std::vector<Line>& lines, std::vector<TextEdit>& edits) {
  if (edits.empty() || lines.empty()) return;
  std::size_t first = edits.front().begin, last = edits.front().end;
  for (const TextEdit& e : edits) {
    if (e.begin > e.end || e.end > text.size()) return;
    first = std::min(first, e.begin);
    last = std::max(last, e.end);
  }
  auto line_at = [&](std::size_t offset) {
    auto it = std::upper_bound(lines.begin(), lines.end(), offset, [](std::size_t o, const Line& l) { return o < l.begin; });
    return static_cast<std::size_t>(it - lines.begin()) - 1;
  };
  std::size_t lo = line_at(first), hi = line_at(last);
  // Whole blocks, from a line that starts outside any array (the key that opens one).
  while (lo > 0 && (lines[lo - 1].kind != Line::Kind::Other || !lines[lo].starts_free)) --lo;
  while (hi + 1 < lines.size() && lines[hi + 1].kind != Line::Kind::Other) ++hi;
  if (!lines[lo].starts_free) return;
  std::size_t wb = lines[lo].begin, we = std::max(lines[hi].end, last);
  std::vector<TextEdit> local = edits;
  for (TextEdit& e : local) { e.begin -= wb; e.end -= wb; }
  fit_window(text.substr(wb, we - wb), local);
  for (TextEdit& e : local) { e.begin += wb; e.end += wb; }
  edits = std::move(local);
}

}  // namespace

void keep_fmt_layout(const SourceManager& sources, std::vector<Diagnostic>& findings) {
  std::map<FileId, std::vector<Line>> scanned;  // each config scanned once, however many fixes
  for (Diagnostic& d : findings) {
    if (!d.fix) continue;
    std::vector<TextEdit> kept, toml;
    FileId file = kNoFile;
    for (const TextEdit& e : d.fix->edits) {
      bool config = e.file < sources.size() && sources.file(e.file).path.ends_with(".toml");
      if (config && (file == kNoFile || file == e.file)) {
        file = e.file;
        toml.push_back(e);
      } else {
        kept.push_back(e);
      }
    }
    if (toml.empty()) continue;
    const std::string& text = sources.file(file).text;
    auto it = scanned.find(file);
    if (it == scanned.end()) it = scanned.emplace(file, scan_lines(text)).first;
    fit(text, it->second, toml);
    for (TextEdit& e : toml) kept.push_back(std::move(e));
    d.fix->edits = std::move(kept);
  }
}

}  // namespace mise_audit
