#include "fix/suppression_edits.h"

#include <fmt/format.h>

#include "fix/dependency_edits.h"
#include "fix/text_position.h"

namespace mise_audit {

std::optional<Fix> remove_suppression_fix(const Project& project, const SourceSpan& comment,
                                          const std::vector<SourceSpan>& entries, std::size_t index,
                                          const std::string& rule) {
  if (!editable_file(project, comment.file) || index >= entries.size()) return std::nullopt;
  std::string_view text = project.sources.file(comment.file).text;
  std::optional<ByteRange> edit;
  if (entries.size() == 1) {
    auto c = byte_range(project.sources, comment);
    if (!c) return std::nullopt;
    std::size_t lb = line_begin(text, c->begin);
    if (text.substr(lb, c->begin - lb).find_first_not_of(" \t") == std::string_view::npos) {
      edit = ByteRange{lb, next_line_begin(text, c->begin)};  // a comment line: the line goes
    } else {
      std::size_t b = c->begin;
      while (b > lb && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
      std::size_t e = c->end;
      while (e > c->begin && e <= text.size() && text[e - 1] == '\r') --e;  // keep the line's CRLF
      edit = ByteRange{b, e};
    }
  } else {
    auto self = byte_range(project.sources, entries[index]);
    if (!self) return std::nullopt;
    if (index + 1 < entries.size()) {
      auto next = byte_range(project.sources, entries[index + 1]);
      if (!next) return std::nullopt;
      edit = ByteRange{self->begin, next->begin};
    } else {
      auto prev = byte_range(project.sources, entries[index - 1]);
      if (!prev) return std::nullopt;
      edit = ByteRange{prev->end, self->end};
    }
  }
  return Fix{fmt::format("remove the unused suppression of `{}`", rule), FixSafety::Safe,
             {{comment.file, edit->begin, edit->end, ""}}, "none (a comment)"};
}

}  // namespace mise_audit
