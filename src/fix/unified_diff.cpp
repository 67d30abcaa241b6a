#include "fix/unified_diff.h"

#include <algorithm>
#include <fmt/format.h>
#include <vector>

namespace mise_audit {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return lines;
}

struct Op {
  char kind;  // ' ', '-', '+'
  std::string_view line;
};

// Line operations: the common prefix and suffix are kept, the middle (small for fixes) goes
// through a longest-common-subsequence table.
std::vector<Op> diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  std::size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  std::vector<Op> ops;
  for (std::size_t i = 0; i < pre; ++i) ops.push_back({' ', a[i]});
  if (n * m > 4'000'000) {  // too large to align: replace the middle whole
    for (std::size_t i = 0; i < n; ++i) ops.push_back({'-', a[pre + i]});
    for (std::size_t j = 0; j < m; ++j) ops.push_back({'+', b[pre + j]});
  } else {
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = a[pre + i] == b[pre + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) ops.push_back({' ', a[pre + i]}), ++i, ++j;
      else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push_back({'-', a[pre + i]}), ++i;  // removals first
      else ops.push_back({'+', b[pre + j]}), ++j;
    }
  }
  for (std::size_t i = a.size() - suf; i < a.size(); ++i) ops.push_back({' ', a[i]});
  return ops;
}

}  // namespace

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after) {
  if (before == after) return "";
  std::vector<Op> ops = diff_lines(split_lines(before), split_lines(after));
  constexpr std::size_t kContext = 3;
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", path, path);
  std::size_t k = 0;
  while (k < ops.size()) {
    while (k < ops.size() && ops[k].kind == ' ') ++k;
    if (k == ops.size()) break;
    // A hunk: from kContext lines before this change to kContext after the last change that
    // is at most 2*kContext unchanged lines from the previous one.
    std::size_t start = k >= kContext ? k - kContext : 0;
    std::size_t end = k;
    while (true) {
      while (end < ops.size() && ops[end].kind != ' ') ++end;
      std::size_t same = end;
      while (same < ops.size() && ops[same].kind == ' ') ++same;
      if (same < ops.size() && same - end <= 2 * kContext) { end = same; continue; }
      end = std::min(ops.size(), end + kContext);
      break;
    }
    std::size_t a_line = 1, b_line = 1;
    for (std::size_t i = 0; i < start; ++i) {
      if (ops[i].kind != '+') ++a_line;
      if (ops[i].kind != '-') ++b_line;
    }
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t i = start; i < end; ++i) {
      if (ops[i].kind != '+') ++a_count;
      if (ops[i].kind != '-') ++b_count;
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_count ? a_line : a_line - 1, a_count, b_count ? b_line : b_line - 1, b_count);
    for (std::size_t i = start; i < end; ++i) {
      out += ops[i].kind;
      out += ops[i].line;
      if (ops[i].line.empty() || ops[i].line.back() != '\n') out += "\n\\ No newline at end of file\n";
    }
    k = end;
  }
  return out;
}

}  // namespace mise_audit
