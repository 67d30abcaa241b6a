#include "release/role_book.h"

#include <algorithm>
#include <memory>

#include "core/embedded_docs.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

namespace {

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

RoleSet role_from_name(std::string_view n, std::string& error) {
  static const std::pair<const char*, RoleSet> names[] = {
      {"wheel", kRoleWheel}, {"sdist", kRoleSdist}, {"build", kRoleBuild}, {"publish", kRolePublish},
      {"version", kRoleVersion}, {"tag", kRoleTag}, {"copy", kRoleCopy}, {"inspect", kRoleInspect},
      {"guard", kRoleGuard}, {"preflight", kRolePreflight}, {"fetch", kRoleFetch}};
  for (const auto& [name, role] : names)
    if (n == name) return role;
  error = "unknown role `" + std::string(n) + "`";
  return 0;
}

std::vector<std::string> strings(const TomlValue* v) {
  std::vector<std::string> out;
  if (!v) return out;
  if (v->is_string()) out.push_back(v->string);
  if (v->is_array())
    for (const TomlValue& i : v->items)
      if (i.is_string()) out.push_back(i.string);
  return out;
}

std::string string_of(const TomlValue* v) { return v && v->is_string() ? v->string : std::string(); }

RoleSet roles_of(const TomlValue* v, std::string& error) {
  RoleSet r = 0;
  for (const std::string& s : strings(v)) r |= role_from_name(s, error);
  return r;
}

std::string parse_into(std::string_view text, RoleBook& book) {
  TomlParseResult parsed = parse_toml(text, kNoFile);
  if (!parsed.ok) return "roles: " + parsed.error;
  std::string error;
  const TomlValue& root = parsed.root;
  if (const TomlValue* w = root.find("wrappers")) {
    for (const std::string& p : strings(w->find("prefixes"))) book.wrappers.push_back(split_words(p));
    for (const std::string& f : strings(w->find("value-flags"))) book.wrapper_value_flags.push_back(f);
    for (const std::string& b : strings(w->find("bin-runners"))) book.bin_runners.push_back(b);
  }
  if (const TomlValue* cmds = root.find("command"); cmds && cmds->is_array()) {
    for (const TomlValue& c : cmds->items) {
      CommandPattern p;
      p.match = split_words(string_of(c.find("match")));
      if (p.match.empty()) return "roles: a [[command]] needs `match`";
      p.roles = roles_of(c.find("roles"), error);
      p.produces = strings(c.find("produces"));
      p.consumes = strings(c.find("consumes"));
      p.writes = folder_of(string_of(c.find("writes")), true);
      p.out_flags = strings(c.find("out-flags"));
      p.reads = folder_of(string_of(c.find("reads")), true);
      if (const TomlValue* b = c.find("path-args"); b && b->is_bool()) p.path_args = b->boolean;
      if (const TomlValue* n = c.find("skip-positionals"); n && n->kind == TomlValue::Kind::Integer)
        p.skip_positionals = static_cast<std::size_t>(std::max<std::int64_t>(0, n->integer));
      if (const TomlValue* b = c.find("source-positional"); b && b->is_bool()) p.source_positional = b->boolean;
      p.value_flags = strings(c.find("value-flags"));
      if (const TomlValue* b = c.find("self-building"); b && b->is_bool()) p.self_building = b->boolean;
      p.target = string_of(c.find("target"));
      p.unless_flags = strings(c.find("unless-flags"));
      p.only_with_flags = strings(c.find("only-with-flags"));
      if (const TomlValue* fr = c.find("flag-roles"); fr && fr->is_table())
        for (const TomlEntry& e : fr->entries) p.flag_roles.emplace_back(e.key, roles_of(&e.value, error));
      p.remote_roles = roles_of(c.find("remote-roles"), error);
      if ((p.roles & kRolePublish) && !p.self_building && p.consumes.empty()) p.consumes = {"file"};
      // A user's "this script builds" with no kinds: it builds files of some kind.
      if ((p.roles & (kRoleBuild | kRoleFetch)) && p.produces.empty()) p.produces = {"file"};
      book.commands.push_back(std::move(p));
    }
  }
  if (const TomlValue* names = root.find("name"); names && names->is_array())
    for (const TomlValue& n : names->items) book.names.push_back({string_of(n.find("glob")), roles_of(n.find("roles"), error)});
  if (const TomlValue* reqs = root.find("requires"); reqs && reqs->is_array())
    for (const TomlValue& r : reqs->items) {
      ToolRequirement t;
      t.match = split_words(string_of(r.find("match")));
      t.flag = string_of(r.find("flag"));
      t.tools = strings(r.find("tools"));
      for (const std::string& w : strings(r.find("wrapped-by"))) t.wrapped_by.push_back(split_words(w));
      t.wrapper_tools = strings(r.find("wrapper-tools"));
      t.why = string_of(r.find("why"));
      book.requires_.push_back(std::move(t));
    }
  if (const TomlValue* g = root.find("guard")) {
    for (const std::string& s : strings(g->find("exits"))) book.guard_exits.push_back(s);
    for (const std::string& s : strings(g->find("artifact-hints"))) book.artifact_hints.push_back(s);
    for (const std::string& s : strings(g->find("tag-checks"))) book.tag_checks.push_back(s);
  }
  if (const TomlValue* p = root.find("preflight")) {
    for (const std::string& s : strings(p->find("checks"))) book.preflight_checks.push_back(s);
    for (const std::string& s : strings(p->find("task-names"))) book.preflight_task_names.push_back(s);
    for (const std::string& s : strings(p->find("not-if"))) book.preflight_not_if.push_back(s);
  }
  if (const TomlValue* l = root.find("local-targets"))
    for (const std::string& s : strings(l->find("hosts"))) book.local_hosts.push_back(s);
  if (const TomlValue* groups = root.find("source-files"); groups && groups->is_array())
    for (const TomlValue& g : groups->items) {
      std::string files = string_of(g.find("files"));
      for (const std::string& w : strings(g.find("rewrite"))) book.source_tools.push_back({split_words(w), files, true});
      for (const std::string& w : strings(g.find("read"))) book.source_tools.push_back({split_words(w), files, false});
    }
  if (const TomlValue* d = root.find("deploy-targets"))
    for (const std::string& s : strings(d->find("targets"))) book.deploy_targets.push_back(s);
  if (const TomlValue* r = root.find("release-entry"))
    for (const std::string& s : strings(r->find("task-names"))) book.release_entry_names.push_back(s);
  if (const TomlValue* s = root.find("secrets")) {
    if (const TomlValue* pre = s->find("prefixes"); pre && pre->is_array())
      for (const TomlValue& e : pre->items) {
        SecretPrefix sp{string_of(e.find("prefix")), 0};
        if (const TomlValue* m = e.find("min"); m && m->kind == TomlValue::Kind::Integer)
          sp.min = static_cast<std::size_t>(std::max<std::int64_t>(0, m->integer));
        if (!sp.prefix.empty()) book.secret_prefixes.push_back(sp);
      }
    for (const std::string& k : strings(s->find("keys"))) book.secret_keys.push_back(k);
    for (const std::string& k : strings(s->find("placeholders"))) book.secret_placeholders.push_back(k);
    for (const std::string& k : strings(s->find("references"))) book.secret_references.push_back(k);
    if (const TomlValue* e = s->find("min-entropy"))
      book.secret_min_entropy = e->kind == TomlValue::Kind::Float     ? e->floating
                                : e->kind == TomlValue::Kind::Integer ? static_cast<double>(e->integer)
                                                                      : book.secret_min_entropy;
  }
  return error.empty() ? "" : "roles: " + error;
}

// Indexes built from the entries (RoleBook's wrapper_programs and commands_by_*), rebuilt whole.
void index_role_book(RoleBook& book) {
  book.wrapper_programs.clear();
  book.wrapper_paths = false;
  book.commands_by_program.clear();
  book.commands_by_path.clear();
  for (const std::vector<std::string>& w : book.wrappers) {
    if (w.empty()) continue;
    book.wrapper_programs.push_back(w.front());
    book.wrapper_paths = book.wrapper_paths || w.front().find('/') != std::string::npos;
  }
  std::sort(book.wrapper_programs.begin(), book.wrapper_programs.end());
  for (std::size_t i = 0; i < book.commands.size(); ++i) {
    const std::string& first = book.commands[i].match.front();
    if (first.find('/') != std::string::npos) book.commands_by_path.push_back(i);
    else book.commands_by_program[first].push_back(i);
  }
}

}  // namespace

