// Format-preserving edits of dependency lists, computed for the rules that know the intent: add
// entries to a task's `depends` (an existing array, inline or multi-line; a new `depends` key in
// a `[tasks.x]` table, an inline table, dotted keys or a `#MISE` header), move a `wait_for` entry
// to `depends`, and replace one dependency string (a rename, a split); the table-entry insertion
// they use serves other tables too ([tools]). Everything outside the edited bytes stays as written.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mise_audit/task_model.h"

namespace mise_audit {

// Adds `names` (task names as the user writes them) to the `depends` of `task`, in the file of
// the project that defines it. nullopt when no edit is certain (a parent config, a templated or
// computed value, a layout not recognised).
std::optional<Fix> add_depends_fix(const Project& project, const Task& task, const std::vector<std::string>& names,
                                   FixSafety safety);

// Moves the `wait_for` entry `entry` of `task` to its `depends` (unsafe: it schedules the task):
// the key is renamed when the entry is its only one and no `depends` is written, else the entry
// is added to `depends` (created as add_depends_fix does) and removed from `wait_for` (the whole
// key when it was the last). nullopt when an edit is not certain.
std::optional<Fix> wait_for_to_depends_fix(const Project& project, const Task& task, const DependencyRef& entry);

// A config parsed again with positions, and what the edits look up in it: once per file per run
// (Project::reparsed_configs), however many findings ask.
struct ReparsedConfig {
  TomlParseResult parsed;
  std::map<std::pair<std::uint32_t, std::uint32_t>, const TomlEntry*> entries_by_key;  // key start → entry
  std::set<std::uint32_t> value_lines;  // lines inside multi-line strings and arrays
};
const ReparsedConfig& reparsed_config(const Project& project, FileId file);

// Adds `key_text = value_text` (both written as TOML) to `table`, an entry of the parsed file
// `root`: a `[x]` table (after its last key line), an inline table or dotted keys. nullopt when
// the layout is not recognised. `value_lines`: the root's, when known (ReparsedConfig).
std::optional<std::vector<TextEdit>> add_table_entry(const SourceManager& sources, const TomlValue& root,
                                                     const TomlEntry& table, std::string_view key_text,
                                                     std::string_view value_text,
                                                     const std::set<std::uint32_t>* value_lines = nullptr);

// Replaces the string literal holding exactly `old_value` inside `entry` (a dependency entry)
// with `entries` quoted in the literal's own style, joined by ", " (wrapped in [ ] when
// `as_array`). nullopt when the literal is not plainly written (escapes, multi-line strings).
std::optional<Fix> replace_dependency_fix(const Project& project, const SourceSpan& entry, std::string_view old_value,
                                          const std::vector<std::string>& entries, bool as_array, std::string title,
                                          std::string model_change, FixSafety safety);

// A TOML string literal for `value`: single quotes when `quote` is '\'' and the value allows it.
std::string toml_quoted(std::string_view value, char quote);

// A TOML key for `name`: bare (`zig`) when it allows it, else quoted (`"npm:semantic-release"`).
std::string toml_key(std::string_view name);

// True when a file of the project may be edited: inside the project folder (never a parent config
// nor a file outside the repository), with text.
bool editable_file(const Project& project, FileId file);

}  // namespace mise_audit
