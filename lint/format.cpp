#include "lint/format.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace dabiao {

namespace {

constexpr std::string_view kOpenBraces[] = {"{", "\xEF\xBD\x9B"};    // { ｛
constexpr std::string_view kCloseBraces[] = {"}", "\xEF\xBD\x9D"};   // } ｝
constexpr std::string_view kCnOpen = "\xE2\x80\x9C";                // “
constexpr std::string_view kCnClose = "\xE2\x80\x9D";               // ”
constexpr std::string_view kCornerOpen = "\xE3\x80\x8C";            // 「
constexpr std::string_view kCornerClose = "\xE3\x80\x8D";           // 」
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";      // U+3000
constexpr std::string_view kBom = "\xEF\xBB\xBF";                   // U+FEFF

bool starts(std::string_view s, std::size_t at, std::string_view what) { return s.substr(at, what.size()) == what; }

// Leading and trailing blanks as the grammar counts them: space, tab, CR, U+3000, U+FEFF.
std::size_t blank_at(std::string_view s, std::size_t at) {
    if (at >= s.size()) return 0;
    if (s[at] == ' ' || s[at] == '\t' || s[at] == '\r') return 1;
    if (starts(s, at, kIdeographicSpace) || starts(s, at, kBom)) return 3;
    return 0;
}

std::string_view trim(std::string_view s) {
    while (std::size_t n = blank_at(s, 0)) s.remove_prefix(n);
    for (bool more = true; more && !s.empty();) {
        more = false;
        if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r') {
            s.remove_suffix(1);
            more = true;
        } else if (s.size() >= 3 && (s.ends_with(kIdeographicSpace) || s.ends_with(kBom))) {
            s.remove_suffix(3);
            more = true;
        }
    }
    return s;
}

// The braces of one line outside strings and comments: how many close before any opens (they
// dedent the line itself) and the change of depth over the whole line.
struct Braces {
    int leading_closes = 0;
    int delta = 0;
};

Braces braces(std::string_view line) {
    Braces b;
    bool seen_other = false;
    std::size_t k = 0;
    while (k < line.size()) {
        if (line[k] == '#' || starts(line, k, "//")) break;  // a comment: the rest of the line
        if (line[k] == '"') {                               // "…" with \" escapes
            for (++k; k < line.size() && line[k] != '"'; ++k) {
                if (line[k] == '\\') ++k;
            }
            ++k;
            seen_other = true;
            continue;
        }
        if (starts(line, k, kCnOpen)) {  // “…”, nesting
            int depth = 0;
            do {
                if (starts(line, k, kCnOpen)) {
                    ++depth;
                    k += 3;
                } else if (starts(line, k, kCnClose)) {
                    --depth;
                    k += 3;
                } else {
                    ++k;
                }
            } while (depth > 0 && k < line.size());
            seen_other = true;
            continue;
        }
        if (starts(line, k, kCornerOpen)) {  // 「…」
            const std::size_t end = line.find(kCornerClose, k + 3);
            k = end == std::string_view::npos ? line.size() : end + 3;
            seen_other = true;
            continue;
        }
        bool brace = false;
        for (const std::string_view open : kOpenBraces) {
            if (starts(line, k, open)) {
                ++b.delta;
                k += open.size();
                brace = seen_other = true;
            }
        }
        for (const std::string_view close : kCloseBraces) {
            if (!brace && starts(line, k, close)) {
                --b.delta;
                if (!seen_other) ++b.leading_closes;
                k += close.size();
                brace = true;
            }
        }
        if (brace) continue;
        if (!blank_at(line, k)) seen_other = true;
        ++k;
    }
    return b;
}

}  // namespace

std::string format_rules(std::string_view text, const FormatStyle& style) {
    if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
    std::vector<std::string_view> lines;
    for (std::size_t from = 0; from <= text.size();) {
        const std::size_t end = text.find('\n', from);
        lines.push_back(text.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from));
        if (end == std::string_view::npos) break;
        from = end + 1;
    }
    std::vector<std::string> lines_out;  // "" for a blank line
    int depth = 0;
    bool blank_pending = false;
    for (const std::string_view raw : lines) {
        const std::string spelled = respell_line(trim(raw), style);
        const std::string_view line = spelled;
        if (line.empty()) {
            blank_pending = !lines_out.empty();
            continue;
        }
        if (blank_pending) lines_out.emplace_back();
        blank_pending = false;
        const Braces b = braces(line);
        const int indent = std::max(0, depth - b.leading_closes);
        lines_out.push_back(std::string(static_cast<std::size_t>(indent) * 2, ' ') + std::string(line));
        depth = std::max(0, depth + b.delta);
    }
    align_year_tables(lines_out);
    std::string out;
    for (const std::string& l : lines_out) out += l + '\n';
    return out;
}

std::string without_positions(std::string_view dump) {
    std::string out;
    for (std::size_t k = 0; k < dump.size(); ++k) {
        if (dump[k] == '@' && k + 1 < dump.size() && std::isdigit(static_cast<unsigned char>(dump[k + 1]))) {
            std::size_t j = k + 1;
            while (j < dump.size() && (std::isdigit(static_cast<unsigned char>(dump[j])) || dump[j] == ':')) ++j;
            k = j - 1;
            continue;
        }
        out += dump[k];
    }
    return out;
}

}  // namespace dabiao
