// The inside of a line for `dabiao fmt` (lint/format.hpp): one space around comparators, and the
// keywords and punctuation respelled as FormatStyle asks. Strings ("…", “…”, 「…」) and comments
// (# …, // …) are copied as they are; only code between them changes.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/source.hpp"
#include "lint/format.hpp"

namespace dabiao {

namespace {

bool starts(std::string_view s, std::size_t at, std::string_view what) { return s.substr(at, what.size()) == what; }

// The code point at `at` and its length in bytes (a stray byte is read as itself).
std::pair<char32_t, std::size_t> code_point(std::string_view s, std::size_t at) {
    const auto b = static_cast<unsigned char>(s[at]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (n == 1 || at + n > s.size()) return {b, 1};
    char32_t c = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[at + k]) & 0x3F);
    return {c, n};
}

// As the grammar's id_first / id_char (syntax/rules.hpp).
bool wide_letter(char32_t c) {
    return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x1FFF) ||
           (c >= 0x2E80 && c <= 0x2FFF) || (c >= 0x3040 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFE) || (c >= 0x10000 && c <= 0x10FFFF);
}
bool id_first(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || wide_letter(c); }
bool id_char(char32_t c) { return id_first(c) || (c >= '0' && c <= '9'); }

// The keywords that have both spellings (syntax/rules.hpp: kw_*), English first. Extra Chinese
// spellings of one keyword (方案 for 规划) come after the one English ones are written as.
struct KeywordPair {
    std::string_view en;
    std::string_view zh;
};
constexpr std::array kKeywords = {
    KeywordPair{"and", "且"},           KeywordPair{"or", "或"},          KeywordPair{"not", "非"},
    KeywordPair{"if", "如果"},          KeywordPair{"then", "则"},        KeywordPair{"else", "否则"},
    KeywordPair{"year", "当年"},        KeywordPair{"plan", "规划"},      KeywordPair{"plan", "方案"},
    KeywordPair{"region", "地区"},      KeywordPair{"baseline", "基线"},  KeywordPair{"baseline", "基线年"},
    KeywordPair{"period", "规划期"},    KeywordPair{"period", "期间"},    KeywordPair{"domain", "领域"},
    KeywordPair{"lead", "牵头单位"},    KeywordPair{"lead", "牵头"},      KeywordPair{"indicator", "指标"},
    KeywordPair{"input", "输入"},       KeywordPair{"unit", "单位"},      KeywordPair{"higher", "越高越好"},
    KeywordPair{"lower", "越低越好"},   KeywordPair{"stages", "阶段"},    KeywordPair{"milestone", "里程碑"},
    KeywordPair{"parts", "分项"},       KeywordPair{"fn", "函数"},        KeywordPair{"import", "导入"},
    KeywordPair{"source", "出处"},      KeywordPair{"cumulative", "累计"},
    KeywordPair{"tags", "标签"},        KeywordPair{"between", "介于"},
};

std::string_view respell_keyword(std::string_view word, KeywordStyle style, std::string_view previous_word) {
    if (style == KeywordStyle::keep) return word;
    if (word == "year" && (previous_word == "every" || previous_word == "each")) return word;  // every year
    for (const KeywordPair& k : kKeywords) {
        if (style == KeywordStyle::zh && word == k.en) return k.zh;
        if (style == KeywordStyle::en && word == k.zh) return k.en;
    }
    return word;
}

// Punctuation with an ASCII and a full-width spelling that the grammar reads alike.
struct PunctuationPair {
    std::string_view ascii;
    std::string_view full;
};
constexpr std::array kPunctuation = {
    PunctuationPair{":", "："}, PunctuationPair{"(", "（"}, PunctuationPair{")", "）"}, PunctuationPair{"[", "［"},
    PunctuationPair{"]", "］"}, PunctuationPair{"{", "｛"}, PunctuationPair{"}", "｝"}, PunctuationPair{",", "，"},
    PunctuationPair{";", "；"}, PunctuationPair{"=", "＝"}, PunctuationPair{">", "＞"}, PunctuationPair{"<", "＜"},
    PunctuationPair{"~", "～"},
};

