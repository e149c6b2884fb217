// `dabiao fmt`: the canonical layout of a rule file (docs/tools.md): indentation by block depth
// (two spaces a level), no whitespace at line ends, no more than one blank line in a row, no blank
// lines at the start and end, LF line ends and one final newline; inside a line, one space around
// comparators and, on request, keywords and punctuation in one language or form (respell_line);
// yearly tables aligned (align_year_tables). Strings and comments stay as written. The syntax tree
// is the same (checked over every .dab of the repository, in every style).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dabiao {

// Keywords that have an English and a Chinese spelling (指标 / indicator): kept as written, or all
// in one language (`--keywords zh|en`).
enum class KeywordStyle { keep, zh, en };
// Punctuation that has an ASCII and a full-width form (： / :, （ / (, ＞＝ / >=, …): kept as written,
// or all in one form (`--punctuation ascii|full`). Strings and comments never change.
enum class PunctuationStyle { keep, ascii, full };

struct FormatStyle {
    KeywordStyle keywords = KeywordStyle::keep;
    PunctuationStyle punctuation = PunctuationStyle::keep;
};

std::string format_rules(std::string_view text, const FormatStyle& style = {});

// lint/respell.cpp: one line (without its indentation) with one space on each side of every
// comparator written as a symbol (>=, ≥, <, =, …), and its keywords and punctuation as `style` says.
std::string respell_line(std::string_view line, const FormatStyle& style);

// lint/respell.cpp: yearly tables aligned. A table is a run of consecutive lines of one
// indentation that start with a year entry (`2023: 80  2024: 81`); their cells (split at two or
// more blanks outside strings, before any comment) are padded to the widest of their column by
// display width (a Chinese character is two columns) and joined by two spaces; a comment stays at
// the end of its line, two spaces after the last cell.
void align_year_tables(std::vector<std::string>& lines);

// An AST dump (ast::dump) without its source positions ("@12:5"): what formatting must not change.
std::string without_positions(std::string_view dump);

}  // namespace dabiao
