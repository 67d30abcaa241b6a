#include "fix/dependency_edits.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <set>
#include <unordered_map>

#include "core/columns.h"
#include "core/disk.h"
#include "fix/text_position.h"
#include "loader/file_task_header.h"
#include "mise_audit/toml_value.h"
#include "shell/shell_words.h"

namespace mise_audit {
namespace {

bool same_start(const SourceSpan& a, const SourceSpan& b) { return a.file == b.file && a.begin == b.begin; }

std::string quoted_list(const std::vector<std::string>& names, char quote) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ", ") + toml_quoted(n, quote);
  return s;
}

std::string title_for(const Task& task, const std::vector<std::string>& names) {
  return fmt::format("add {} to the `depends` of `{}`", quoted_list(names, '"'), task.display_name);
}

std::string model_change_for(const Task& task, const std::vector<std::string>& names) {
  std::string s;
  // A spec may carry arguments ("build --release"); the edge is to the task it names.
  for (const std::string& n : names) {
    std::vector<std::string> words = split_shell_words(n);
    s += (s.empty() ? "" : "; ") + fmt::format("edge {} -> {} (depends)", task.display_name, words.empty() ? n : words.front());
  }
  return s;
}

// The quote character a string literal starting at `at` uses; '"' when it is not a plain literal.
char quote_of(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] == '\'' && text.substr(at, 3) != "'''") return '\'';
  return '"';
}

bool is_dependency_key(std::string_view key) { return key == "depends" || key == "depends_post" || key == "wait_for"; }

struct Found {
  const TomlValue* value = nullptr;
  const TomlEntry* entry = nullptr;  // the entry holding `value` (for arrays: the array's entry)
};

// The array (or string) value of a dependency entry starting at `span`.
Found find_dependency_value(const TomlValue& v, const SourceSpan& span, const TomlEntry* holder) {
  if (v.is_array()) {
    for (const TomlValue& i : v.items)
      if (same_start(i.span, span)) return {&v, holder};
  }
  if (v.is_string() && holder && is_dependency_key(holder->key) && same_start(v.span, span)) return {&v, holder};
  for (const TomlValue& i : v.items)
    if (Found f = find_dependency_value(i, span, nullptr); f.value) return f;
  for (const TomlEntry& e : v.entries)
    if (Found f = find_dependency_value(e.value, span, &e); f.value) return f;
  return {};
}

const TomlEntry* find_entry_by_key(const TomlValue& v, const SourceSpan& key) {
  for (const TomlEntry& e : v.entries) {
    if (same_start(e.key_span, key)) return &e;
    if (const TomlEntry* r = find_entry_by_key(e.value, key)) return r;
  }
  for (const TomlValue& i : v.items)
    if (const TomlEntry* r = find_entry_by_key(i, key)) return r;
  return nullptr;
}

// Lines inside multi-line strings and arrays: values, never headers (`[` starts a line of a
// nested array too).
void collect_value_lines(const TomlValue& v, std::set<std::uint32_t>& lines) {
  if ((v.is_string() || v.is_array()) && v.span.end.line > v.span.begin.line)
    for (std::uint32_t l = v.span.begin.line + 1; l <= v.span.end.line; ++l) lines.insert(l);
  for (const TomlValue& i : v.items) collect_value_lines(i, lines);
  for (const TomlEntry& e : v.entries) collect_value_lines(e.value, lines);
}

// The table that holds `entry` (found by address).
const TomlValue* parent_table(const TomlValue& v, const TomlEntry* entry) {
  for (const TomlEntry& e : v.entries) {
    if (&e == entry) return &v;
    if (const TomlValue* p = parent_table(e.value, entry)) return p;
  }
  for (const TomlValue& i : v.items)
    if (const TomlValue* p = parent_table(i, entry)) return p;
  return nullptr;
}

// Only blanks (and the line's CR), or a comment.
bool blank_or_comment(std::string_view s) {
  std::size_t p = s.find_first_not_of(" \t\r");
  return p == std::string_view::npos || s[p] == '#';
}

// The rest of a line after an array item: an optional comma, then blanks or a comment.
bool item_line_rest(std::string_view s) {
  std::size_t p = s.find_first_not_of(" \t");
  if (p != std::string_view::npos && s[p] == ',') s = s.substr(p + 1);
  return blank_or_comment(s);
}