std::string parse_role_book(std::string_view text, RoleBook& book) { return parse_into(text, book); }

namespace {
RoleBookFiller& precompiled_filler() {
  static RoleBookFiller fill = nullptr;
  return fill;
}
}  // namespace

bool register_precompiled_role_book(RoleBookFiller fill) {
  precompiled_filler() = fill;
  return true;
}
RoleBookFiller precompiled_role_book() { return precompiled_filler(); }

RoleBook parse_builtin_role_book() {
  RoleBook book;
  for (const EmbeddedDoc& d : embedded_docs())
    if (d.name == "roles.toml") parse_into(d.text, book);
  return book;
}

const RoleBook& builtin_role_book() {
  // Immutable after the first call: the built-in vocabulary, shared by every run in the process.
  static const RoleBook book = [] {
    RoleBook b;
    if (RoleBookFiller fill = precompiled_role_book()) fill(b);
    else b = parse_builtin_role_book();
    index_role_book(b);
    return b;
  }();
  return book;
}

std::optional<RoleBook> extend_role_book(const RoleBook& base, std::string_view toml_text, std::string& error) {
  RoleBook book = base;
  error = parse_into(toml_text, book);
  if (!error.empty()) return std::nullopt;
  index_role_book(book);
  return book;
}

std::string check_role_patterns(std::string_view toml_text) {
  RoleBook probe;
  return parse_into(toml_text, probe);
}

