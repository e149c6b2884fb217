// Text from rules, data, file names and arguments on its way to a person's terminal: control
// characters (ESC/CSI, OSC 8, bare CR, BEL, NUL, C1 controls) and the bidi overrides that reorder
// what a terminal shows are written as visible escapes (`\x1b`, `\r`, `\u202e`), so that no input
// can move the cursor, recolour, hide or rewrite what dabiao prints. Every text layout (the text
// report, explain, compare, diagnostics) passes user text through these; JSON, HTML, XML, CSV and
// Markdown have their own escaping (report/escape.hpp).
#pragma once

#include <string>
#include <string_view>

namespace dabiao::text {

// `s` with every control character, bidi control and invalid byte escaped (invalid bytes as `\xHH`).
std::string for_terminal(std::string_view s);

// As for_terminal, but line feeds stay: for multi-line messages dabiao composed itself.
std::string for_terminal_lines(std::string_view s);

// `s` cut to at most `max_columns` display columns, ending in "…" where it was cut.
std::string cut_to_width(std::string_view s, int max_columns);

}  // namespace dabiao::text