// Comparators written with symbols, longest first.
constexpr std::array<std::string_view, 18> kComparators = {
    ">=", "<=", "==", "!=", "＞＝", "＜＝", "＝＝", "≥", "≤", "≧", "≦", "≠", ">", "<", "＞", "＜", "=", "＝",
};

bool inline_blank(std::string_view s, std::size_t at) {
    return at < s.size() && (s[at] == ' ' || s[at] == '\t' || starts(s, at, "\xE3\x80\x80"));
}

// The length of the string starting at `at` ("…" with \ escapes, “…” nesting, 「…」), or 0.
std::size_t string_at(std::string_view line, std::size_t at) {
    std::size_t k = at;
    if (line[k] == '"') {
        for (++k; k < line.size() && line[k] != '"'; ++k)
            if (line[k] == '\\') ++k;
        return std::min(k + 1, line.size()) - at;
    }
    if (starts(line, k, "“")) {
        int depth = 0;
        do {
            if (starts(line, k, "“")) {
                ++depth;
                k += 3;
            } else if (starts(line, k, "”")) {
                --depth;
                k += 3;
            } else {
                ++k;
            }
        } while (depth > 0 && k < line.size());
        return std::min(k, line.size()) - at;
    }
    if (starts(line, k, "「")) {
        const std::size_t end = line.find("」", k + 3);
        return (end == std::string_view::npos ? line.size() : end + 3) - at;
    }
    return 0;
}

std::string punctuation(std::string_view text, PunctuationStyle style) {
    if (style == PunctuationStyle::keep) return std::string(text);
    std::string out;
    for (std::size_t k = 0; k < text.size();) {
        bool mapped = false;
        for (const PunctuationPair& p : kPunctuation) {
            const std::string_view from = style == PunctuationStyle::ascii ? p.full : p.ascii;
            if (starts(text, k, from)) {
                out += style == PunctuationStyle::ascii ? p.ascii : p.full;
                k += from.size();
                mapped = true;
                break;
            }
        }
        if (!mapped) out += text[k++];
    }
    return out;
}

bool opens(std::string_view out) {
    return out.empty() || out.ends_with("(") || out.ends_with("（") || out.ends_with("[") || out.ends_with("［");
}

}  // namespace

std::string respell_line(std::string_view line, const FormatStyle& style) {
    std::string out;
    std::string previous_word;
    for (std::size_t k = 0; k < line.size();) {
        if (line[k] == '#' || starts(line, k, "//")) {  // a comment: the rest of the line
            out += line.substr(k);
            break;
        }
        if (const std::size_t n = string_at(line, k)) {
            out += line.substr(k, n);
            k += n;
            continue;
        }
        const auto [c, size] = code_point(line, k);
        if (id_first(c)) {  // a word: a keyword, or an identifier kept as it is
            std::size_t end = k;
            while (end < line.size() && id_char(code_point(line, end).first)) end += code_point(line, end).second;
            const std::string_view word = line.substr(k, end - k);
            // 累计(A, 2023) calls the built-in function; only 累计 before a blank is the keyword.
            const bool call = end < line.size() && (line[end] == '(' || starts(line, end, "（"));
            const std::string_view spelled = call ? word : respell_keyword(word, style.keywords, previous_word);
            // An English keyword must not run into the number or word before or after it.
            const bool ascii = spelled != word && static_cast<unsigned char>(spelled.front()) < 0x80;
            if (ascii && !out.empty() && !inline_blank(out, out.size() - 1)) {
                std::size_t last = out.size() - 1;
                while (last > 0 && (static_cast<unsigned char>(out[last]) & 0xC0) == 0x80) --last;
                if (id_char(code_point(out, last).first)) out += ' ';
            }
            out += spelled;
            if (ascii && end < line.size() && id_char(code_point(line, end).first)) out += ' ';
            previous_word = std::string(word);
            k = end;
            continue;
        }
        std::string_view comparator;
        for (const std::string_view op : kComparators)
            if (starts(line, k, op)) {
                comparator = op;
                break;
            }
        if (comparator == ">" && k > 0 && line[k - 1] == '-') {  // -> between stages has no full-width form
            out += '>';
            ++k;
            continue;
        }
        if (!comparator.empty()) {
            while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
            while (out.ends_with("\xE3\x80\x80")) out.resize(out.size() - 3);
            if (!opens(out)) out += ' ';
            out += comparator == "!=" ? std::string(comparator) : punctuation(comparator, style.punctuation);  // no !＝
            k += comparator.size();
            while (inline_blank(line, k)) k += line[k] == ' ' || line[k] == '\t' ? 1 : 3;
            if (k < line.size()) out += ' ';
            continue;
        }
        const bool grouping = line[k] == ',' && k > 0 && k + 1 < line.size() && line[k - 1] >= '0' &&
                              line[k - 1] <= '9' && line[k + 1] >= '0' && line[k + 1] <= '9';  // 12,500
        out += grouping ? std::string(",") : punctuation(line.substr(k, size), style.punctuation);
        k += size;
    }
    return out;
}

