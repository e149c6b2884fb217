#include "lsp/completion_context.hpp"

#include <array>

namespace dabiao::lsp {

namespace {

// Punctuation that ends a word, besides ASCII other than '_': the full-width forms rule files use.
constexpr std::array<std::string_view, 12> kWidePunctuation = {"，", "。", "：", "；", "（", "）",
                                                              "“",  "”",  "、", "！", "？", "　"};

// The length of the separator (space, ASCII or full-width punctuation) that ends `text`, or 0.
std::size_t separator_before(std::string_view text) {
    if (text.empty()) return 0;
    const unsigned char last = static_cast<unsigned char>(text.back());
    if (last < 0x80) {
        const bool word_char = last == '_' || (last >= '0' && last <= '9') || ((last | 0x20) >= 'a' && (last | 0x20) <= 'z');
        return word_char ? 0 : 1;
    }
    for (const std::string_view p : kWidePunctuation)
        if (text.size() >= p.size() && text.substr(text.size() - p.size()) == p) return p.size();
    return 0;
}

// The word that ends `text` (possibly empty).
std::string_view trailing_word(std::string_view text) {
    std::size_t end = text.size();
    while (end > 0 && separator_before(text.substr(0, end)) == 0) {
        // Step back over one UTF-8 character.
        --end;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    }
    return text.substr(end);
}

// Whether the cursor is inside a comment or a quoted text: scanned from the line's start, as
// quotes and comment marks inside quotes do not count.
bool in_comment_or_quote(std::string_view line) {
    bool ascii_quote = false;
    bool wide_quote = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
        const std::string_view rest = line.substr(k);
        if (ascii_quote) {
            if (line[k] == '"') ascii_quote = false;
        } else if (wide_quote) {
            if (rest.substr(0, 3) == "”") wide_quote = false;
        } else if (line[k] == '"') {
            ascii_quote = true;
        } else if (rest.substr(0, 3) == "“") {
            wide_quote = true;
        } else if (line[k] == '#' || rest.substr(0, 2) == "//") {
            return true;
        }
    }
    return ascii_quote || wide_quote;
}

std::string_view without_trailing_spaces(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    while (text.size() >= 3 && text.substr(text.size() - 3) == "　") text.remove_suffix(3);
    return text;
}

}  // namespace

CompletionPlace completion_place(std::string_view line, const std::function<bool(std::string_view)>& is_indicator) {
    if (in_comment_or_quote(line)) return {CompletionContext::none, {}};
    // What is being typed is replaced by the completion; the context is what comes before it.
    const std::string_view typed = trailing_word(line);
    const std::string_view before = line.substr(0, line.size() - typed.size());
    if (!before.empty() && before.back() == '.') {
        const std::string_view group = trailing_word(before.substr(0, before.size() - 1));
        if (!group.empty()) return {CompletionContext::part, std::string(group)};
    }
    const std::string_view trimmed = without_trailing_spaces(before);
    if (trimmed.size() == before.size()) return {};  // no space: the word just started a line or follows punctuation
    const std::string_view previous = trailing_word(trimmed);
    if (previous == "单位" || previous == "unit") return {CompletionContext::unit, {}};
    if (!previous.empty() && is_indicator(previous)) return {CompletionContext::after_measure, {}};
    return {};
}

}  // namespace dabiao::lsp
