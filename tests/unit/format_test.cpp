// dabiao fmt's layout over every rule file of the repository and the test corpus: idempotent,
// the same syntax tree, and a file with its layout destroyed (indentation gone or wrong, blanks
// at line ends, CRLF, runs of blank lines) formats back to the repository's own layout.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/diagnostics.hpp"
#include "app/tools.hpp"
#include "lint/format.hpp"
#include "syntax/ast.hpp"
#include "syntax/parse.hpp"
#include "tests/unit/read_all.hpp"

using namespace dabiao;
namespace fs = std::filesystem;

namespace {

using dabiao::test::read_all;

// The syntax tree's dump without positions, or empty when the text has errors.
std::string tree(const std::string& text) {
    SourceMap sources;
    Diagnostics diags;
    const FileId f = sources.add("x.dab", text);
    const ast::Module m = grammar::parse_module(sources, f, diags);
    return diags.has_errors() ? "" : without_positions(ast::dump(m, sources));
}

// The same tokens with a ruined layout.
std::string mangle(const std::string& text) {
    std::string out;
    std::size_t n = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line); ++n) {
        const std::size_t first = line.find_first_not_of(' ');
        line = first == std::string::npos ? "" : line.substr(first);
        out += std::string(n % 5, n % 2 ? '\t' : ' ') + line + (n % 3 ? "  " : "") + (n % 4 ? "\r\n" : "\n");
        if (line.empty()) out += "\n \n";  // a run of blank lines where there was one
    }
    return "\n\n" + out + "\n\n";
}

}  // namespace

TEST_CASE("fmt keeps the syntax tree, is idempotent and restores the layout of every rule file", "[fmt]") {
    std::size_t files = 0;
    for (const char* dir : {"rules", "stdlib", "tests/cases", "tests/fuzz/corpus", "examples"}) {
        const fs::path root = fs::path(DABIAO_SOURCE_DIR) / dir;
        if (!fs::exists(root)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".dab") continue;
            const std::string text = read_all(entry.path());
            const std::string before = tree(text);
            if (before.empty()) continue;  // files with syntax errors are not formatted
            ++files;
            INFO(entry.path().string());
            const std::string once = format_rules(text);
            CHECK(format_rules(once) == once);
            CHECK(tree(once) == before);
            const std::string mangled = format_rules(mangle(text));
            CHECK(tree(mangled) == before);
            CHECK(format_rules(mangled) == mangled);
            CHECK(mangled == once);
        }
    }
    CHECK(files > 20);
}

TEST_CASE("fmt in every keyword and punctuation style keeps the syntax tree of every rule file and is idempotent",
          "[fmt]") {
    std::vector<FormatStyle> styles;
    for (const KeywordStyle k : {KeywordStyle::keep, KeywordStyle::zh, KeywordStyle::en})
        for (const PunctuationStyle p : {PunctuationStyle::keep, PunctuationStyle::ascii, PunctuationStyle::full})
            styles.push_back({k, p});
    std::size_t files = 0;
    std::size_t changed = 0;  // files a style respells: the styles do something
    for (const char* dir : {"rules", "stdlib", "tests/cases", "tests/fuzz/corpus", "examples"}) {
        const fs::path root = fs::path(DABIAO_SOURCE_DIR) / dir;
        if (!fs::exists(root)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".dab") continue;
            const std::string text = read_all(entry.path());
            const std::string before = tree(text);
            if (before.empty()) continue;
            ++files;
            const std::string plain = format_rules(text);
            for (const FormatStyle& style : styles) {
                INFO(entry.path().string() << " keywords " << static_cast<int>(style.keywords) << " punctuation "
                                           << static_cast<int>(style.punctuation));
                const std::string once = format_rules(text, style);
                CHECK(tree(once) == before);
                CHECK(format_rules(once, style) == once);
                changed += once != plain ? 1 : 0;
            }
        }
    }
    CHECK(files > 20);
    CHECK(changed > files);
}

