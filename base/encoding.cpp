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

std::variant<Decoded, DecodeError> from_gb18030(std::string_view bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return DecodeError{0};
    std::string out(bytes.size() * 2 + 16, '\0');  // a GB18030 character becomes at most 4 UTF-8 bytes from 2–4
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
        iconv_close(cd);  // EILSEQ or EINVAL (a truncated sequence at the end)
        return DecodeError{static_cast<std::size_t>(in_ptr - bytes.data())};
    }
    iconv_close(cd);
    out.resize(out_used);
    return Decoded{std::move(out), Encoding::gb18030};
}

}  // namespace

std::variant<std::string, EncodeError> encode(std::string_view utf8, const char* charset) {
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) return EncodeError{0};
    std::string out(utf8.size() + 16, '\0');  // GBK never needs more bytes than UTF-8; GB18030 at most as many
    char* in_ptr = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
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
        iconv_close(cd);  // EILSEQ: not in the charset (or not UTF-8)
        return EncodeError{static_cast<std::size_t>(in_ptr - utf8.data())};
    }
    iconv_close(cd);
    out.resize(out_used);
    return out;
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
