// Source files, spans and the text measurements every later stage needs
// (UTF-8 decoding, character columns, terminal display width).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dabiao {

using FileId = std::uint32_t;

// A half-open byte range [begin, end) inside one source file.
struct Span {
    FileId file = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

// 1-based line; column counted in characters (code points), as editors show it.
struct LineCol {
    std::size_t line = 0;
    std::size_t column = 0;
};

class SourceFile {
public:
    SourceFile(std::string name, std::string text);

    const std::string& name() const { return name_; }
    const std::string& text() const { return text_; }

    LineCol line_col(std::uint32_t offset) const;
    // The text of the 1-based line, without its line terminator.
    std::string_view line_text(std::size_t line) const;
    std::uint32_t line_begin(std::size_t line) const { return line_starts_.at(line - 1); }

private:
    std::string name_;
    std::string text_;
    std::vector<std::uint32_t> line_starts_;
};

// Owns every file read in one run; a Span's FileId indexes into it.
class SourceMap {
public:
    FileId add(std::string name, std::string text);
    const SourceFile& file(FileId id) const { return *files_.at(id); }
    std::size_t size() const { return files_.size(); }

private:
    std::vector<std::unique_ptr<SourceFile>> files_;
};

namespace text {

// Decodes one code point at `pos`; returns the number of bytes (0 when `pos` starts an invalid sequence).
std::size_t decode_utf8(std::string_view s, std::size_t pos, char32_t& out);

// Byte offset of the first invalid UTF-8 sequence, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

void append_utf8(std::string& out, char32_t cp);

// Terminal columns a code point occupies: 2 for East Asian wide/full-width, 0 for combining marks.
int display_width(char32_t cp);
int display_width(std::string_view s);

std::size_t count_code_points(std::string_view s);

// Pads `s` with spaces to `width` display columns (left-aligned, or right-aligned when `right`).
std::string pad(std::string_view s, int width, bool right = false);

}  // namespace text

}  // namespace dabiao
