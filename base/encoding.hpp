// Text encodings of data files. Excel on a Chinese Windows saves CSV as GBK (GB18030 is its
// superset); everything else is UTF-8, with or without a byte order mark.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace dabiao {

enum class Encoding { detect, utf8, gb18030 };

// "auto", "utf-8"/"utf8", "gbk", "gb2312", "gb18030" (case-insensitive).
std::optional<Encoding> parse_encoding(std::string_view name);
std::string_view encoding_name(Encoding e);

struct Decoded {
    std::string text;  // UTF-8, without a byte order mark
    Encoding encoding = Encoding::utf8;
};

// The byte offset of the first byte the encoding cannot read.
struct DecodeError {
    std::size_t offset = 0;
};

// Converts bytes to UTF-8. `detect`: a UTF-8 byte order mark or valid UTF-8 means UTF-8;
// anything else is read as GB18030.
std::variant<Decoded, DecodeError> decode(std::string_view bytes, Encoding encoding);

// The byte offset (in the UTF-8 text) of the first character the target encoding cannot hold.
struct EncodeError {
    std::size_t offset = 0;
};

// Converts UTF-8 to `charset` (an iconv name: "GBK", "GB18030") with glibc's iconv; a character
// the charset lacks is an error, never replaced silently.
std::variant<std::string, EncodeError> encode(std::string_view utf8, const char* charset);

}  // namespace dabiao