// Removes item `i` of an array: its line when it stands alone on it (a multi-line array), else
// its text and the comma that separates it from a neighbour.
std::optional<TextEdit> remove_item(const SourceManager& sources, const TomlValue& array, std::size_t i) {
  if (i >= array.items.size() || array.items.size() < 2) return std::nullopt;
  FileId file = array.span.file;
  std::string_view text = sources.file(file).text;
  auto self = byte_range(sources, array.items[i].span);
  if (!self) return std::nullopt;
  std::size_t lb = line_begin(text, self->begin);
  std::size_t eol = text.find('\n', self->end);
  if (eol == std::string_view::npos) eol = text.size();
  if (text.substr(lb, self->begin - lb).find_first_not_of(" \t") == std::string_view::npos &&
      item_line_rest(text.substr(self->end, eol - self->end))) {
    // A multi-line array left without comments is written on one line when it fits in 80
    // columns, as `mise fmt` collapses it (CONTRIBUTING §12).
    auto whole = byte_range(sources, array.span);
    std::string items;
    bool collapse = whole.has_value();
    for (std::size_t k = 0; collapse && k < array.items.size(); ++k) {
      if (k == i) continue;
      auto r = byte_range(sources, array.items[k].span);
      collapse = r && text.substr(r->begin, r->end - r->begin).find('\n') == std::string_view::npos;
      if (collapse) items += (items.empty() ? "" : ", ") + std::string(text.substr(r->begin, r->end - r->begin));
    }
    if (collapse) {
      std::size_t self_line_end = next_line_begin(text, self->end);
      std::string without = std::string(text.substr(whole->begin, lb - whole->begin)) +
                            std::string(text.substr(self_line_end, whole->end - self_line_end));
      std::size_t start = line_begin(text, whole->begin);
      std::size_t end_eol = text.find('\n', whole->end);
      std::string_view tail = text.substr(whole->end, (end_eol == std::string_view::npos ? text.size() : end_eol) - whole->end);
      if (!tail.empty() && tail.back() == '\r') tail.remove_suffix(1);
      std::size_t width = (whole->begin - start) + items.size() + 2 + tail.size();
      if (without.find('#') == std::string::npos && width <= 80)
        return TextEdit{file, whole->begin, whole->end, "[" + items + "]"};
    }
    return TextEdit{file, lb, next_line_begin(text, self->end), ""};
  }
  auto gap_ok = [&](std::size_t b, std::size_t e) { return text.substr(b, e - b).find('#') == std::string_view::npos; };
  if (i > 0) {
    auto prev = byte_range(sources, array.items[i - 1].span);
    if (!prev || !gap_ok(prev->end, self->begin)) return std::nullopt;
    return TextEdit{file, prev->end, self->end, ""};
  }
  auto next = byte_range(sources, array.items[1].span);
  if (!next || !gap_ok(self->end, next->begin)) return std::nullopt;
  return TextEdit{file, self->begin, next->begin, ""};
}

// Removes `key = value` from `table`: its line when it stands alone on it (a `[x]` table, dotted
// keys, a `#MISE` header line), else its text and one comma of an inline table.
std::optional<TextEdit> remove_entry(const SourceManager& sources, const TomlValue& table, const TomlEntry& entry,
                                     bool header_line) {
  FileId file = entry.key_span.file;
  std::string_view text = sources.file(file).text;
  auto k = byte_range(sources, entry.key_span);
  auto v = byte_range(sources, entry.value.span);
  if (!k || !v) return std::nullopt;
  std::size_t lb = line_begin(text, k->begin);
  std::size_t eol = text.find('\n', v->end);
  if (eol == std::string_view::npos) eol = text.size();
  std::string_view lead = text.substr(lb, k->begin - lb);
  bool starts_line = header_line ? header_prefix_length(lead) > 0 && lead.find('=') == std::string_view::npos
                                 : lead.find_first_of("={,") == std::string_view::npos;
  if (starts_line && blank_or_comment(text.substr(v->end, eol - v->end)))
    return TextEdit{file, lb, next_line_begin(text, v->end), ""};
  if (header_line) return std::nullopt;
  std::size_t i = 0;
  while (i < table.entries.size() && &table.entries[i] != &entry) ++i;
  if (i == table.entries.size() || table.entries.size() < 2) return std::nullopt;
  auto gap_ok = [&](std::size_t b, std::size_t e) { return text.substr(b, e - b).find('#') == std::string_view::npos; };
  if (i > 0) {
    auto prev = byte_range(sources, table.entries[i - 1].value.span);
    if (!prev || prev->end > k->begin || !gap_ok(prev->end, k->begin)) return std::nullopt;
    return TextEdit{file, prev->end, v->end, ""};
  }
  auto next = byte_range(sources, table.entries[1].key_span);
  if (!next || next->begin < v->end || !gap_ok(v->end, next->begin)) return std::nullopt;
  return TextEdit{file, k->begin, next->begin, ""};
}

