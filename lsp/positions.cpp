#include "lsp/positions.hpp"

#include <algorithm>

#include "base/source.hpp"

namespace dabiao::lsp {

namespace {

// Decodes the character at `pos`: its length in bytes and in UTF-16 units. A byte that starts no
// valid UTF-8 sequence counts as one of each, as editors show it as one replacement character.
struct Step {
    std::size_t bytes;
    std::size_t units;
};

Step step_at(std::string_view text, std::size_t pos) {
    char32_t cp = 0;
    const std::size_t n = text::decode_utf8(text, pos, cp);
    if (n == 0) return {1, 1};
    return {n, cp > 0xFFFF ? 2u : 1u};
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t k = 0; k < text.size(); ++k) {
        if (text[k] == '\r' && k + 1 < text.size() && text[k + 1] == '\n') ++k;
        if (text[k] == '\n' || text[k] == '\r') starts_.push_back(k + 1);
    }
}

std::size_t LineIndex::line_end(std::size_t line) const {
    std::size_t k = starts_[line];
    while (k < text_.size() && text_[k] != '\n' && text_[k] != '\r') ++k;
    return k;
}

Position LineIndex::position(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const auto line = static_cast<std::size_t>(after - starts_.begin()) - 1;
    const std::size_t stop = std::min(offset, line_end(line));
    std::size_t units = 0;
    for (std::size_t k = starts_[line]; k < stop;) {
        const Step s = step_at(text_, k);
        if (k + s.bytes > stop) break;  // an offset inside a character: the character's start
        units += s.units;
        k += s.bytes;
    }
    return {line, units};
}

std::size_t LineIndex::offset(Position p) const {
    if (p.line >= starts_.size()) return text_.size();
    const std::size_t end = line_end(p.line);
    std::size_t units = 0;
    std::size_t k = starts_[p.line];
    while (k < end) {
        const Step s = step_at(text_, k);
        if (units + s.units > p.character) break;
        units += s.units;
        k += s.bytes;
    }
    return k;
}

}  // namespace dabiao::lsp
