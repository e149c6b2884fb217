#include "base/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "base/source.hpp"

namespace dabiao {

std::optional<Encoding> parse_encoding(std::string_view name) {
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (n == "auto") return Encoding::detect;
    if (n == "utf-8" || n == "utf8") return Encoding::utf8;
    if (n == "gbk" || n == "gb2312" || n == "gb18030" || n == "cp936") return Encoding::gb18030;
    return std::nullopt;
}

std::string_view encoding_name(Encoding e) {
    switch (e) {
        case Encoding::detect:
            return "auto";
        case Encoding::utf8:
            return "UTF-8";
        case Encoding::gb18030:
            return "GB18030";
    }
    return "";
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Converts `bytes` with iconv; on failure, the offset of the first byte that could not be
// converted (or 0 when iconv does not know the charsets).
std::variant<std::string, std::size_t> convert(std::string_view bytes, const char* to, const char* from,
                                               std::size_t initial_size) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::size_t{0};
    std::string out(initial_size, '\0');
    char* in_ptr = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t out_used = 0;
    while (in_left > 0) {
        char* out_ptr = out.data() + out_used;
        std::size_t out_left = out.size() - out_used;
        const std::size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
        out_used = out.size() - out_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        iconv_close(cd);  // EILSEQ (not in the charset) or EINVAL (a truncated sequence at the end)
        return static_cast<std::size_t>(in_ptr - bytes.data());
    }
    iconv_close(cd);
    out.resize(out_used);
    return out;
}

std::variant<Decoded, DecodeError> from_gb18030(std::string_view bytes) {
    // A GB18030 character of 2–4 bytes becomes at most 4 UTF-8 bytes.
    auto converted = convert(bytes, "UTF-8", "GB18030", bytes.size() * 2 + 16);
    if (const auto* at = std::get_if<std::size_t>(&converted)) return DecodeError{*at};
    return Decoded{std::move(std::get<std::string>(converted)), Encoding::gb18030};
}

}  // namespace

std::variant<std::string, EncodeError> encode(std::string_view utf8, const char* charset) {
    // GBK never needs more bytes than UTF-8; GB18030 at most as many.
    auto converted = convert(utf8, charset, "UTF-8", utf8.size() + 16);
    if (const auto* at = std::get_if<std::size_t>(&converted)) return EncodeError{*at};
    return std::move(std::get<std::string>(converted));
}

std::variant<Decoded, DecodeError> decode(std::string_view bytes, Encoding encoding) {
    const bool bom = bytes.starts_with(kBom);
    if (encoding == Encoding::detect) {
        encoding = bom || !text::find_invalid_utf8(bytes) ? Encoding::utf8 : Encoding::gb18030;
    }
    if (encoding == Encoding::gb18030) return from_gb18030(bytes);
    if (bom) bytes.remove_prefix(kBom.size());
    if (const auto bad = text::find_invalid_utf8(bytes)) return DecodeError{*bad + (bom ? kBom.size() : 0)};
    return Decoded{std::string(bytes), Encoding::utf8};
}

}  // namespace dabiao
