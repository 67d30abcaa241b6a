// Removing an unused entry from a `# mise-audit: ignore[…]` comment: the rule name (and its comma)
// when the comment names others, else the whole comment (its line when it stands alone).
#pragma once

#include <optional>
#include <vector>

#include "mise_audit/task_model.h"

namespace mise_audit {

// `entries` are the rule-name spans of one comment, in order; `index` the unused one.
std::optional<Fix> remove_suppression_fix(const Project& project, const SourceSpan& comment,
                                          const std::vector<SourceSpan>& entries, std::size_t index,
                                          const std::string& rule);

}  // namespace mise_audit