namespace {

// A line of a yearly table: its indentation, cells and comment; nullopt for any other line.
struct TableLine {
    std::size_t indent = 0;
    std::vector<std::string> cells;
    std::string comment;
};

std::optional<TableLine> table_line(const std::string& line) {
    TableLine t;
    t.indent = line.find_first_not_of(' ');
    if (t.indent == std::string::npos || line.size() < t.indent + 5) return std::nullopt;
    for (std::size_t d = 0; d < 4; ++d)
        if (line[t.indent + d] < '0' || line[t.indent + d] > '9') return std::nullopt;
    std::string cell;
    for (std::size_t k = t.indent; k < line.size();) {
        if (line[k] == '#' || starts(line, k, "//")) {
            t.comment = line.substr(k);
            break;
        }
        if (const std::size_t n = string_at(line, k)) {
            cell += line.substr(k, n);
            k += n;
            continue;
        }
        std::size_t blanks = 0, end = k;
        while (inline_blank(line, end)) {
            end += line[end] == ' ' || line[end] == '\t' ? 1 : 3;
            ++blanks;
        }
        if (blanks >= 2 || (blanks > 0 && end < line.size() && (line[end] == '#' || starts(line, end, "//")))) {
            if (!cell.empty()) t.cells.push_back(std::move(cell));
            cell.clear();
            k = end;
        } else if (blanks > 0) {
            cell += line.substr(k, end - k);
            k = end;
        } else {
            cell += line[k++];
        }
    }
    if (!cell.empty()) t.cells.push_back(std::move(cell));
    const std::string& first = t.cells.empty() ? std::string() : t.cells.front();
    if (first.find(':') == std::string::npos && first.find("：") == std::string::npos) return std::nullopt;
    return t;
}

void align(std::vector<std::string>& lines, std::size_t from, const std::vector<TableLine>& table) {
    std::vector<int> widths;
    for (const TableLine& t : table)
        for (std::size_t c = 0; c < t.cells.size(); ++c) {
            if (widths.size() <= c) widths.push_back(0);
            widths[c] = std::max(widths[c], text::display_width(t.cells[c]));
        }
    for (std::size_t r = 0; r < table.size(); ++r) {
        const TableLine& t = table[r];
        std::string out(t.indent, ' ');
        for (std::size_t c = 0; c < t.cells.size(); ++c) {
            out += t.cells[c];
            if (c + 1 < t.cells.size())
                out += std::string(static_cast<std::size_t>(widths[c] - text::display_width(t.cells[c])) + 2, ' ');
        }
        if (!t.comment.empty()) out += (t.cells.empty() ? "" : "  ") + t.comment;
        lines[from + r] = out;
    }
}

}  // namespace

void align_year_tables(std::vector<std::string>& lines) {
    std::vector<TableLine> table;
    std::size_t from = 0;
    for (std::size_t k = 0; k <= lines.size(); ++k) {
        std::optional<TableLine> t = k < lines.size() ? table_line(lines[k]) : std::nullopt;
        if (t && !table.empty() && t->indent != table.front().indent) t.reset(), --k;  // a new table below
        if (t) {
            if (table.empty()) from = k;
            table.push_back(std::move(*t));
            continue;
        }
        if (!table.empty()) align(lines, from, table);
        table.clear();
    }
}

}  // namespace dabiao