static bool word_is(const std::string& pattern_word, const std::string& word, bool first) {
  if (pattern_word == word) return true;
  if (!first) return false;
  if (pattern_word.find('/') != std::string::npos) {
    auto strip = [](std::string_view s) { return s.starts_with("./") ? s.substr(2) : s; };
    return strip(pattern_word) == strip(word);
  }
  return program_name_view(word) == pattern_word;
}

bool contains_any(std::string_view text, const std::vector<std::string>& needles) {
  return std::any_of(needles.begin(), needles.end(), [&](const std::string& n) { return text.find(n) != std::string_view::npos; });
}

bool reads_as_artifact_guard(const RoleBook& book, std::string_view text) {
  return contains_any(text, book.guard_exits) && !contains_any(text, book.preflight_not_if) &&
         !contains_any(text, book.preflight_checks) && contains_any(text, book.artifact_hints);
}

std::size_t match_words(const std::vector<std::string>& pattern, const std::vector<std::string>& words, std::size_t at) {
  if (pattern.empty() || at >= words.size() || !word_is(pattern[0], words[at], true)) return 0;
  std::size_t j = at + 1;
  for (std::size_t k = 1; k < pattern.size(); ++k) {
    const std::string& pw = pattern[k];
    if (pw[0] != '-')
      while (j < words.size() && !words[j].empty() && (words[j][0] == '-' || words[j][0] == '+')) {
        // `uv --directory pkg build`, `git -C dir tag`: an option may take the next word.
        bool takes_value = words[j][0] == '-' && words[j].find('=') == std::string::npos && j + 1 < words.size() &&
                           !words[j + 1].starts_with("-") && words[j + 1] != pw;
        j += takes_value ? 2 : 1;
      }
    if (j >= words.size() || words[j] != pw) return 0;
    ++j;
  }
  return j;
}

