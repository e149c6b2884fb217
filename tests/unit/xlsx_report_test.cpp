// --format xlsx read back as what it is, a zip of XML (libzip + expat): the sheets 汇总, 明细, 晾晒
// and 说明; 明细 has a frozen header, a filter and one row per verdict whose status counts equal
// the JSON report's, with targets and actual values as numbers in a unit format. Without -o the
// binary format is refused with a clear error.
#include <expat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string member(zip_t* z, const char* name) {
    zip_file_t* f = zip_fopen(z, name, 0);
    REQUIRE(f != nullptr);
    std::string out;
    char buf[65536];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
    return out;
}

// Elements of an XML document in order, with their attributes and text.
struct Node {
    std::string name;
    std::map<std::string, std::string> attrs;
    std::string text;
};

std::vector<Node> parse(const std::string& xml) {
    std::vector<Node> nodes;
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, &nodes);
    XML_SetElementHandler(
        p,
        [](void* d, const XML_Char* name, const XML_Char** attrs) {
            Node n{name, {}, {}};
            for (int i = 0; attrs[i]; i += 2) n.attrs[attrs[i]] = attrs[i + 1];
            static_cast<std::vector<Node>*>(d)->push_back(std::move(n));
        },
        [](void*, const XML_Char*) {});
    XML_SetCharacterDataHandler(p, [](void* d, const XML_Char* s, int len) {
        static_cast<std::vector<Node>*>(d)->back().text.append(s, static_cast<std::size_t>(len));
    });
    REQUIRE(XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK);
    XML_ParserFree(p);
    return nodes;
}

// The workbook's shared strings, by index.
std::vector<std::string> shared_strings(zip_t* z) {
    std::vector<std::string> strings;
    for (const Node& n : parse(member(z, "xl/sharedStrings.xml")))
        if (n.name == "t") strings.push_back(n.text);
    return strings;
}

int run(const std::string& args) {
    const std::string command =
        std::string("cd '") + DABIAO_SOURCE_DIR + "' && '" + DABIAO_EXE + "' check " + args;
    return WEXITSTATUS(std::system(command.c_str()));
}

// Checks CASE.dab against CASE.json (a run with missed targets) into BASE.xlsx and BASE.json; the JSON report.
nlohmann::json workbook_and_json(const std::string& name, const std::string& base) {
    const std::string in = name + ".dab --data " + name + ".json";
    REQUIRE(run(in + " --format xlsx -o '" + base + ".xlsx' 2>/dev/null") == 1);
    REQUIRE(run(in + " --format json -o '" + base + ".json' 2>/dev/null") == 1);
    std::ifstream json_file(base + ".json");
    return nlohmann::json::parse(json_file);
}

}  // namespace

TEST_CASE("xlsx: the workbook read back has every verdict as the JSON report counts it", "[formats][xlsx]") {
    const std::string base = fs::temp_directory_path() / ("dabiao-xlsx-" + std::to_string(::getpid()));
    const nlohmann::json doc = workbook_and_json("tests/cases/formats/formats", base);
    std::map<std::string, std::size_t> expected;
    for (const auto& r : doc["regions"])
        for (const char* s : {"met", "missed", "no_data", "not_due"}) expected[s] += r["summary"][s].get<std::size_t>();

    int error = 0;
    zip_t* z = zip_open((base + ".xlsx").c_str(), ZIP_RDONLY, &error);
    REQUIRE(z != nullptr);
    std::vector<std::string> sheets;
    for (const Node& n : parse(member(z, "xl/workbook.xml")))
        if (n.name == "sheet") sheets.push_back(n.attrs.at("name"));
    CHECK(sheets == std::vector<std::string>{"汇总", "明细", "晾晒", "说明"});

    const std::vector<std::string> strings = shared_strings(z);
    const std::vector<Node> detail = parse(member(z, "xl/worksheets/sheet2.xml"));
    zip_close(z);

    std::size_t rows = 0, numbers = 0;
    bool frozen = false, filter = false;
    std::map<std::string, std::size_t> counted;
    std::string cell, type, style;
    for (const Node& n : detail) {
        if (n.name == "row") ++rows;
        if (n.name == "pane") frozen = n.attrs.at("state") == "frozen" && n.attrs.at("ySplit") == "1";
        if (n.name == "autoFilter") filter = true;
        if (n.name == "c") {
            cell = n.attrs.at("r");
            type = n.attrs.count("t") ? n.attrs.at("t") : "";
            style = n.attrs.count("s") ? n.attrs.at("s") : "";
        }
        if (n.name != "v" || cell.ends_with("1") && cell.size() == 2) continue;
        if (cell.starts_with("N") && type == "s") ++counted[strings.at(std::stoul(n.text))];
        if (cell.starts_with("I") && type.empty()) {  // actual values: numbers with a unit format
            ++numbers;
            CHECK_FALSE(style.empty());
        }
    }
    CHECK(frozen);
    CHECK(filter);
    std::size_t total = 0;
    for (const auto& [s, n] : expected) {
        INFO(s);
        CHECK(counted[s] == n);
        total += n;
    }
    CHECK(rows == total + 1);
    CHECK(numbers == expected["met"] + expected["missed"]);  // due targets with a value
    fs::remove(base + ".xlsx");
    fs::remove(base + ".json");
}

