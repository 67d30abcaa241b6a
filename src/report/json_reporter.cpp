#include <nlohmann/json.hpp>

#include "mise_audit/mise_version.h"
#include "mise_audit/report.h"

namespace mise_audit {

std::string render_json(const std::vector<LintedProject>& results, const RunStatus& status) {
  nlohmann::json list = nlohmann::json::array();
  for (const LintedProject& r : results)
  for (const Diagnostic& d : r.diagnostics) {
    const Project& project = r.project();
    nlohmann::json j;
    j["rule"] = d.rule;
    j["severity"] = severity_name(d.severity);
    j["confidence"] = confidence_name(d.confidence);
    j["message"] = d.message;
    j["file"] = d.span.file == kNoFile ? nlohmann::json(nullptr) : nlohmann::json(project.sources.file(d.span.file).path);
    auto num = [](std::uint32_t v) { return v ? nlohmann::json(v) : nlohmann::json(nullptr); };
    j["line"] = num(d.span.begin.line);
    j["column"] = num(d.span.begin.column);
    j["end_line"] = num(d.span.end.line);
    j["end_column"] = num(d.span.end.column);
    j["task"] = d.task.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.task);
    j["help"] = d.help.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.help);
    // Only findings that have a fix carry the key (byte offsets into the file as read).
    if (d.fix) {
      nlohmann::json edits = nlohmann::json::array();
      for (const TextEdit& e : d.fix->edits)
        edits.push_back({{"file", e.file < project.sources.size() ? project.sources.file(e.file).path : std::string()},
                         {"start", e.begin}, {"end", e.end}, {"replacement", e.replacement}});
      j["fix"] = {{"title", d.fix->title}, {"safety", fix_safety_name(d.fix->safety)},
                  {"model_change", d.fix->model_change}, {"edits", std::move(edits)}};
    }
    list.push_back(std::move(j));
  }
  Summary s = summarize(results);
  nlohmann::json out;
  out["version"] = 1;
  out["mise_version"] = kMiseVersion;
  out["execution"] = {{"successful", status.successful()}, {"errors", status.errors}};
  out["diagnostics"] = std::move(list);
  out["summary"] = {{"errors", s.errors}, {"warnings", s.warnings}, {"notes", s.notes},
                    {"files", s.files}, {"tasks", s.tasks}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mise_audit
