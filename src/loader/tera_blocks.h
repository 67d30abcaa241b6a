// The `{{ … }}` and `{% … %}` blocks of a Tera template and the function calls in them, for the
// checks that read templates without rendering them (machine-dependent-template,
// deprecated-template-function).
#pragma once

#include <string_view>
#include <vector>

namespace mise_audit {

// Calls `f(block, offset)` for the inside of each block (`offset`: where it starts in `text`)
// until `f` returns false. An unclosed block ends the walk.
template <class F>
void for_each_tera_block(std::string_view text, F&& f) {
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    if (open + 1 >= text.size() || (text[open + 1] != '{' && text[open + 1] != '%')) continue;
    std::size_t close = text.find(text[open + 1] == '{' ? "}}" : "%}", open + 2);
    if (close == std::string_view::npos || !f(text.substr(open + 2, close - open - 2), open + 2)) return;
    open = close;
  }
}

struct TeraCall {
  std::size_t at = 0;     // the function name, within the block
  std::size_t open = 0;   // its `(`
  std::string_view args;  // the text between the parentheses
};

// Each call `func(…)` in `block` (`func` at a word start: not `x.func(` or `myfunc(`).
std::vector<TeraCall> tera_calls(std::string_view block, std::string_view func);

}  // namespace mise_audit