// The 汇总 sheet has a row per tag with the JSON's counts, and 明细 the tags of each verdict.
TEST_CASE("xlsx: the summary by tag and the tag column", "[formats][xlsx]") {
    const std::string base = fs::temp_directory_path() / ("dabiao-xlsx-tags-" + std::to_string(::getpid()));
    const nlohmann::json doc = workbook_and_json("tests/cases/targets/statement_tags", base);
    std::map<std::string, std::vector<double>> expected;  // tag → met, missed, no data, not due
    for (const auto& t : doc["tags"])
        for (const char* s : {"met", "missed", "no_data", "not_due"})
            expected[t["tag"].get<std::string>()].push_back(t["summary"][s].get<double>());
    REQUIRE(expected.size() == 4);

    int error = 0;
    zip_t* z = zip_open((base + ".xlsx").c_str(), ZIP_RDONLY, &error);
    REQUIRE(z != nullptr);
    const std::vector<std::string> strings = shared_strings(z);
    const std::vector<Node> summary = parse(member(z, "xl/worksheets/sheet1.xml"));
    const std::vector<Node> detail = parse(member(z, "xl/worksheets/sheet2.xml"));
    zip_close(z);

    // Cell texts and numbers by reference ("B7").
    const auto cells = [&](const std::vector<Node>& sheet) {
        std::map<std::string, std::string> out;
        std::string cell, type;
        for (const Node& n : sheet) {
            if (n.name == "c") {
                cell = n.attrs.at("r");
                type = n.attrs.count("t") ? n.attrs.at("t") : "";
            }
            if (n.name == "v") out[cell] = type == "s" ? strings.at(std::stoul(n.text)) : n.text;
        }
        return out;
    };
    std::map<std::string, std::vector<double>> found;
    for (const auto& [ref, text] : cells(summary)) {
        if (ref[0] != 'B' || text != "标签") continue;
        const std::string row = ref.substr(1);
        const std::map<std::string, std::string> all = cells(summary);
        for (const char column : {'D', 'E', 'F', 'G'}) found[all.at("C" + row)].push_back(std::stod(all.at(column + row)));
    }
    CHECK(found == expected);
    std::multiset<std::string> tag_cells;
    for (const auto& [ref, text] : cells(detail))
        if (ref[0] == 'S' && ref != "S1") tag_cells.insert(text);
    CHECK(tag_cells == std::multiset<std::string>{"约束性", "约束性、省定", "预期性、☆"});
    fs::remove(base + ".xlsx");
    fs::remove(base + ".json");
}

TEST_CASE("xlsx: refused without -o", "[formats][xlsx]") {
    const std::string err = fs::temp_directory_path() / ("dabiao-xlsx-err-" + std::to_string(::getpid()));
    CHECK(run("rules/dongtou.dab --data examples/dongtou-2023-2024.json --format xlsx --lang en >/dev/null 2>'" + err +
              "'") == 2);
    std::ifstream in(err);
    std::ostringstream s;
    s << in.rdbuf();
    CHECK(s.str().find("--format xlsx writes a binary file, not text") != std::string::npos);
    CHECK(s.str().find("-o") != std::string::npos);
    fs::remove(err);
}