TEST_CASE("fmt spaces comparators once, respells keywords and punctuation, never inside strings or comments",
          "[fmt]") {
    const FormatStyle keep;
    const FormatStyle en{KeywordStyle::en, PunctuationStyle::keep};
    const FormatStyle zh{KeywordStyle::zh, PunctuationStyle::keep};
    const FormatStyle ascii{KeywordStyle::keep, PunctuationStyle::ascii};
    const FormatStyle full{KeywordStyle::keep, PunctuationStyle::full};
    struct Row {
        std::string in;
        FormatStyle style;
        std::string expected;
    };
    const std::vector<Row> rows = {
        {"a>=85 by 2026\n", keep, "a >= 85 by 2026\n"},
        {"a   ≥85%  # x>=1\n", keep, "a ≥ 85%  # x>=1\n"},
        {"函数 f(x)=x*2\n", keep, "函数 f(x) = x*2\n"},
        {"阶段 未开展->试点<全覆盖\n", keep, "阶段 未开展->试点 < 全覆盖\n"},
        {"指标 x \"a>=b\" 单位 % { 2023: < 5 }\n", keep, "指标 x \"a>=b\" 单位 % { 2023: < 5 }\n"},
        {"领域 幼有善育（牵头单位：区卫生健康局）{\n}\n", en, "domain 幼有善育（lead：区卫生健康局）{\n}\n"},
        {"indicator x unit % { baseline 4 }\n", zh, "指标 x 单位 % { 基线 4 }\n"},
        {"x every year >= 3\n", zh, "x every year >= 3\n"},
        {"指标 x “指标”  # 指标\n", en, "indicator x “指标”  # 指标\n"},
        {"指标 x（个）｛ 2023：1（3）；＞＝ 2 ｝\n", ascii, "指标 x(个){ 2023:1(3); >= 2 }\n"},
        {"indicator x { 2023: 12,500 != 2 -> a }\n", full, "indicator x ｛ 2023： 12,500 != 2 -> a ｝\n"},
        // yearly tables: columns by display width (CJK two columns), strings whole, comments at the end
        {"x {\n2023: 全覆盖  2024: 1   2025: \"a  b\"\n2026: 10  2027: 2 # c\n}\n", keep,
         "x {\n  2023: 全覆盖  2024: 1  2025: \"a  b\"\n  2026: 10      2027: 2  # c\n}\n"},
        {"x {\n  2023: 1  2024: 2\n  y {\n    2025: 333  2026: 4\n  }\n  2027: 55\n}\n", keep,
         "x {\n  2023: 1  2024: 2\n  y {\n    2025: 333  2026: 4\n  }\n  2027: 55\n}\n"},
    };
    for (const Row& row : rows) {
        INFO(row.in);
        CHECK(format_rules(row.in, row.style) == row.expected);
        CHECK(format_rules(row.expected, row.style) == row.expected);
    }
}

TEST_CASE("fmt indents by block depth, braces in strings and comments do not count", "[fmt]") {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"领域 a {\n指标 x \"{名\" 单位 % {\n    2023: 1  # } not a brace\n}\n     }\n",
         "领域 a {\n  指标 x \"{名\" 单位 % {\n    2023: 1  # } not a brace\n  }\n}\n"},
        {"领域 a ｛\n指标 x “a“{”b” 单位 %\n｝\n", "领域 a ｛\n  指标 x “a“{”b” 单位 %\n｝\n"},
        {"出处 \"x\" { 到2027年 a 达到 1。 }\n\n\n\n指标 b\n", "出处 \"x\" { 到2027年 a 达到 1。 }\n\n指标 b\n"},
        {"\xEF\xBB\xBF\xE3\x80\x80指标 a  \r\n", "指标 a\n"},
        {"}\n}\n指标 a\n", "}\n}\n指标 a\n"},  // more closes than opens: never a negative indent
    };
    for (const auto& [in, expected] : rows) {
        INFO(in);
        CHECK(format_rules(in) == expected);
        CHECK(format_rules(expected) == expected);
    }
}

TEST_CASE("dabiao fmt -w rewrites in place, --check then passes, a broken file is left alone", "[fmt]") {
    const fs::path dir = fs::temp_directory_path() / ("dabiao-fmt-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path good = dir / "good.dab";
    const fs::path broken = dir / "broken.dab";
    std::ofstream(good, std::ios::binary) << "规划 \"p\" {\n地区 洞头区\n}\n";
    std::ofstream(broken, std::ios::binary) << "   指标 名字 \"未结束\n";
    std::ostringstream out;
    std::ostringstream err;
    FmtOptions check;
    check.check = true;
    check.files = {good.string()};
    CHECK(run_fmt(check, out, err) == 1);
    FmtOptions write;
    write.write = true;
    write.files = {good.string(), broken.string()};
    CHECK(run_fmt(write, out, err) == 2);  // the broken file is an error...
    CHECK(read_all(good) == "规划 \"p\" {\n  地区 洞头区\n}\n");  // ...the good one is written
    CHECK(read_all(broken) == "   指标 名字 \"未结束\n");
    CHECK(run_fmt(check, out, err) == 0);
    std::size_t left = 0;  // no temporary file stays behind
    for (const auto& e : fs::directory_iterator(dir)) left += e.path().filename().string().starts_with(".") ? 1 : 0;
    CHECK(left == 0);
    fs::remove_all(dir);
}
