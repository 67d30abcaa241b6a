// Turns one TOML task definition into a Task, checking it against mise's schema (CONTRIBUTING §2.2).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "loader/template_render.h"
#include "mise_audit/task_model.h"
#include "mise_audit/toml_value.h"

namespace mise_audit {

enum class TaskSchema {
  Task,        // [tasks.X] and included task files: deny_unknown_fields, type errors are fatal
  Template,    // [task_templates.X]: unknown keys warn; no hide/raw/… fields
  FileHeader,  // #MISE lines: unknown keys warn, scalar type errors are ignored (CONTRIBUTING §5.3)
};

struct DecodedTask {
  Task task;
  std::set<std::string> fields;  // keys written explicitly (merging needs "set, even to false")
  bool refused = false;          // mise would refuse the file because of this definition
  TemplateVars vars;             // the task's own `vars`, for rendering its templates
};

// Keys accepted in [tasks.X] by mise 2026.9.15 (CONTRIBUTING §2.2), and keys a #MISE header recognises (§5.3).
const std::vector<std::string>& task_keys();
const std::vector<std::string>& header_keys();

// Literal values of a `vars` table (task-level or the config's [vars]), for template rendering.
void collect_template_vars(const TomlValue& table, TemplateVars& out);

// `value` is the right-hand side of `[tasks]` key `name`: a string, an array or a table.
DecodedTask decode_task(const std::string& name, const TomlValue& value, SourceSpan name_span,
                        TaskSchema schema, std::vector<Diagnostic>& diags);

// Parses `depends`-like values; shared with the file-header decoder.
std::vector<DependencyRef> decode_dependencies(const TomlValue& value, const std::string& task,
                                               const char* field, std::vector<Diagnostic>& diags,
                                               bool& refused);

}  // namespace mise_audit
