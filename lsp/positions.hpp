// Positions as the Language Server Protocol counts them: 0-based lines and, within a line,
// UTF-16 code units (a Chinese character is one unit, 𠀀 and other characters outside the Basic
// Multilingual Plane are two), converted to and from the byte offsets of dabiao's spans.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace dabiao::lsp {

struct Position {
    std::size_t line = 0;
    std::size_t character = 0;  // UTF-16 code units from the start of the line
};

// The lines of one text. Line ends are LF, CRLF and CR alone, as for the protocol and SourceFile.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    // The position of a byte offset (clamped to the text).
    Position position(std::size_t offset) const;
    // The byte offset of a position: a character past the line's end is the line's end, a line
    // past the last is the end of the text, and a position inside a surrogate pair is the start
    // of its character.
    std::size_t offset(Position p) const;
    // The position just after the last character.
    Position end() const { return position(text_.size()); }

private:
    std::size_t line_end(std::size_t line) const;  // offset of the line's terminator (or the text's end)

    std::string_view text_;
    std::vector<std::size_t> starts_;
};

}  // namespace dabiao::lsp
