#include "lsp/jsonrpc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <istream>
#include <limits>
#include <optional>
#include <ostream>
#include <string_view>

namespace dabiao::lsp {

namespace {

// One header line without its CRLF (or LF); false at the end of the stream before any byte.
// A line longer than kMaxHeaderLine is cut there (the rest of it skipped) and marked too long.
bool read_header_line(std::istream& in, std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
        any = true;
        if (c == '\n') break;
        if (line.size() < kMaxHeaderLine) {
            line.push_back(static_cast<char>(c));
        } else {
            too_long = true;
        }
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

Frame read_frame(std::istream& in, std::size_t max_bytes) {
    std::optional<std::size_t> length;
    std::string problem;
    std::string line;
    bool too_long = false;
    bool any_header = false;
    for (;;) {
        if (!read_header_line(in, line, too_long)) return {Frame::Kind::end, {}, {}};
        if (line.empty() && !too_long) {
            if (any_header) break;
            continue;  // blank lines between messages
        }
        any_header = true;
        const auto colon = line.find(':');
        if (too_long || colon == std::string::npos) {
            problem = fmt::format("not a header line: '{}'", line.substr(0, 80));
            continue;
        }
        if (!equal_ignoring_case(trim(std::string_view(line).substr(0, colon)), "Content-Length")) continue;
        const std::string_view value = trim(std::string_view(line).substr(colon + 1));
        std::size_t n = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc{} || end != value.data() + value.size()) {
            problem = fmt::format("Content-Length is not a number: '{}'", value.substr(0, 80));
            continue;
        }
        length = n;
    }
    if (!problem.empty()) return {Frame::Kind::bad_header, {}, problem};
    if (!length) return {Frame::Kind::bad_header, {}, "the message has no Content-Length header"};
    if (*length > max_bytes) {
        return {Frame::Kind::too_large, {},
                fmt::format("the message has {} bytes, more than the limit of {}", *length, max_bytes), *length};
    }
    std::string body(*length, '\0');
    in.read(body.data(), static_cast<std::streamsize>(*length));
    if (static_cast<std::size_t>(in.gcount()) != *length) return {Frame::Kind::end, {}, {}};
    return {Frame::Kind::message, std::move(body), {}};
}

void skip_body(std::istream& in, std::size_t length) {
    in.ignore(static_cast<std::streamsize>(
        std::min<std::size_t>(length, static_cast<std::size_t>(std::numeric_limits<std::streamsize>::max()))));
}

void write_frame(std::ostream& out, const json& message) {
    // Invalid UTF-8 from a rule file is replaced, never a reason to fail the reply.
    const std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out.flush();
}

json response(const json& id, json result) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json error_response(const json& id, int code, const std::string& message) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json notification(const std::string& method, json params) {
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

}  // namespace dabiao::lsp
