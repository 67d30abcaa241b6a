// Levenshtein distance for "did you mean …?" suggestions (after ninja's edit_distance.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mise_audit {

// Edits needed to turn `a` into `b`; stops counting past `max_distance` (returns max+1).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance);

// The candidate closest to `word` within a distance that scales with its length, or nothing.
// Ties are broken by the candidates' order, so callers pass a stable (sorted) list.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mise_audit