const SourceTool* source_tool(const RoleBook& book, const std::vector<std::string>& words) {
  // An entry is its leading words (program, subcommand), matched as a command's start, then flags
  // that must appear anywhere after it; more words is more specific, and a reader wins a tie.
  const SourceTool* best = nullptr;
  for (const SourceTool& tool : book.source_tools) {
    const std::vector<std::string>& entry = tool.words;
    std::size_t lead = 0;
    while (lead < entry.size() && !entry[lead].starts_with("-")) ++lead;
    std::vector<std::string> start(entry.begin(), entry.begin() + static_cast<std::ptrdiff_t>(lead));
    if (!match_words(start, words, 0)) continue;
    bool flags = true;
    for (std::size_t k = lead; k < entry.size() && flags; ++k)
      flags = std::find(words.begin() + 1, words.end(), entry[k]) != words.end();
    if (!flags) continue;
    if (!best || entry.size() > best->words.size() || (entry.size() == best->words.size() && !tool.rewrites)) best = &tool;
  }
  return best;
}

std::size_t skip_wrappers(const RoleBook& book, const std::vector<std::string>& words, std::vector<std::string>* seen) {
  std::size_t p = 0;
  // Most commands start with no wrapper: a wrapper's first word is a plain program name (no
  // '/'), so neither the word nor its program name being one ends the search at once.
  auto may_wrap = [&](const std::string& word) {
    if (book.wrapper_paths || (book.wrapper_programs.empty() && !book.wrappers.empty())) return true;  // no index: try all
    const std::vector<std::string>& firsts = book.wrapper_programs;
    auto has = [&](std::string_view w) { return std::binary_search(firsts.begin(), firsts.end(), w, std::less<>()); };
    return has(word) || has(program_name_view(word));
  };
  for (bool again = true; again && p < words.size() && may_wrap(words[p]);) {
    again = false;
    for (const std::vector<std::string>& w : book.wrappers) {
      std::size_t next = match_words(w, words, p);
      if (!next) continue;
      if (seen) {
        std::string joined;
        for (const std::string& x : w) joined += (joined.empty() ? "" : " ") + x;
        seen->push_back(joined);
      }
      p = next;
      while (p < words.size()) {
        const std::string& x = words[p];
        if (x == "--") { ++p; break; }
        if (x.empty() || x[0] != '-') {
          if (x.find('=') != std::string::npos && w[0] == "env") { ++p; continue; }
          break;
        }
        bool takes_value = x.find('=') == std::string::npos &&
                           std::find(book.wrapper_value_flags.begin(), book.wrapper_value_flags.end(), x) != book.wrapper_value_flags.end();
        p += takes_value ? 2 : 1;
      }
      again = true;
      break;
    }
  }
  return p;
}

std::string folder_of(std::string_view path, bool is_directory) {
  std::string p(path);
  if (p.empty()) return "";
  while (p.starts_with("./")) p.erase(0, 2);
  if (p.empty() || p == ".") return "./";
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    parts.push_back(p.substr(i, j - i));
    i = j + 1;
  }
  bool trailing_slash = p.back() == '/';
  if (trailing_slash) parts.pop_back();
  std::string out;
  if (!parts.empty() && parts[0].empty()) out = "/";  // absolute
  std::size_t keep = parts.size();
  for (std::size_t k = 0; k < parts.size(); ++k)
    if (parts[k].find_first_of("*?[{$`~") != std::string::npos) { keep = k; break; }
  if (keep == 0 || (keep == 1 && parts[0].empty())) return parts[0].find('$') != std::string::npos || parts[0].find('~') != std::string::npos ? "" : "./";
  if (keep == parts.size() && !trailing_slash && !is_directory) --keep;  // drop the file name
  if (keep == 0) return "./";
  for (std::size_t k = 0; k < keep; ++k) {
    if (parts[k].empty()) continue;
    if (parts[k] == ".") continue;
    out += parts[k] + "/";
  }
  return out.empty() ? "./" : out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool glob_match_simple(std::string_view g, std::string_view t) {
  std::size_t gi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (gi < g.size() && (g[gi] == '?' || g[gi] == t[ti])) { ++gi; ++ti; }
    else if (gi < g.size() && g[gi] == '*') { star = gi++; mark = ti; }
    else if (star != std::string_view::npos) { gi = star + 1; ti = ++mark; }
    else return false;
  }
  while (gi < g.size() && g[gi] == '*') ++gi;
  return gi == g.size();
}

}  // namespace mise_audit
