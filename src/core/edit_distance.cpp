#include "mise_audit/edit_distance.h"

#include <algorithm>

namespace mise_audit {

// Optimal string alignment: insertions, deletions, substitutions, and a swap of two adjacent
// characters as one edit ("chekc" -> "check"). Only the cells within `max_distance` of the
// diagonal can stay under the limit (Ukkonen's band), so the cost is length x limit rather than
// length x length.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance) {
  const std::size_t m = a.size(), n = b.size(), k = max_distance, over = max_distance + 1;
  if ((m > n ? m - n : n - m) > k) return over;
  // Rows i-2, i-1 and i; the cells just outside the band hold `over`.
  std::vector<std::size_t> older(n + 1, over), prev(n + 1, over), row(n + 1, over);
  for (std::size_t j = 0; j <= std::min(n, k); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= m; ++i) {
    const std::size_t lo = i > k ? i - k : 1, hi = std::min(n, i + k);
    row[lo - 1] = lo == 1 ? std::min(i, over) : over;
    std::size_t best = row[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      std::size_t d = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, older[j - 2] + 1);
      row[j] = std::min(d, over);
      best = std::min(best, row[j]);
    }
    if (hi < n) row[hi + 1] = over;
    // Every path to the last row crosses this one (a swap from row i-1 costs at least a
    // substitution into it), so a row past the limit ends the search.
    if (best > k) return over;
    std::swap(older, prev);
    std::swap(prev, row);
  }
  return prev[n];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // One edit per three characters, at least one: "bulid" -> "build", but "a" does not suggest "b";
  // at most eight, past which a suggestion is noise (and the cost would grow with the length).
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 8);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    if (c == word) continue;
    std::size_t d = edit_distance(word, c, limit);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace mise_audit
