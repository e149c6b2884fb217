// `dabiao fmt`: the canonical layout of a rule file. What it does today is the part that is safe
// for every file: indentation by block depth (two spaces a level), no whitespace at line ends, no
// more than one blank line in a row, no blank lines at the start and end, LF line ends and one
// final newline. Comments and everything inside a line stay as written. Only whitespace between
// tokens changes, so the syntax tree is the same (checked over every .dab of the repository).
#pragma once

#include <string>
#include <string_view>

namespace dabiao {

std::string format_rules(std::string_view text);

// An AST dump (ast::dump) without its source positions ("@12:5"): what formatting must not change.
std::string without_positions(std::string_view dump);

}  // namespace dabiao
