// The reader table (data/readers.hpp): which reader a file gets — by its extension, else by its
// contents — and the errors for a file no reader knows and for binary contents, which must
// never reach the terminal.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "check/check.hpp"
#include "data/readers.hpp"
#include "syntax/parse.hpp"

using namespace dabiao;

namespace {

using namespace std::string_view_literals;  // "…"sv keeps the NUL bytes of binary contents

// The first bytes of a zip archive, as an .xlsx workbook starts.
constexpr std::string_view kZip = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"sv;

struct Fixture {
    SourceMap sources;
    Diagnostics diags;
    ast::Module module;
    Program program;
    Dataset data;

    Fixture() {
        const FileId file = sources.add("rules.dab", R"(plan "p" { period 2023..2025 }
indicator rate "rate" unit % { 2023: 80 }
)");
        module = grammar::parse_module(sources, file, diags);
        program = check({&module}, sources, diags);
        REQUIRE_FALSE(diags.has_errors());
    }

    void read(const std::string& path, std::string_view bytes) {
        DataSink sink(program, sources, data, diags);
        read_data_file(DataFile{path, bytes}, ReadContext{sources, program.plan.region}, sink, diags);
    }
};

}  // namespace

TEST_CASE("readers: a file's extension chooses its reader, else its contents do", "[data][readers]") {
    struct Case {
        const char* path;
        std::string_view bytes;
        const char* reader;  // empty: no reader knows the file
    };
    const std::vector<Case> cases = {
        // The extension decides, in any case, whatever the contents.
        {"d.json", R"({"values": {}})", "JSON"},
        {"D.JSON", "", "JSON"},
        {"d.csv", "指标,年份,数值\n", "CSV"},
        {"d.Csv", R"({"values": {}})", "CSV"},
        {"d.tsv", "指标\t2023年\n", "CSV"},
        // No extension a reader names: the contents.
        {"d.txt", R"({"values": {"rate": {"2023": 81}}})", "JSON"},
        {"d", "\xEF\xBB\xBF\n  [ {\"values\": {}} ]", "JSON"},
        {"d", R"({"a": 1, "b": 2})", "JSON"},  // a comma on the first line: JSON is sniffed first
        {"d.dat", "指标,年份,数值\nrate,2023,81\n", "CSV"},
        {"d", "\xEF\xBB\xBF\r\n \n指标\t2023年\n", "CSV"},
        {"d", "\"地区\",\"指标\"\n", "CSV"},
        {"d", "\xD6\xB8\xB1\xEA,\xC4\xEA\xB7\xDD\n", "CSV"},  // GBK: 指标,年份
        {"dir.json/d", "指标,年份,数值\n", "CSV"},            // the extension is the file name's
        // Nothing a reader knows.
        {"book.xlsx", kZip, "XLSX"},
        {"book.XLSM", "", "XLSX"},
        {"d", kZip, ""},
        {"d", "指标,年份\x00,数值\n"sv, ""},  // binary contents are never sniffed as text
        {"d.txt", "hello\n", ""},
        {"d", "1e808", ""},  // a JSON scalar is no data file
        {"d", "", ""},
        {"d", " \n\r\n", ""},
    };
    for (const Case& c : cases) {
        const DataReader* reader = choose_reader(DataFile{c.path, c.bytes});
        INFO(c.path << ": " << c.bytes);
        CHECK(std::string(reader ? reader->name : "") == c.reader);
    }
}

TEST_CASE("readers: each extension belongs to one reader, written lower case with its dot", "[data][readers]") {
    std::set<std::string_view> seen;
    for (const DataReader& reader : data_readers()) {
        INFO(reader.name);
        CHECK(reader.extensions.empty() == (reader.names_database != nullptr));  // a database is named by a URI
        for (const std::string_view ext : reader.extensions) {
            CHECK(ext.starts_with('.'));
            CHECK(std::none_of(ext.begin(), ext.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
            CHECK(seen.insert(ext).second);
        }
    }
}

TEST_CASE("readers: binary bytes are the control bytes text never holds", "[data][readers]") {
    CHECK(find_binary_byte("") == std::nullopt);
    CHECK(find_binary_byte("指标,年份\t数值\r\n\f\v") == std::nullopt);
    CHECK(find_binary_byte("\xD6\xB8\xB1\xEA\xFF") == std::nullopt);  // GBK, and bytes that are not UTF-8
    CHECK(find_binary_byte("ab\x00"sv) == 2);
    CHECK(find_binary_byte("\x1B[31m") == 0);
    CHECK(find_binary_byte(kZip) == 2);
}

TEST_CASE("readers: the chosen reader reads the file", "[data][readers]") {
    Fixture f;
    f.read("d.txt", R"({"values": {"rate": {"2023": 81}}})");
    f.read("d", "指标,年份,数值\nrate,2024,82\n");
    CHECK_FALSE(f.diags.has_errors());
    REQUIRE(f.data.regions.size() == 1);
    const RegionData& region = f.data.regions.front();
    REQUIRE(region.find(f.program.keys.at("rate"), 2023));
    CHECK(region.find(f.program.keys.at("rate"), 2023)->source.pointer == "/values/rate/2023");
    REQUIRE(region.find(f.program.keys.at("rate"), 2024));
    CHECK(region.find(f.program.keys.at("rate"), 2024)->value == 82);
}

TEST_CASE("readers: a file no reader knows is an error naming the file and the formats read", "[data][readers]") {
    Fixture f;
    const std::size_t files = f.sources.size();
    f.read("book.ods", kZip);
    REQUIRE(f.diags.error_count() == 1);
    const Diagnostic& d = f.diags.all().front();
    CHECK(std::get<FileOnly>(d.where).file == "book.ods");
    CHECK(d.message.en ==
          "the format of this file is not known: data files are read as JSON (.json), CSV (.csv, .tsv) or XLSX (.xlsx, "
          ".xlsm)");
    CHECK(d.message.zh ==
          "无法识别此文件的格式：可读取的数据文件格式为 JSON（.json）、CSV（.csv、.tsv）或 XLSX（.xlsx、.xlsm）");
    CHECK(f.sources.size() == files);  // nothing of it is registered to be shown
}

TEST_CASE("readers: binary contents named as a text format are refused, and never echoed", "[data][readers]") {
    for (const char* path : {"book.csv", "book.json"}) {
        Fixture f;
        f.read(path, kZip);
        REQUIRE(f.diags.error_count() == 1);
        const Diagnostic& d = f.diags.all().front();
        const std::string format = std::string_view(path).ends_with(".csv") ? "CSV" : "JSON";
        CHECK(std::get<FileOnly>(d.where).file == path);
        CHECK(d.message.en == "this is not a " + format + " file: it holds binary data (byte 0x03 on line 1)");
        for (const Lang lang : {Lang::en, Lang::zh}) {
            const std::string shown = render_diagnostics(f.diags, f.sources, {lang, false});
            INFO(shown);
            CHECK(std::none_of(shown.begin(), shown.end(), [](char c) { return c != '\n' && c >= 0 && c < 0x20; }));
            CHECK(shown.find("PK") == std::string::npos);
        }
    }
}
