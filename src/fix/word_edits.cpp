#include "fix/word_edits.h"

#include "fix/dependency_edits.h"
#include "fix/text_position.h"

namespace mise_audit {

std::optional<Fix> drop_words_fix(const Project& project, const std::vector<SourceSpan>& spans,
                                  const std::vector<std::string>& words, std::string title, std::string model_change,
                                  FixSafety safety) {
  if (spans.empty() || spans.size() != words.size()) return std::nullopt;
  Fix fix{std::move(title), safety, {}, std::move(model_change)};
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const SourceSpan& s = spans[i];
    if (s.file >= project.sources.size() || !editable_file(project, s.file)) return std::nullopt;
    std::optional<ByteRange> r = byte_range(project.sources, s);
    const std::string& text = project.sources.file(s.file).text;
    // A located word is exact only when the source reads it as is (no quotes, escapes, or
    // the fallback position of a word that was not found).
    if (!r || r->end > text.size() || text.compare(r->begin, r->end - r->begin, words[i]) != 0) return std::nullopt;
    std::size_t begin = r->begin;
    while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t')) --begin;
    if (begin == r->begin) return std::nullopt;  // the word starts the command: not a flag
    for (const TextEdit& e : fix.edits)
      if (e.file == s.file && begin < e.end && e.begin < r->end) return std::nullopt;
    fix.edits.push_back({s.file, begin, r->end, ""});
  }
  return fix;
}

}  // namespace mise_audit
