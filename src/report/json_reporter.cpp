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
    j["message"] = d.message;
    j["file"] = d.span.file == kNoFile ? nlohmann::json(nullptr) : nlohmann::json(project.sources.file(d.span.file).path);
    auto num = [](std::uint32_t v) { return v ? nlohmann::json(v) : nlohmann::json(nullptr); };
    j["line"] = num(d.span.begin.line);
    j["column"] = num(d.span.begin.column);
    j["end_line"] = num(d.span.end.line);
    j["end_column"] = num(d.span.end.column);
    j["task"] = d.task.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.task);
    j["help"] = d.help.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.help);
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