bool edits_overlap(const std::vector<TextEdit>& edits) {
  for (std::size_t i = 0; i < edits.size(); ++i)
    for (std::size_t j = i + 1; j < edits.size(); ++j)
      if (edits[i].file == edits[j].file && edits[i].begin < edits[j].end && edits[j].begin < edits[i].end) return true;
  return false;
}

Fix make_fix(const Task& task, const std::vector<std::string>& names, FixSafety safety, std::vector<TextEdit> edits) {
  return Fix{title_for(task, names), safety, std::move(edits), model_change_for(task, names)};
}

// Appends to an array value; `inline_only` for `#MISE` headers (a new line would need a prefix).
std::optional<std::vector<TextEdit>> append_to_array(const SourceManager& sources, const TomlValue& array,
                                                     const std::vector<std::string>& names, bool inline_only) {
  FileId file = array.span.file;
  std::string_view text = sources.file(file).text;
  auto r = byte_range(sources, array.span);
  if (!r || r->end == 0 || text[r->begin] != '[' || text[r->end - 1] != ']') return std::nullopt;
  if (array.items.empty()) {
    if (text.substr(r->begin + 1, r->end - r->begin - 2).find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
    return std::vector<TextEdit>{{file, r->begin + 1, r->begin + 1, quoted_list(names, '"')}};
  }
  auto last = byte_range(sources, array.items.back().span);
  auto first = byte_range(sources, array.items.front().span);
  if (!last || !first) return std::nullopt;
  char quote = array.items.back().is_string() ? quote_of(text, last->begin) : '"';
  std::string_view after = text.substr(last->end, r->end - 1 - last->end);
  std::string_view before = text.substr(r->begin + 1, first->begin - r->begin - 1);
  bool multi_line = after.find('\n') != std::string_view::npos && before.find('\n') != std::string_view::npos;
  if (!multi_line) {
    std::string added = ", " + quoted_list(names, quote);
    // A one-line array pushed past 80 columns is written one entry per line, as `mise fmt`
    // expands it (CONTRIBUTING §12); only an array that is its line's value (not in `#MISE`
    // headers or inline tables), without comments.
    std::size_t lb = line_begin(text, r->begin);
    std::size_t eol = text.find('\n', r->end);
    std::string_view line = text.substr(lb, (eol == std::string_view::npos ? text.size() : eol) - lb);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view inside = text.substr(r->begin, r->end - r->begin);
    bool own_line = text.substr(lb, r->begin - lb).find_first_of("{,[") == std::string_view::npos;  // `key = [`
    if (inline_only || !own_line || inside.find_first_of("#\n") != std::string_view::npos ||
        column_of_byte(line, line.size()) - 1 + column_of_byte(added, added.size()) - 1 <= 80)
      return std::vector<TextEdit>{{file, last->end, last->end, added}};
    std::string indent(indentation_at(text, r->begin));
    std::string nl(newline_at(text, r->begin));
    std::string lines = "[" + nl;
    for (const TomlValue& item : array.items) {
      auto ir = byte_range(sources, item.span);
      if (!ir) return std::nullopt;
      lines += indent + "  " + std::string(text.substr(ir->begin, ir->end - ir->begin)) + "," + nl;
    }
    for (const std::string& n : names) lines += indent + "  " + toml_quoted(n, quote) + "," + nl;
    return std::vector<TextEdit>{{file, r->begin, r->end, lines + indent + "]"}};
  }
  if (inline_only) return std::nullopt;
  // One entry per line, as the array is written: after the last entry's line, with its indent
  // and its trailing-comma habit.
  std::size_t line_start = line_begin(text, last->begin);
  if (text.substr(line_start, last->begin - line_start).find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  std::string indent(indentation_at(text, last->begin));
  std::string nl(newline_at(text, last->end));
  std::size_t eol = text.find('\n', last->end);
  std::string_view rest = text.substr(last->end, eol - last->end);
  std::size_t p = rest.find_first_not_of(" \t\r");
  bool trailing_comma = p != std::string_view::npos && rest[p] == ',';
  std::string_view tail = p == std::string_view::npos ? std::string_view() : rest.substr(p + (trailing_comma ? 1 : 0));
  std::size_t q = tail.find_first_not_of(" \t\r");
  if (q != std::string_view::npos && tail[q] != '#') return std::nullopt;  // more values on that line
  std::size_t at = next_line_begin(text, last->end);
  std::vector<TextEdit> edits;
  if (!trailing_comma) edits.push_back({file, last->end, last->end, ","});
  std::string lines;
  for (std::size_t i = 0; i < names.size(); ++i)
    lines += indent + toml_quoted(names[i], quote) + (trailing_comma || i + 1 < names.size() ? "," : "") + nl;
  edits.push_back({file, at, at, lines});
  return edits;
}

// `depends = "a"` becomes `depends = ["a", "b"]`.
std::optional<std::vector<TextEdit>> widen_string(const SourceManager& sources, const TomlValue& str,
                                                  const std::vector<std::string>& names) {
  auto r = byte_range(sources, str.span);
  if (!r) return std::nullopt;
  std::string_view text = sources.file(str.span.file).text;
  return std::vector<TextEdit>{{str.span.file, r->begin, r->begin, "["},
                               {str.span.file, r->end, r->end, ", " + quoted_list(names, quote_of(text, r->begin)) + "]"}};
}

// A `depends` key added to the task's own table (no dependency written yet).
std::optional<std::vector<TextEdit>> add_key(const Project& project, const Task& task, const TomlValue& root,
                                             const std::vector<std::string>& names) {
  const SourceManager& sources = project.sources;
  FileId file = task.name_span.file;
  const ReparsedConfig* index = nullptr;
  if (project.reparsed_configs)
    if (const ReparsedConfig& c = reparsed_config(project, file); &c.parsed.root == &root) index = &c;
  const TomlEntry* entry = nullptr;
  if (index) {
    auto it = index->entries_by_key.find({task.name_span.begin.line, task.name_span.begin.column});
    entry = it == index->entries_by_key.end() ? nullptr : it->second;
  } else {
    entry = find_entry_by_key(root, task.name_span);
  }
  if (!entry) return std::nullopt;
  std::string value_text = "[" + quoted_list(names, '"') + "]";
  const TomlValue& v = entry->value;
  if (v.is_string() || v.is_array()) {
    // `x = "script"`: the shorthand becomes an inline table with the same run.
    auto vr = byte_range(sources, v.span);
    if (!vr) return std::nullopt;
    return std::vector<TextEdit>{{file, vr->begin, vr->begin, "{ run = "},
                                 {file, vr->end, vr->end, ", depends = " + value_text + " }"}};
  }
  if (!v.is_table()) return std::nullopt;
  if (const TomlValue* existing = v.find("depends")) {
    if (existing->is_array() && existing->items.empty()) return append_to_array(sources, *existing, names, false);
    return std::nullopt;
  }
  return add_table_entry(sources, root, *entry, "depends", value_text, index ? &index->value_lines : nullptr);
}

// File tasks: the `#MISE depends=[…]` header (appended to when it is written on one line), or a
// new header line after the existing ones (after the shebang when there are none).
std::optional<std::vector<TextEdit>> edit_file_task(const Project& project, const Task& task,
                                                    const std::vector<std::string>& names) {
  FileId file = task.script_file;
  if (!editable_file(project, file)) return std::nullopt;
  const std::string& text = project.sources.file(file).text;
  std::vector<Diagnostic> ignored;
  FileTaskHeader header = parse_file_task_header(text, file, task.name, ignored);
  if (header.failed) return std::nullopt;
  if (const TomlValue* deps = header.table.find("depends")) {
    if (!deps->is_array()) return std::nullopt;
    return append_to_array(project.sources, *deps, names, true);
  }
  // Place and prefix of the new header line.
  std::size_t after = 0;
  std::string prefix;
  std::size_t pos = 0;
  for (; pos < text.size(); pos = next_line_begin(text, pos)) {
    std::size_t eol = text.find('\n', pos);
    std::string_view line = std::string_view(text).substr(pos, (eol == std::string::npos ? text.size() : eol) - pos);
    if (std::size_t n = header_prefix_length(line); n > 0 && looks_like_entry(line.substr(n))) {
      after = next_line_begin(text, pos);
      prefix = std::string(line.substr(0, n));
    }
  }
  if (prefix.empty()) {
    std::string ext = std::filesystem::path(project.sources.file(file).absolute).extension().string();
    bool slashes = ext == ".js" || ext == ".mjs" || ext == ".cjs" || ext == ".ts" || ext == ".mts";
    prefix = slashes ? "//MISE " : "#MISE ";
    after = text.rfind("#!", 0) == 0 ? next_line_begin(text, 0) : 0;
  }
  std::string nl(newline_at(text, 0));
  std::string lead = after == text.size() && !text.empty() && text.back() != '\n' ? nl : "";
  std::string line = lead + prefix + "depends=[" + quoted_list(names, '"') + "]" + (lead.empty() ? nl : "");
  return std::vector<TextEdit>{{file, after, after, line}};
}

}  // namespace

std::string toml_quoted(std::string_view value, char quote) {
  bool plain = quote == '\'' && value.find_first_of("'\n\r") == std::string_view::npos;
  for (unsigned char c : value) plain = plain && (c >= 0x20 && c != 0x7f);
  if (plain) return "'" + std::string(value) + "'";
  std::string out = "\"";
  for (unsigned char c : value) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04X}", c);
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

std::optional<std::vector<TextEdit>> add_table_entry(const SourceManager& sources, const TomlValue& root,
                                                     const TomlEntry& table, std::string_view key_text,
                                                     std::string_view value_text,
                                                     const std::set<std::uint32_t>* value_lines) {
  FileId file = table.key_span.file;
  const TomlValue& v = table.value;
  auto key = byte_range(sources, table.key_span);
  if (!key || !v.is_table()) return std::nullopt;
  std::string_view text = sources.file(file).text;
  std::string assignment = std::string(key_text) + " = " + std::string(value_text);
  auto vr = byte_range(sources, v.span);
  std::size_t key_line = line_begin(text, key->begin);
  std::size_t first = text.find_first_not_of(" \t", key_line);
  bool header = first < text.size() && text[first] == '[';
  if (!header && vr && vr->begin < text.size() && text[vr->begin] == '{') {
    // An inline table: `, key = value` after its last value.
    if (v.entries.empty()) return std::nullopt;
    std::size_t end = 0;
    for (const TomlEntry& e : v.entries)
      if (auto er = byte_range(sources, e.value.span)) end = std::max(end, er->end);
      else return std::nullopt;
    return std::vector<TextEdit>{{file, end, end, ", " + assignment}};
  }
  std::string nl(newline_at(text, key->begin));
  if (!header) {
    // Dotted keys (`tasks.x.run = "…"`): one more dotted line after the table's last one.
    std::string prefix(text.substr(first, key->end - first));
    if (prefix.find('=') != std::string::npos) return std::nullopt;
    std::size_t end = 0;
    for (const TomlEntry& e : v.entries)
      if (auto er = byte_range(sources, e.value.span)) end = std::max(end, er->end);
    if (end == 0) return std::nullopt;
    std::size_t at = next_line_begin(text, end);
    std::string lead = at == text.size() && (text.empty() || text.back() != '\n') ? nl : "";
    std::string line = lead + std::string(indentation_at(text, key->begin)) + prefix + "." + assignment +
                       (lead.empty() ? nl : "");
    return std::vector<TextEdit>{{file, at, at, line}};
  }
  // A `[x]` table: after its last key line, before the next header (lines inside multi-line
  // strings and arrays are values, not headers), with the table's indentation.
  std::set<std::uint32_t> own_lines;
  if (!value_lines) collect_value_lines(root, own_lines);
  const std::set<std::uint32_t>& in_strings = value_lines ? *value_lines : own_lines;
  std::uint32_t line_no = table.key_span.begin.line;
  std::size_t at = next_line_begin(text, key->begin);
  std::size_t insert = at;
  std::string indent;
  bool seen_key = false;
  for (std::size_t pos = at; pos < text.size(); pos = next_line_begin(text, pos)) {
    ++line_no;
    std::size_t nonblank = text.find_first_not_of(" \t\r", pos);
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    bool in_string = in_strings.count(line_no) > 0;
    if (!in_string && nonblank < eol && text[nonblank] == '[') break;
    bool content = in_string || (nonblank < eol && text[nonblank] != '#');
    if (!content) continue;
    if (!seen_key && !in_string) indent = std::string(indentation_at(text, pos));
    seen_key = true;
    insert = next_line_begin(text, pos);
  }
  std::string lead = insert == text.size() && (text.empty() || text.back() != '\n') ? nl : "";
  std::string line = lead + indent + assignment + (lead.empty() ? nl : "");
  return std::vector<TextEdit>{{file, insert, insert, line}};
}

std::string toml_key(std::string_view name) {
  bool bare = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
  return bare ? std::string(name) : toml_quoted(name, '"');
}

bool editable_file(const Project& project, FileId file) {
  if (file == kNoFile || file >= project.sources.size() || project.root.empty()) return false;
  const SourceFile& f = project.sources.file(file);
  if (f.text.empty() || f.absolute.empty()) return false;
  namespace fs = std::filesystem;
  return path_within(fs::path(f.absolute).lexically_normal(), fs::path(project.root).lexically_normal());
}

struct ReparsedConfigs {
  std::unordered_map<FileId, ReparsedConfig> files;
};

namespace {

void index_entries(const TomlValue& v, ReparsedConfig& c) {
  for (const TomlEntry& e : v.entries) {
    c.entries_by_key.emplace(std::pair{e.key_span.begin.line, e.key_span.begin.column}, &e);
    index_entries(e.value, c);
  }
  for (const TomlValue& i : v.items) index_entries(i, c);
}

}  // namespace

const ReparsedConfig& reparsed_config(const Project& project, FileId file) {
  if (!project.reparsed_configs) project.reparsed_configs = std::make_shared<ReparsedConfigs>();
  auto& files = project.reparsed_configs->files;
  auto it = files.find(file);
  if (it == files.end()) {
    it = files.emplace(file, ReparsedConfig{}).first;
    ReparsedConfig& c = it->second;
    c.parsed = parse_toml(project.sources.file(file).text, file);
    if (c.parsed.ok) {
      index_entries(c.parsed.root, c);
      collect_value_lines(c.parsed.root, c.value_lines);
    }
  }
  return it->second;
}

std::optional<Fix> add_depends_fix(const Project& project, const Task& task, const std::vector<std::string>& names,
                                   FixSafety safety) {
  if (names.empty()) return std::nullopt;
  for (const DependencyRef& d : task.depends)
    if (d.templated) return std::nullopt;
  std::optional<std::vector<TextEdit>> edits;
  if (task.origin == TaskOrigin::FileScript) {
    edits = edit_file_task(project, task, names);
  } else {
    FileId file = task.depends.empty() ? task.name_span.file : task.depends.back().span.file;
    if (!editable_file(project, file)) return std::nullopt;
    const TomlParseResult& parsed = reparsed_config(project, file).parsed;
    if (!parsed.ok) return std::nullopt;
    if (task.depends.empty()) {
      edits = add_key(project, task, parsed.root, names);
    } else {
      Found f = find_dependency_value(parsed.root, task.depends.back().span, nullptr);
      if (!f.value) return std::nullopt;
      edits = f.value->is_array() ? append_to_array(project.sources, *f.value, names, false)
                                  : widen_string(project.sources, *f.value, names);
    }
  }
  if (!edits) return std::nullopt;
  return make_fix(task, names, safety, std::move(*edits));
}

std::optional<Fix> wait_for_to_depends_fix(const Project& project, const Task& task, const DependencyRef& entry) {
  if (entry.templated || entry.form != DependencyRef::Form::String || entry.raw.empty()) return std::nullopt;
  FileId file = entry.span.file;
  if (!editable_file(project, file)) return std::nullopt;
  const std::string& text = project.sources.file(file).text;
  bool header = task.origin == TaskOrigin::FileScript;
  TomlValue root;
  if (header) {
    std::vector<Diagnostic> ignored;
    FileTaskHeader h = parse_file_task_header(text, file, task.name, ignored);
    if (h.failed) return std::nullopt;
    root = std::move(h.table);
  } else {
    TomlParseResult parsed = parse_toml(text, file);
    if (!parsed.ok) return std::nullopt;
    root = std::move(parsed.root);
  }
  Found found = find_dependency_value(root, entry.span, nullptr);
  if (!found.value || !found.entry || found.entry->key != "wait_for") return std::nullopt;
  const TomlValue* table = parent_table(root, found.entry);
  if (!table) return std::nullopt;
  std::string title = fmt::format("move {} from `wait_for` to `depends` of `{}` (it then runs whenever `{}` runs)",
                                  toml_quoted(entry.raw, '"'), task.display_name, task.display_name);
  std::string model_change = fmt::format("edge {} -> {} (wait_for becomes depends)", task.display_name, entry.raw);
  bool whole = found.value->is_string() || found.value->items.size() == 1;
  if (whole && task.depends.empty() && !table->find("depends")) {
    // The list holds only this entry and no `depends` is written: the key is renamed in place.
    auto k = byte_range(project.sources, found.entry->key_span);
    if (!k) return std::nullopt;
    std::string_view key = std::string_view(text).substr(k->begin, k->end - k->begin);
    std::size_t at = key.rfind("wait_for");
    if (at == std::string_view::npos) return std::nullopt;
    std::vector<TextEdit> edits{{file, k->begin + at, k->begin + at + 8, "depends"}};
    // A comment aligned after the value (two or more spaces before it: `mise fmt` aligns a
    // block's comments, CONTRIBUTING §12) keeps its column: the key is one byte shorter.
    auto v = byte_range(project.sources, found.value->span);
    std::size_t eol = v ? text.find('\n', v->end) : std::string::npos;
    std::string_view rest = v ? std::string_view(text).substr(v->end, (eol == std::string::npos ? text.size() : eol) - v->end)
                              : std::string_view();
    std::size_t hash = rest.find_first_not_of(" \t");
    if (hash != std::string_view::npos && hash >= 2 && rest[hash] == '#' && rest.substr(0, hash).find('\t') == std::string_view::npos)
      edits.push_back({file, v->end, v->end, " "});
    return Fix{std::move(title), FixSafety::Unsafe, std::move(edits), std::move(model_change)};
  }
  std::optional<Fix> add = add_depends_fix(project, task, {entry.raw}, FixSafety::Unsafe);
  if (!add) return std::nullopt;
  std::optional<TextEdit> removal;
  if (whole) {
    removal = remove_entry(project.sources, *table, *found.entry, header);
  } else {
    for (std::size_t i = 0; i < found.value->items.size(); ++i)
      if (same_start(found.value->items[i].span, entry.span)) removal = remove_item(project.sources, *found.value, i);
  }
  if (!removal) return std::nullopt;
  std::vector<TextEdit> edits = std::move(add->edits);
  edits.push_back(std::move(*removal));
  if (edits_overlap(edits)) return std::nullopt;
  return Fix{std::move(title), FixSafety::Unsafe, std::move(edits), std::move(model_change)};
}

std::optional<Fix> replace_dependency_fix(const Project& project, const SourceSpan& entry, std::string_view old_value,
                                          const std::vector<std::string>& entries, bool as_array, std::string title,
                                          std::string model_change, FixSafety safety) {
  if (!editable_file(project, entry.file) || old_value.empty()) return std::nullopt;
  auto r = byte_range(project.sources, entry);
  if (!r) return std::nullopt;
  std::string_view text = project.sources.file(entry.file).text;
  std::string_view span = text.substr(r->begin, r->end - r->begin);
  for (char quote : {'"', '\''}) {
    std::string literal = std::string(1, quote) + std::string(old_value) + quote;
    std::size_t at = span.find(literal);
    if (at == std::string_view::npos || span.find(literal, at + 1) != std::string_view::npos) continue;
    if (at > 0 && span[at - 1] == quote) continue;  // part of a multi-line literal
    if (quote == '"' && old_value.find('\\') != std::string_view::npos) return std::nullopt;
    std::string replacement = quoted_list(entries, quote);
    if (as_array) replacement = "[" + replacement + "]";
    std::size_t b = r->begin + at;
    return Fix{std::move(title), safety, {{entry.file, b, b + literal.size(), replacement}}, std::move(model_change)};
  }
  return std::nullopt;
}

}  // namespace mise_audit
