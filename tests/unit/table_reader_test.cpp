// The long / wide table logic (data/table.hpp) over rows of cells built here, placed as a
// workbook names its cells ("B3") or as a CSV's text (a span): shapes, blank and title rows,
// and every error at the cell it is about.
#include <catch2/catch.hpp>

#include "check/check.hpp"
#include "data/table.hpp"
#include "syntax/parse.hpp"

using namespace dabiao;

namespace {

const char* kRules = R"(plan "p" { region 洞头区  period 2023..2025 }
indicator rate "普惠托位占比" unit % { 2023: 80 }
indicator people "参保人数" unit 万人 { 2023: 8 }
)";

const char* kHeaderError =
    "the header must name an indicator column and either year and value columns (one value per row) or year columns "
    "such as 2023年 (the official table's shape)";

struct Fixture {
    SourceMap sources;
    Diagnostics diags;
    ast::Module module;
    Program program;
    Dataset data;

    Fixture() {
        const FileId file = sources.add("rules.dab", kRules);
        module = grammar::parse_module(sources, file, diags);
        program = check({&module}, sources, diags);
        REQUIRE_FALSE(diags.has_errors());
    }

    // Reads the rows of "t.xlsx", each cell placed as a workbook names it: "A1", "B1", … "A2".
    void read(const std::vector<std::vector<std::string>>& rows) {
        DataSink sink(program, sources, data, diags);
        TableReader table("t.xlsx", program.plan.region, sink, diags);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            Row row;
            for (std::size_t c = 0; c < rows[r].size(); ++c)
                row.push_back(Cell{rows[r][c], std::string(1, static_cast<char>('A' + c)) + std::to_string(r + 1)});
            table.row(row);
        }
        table.finish();
    }

    // Every diagnostic as "severity place: message".
    std::vector<std::string> reported() const {
        std::vector<std::string> out;
        for (const Diagnostic& d : diags.all())
            out.push_back(std::string(severity_word(d.severity)) + " " + describe_location(d.where, sources) + ": " +
                          d.message.en);
        return out;
    }

    const Observation* value(const std::string& region, const std::string& key, int year) const {
        for (const RegionData& r : data.regions) {
            if (r.region == region) return r.find(program.keys.at(key), year);
        }
        return nullptr;
    }
};

}  // namespace

TEST_CASE("table: the long shape, one value per row, each value placed at its cell", "[data][table]") {
    Fixture f;
    f.read({
        {"地区", "指标", "年份", "数值", "单位", "来源", "备注"},
        {"洞头区", "普惠托位占比", "2023", "80.5%", "", "区卫生健康局", ""},
        {"北仑区", "people", "2023年", "86,000", "人", "", "按户籍"},
        {"", "rate", " 2024 ", " 81 ", "", "", ""},  // no region: the plan's
    });
    CHECK(f.reported().empty());
    const Observation* first = f.value("洞头区", "rate", 2023);
    REQUIRE(first);
    CHECK(first->value == 80.5);
    CHECK(first->source.file == "t.xlsx");
    CHECK(first->source.pointer == "D2");
    CHECK(first->source.origin == "区卫生健康局");
    REQUIRE(f.value("北仑区", "people", 2023));
    CHECK(f.value("北仑区", "people", 2023)->value == Approx(8.6));  // 86,000 人 in 万人
    REQUIRE(f.value("洞头区", "rate", 2024));
    CHECK(f.value("洞头区", "rate", 2024)->source.pointer == "D4");
    CHECK(f.data.accounting.accepted == 3);
}

TEST_CASE("table: the wide shape, years as columns, unused columns in a note", "[data][table]") {
    Fixture f;
    f.read({
        {"序号", "指标", "单位", "2023年", "2024", "2025年"},
        {"1", "普惠托位占比(%)", "", "80", "８１", ""},
        {"2", "people", "人", "86,000", "", ""},
    });
    CHECK(f.reported() == std::vector<std::string>{"note t.xlsx!A1: columns not used: 序号"});
    REQUIRE(f.value("洞头区", "rate", 2024));
    CHECK(f.value("洞头区", "rate", 2024)->value == 81);
    CHECK(f.value("洞头区", "rate", 2024)->source.pointer == "E2");
    REQUIRE(f.value("洞头区", "people", 2023));
    CHECK(f.value("洞头区", "people", 2023)->value == Approx(8.6));  // the unit column's 人
    CHECK(f.data.accounting.accepted == 3);
    CHECK(f.data.accounting.explicit_missing == 3);  // empty cells are missing values, never zeros
}

TEST_CASE("table: blank rows are skipped wherever they are, also rows of another length", "[data][table]") {
    Fixture f;
    f.read({
        {"", ""},
        {" ", "\t"},
        {"指标", "年份", "数值"},
        {""},
        {"rate", "2023", "80"},
    });
    CHECK(f.reported().empty());
    REQUIRE(f.value("洞头区", "rate", 2023));
    CHECK(f.value("洞头区", "rate", 2023)->source.pointer == "C5");
}

