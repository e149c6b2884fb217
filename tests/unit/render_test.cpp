// render_diagnostic: the caret line is aligned by terminal display width, so it lands under the
// right character after Chinese text (CJK and full-width characters take two columns).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"

using namespace dabiao;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        const std::size_t nl = s.find('\n', start);
        if (nl == std::string::npos) {
            out.push_back(s.substr(start));
            break;
        }
        out.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

Diagnostic error_at(FileId file, std::uint32_t begin, std::uint32_t end) {
    Diagnostic d;
    d.severity = Severity::error;
    d.where = Span{file, begin, end};
    d.message = Text{"expected a year after 'by'", "'by' 后面应是年份，如 by 2026"};
    return d;
}

}  // namespace

TEST_CASE("the caret lands right after 'by' following Chinese text", "[render]") {
    SourceMap sources;
    const std::string text = "  普惠托位占比 >= 85 by\nnext line\n";
    const FileId file = sources.add("test.dab", text);
    const auto at = static_cast<std::uint32_t>(std::string("  普惠托位占比 >= 85 by").size());  // 29 bytes
    REQUIRE(at == 29u);
    const std::string rendered = render_diagnostic(error_at(file, at, at), sources, RenderOptions{Lang::en, false});
    // 2 spaces + 6 CJK characters (12 columns) + " >= 85 by" (9 columns) = 23 columns before the caret.
    const std::string expected =
        "test.dab:1:18: error: expected a year after 'by'\n"
        " 1 |   普惠托位占比 >= 85 by\n"
        "   | " +
        std::string(23, ' ') + "^\n";
    CHECK(rendered == expected);
}

TEST_CASE("the underline of a span has the display width of its text", "[render]") {
    struct Row {
        const char* what;
        std::string line;
        std::string before;   // text of the line before the span
        std::string covered;  // text the span covers
        std::size_t lead;     // expected columns before the caret
        std::string marker;   // expected ^~~ marker
        std::size_t column;   // expected character column in the header
    };
    const std::vector<Row> rows = {
        {"a CJK word", "  普惠托位占比 >= 85 by", "  ", "普惠托位占比", 2, "^~~~~~~~~~~~", 3},
        {"a number after CJK text", "  普惠托位占比 >= 85 by", "  普惠托位占比 >= ", "85", 18, "^~", 13},
        {"after full-width parentheses and colon", "领域 幼有善育（牵头单位：区卫生健康局）{}",
         "领域 幼有善育（牵头单位：", "区卫生健康局", 25, "^~~~~~~~~~~~", 14},
        {"after 年 and a full-width colon", "  2026年：85%", "  2026年：", "85%", 10, "^~~", 9},
        {"a single CJK character", "到2027年 x", "到2027", "年", 6, "^~", 6},
        {"after an ideographic space", "x\u3000>= 1", "x\u3000", ">=", 3, "^~", 3},
        {"an empty span at the start", "普惠 >= 1", "", "", 0, "^", 1},
        {"an empty span at the end of the line", "x 不低于", "x 不低于", "", 8, "^", 6},
    };
    for (const Row& row : rows) {
        INFO("case: " << row.what);
        SourceMap sources;
        const FileId file = sources.add("r.dab", row.line + "\n");
        const auto begin = static_cast<std::uint32_t>(row.before.size());
        const auto end = static_cast<std::uint32_t>(row.before.size() + row.covered.size());
        const std::string rendered =
            render_diagnostic(error_at(file, begin, end), sources, RenderOptions{Lang::en, false});
        const auto lines = lines_of(rendered);
        REQUIRE(lines.size() == 3u);
        CHECK(lines[0] == "r.dab:1:" + std::to_string(row.column) + ": error: expected a year after 'by'");
        CHECK(lines[1] == " 1 | " + row.line);
        CHECK(lines[2] == "   | " + std::string(row.lead, ' ') + row.marker);
    }
}

TEST_CASE("tabs are expanded in both the source line and the caret line", "[render]") {
    SourceMap sources;
    const FileId file = sources.add("t.dab", "\t普惠 >= 1\n");
    const std::string rendered = render_diagnostic(error_at(file, 1, 7), sources, RenderOptions{Lang::en, false});
    const auto lines = lines_of(rendered);
    REQUIRE(lines.size() == 3u);
    CHECK(lines[1] == " 1 |     普惠 >= 1");
    CHECK(lines[2] == "   |     ^~~~");
}

TEST_CASE("a span running past the end of its line is underlined up to the line end", "[render]") {
    SourceMap sources;
    const FileId file = sources.add("m.dab", "x >= 85 by\n2026\n");
    const std::string rendered = render_diagnostic(error_at(file, 8, 14), sources, RenderOptions{Lang::en, false});
    const auto lines = lines_of(rendered);
    REQUIRE(lines.size() == 3u);
    CHECK(lines[0] == "m.dab:1:9: error: expected a year after 'by'");
    CHECK(lines[2] == "   |         ^~");
}

