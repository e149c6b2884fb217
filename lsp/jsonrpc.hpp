// JSON-RPC 2.0 over a byte stream with the Language Server Protocol's framing: headers
// ("Content-Length: N"), a blank line, then N bytes of JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>

namespace dabiao::lsp {

using json = nlohmann::json;

// The protocol's error codes.
namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;
}  // namespace error_code

// A message larger than this is refused (and its bytes skipped) rather than read into memory.
inline constexpr std::size_t kMaxMessageBytes = 64 * 1024 * 1024;
// A header line longer than this is not a header.
inline constexpr std::size_t kMaxHeaderLine = 4096;

struct Frame {
    enum class Kind {
        message,     // `body` holds the message's bytes
        end,         // the stream ended (between messages, or inside one)
        bad_header,  // no usable Content-Length; `problem` says why
        too_large,   // Content-Length over the limit; the body, `length` bytes, is still to be skipped
    };
    Kind kind = Kind::end;
    std::string body;
    std::string problem;
    std::size_t length = 0;
};

Frame read_frame(std::istream& in, std::size_t max_bytes = kMaxMessageBytes);
// Skips the body of a message too large to read (after the error response is sent: the client
// may be waiting for it before it sends the rest).
void skip_body(std::istream& in, std::size_t length);
void write_frame(std::ostream& out, const json& message);

json response(const json& id, json result);
json error_response(const json& id, int code, const std::string& message);
json notification(const std::string& method, json params);

}  // namespace dabiao::lsp