TEST_CASE("table: every problem is reported at its cell", "[data][table]") {
    struct Case {
        const char* what;
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> reported;
        std::size_t accepted;
    };
    const std::vector<Case> cases = {
        {"title rows above the header are skipped with a note",
         {{"表1 2023年指标完成情况"}, {"填报单位：区卫生健康局", ""}, {"指标", "年份", "数值"}, {"rate", "2023", "80"}},
         {"note t.xlsx!A1: 2 title row(s) above the header skipped"},
         1},
        {"more title rows than a table has: the first is reported as the header it should be",
         {{"t1"}, {"t2"}, {"t3"}, {"t4"}, {"t5"}, {"t6"}, {"指标", "年份", "数值"}},
         {std::string("error t.xlsx!A1: ") + kHeaderError},
         0},
        {"only titles, no header", {{"表1"}, {"说明"}}, {std::string("error t.xlsx!A1: ") + kHeaderError}, 0},
        {"—, /, -, 无, 暂无 are missing values, never zeros, in one note",
         {{"指标", "2023年", "2024年", "2025年"}, {"rate", "—", "/", "80"}, {"people", " 无 ", "暂无", "-"}},
         {"note t.xlsx!B2: 5 cell(s) holding a mark such as —, / or 无 read as missing values (no data), not as zero"},
         1},
        {"a missing mark in the long shape",
         {{"指标", "年份", "数值"}, {"rate", "2023", "——"}, {"rate", "2024", "－"}},
         {"note t.xlsx!C2: 2 cell(s) holding a mark such as —, / or 无 read as missing values (no data), not as zero"},
         0},
        {"a number stored as text, and a percentage as shown",
         {{"指标", "单位", "2023年", "2024年"}, {"people", "人", " 86000 ", "86,000"}, {"rate", "", "55%", "0.55"}},
         {},
         4},
        {"a header naming a column twice",
         {{"指标", "指标名称", "年份", "数值"}, {"rate", "rate", "2023", "80"}},
         {"error t.xlsx!B1: a second '指标名称' column"},
         0},
        {"a header with both shapes",
         {{"指标", "年份", "数值", "2023年"}, {"rate", "2023", "80", "80"}},
         {std::string("error t.xlsx!A1: ") + kHeaderError},
         0},
        {"a header without an indicator column",
         {{"地区", "年份", "数值"}, {"洞头区", "2023", "80"}},
         {std::string("error t.xlsx!A1: ") + kHeaderError},
         0},
        {"a row of another length than the header; the next row is still read",
         {{"指标", "年份", "数值"}, {"rate", "2023"}, {"rate", "2024", "81"}},
         {"error t.xlsx!A2: this row has 2 cells but the header has 3"},
         1},
        {"a year and a value that cannot be read",
         {{"指标", "年份", "数值"}, {"rate", "20x3", "80"}, {"rate", "2024", "abc"}},
         {"error t.xlsx!B2: '20x3' is not a year", "error t.xlsx!C3: 'abc' is not a value"},
         0},
        {"an indicator the rules do not have",
         {{"指标", "2023年"}, {"托位数", "12"}},
         {"warning t.xlsx!A2: '托位数' is not an indicator of the rules; its values are not used"},
         0},
        {"no rows at all", {{" "}}, {"warning t.xlsx: the file has no rows"}, 0},
    };
    for (const Case& c : cases) {
        DYNAMIC_SECTION(c.what) {
            Fixture f;
            f.read(c.rows);
            CHECK(f.reported() == c.reported);
            CHECK(f.data.accounting.accepted == c.accepted);
        }
    }
}

TEST_CASE("table: cells placed in a text file report their span, shown with line and column", "[data][table]") {
    Fixture f;
    const FileId file = f.sources.add("t.csv", "指标,年份,数值\nrate,2023,abc\n");
    const std::uint32_t line2 = f.sources.file(file).line_begin(2);
    const auto at = [&](std::uint32_t begin, std::uint32_t size) {
        return Span{file, line2 + begin, line2 + begin + size};
    };
    DataSink sink(f.program, f.sources, f.data, f.diags);
    TableReader table("t.csv", f.program.plan.region, sink, f.diags);
    table.row({Cell{"指标", Span{file, 0, 6}}, Cell{"年份", Span{file, 7, 13}}, Cell{"数值", Span{file, 14, 20}}});
    table.row({Cell{"rate", at(0, 4)}, Cell{"2023", at(5, 4)}, Cell{"abc", at(10, 3)}});
    table.finish();
    REQUIRE(f.diags.error_count() == 1);
    const Span* span = std::get_if<Span>(&f.diags.all().front().where);
    REQUIRE(span);
    CHECK(span->begin == line2 + 10);
    CHECK(span->end == line2 + 13);
    CHECK(describe_location(*span, f.sources) == "t.csv:2:11");
}
