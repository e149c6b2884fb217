// Text on its way to a terminal (base/terminal.hpp): every control character, C1 control, bidi
// control and invalid byte escaped visibly; other text unchanged; cutting by display width.
#include <catch2/catch.hpp>
#include <string>

#include "base/source.hpp"
#include "base/terminal.hpp"

using namespace dabiao;

TEST_CASE("for_terminal escapes what a terminal would act on", "[terminal]") {
    struct Row {
        std::string in;
        std::string out;
    };
    const Row rows[] = {
        {"普惠托位占比 85%", "普惠托位占比 85%"},
        {"\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"},
        {"R\rALL MET", "R\\rALL MET"},
        {"bell\x07", "bell\\x07"},
        {std::string("a\0b", 3), "a\\x00b"},
        {"tab\tline\n", "tab\\tline\\n"},
        {"\x7f", "\\x7f"},
        {"\xc2\x9b" "31m", "\\u009b31m"},                      // C1 CSI
        {"\x1b]8;;http://x/\x1b\\link", "\\x1b]8;;http://x/\\x1b\\link"},  // OSC 8
        {"abc\u202edef\u2066x\u2069", "abc\\u202edef\\u2066x\\u2069"},
        {"\u200f\u2028", "\\u200f\\u2028"},
        {"bad\xff", "bad\\xff"},
    };
    for (const Row& r : rows) {
        INFO(r.out);
        CHECK(text::for_terminal(r.in) == r.out);
    }
    CHECK(text::for_terminal_lines("one\ntwo\r\x1b") == "one\ntwo\\r\\x1b");
}

TEST_CASE("cut_to_width cuts by display columns with an ellipsis", "[terminal]") {
    CHECK(text::cut_to_width("short", 40) == "short");
    CHECK(text::cut_to_width("abcdefghij", 5) == "abcd…");
    CHECK(text::display_width(text::cut_to_width("很长的名称很长的名称", 7)) <= 7);
    CHECK(text::cut_to_width("很长的名称很长的名称", 7) == "很长的…");
    CHECK(text::cut_to_width(std::string(1'000'000, 'x'), 40).size() == 39 + std::string("…").size());
}
