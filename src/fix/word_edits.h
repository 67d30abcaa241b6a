// Removing words from a command where it is written (a `run` string or a script line): the edit
// behind "drop `--wheel`".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mise_audit/task_model.h"

namespace mise_audit {

// Removes each word at `spans` (whose source text must read exactly `words`) with the blanks
// before it. nullopt when a span is not exact, its file cannot be edited, or words overlap.
std::optional<Fix> drop_words_fix(const Project& project, const std::vector<SourceSpan>& spans,
                                  const std::vector<std::string>& words, std::string title, std::string model_change,
                                  FixSafety safety);

}  // namespace mise_audit
