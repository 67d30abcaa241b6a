// SARIF 2.1.0, the shape GitHub code scanning accepts: rule metadata from rules/*.md, results with
// 1-based regions in code points, repository-relative URIs and a line hash that survives edits
// elsewhere in the file.
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/rule_docs.h"
#include "mise_audit/mise_version.h"
#include "mise_audit/report.h"
#include "mise_audit/rule.h"

namespace mise_audit {
namespace {

using ojson = nlohmann::ordered_json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// FNV-1a: tiny, and the same on every platform, so fingerprints match between CI runs.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "Camel case" name SARIF viewers show: missing-dependency -> MissingDependency.
std::string pascal_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-') { upper = true; continue; }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

ojson rule_descriptor(const Rule& rule) {
  ojson r;
  r["id"] = rule.id();
  r["name"] = pascal_name(rule.id());
  const RuleDoc* doc = find_rule_doc(rule.id());
  std::string summary(rule.summary());
  r["shortDescription"] = {{"text", summary}};
  r["fullDescription"] = {{"text", doc && !doc->what.empty() ? doc->what : summary}};
  if (doc) r["help"] = {{"text", rule_doc_as_text(*doc)}, {"markdown", doc->markdown}};
  else r["help"] = {{"text", summary}, {"markdown", summary}};
  r["defaultConfiguration"] = {{"level", sarif_level(rule.default_severity())}};
  r["properties"] = {{"tags", ojson::array({"mise", "tasks"})}};
  return r;
}

}  // namespace

std::string render_sarif(const std::vector<LintedProject>& results, const RunStatus& status,
                         const std::string& repo_root) {
  std::vector<const Rule*> rules = rule_registry();
  std::sort(rules.begin(), rules.end(), [](const Rule* a, const Rule* b) { return std::string_view(a->id()) < b->id(); });
  std::map<std::string, std::size_t> rule_index;
  ojson descriptors = ojson::array();
  for (const Rule* r : rules) {
    rule_index.emplace(r->id(), descriptors.size());
    descriptors.push_back(rule_descriptor(*r));
  }

  ojson out_results = ojson::array();
  // Occurrences of the same (file, hash) get increasing indexes, so two identical lines stay apart.
  std::map<std::pair<std::string, std::uint64_t>, int> seen;
  for (const LintedProject& lp : results) {
    for (const Diagnostic& d : lp.diagnostics) {
      ojson res;
      res["ruleId"] = d.rule;
      if (auto it = rule_index.find(d.rule); it != rule_index.end()) res["ruleIndex"] = it->second;
      res["level"] = sarif_level(d.severity);
      // SARIF has no confidence; `rank` orders results by how sure we are (0-100), and the
      // property keeps the word for tools that read it.
      res["rank"] = d.confidence == Confidence::High ? 90.0 : d.confidence == Confidence::Medium ? 60.0 : 30.0;
      std::string text = d.message;
      if (!d.help.empty()) text += "\nhelp: " + d.help;
      res["message"] = {{"text", text}};
      if (d.span.file != kNoFile) {
        const SourceFile& f = lp.project().sources.file(d.span.file);
        std::string uri = repository_relative_path(f.absolute, repo_root);
        ojson physical;
        physical["artifactLocation"] = {{"uri", uri}, {"uriBaseId", "%SRCROOT%"}};
        std::string_view line_text;
        if (d.span.has_position()) {
          ojson region;
          region["startLine"] = d.span.begin.line;
          region["startColumn"] = d.span.begin.column;
          if (d.span.end.line >= d.span.begin.line && d.span.end.line > 0) {
            region["endLine"] = d.span.end.line;
            std::uint32_t end_col = d.span.end.column;
            if (d.span.end.line == d.span.begin.line && end_col <= d.span.begin.column) end_col = d.span.begin.column + 1;
            region["endColumn"] = end_col;
          }
          physical["region"] = region;
          line_text = lp.project().sources.line_text(d.span.file, d.span.begin.line);
        }
        ojson location;
        location["physicalLocation"] = physical;
        if (!d.task.empty())
          location["logicalLocations"] = ojson::array({{{"name", d.task}, {"kind", "function"}}});
        res["locations"] = ojson::array({location});
        std::uint64_t h = fnv1a(d.rule);
        h = fnv1a(std::string_view("\0", 1), h);
        h = fnv1a(d.task, h);
        h = fnv1a(std::string_view("\0", 1), h);
        h = fnv1a(trim(line_text), h);
        int occurrence = ++seen[{uri, h}];
        res["partialFingerprints"] = {{"primaryLocationLineHash", fmt::format("{:016x}:{}", h, occurrence)}};
      }
      // Fixes as SARIF describes them: byte regions replaced in each artifact.
      if (d.fix) {
        std::map<FileId, ojson> changes;
        for (const TextEdit& e : d.fix->edits) {
          if (e.file >= lp.project().sources.size()) continue;
          ojson& change = changes[e.file];
          if (change.is_null()) {
            std::string uri = repository_relative_path(lp.project().sources.file(e.file).absolute, repo_root);
            change["artifactLocation"] = {{"uri", uri}, {"uriBaseId", "%SRCROOT%"}};
            change["replacements"] = ojson::array();
          }
          change["replacements"].push_back({{"deletedRegion", {{"byteOffset", e.begin}, {"byteLength", e.end - e.begin}}},
                                            {"insertedContent", {{"text", e.replacement}}}});
        }
        ojson artifact_changes = ojson::array();
        for (auto& [file, change] : changes) artifact_changes.push_back(std::move(change));
        ojson fix;
        fix["description"] = {{"text", d.fix->title}};
        fix["artifactChanges"] = std::move(artifact_changes);
        fix["properties"] = {{"safety", fix_safety_name(d.fix->safety)}};
        res["fixes"] = ojson::array({std::move(fix)});
      }
      res["properties"] = {{"confidence", confidence_name(d.confidence)}};
      out_results.push_back(std::move(res));
    }
  }

  ojson driver;
  driver["name"] = "mise-audit";
  driver["version"] = MISE_AUDIT_VERSION;
  driver["semanticVersion"] = MISE_AUDIT_VERSION;
  driver["fullName"] = fmt::format("mise-audit {} (models mise {})", MISE_AUDIT_VERSION, kMiseVersion);
  driver["informationUri"] = "https://github.com/mise-audit/mise-audit";
  driver["rules"] = descriptors;
  driver["properties"] = {{"miseVersion", kMiseVersion}};

  // A run that failed must not look like a clean one: code scanning would close every alert.
  ojson notifications = ojson::array();
  for (const std::string& error : status.errors)
    notifications.push_back({{"level", "error"}, {"message", {{"text", error}}}});
  ojson invocation;
  invocation["executionSuccessful"] = status.successful();
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;

  ojson run;
  run["tool"] = {{"driver", driver}};
  run["invocations"] = ojson::array({invocation});
  std::string base = repo_root;
  if (base.empty() || base.back() != '/') base += '/';
  run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + base}}}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = out_results;

  ojson sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = ojson::array({run});
  return sarif.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace mise_audit