TEST_CASE("the gutter widens with the line number and the caret stays aligned", "[render]") {
    SourceMap sources;
    std::string text(11, '\n');
    text += "  到2026年，普惠托位占比不低于\n";
    const FileId file = sources.add("g.dab", text);
    const auto line_start = static_cast<std::uint32_t>(11);
    const auto at = line_start + static_cast<std::uint32_t>(std::string("  到2026年，普惠托位占比不低于").size());
    const std::string rendered = render_diagnostic(error_at(file, at, at), sources, RenderOptions{Lang::en, false});
    // 2 + 到(2) + 2026(4) + 年(2) + ，(2) + 普惠托位占比(12) + 不低于(6) = 30 columns.
    const std::string expected =
        "g.dab:12:19: error: expected a year after 'by'\n"
        " 12 |   到2026年，普惠托位占比不低于\n"
        "    | " +
        std::string(30, ' ') + "^\n";
    CHECK(rendered == expected);
}

TEST_CASE("the language option picks the message and hint, colour is off by request", "[render]") {
    SourceMap sources;
    const FileId file = sources.add("l.dab", "x >= 85 by\n");
    Diagnostic d = error_at(file, 10, 10);
    d.hint = Text{"write the year, e.g. by 2026", "请写出年份，如 by 2026"};
    const std::string en = render_diagnostic(d, sources, RenderOptions{Lang::en, false});
    const std::string zh = render_diagnostic(d, sources, RenderOptions{Lang::zh, false});
    CHECK(en ==
          "l.dab:1:11: error: expected a year after 'by'\n"
          " 1 | x >= 85 by\n"
          "   |           ^\n"
          "  hint: write the year, e.g. by 2026\n");
    CHECK(zh ==
          "l.dab:1:11: error: 'by' 后面应是年份，如 by 2026\n"
          " 1 | x >= 85 by\n"
          "   |           ^\n"
          "  提示: 请写出年份，如 by 2026\n");
    CHECK(en.find('\x1b') == std::string::npos);
    const std::string coloured = render_diagnostic(d, sources, RenderOptions{Lang::en, true});
    CHECK(coloured.find('\x1b') != std::string::npos);
}

TEST_CASE("a note follows its diagnostic with its own line and a caret under its CJK text", "[render][notes]") {
    SourceMap sources;
    const std::string text =
        "  指标 普惠托位占比 \"普惠托位占比\" 单位 %\n"
        "  指标 普惠托位占比 \"重复\" 单位 %\n";
    const FileId file = sources.add("n.dab", text);
    const std::string first_line = "  指标 普惠托位占比 \"普惠托位占比\" 单位 %\n";
    const auto second = static_cast<std::uint32_t>(first_line.size());
    const auto name_in_line = static_cast<std::uint32_t>(std::string("  指标 ").size());
    const auto name_size = static_cast<std::uint32_t>(std::string("普惠托位占比").size());
    Diagnostic d;
    d.severity = Severity::error;
    d.where = Span{file, second + name_in_line, second + name_in_line + name_size};
    d.message = Text{"indicator '普惠托位占比' is declared twice", "指标“普惠托位占比”重复声明"};
    d.hint = Text{"remove one", "请删除其一"};
    d.add_note(Span{file, name_in_line, name_in_line + name_size}, Text{"first declared here", "首次声明于此"});
    // "  指标 " is 2 + 4 + 1 = 7 columns; the six CJK characters of the name take 12.
    const std::string caret = "   |        ^~~~~~~~~~~~\n";
    CHECK(render_diagnostic(d, sources, RenderOptions{Lang::en, false}) ==
          "n.dab:2:6: error: indicator '普惠托位占比' is declared twice\n"
          " 2 |   指标 普惠托位占比 \"重复\" 单位 %\n" +
              caret +
              "  hint: remove one\n"
              "n.dab:1:6: note: first declared here\n"
              " 1 |   指标 普惠托位占比 \"普惠托位占比\" 单位 %\n" +
              caret);
    CHECK(render_diagnostic(d, sources, RenderOptions{Lang::zh, false}) ==
          "n.dab:2:6: error: 指标“普惠托位占比”重复声明\n"
          " 2 |   指标 普惠托位占比 \"重复\" 单位 %\n" +
              caret +
              "  提示: 请删除其一\n"
              "n.dab:1:6: note: 首次声明于此\n"
              " 1 |   指标 普惠托位占比 \"普惠托位占比\" 单位 %\n" +
              caret);
}

TEST_CASE("a note without source text is its header line only, after a diagnostic with notes", "[render][notes]") {
    SourceMap sources;
    const FileId file = sources.add("d.dab", "x >= 85 by\n");
    Diagnostic d = error_at(file, 10, 10);
    d.add_note(DataPointer{"data.json", "/values/x/2024"}, Text{"the value read", "读取的值"});
    const std::vector<std::string> lines = lines_of(render_diagnostic(d, sources, RenderOptions{Lang::en, false}));
    REQUIRE(lines.size() == 4);
    CHECK(lines[3] == "data.json: /values/x/2024: note: the value read");
}