// Widths fit Chinese text: each column of 明细 is as wide as its longest text in display columns
// (a CJK character two) plus the margin, at most 60; read back from the sheet's <col> elements.
TEST_CASE("xlsx: column widths fit the Chinese text up to a cap", "[formats][xlsx]") {
    const std::string base = fs::temp_directory_path() / ("dabiao-xlsx-widths-" + std::to_string(::getpid()));
    REQUIRE(run("rules/dongtou.dab --data examples/dongtou-2023-2024.json --format xlsx -o '" + base + ".xlsx' 2>/dev/null") ==
            1);
    int error = 0;
    zip_t* z = zip_open((base + ".xlsx").c_str(), ZIP_RDONLY, &error);
    REQUIRE(z != nullptr);
    const std::vector<std::string> strings = shared_strings(z);
    const std::vector<Node> detail = parse(member(z, "xl/worksheets/sheet2.xml"));
    zip_close(z);
    fs::remove(base + ".xlsx");

    // the widest text per column (A = 0), in display columns: CJK and full-width forms count two
    const auto width = [](const std::string& s) {
        int w = 0;
        for (std::size_t k = 0; k < s.size();) {
            const unsigned char c = static_cast<unsigned char>(s[k]);
            const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            w += len >= 3 ? 2 : 1;  // the sheet's texts: ASCII, Chinese and full-width punctuation
            k += len;
        }
        return w;
    };
    std::map<int, int> widest;
    std::string cell, type;
    for (const Node& n : detail) {
        if (n.name == "c") {
            cell = n.attrs.at("r");
            type = n.attrs.count("t") ? n.attrs.at("t") : "";
        }
        if (n.name == "v" && type == "s" && cell[1] >= '0' && cell[1] <= '9') {  // columns A..Z
            const int column = cell[0] - 'A';
            widest[column] = std::max(widest[column], width(strings.at(std::stoul(n.text))));
        }
    }
    std::map<int, double> widths;
    for (const Node& n : detail)
        if (n.name == "col")
            for (int c = std::stoi(n.attrs.at("min")); c <= std::stoi(n.attrs.at("max")); ++c)
                widths[c - 1] = std::stod(n.attrs.at("width"));
    REQUIRE(widths.size() == 19);  // the columns of the CSV
    for (const auto& [column, w] : widest) {
        INFO("column " << column << ", widest text " << w);
        // libxlsxwriter adds Excel's padding of ~0.71 to the width given
        CHECK(widths.at(column) >= std::min(w + 2, 60));
        CHECK(widths.at(column) <= 61);
    }
    CHECK(widths.at(4) > widths.at(5));  // 指标名称 (Chinese names) wider than 年份
}

TEST_CASE("xlsx: a column of very long text stops at the width cap", "[formats][xlsx]") {
    const fs::path dir = fs::temp_directory_path() / ("dabiao-xlsx-cap-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::string name;
    for (int k = 0; k < 40; ++k) name += "长名称";  // 240 display columns
    std::ofstream(dir / "rules.dab") << "规划 \"宽度\" { 地区 测试区  基线年 2022  规划期 2023..2024 }\n"
                                     << "领域 测试（牵头单位：测试局）{\n  指标 甲 \"" << name << "\" 单位 % { 2023: 80 }\n}\n";
    std::ofstream(dir / "data.json") << R"({"region": "测试区", "values": {"甲": {"2023": 81}}})";
    const std::string out = (dir / "report.xlsx").string();
    REQUIRE(run("'" + (dir / "rules.dab").string() + "' --data '" + (dir / "data.json").string() +
                "' --format xlsx -o '" + out + "'") == 0);
    int error = 0;
    zip_t* z = zip_open(out.c_str(), ZIP_RDONLY, &error);
    REQUIRE(z != nullptr);
    const std::vector<Node> detail = parse(member(z, "xl/worksheets/sheet2.xml"));
    zip_close(z);
    fs::remove_all(dir);
    std::map<int, double> widths;
    for (const Node& n : detail)
        if (n.name == "col")
            for (int c = std::stoi(n.attrs.at("min")); c <= std::stoi(n.attrs.at("max")); ++c)
                widths[c - 1] = std::stod(n.attrs.at("width"));
    // Column E (指标名称) holds the 240-column name: it is cut at the cap of 60 (+ Excel's padding).
    REQUIRE(widths.count(4));
    CHECK(widths.at(4) >= 60);
    CHECK(widths.at(4) <= 61);
}
