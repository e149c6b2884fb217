#include "report/escape.hpp"

#include "base/source.hpp"

namespace dabiao {

namespace {

// Calls `emit(cp)` for each code point of `s`, U+FFFD for each invalid byte.
template <typename F>
void each_code_point(std::string_view s, F emit) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        char32_t cp = 0;
        const std::size_t n = text::decode_utf8(s, pos, cp);
        if (n == 0) {
            emit(char32_t{0xFFFD});
            ++pos;
        } else {
            emit(cp);
            pos += n;
        }
    }
}

// A control character as its picture (U+2400…U+241F, U+2421 for DEL); others unchanged.
char32_t visible(char32_t cp) {
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') return 0x2400 + cp;
    if (cp == 0x7F) return 0x2421;
    if (cp >= 0x80 && cp < 0xA0) return 0xFFFD;  // C1 controls (CSI…)
    if (cp == 0xFFFE || cp == 0xFFFF) return 0xFFFD;
    return cp;
}

}  // namespace

std::string valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    each_code_point(s, [&](char32_t cp) { text::append_utf8(out, cp); });
    return out;
}

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    each_code_point(s, [&](char32_t cp) {
        switch (cp) {
            case '&':
                out += "&amp;";
                return;
            case '<':
                out += "&lt;";
                return;
            case '>':
                out += "&gt;";
                return;
            case '"':
                out += "&quot;";
                return;
            case '\'':
                out += "&#39;";
                return;
            default:
                text::append_utf8(out, visible(cp));
        }
    });
    return out;
}

std::string markdown_escape(std::string_view s) {
    std::string out;
    for (const char c : xml_escape(s)) {
        switch (c) {
            case '|':
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
                out += '\\';
                out += c;
                break;
            case '\n':
                out += "<br>";
                break;
            case '\r':
            case '\t':
                out += ' ';
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string csv_field(std::string_view s, bool number) {
    std::string value;
    each_code_point(s, [&](char32_t cp) { text::append_utf8(value, cp == '\n' || cp == '\r' ? cp : visible(cp)); });
    if (!number && !value.empty() &&
        (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t'))
        value.insert(0, "'");
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace dabiao
