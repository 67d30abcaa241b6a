// What `mise fmt` wants around an edit of a TOML config (CONTRIBUTING §12), applied to a fix's
// edits after the rule built them, so a formatted file stays formatted: the trailing comments of
// a block of `key = value` lines (or of a multi-line array's items) aligned one column after its
// longest line, and every array of a one-line inline table written one item per line once the
// line passes 80 columns.
#pragma once

#include <string_view>
#include <vector>

#include "mise_audit/diagnostic.h"
#include "mise_audit/source.h"

namespace mise_audit {

// Rewrites the fixes' edits of `.toml` files (scripts and `#MISE` headers are not read by mise
// fmt) so the edited lines keep mise fmt's layout: when they lengthen or add a line of a block
// with aligned comments, or push a one-line inline table with arrays past 80 columns, a fix's
// edits of that file become one edit over the lines concerned (their other bytes unchanged). A
// block that was not laid out that way before is left as it is (the file was not formatted).
void keep_fmt_layout(const SourceManager& sources, std::vector<Diagnostic>& findings);

}  // namespace mise_audit
