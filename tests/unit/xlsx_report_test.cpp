// --format xlsx read back as what it is, a zip of XML (libzip + expat): the sheets 汇总, 明细, 晾晒
// and 说明; 明细 has a frozen header, a filter and one row per verdict whose status counts equal
// the JSON report's, with targets and actual values as numbers in a unit format. Without -o the
// binary format is refused with a clear error.
#include <expat.h>
#include <unistd.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
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

int run(const std::string& args) {
    const std::string command =
        std::string("cd '") + DABIAO_SOURCE_DIR + "' && '" + DABIAO_EXE + "' check " + args;
    return WEXITSTATUS(std::system(command.c_str()));
}

}  // namespace

TEST_CASE("xlsx: the workbook read back has every verdict as the JSON report counts it", "[formats][xlsx]") {
    const std::string base = fs::temp_directory_path() / ("dabiao-xlsx-" + std::to_string(::getpid()));
    const std::string in = "tests/cases/formats/formats.dab --data tests/cases/formats/formats.json";
    REQUIRE(run(in + " --format xlsx -o '" + base + ".xlsx' 2>/dev/null") == 1);
    REQUIRE(run(in + " --format json -o '" + base + ".json' 2>/dev/null") == 1);
    std::ifstream json_file(base + ".json");
    const nlohmann::json doc = nlohmann::json::parse(json_file);
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

    std::vector<std::string> strings;
    for (const Node& n : parse(member(z, "xl/sharedStrings.xml")))
        if (n.name == "t") strings.push_back(n.text);
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
