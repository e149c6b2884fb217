// The XLSX reader (data/xlsx_reader.cpp) through read_data_file, on workbooks built here: with
// libxlsxwriter as Excel users make them (shared strings, styles, merged cells, formulas), and
// zip by zip with libzip for the hostile ones (DTDs, depth, zip bombs, too many parts).
#include <catch2/catch.hpp>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "check/check.hpp"
#include "data/readers.hpp"
#include "syntax/parse.hpp"

using namespace dabiao;

namespace {

const char* kRules = R"(plan "p" { region 洞头区  period 2023..2025 }
indicator rate "普惠托位占比" unit % { 2023: 80 }
indicator people "参保人数" unit 万人 { 2023: 8 }
)";

std::filesystem::path temp_path(const std::string& name) {
    // One folder per process: ctest runs the test cases of this file in parallel processes.
    const auto dir = std::filesystem::temp_directory_path() / ("dabiao-xlsx-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir / name;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// A workbook written by libxlsxwriter: `build` fills it.
std::string workbook(const std::function<void(lxw_workbook*)>& build) {
    const auto path = temp_path("built.xlsx");
    lxw_workbook* book = workbook_new(path.string().c_str());
    REQUIRE(book);
    build(book);
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);
    return slurp(path);
}

// A zip of the given parts, written by libzip.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts) {
    const auto path = temp_path("raw.xlsx");
    std::filesystem::remove(path);
    int error = 0;
    zip_t* z = zip_open(path.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(z);
    for (const auto& [name, text] : parts) {
        zip_source_t* source = zip_source_buffer(z, text.data(), text.size(), 0);
        REQUIRE(source);
        REQUIRE(zip_file_add(z, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
    return slurp(path);
}

// The parts of a minimal workbook with one sheet named 表 whose XML is `sheet`.
std::vector<std::pair<std::string, std::string>> minimal(const std::string& sheet,
                                                         const std::string& workbook_xml = "") {
    return {
        {"[Content_Types].xml", "<Types/>"},
        {"xl/workbook.xml", workbook_xml.empty() ? R"(<workbook xmlns:r="r"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>)"
                                                 : workbook_xml},
        {"xl/_rels/workbook.xml.rels",
         R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
        {"xl/worksheets/sheet1.xml", sheet},
    };
}

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

    void read(const std::string& bytes, const std::string& path = "填报表.xlsx") {
        DataSink sink(program, sources, data, diags);
        read_data_file(DataFile{path, bytes}, ReadContext{sources, program.plan.region}, sink, diags);
    }

    std::vector<std::string> reported() const {
        std::vector<std::string> out;
        for (const Diagnostic& d : diags.all())
            out.push_back(std::string(severity_word(d.severity)) + " " + describe_location(d.where, sources) + ": " +
                          d.message.en);
        return out;
    }

    const Observation* value(const std::string& key, int year, const std::string& region = "洞头区") const {
        for (const RegionData& r : data.regions)
            if (r.region == region) return r.find(program.keys.at(key), year);
        return nullptr;
    }
};

}  // namespace

TEST_CASE("xlsx: a wide sheet as Excel writes it, every value at its cell", "[data][xlsx]") {
    Fixture f;
    f.read(workbook([](lxw_workbook* book) {
        lxw_worksheet* empty = workbook_add_worksheet(book, "说明空表");  // an empty sheet is no table
        (void)empty;
        lxw_worksheet* ws = workbook_add_worksheet(book, "卫健局");
        lxw_format* percent = workbook_add_format(book);
        format_set_num_format(percent, "0%");
        worksheet_write_string(ws, 0, 0, "指标", nullptr);
        worksheet_write_string(ws, 0, 1, "单位", nullptr);
        worksheet_write_string(ws, 0, 2, "2023年", nullptr);
        worksheet_write_string(ws, 0, 3, "2024年", nullptr);
        worksheet_write_string(ws, 1, 0, "普惠托位占比", nullptr);
        worksheet_write_number(ws, 1, 2, 0.805, percent);  // shown as 81% (rounded), stored 0.805
        worksheet_write_formula_num(ws, 1, 3, "=C2+0.005", nullptr, 0.81);
        worksheet_write_string(ws, 2, 0, "参保人数", nullptr);
        worksheet_write_string(ws, 2, 1, "人", nullptr);
        worksheet_write_number(ws, 2, 2, 86000, nullptr);
        worksheet_write_string(ws, 2, 3, "86,500", nullptr);  // a number stored as text
    }));
    CHECK(f.reported().empty());
    REQUIRE(f.value("rate", 2023));
    CHECK(f.value("rate", 2023)->value == Approx(80.5));  // the percentage, at full precision
    CHECK(f.value("rate", 2023)->source.describe(f.sources) == "填报表.xlsx!卫健局!C2");
    REQUIRE(f.value("rate", 2024));
    CHECK(f.value("rate", 2024)->value == Approx(0.81));  // a formula's saved value, a plain number
    REQUIRE(f.value("people", 2023));
    CHECK(f.value("people", 2023)->value == Approx(8.6));
    REQUIRE(f.value("people", 2024));
    CHECK(f.value("people", 2024)->value == Approx(8.65));
    CHECK(f.data.accounting.accepted == 4);
}

TEST_CASE("xlsx: a long sheet with a merged region column and inline strings", "[data][xlsx]") {
    Fixture f;
    f.read(zip_of(minimal(R"(<worksheet><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>地区</t></is></c><c r="B1" t="inlineStr"><is><t>指标</t></is></c><c r="C1" t="inlineStr"><is><t>年份</t></is></c><c r="D1" t="inlineStr"><is><t>数值</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>北仑区</t></is></c><c r="B2" t="str"><v>rate</v></c><c r="C2"><v>2023</v></c><c r="D2"><v>79.5</v></c></row>
<row r="3"><c r="B3" t="inlineStr"><is><t>rate</t></is></c><c r="C3"><v>2024</v></c><c r="D3"><v>1E-3</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>)")));
    CHECK(f.reported().empty());
    REQUIRE(f.value("rate", 2023, "北仑区"));
    CHECK(f.value("rate", 2023, "北仑区")->value == 79.5);
    REQUIRE(f.value("rate", 2024, "北仑区"));  // the merged cell's region covers row 3
    CHECK(f.value("rate", 2024, "北仑区")->value == Approx(0.001));
    CHECK(f.value("rate", 2024, "北仑区")->source.describe(f.sources) == "填报表.xlsx!表!D3");
}

TEST_CASE("xlsx: problems name the workbook, sheet and cell", "[data][xlsx]") {
    struct Case {
        const char* what;
        std::string sheet;
        std::vector<std::string> reported;
    };
    const std::string header =
        R"(<row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c><c r="B1" t="inlineStr"><is><t>2023年</t></is></c></row>)";
    const std::vector<Case> cases = {
        {"an unknown indicator",
         "<worksheet><sheetData>" + header +
             R"(<row r="4"><c r="A4" t="inlineStr"><is><t>托位占比</t></is></c><c r="B4"><v>80</v></c></row></sheetData></worksheet>)",
         {"warning 填报表.xlsx!表!A4: '托位占比' is not an indicator of the rules"}},
        {"an error value saved in a cell",
         "<worksheet><sheetData>" + header +
             R"(<row r="2"><c r="A2" t="str"><v>rate</v></c><c r="B2" t="e"><v>#DIV/0!</v></c></row></sheetData></worksheet>)",
         {"error 填报表.xlsx!表!B2: "}},
        {"a formula whose value was never saved",
         "<worksheet><sheetData>" + header +
             R"(<row r="2"><c r="A2" t="str"><v>rate</v></c><c r="B2"><f>1+1</f></c></row></sheetData></worksheet>)",
         {"error 填报表.xlsx!表!B2: this cell holds a formula whose value was never saved"}},
        {"a shared string that does not exist",
         R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>)",
         {"error 填报表.xlsx!xl/worksheets/sheet1.xml:1:62: a shared string that does not exist: 7"}},
        {"broken XML", "<worksheet><sheetData>", {"error 填报表.xlsx!xl/worksheets/sheet1.xml:1:23: broken XML: "}},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        Fixture f;
        f.read(zip_of(minimal(c.sheet)));
        const auto reported = f.reported();
        REQUIRE(reported.size() == c.reported.size());
        for (std::size_t i = 0; i < reported.size(); ++i) {
            INFO(reported[i]);
            CHECK(reported[i].starts_with(c.reported[i]));
        }
        CHECK(f.data.accounting.accepted == 0);
    }
}

TEST_CASE("xlsx: hostile workbooks stop at a limit, with an error naming the part", "[data][xlsx][limits]") {
    struct Case {
        const char* what;
        std::vector<std::pair<std::string, std::string>> parts;
        std::string reported;
    };
    const std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)";
    std::string deep;
    for (std::size_t i = 0; i <= kMaxXmlDepth; ++i) deep += "<a>";
    std::string strings = "<sst>";
    for (std::size_t i = 0; i <= kMaxXlsxSharedStrings; ++i) strings += "<si/>";
    strings += "</sst>";
    auto with_strings = minimal("<worksheet/>");
    with_strings.emplace_back("xl/sharedStrings.xml", strings);
    std::vector<std::pair<std::string, std::string>> many = minimal("<worksheet/>");
    for (std::size_t i = 0; i < kMaxXlsxEntries; ++i) many.emplace_back("p/" + std::to_string(i), "");
    auto bomb = minimal("<worksheet/>");
    bomb.emplace_back("xl/sharedStrings.xml", std::string(kMaxXlsxInflatedBytes + 1, ' '));

    const std::vector<Case> cases = {
        {"billion laughs: a DTD is refused, no entity expanded", minimal(laughs),
         "error 填报表.xlsx!xl/worksheets/sheet1.xml:1:37: a document type declaration (DTD)"},
        {"XML nested too deep", minimal(deep), "error 填报表.xlsx!xl/worksheets/sheet1.xml:1:196: XML nested deeper than 64 levels"},
        {"too many shared strings", with_strings, "error 填报表.xlsx!xl/sharedStrings.xml:1:5000011: more than 1000000 shared strings"},
        {"too many parts", many, "error 填报表.xlsx: the workbook holds 10004 parts, more than the 10000"},
        {"a zip bomb", bomb, "error 填报表.xlsx!xl/sharedStrings.xml: the workbook decompresses to more than 256 MiB"},
        {"not a zip at all", {}, "error 填报表.xlsx: this is not a readable workbook"},
        {"no workbook part", {{"a.txt", "x"}}, "error 填报表.xlsx: the workbook has no part xl/workbook.xml"},
        {"a sheet whose part is missing",
         {{"xl/workbook.xml", R"(<workbook><sheets><sheet name="表" r:id="rId9"/></sheets></workbook>)"}},
         "error 填报表.xlsx!xl/workbook.xml: the part of sheet 表 is missing"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        Fixture f;
        f.read(c.parts.empty() ? std::string("PK\x03\x04 not really a zip") : zip_of(c.parts));
        const auto reported = f.reported();
        REQUIRE(reported.size() == 1);
        INFO(reported[0]);
        CHECK(reported[0].starts_with(c.reported));
        CHECK(f.diags.has_errors());
    }
}
