#include "base/terminal.hpp"

#include <fmt/format.h>

#include "base/source.hpp"

namespace dabiao::text {

namespace {

// Code points a terminal would act on instead of showing: C0, DEL, C1, the line and paragraph
// separators, and the bidi marks, embeddings, overrides and isolates.
bool is_terminal_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string escaped(std::string_view s, bool keep_line_feeds) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) {
        char32_t cp = 0;
        const std::size_t n = decode_utf8(s, pos, cp);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[pos]));
            ++pos;
            continue;
        }
        pos += n;
        if (!is_terminal_control(cp) || (keep_line_feeds && cp == '\n')) {
            append_utf8(out, cp);
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp < 0x80) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        } else {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        }
    }
    return out;
}

}  // namespace

std::string for_terminal(std::string_view s) { return escaped(s, false); }

std::string for_terminal_lines(std::string_view s) { return escaped(s, true); }

std::string cut_to_width(std::string_view s, int max_columns) {
    if (display_width(s) <= max_columns) return std::string(s);
    std::string out;
    int width = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        char32_t cp = 0;
        const std::size_t n = std::max<std::size_t>(1, decode_utf8(s, pos, cp));
        const int w = display_width(s.substr(pos, n));
        if (width + w > max_columns - 1) break;  // one column for the ellipsis
        out.append(s.substr(pos, n));
        width += w;
        pos += n;
    }
    return out + "…";
}

}  // namespace dabiao::text
