// The file formats of the output-format table checked structurally through the real binary:
// the JUnit XML is parsed (expat) and its counts equal the JSON report's; the SARIF is parsed and
// its results are the missed and no-data targets at their rule lines; the CSV is parsed (RFC 4180)
// with one row per verdict; Markdown has one table row per verdict. Run on the bundled example
// and on a two-region case whose names try to break out of their markup.
#include <expat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "base/encoding.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Input {
    std::string rules;
    std::string data;
};

const Input kBundled{"rules/dongtou.dab", "examples/dongtou-2023-2024.json"};
const Input kRegions{"tests/cases/formats/formats.dab", "tests/cases/formats/formats.json"};

// `dabiao check` with --format `format` (and `extra` options) written with -o; the file's bytes.
std::string run(const Input& in, const std::string& format, const std::string& extra = "") {
    static int runs = 0;  // ctest runs the test cases in parallel processes: a file of its own each
    const fs::path out = fs::temp_directory_path() /
                         ("dabiao-report-formats-" + std::to_string(::getpid()) + "-" + std::to_string(++runs) + "." + format);
    fs::remove(out);
    const std::string command = std::string("cd '") + DABIAO_SOURCE_DIR + "' && '" + DABIAO_EXE + "' check " +
                                in.rules + " --data " + in.data + " --format " + format + " " + extra + " -o '" +
                                out.string() + "' 2>/dev/null";
    const int status = std::system(command.c_str());
    REQUIRE(WEXITSTATUS(status) == 1);  // both inputs miss some targets
    std::ifstream file(out, std::ios::binary);
    std::ostringstream s;
    s << file.rdbuf();
    fs::remove(out);
    return s.str();
}

struct Counts {
    std::size_t met = 0, missed = 0, no_data = 0, not_due = 0;
    std::size_t total() const { return met + missed + no_data + not_due; }
};

// The JSON report's totals over every region.
Counts json_counts(const Input& in) {
    const json doc = json::parse(run(in, "json"));
    Counts c;
    const auto add = [&](const json& region) {
        c.met += region["summary"]["met"].get<std::size_t>();
        c.missed += region["summary"]["missed"].get<std::size_t>();
        c.no_data += region["summary"]["no_data"].get<std::size_t>();
        c.not_due += region["summary"]["not_due"].get<std::size_t>();
    };
    if (doc.contains("regions")) {
        for (const json& r : doc["regions"]) add(r);
    } else {
        add(doc);
    }
    return c;
}

// A parsed XML document reduced to what the JUnit checks need.
struct Xml {
    struct Element {
        std::string name;
        std::map<std::string, std::string> attrs;
        int depth = 0;
    };
    std::vector<Element> elements;
    int depth = 0;
    bool ok = false;
    std::string error;
};

Xml parse_xml(const std::string& text) {
    Xml xml;
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, &xml);
    XML_SetElementHandler(
        p,
        [](void* data, const XML_Char* name, const XML_Char** attrs) {
            auto& x = *static_cast<Xml*>(data);
            Xml::Element e{name, {}, x.depth++};
            for (int i = 0; attrs[i]; i += 2) e.attrs[attrs[i]] = attrs[i + 1];
            x.elements.push_back(std::move(e));
        },
        [](void* data, const XML_Char*) { --static_cast<Xml*>(data)->depth; });
    xml.ok = XML_Parse(p, text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_OK;
    if (!xml.ok) xml.error = XML_ErrorString(XML_GetErrorCode(p));
    XML_ParserFree(p);
    return xml;
}

// RFC 4180 records.
std::vector<std::vector<std::string>> parse_csv(std::string_view s) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
                rows.back().back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                rows.back().back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
            ++i;
            if (i + 1 < s.size()) rows.emplace_back(1);
        } else {
            rows.back().back() += c;
        }
    }
    return rows;
}

}  // namespace

TEST_CASE("junit: valid XML whose counts equal the JSON report's", "[formats][junit]") {
    for (const Input& in : {kBundled, kRegions}) {
        INFO(in.rules);
        const Counts expected = json_counts(in);
        const Xml xml = parse_xml(run(in, "junit"));
        REQUIRE(xml.ok);
        INFO(xml.error);
        REQUIRE_FALSE(xml.elements.empty());
        const Xml::Element& root = xml.elements.front();
        CHECK(root.name == "testsuites");
        CHECK(root.attrs.at("tests") == std::to_string(expected.total()));
        CHECK(root.attrs.at("failures") == std::to_string(expected.missed));
        CHECK(root.attrs.at("errors") == std::to_string(expected.no_data));
        CHECK(root.attrs.count("skipped") == 0);  // not in the schema (tests/data/junit.xsd); the suites have it
        std::map<std::string, std::size_t> counted;
        std::size_t suite_tests = 0, suite_skipped = 0;
        const Xml::Element* suite = nullptr;
        std::size_t in_suite = 0;
        for (const Xml::Element& e : xml.elements) {
            ++counted[e.name];
            if (e.name == "testsuite") {
                if (suite) CHECK(suite->attrs.at("tests") == std::to_string(in_suite));
                suite = &e;
                in_suite = 0;
                suite_tests += std::stoul(e.attrs.at("tests"));
                suite_skipped += std::stoul(e.attrs.at("skipped"));
                CHECK(e.depth == 1);
            } else if (e.name == "testcase") {
                ++in_suite;
                CHECK(e.depth == 2);
                for (const char* a : {"classname", "name", "time"}) CHECK(e.attrs.count(a) == 1);
            } else if (e.name == "failure" || e.name == "error" || e.name == "skipped" || e.name == "system-out") {
                CHECK(e.depth == 3);
                if (e.name != "system-out") CHECK(e.attrs.at("message").find(".dab:") != std::string::npos);  // the rule
            }
        }
        if (suite) CHECK(suite->attrs.at("tests") == std::to_string(in_suite));
        CHECK(suite_tests == expected.total());
        CHECK(suite_skipped == expected.not_due);
        CHECK(counted["testcase"] == expected.total());
        CHECK(counted["failure"] == expected.missed);
        CHECK(counted["error"] == expected.no_data);
        CHECK(counted["skipped"] == expected.not_due);
        CHECK(counted["system-out"] == expected.met);
    }
}

// The schema CI servers validate JUnit XML against (tests/data/junit.xsd, after the Jenkins xUnit
// plugin's junit-10.xsd), checked with xmllint on the bundled example and the hostile names.
TEST_CASE("junit: valid against the JUnit XML schema (xmllint)", "[formats][junit]") {
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
        WARN("xmllint not found (Debian: libxml2-utils): the JUnit schema is not checked");
        return;
    }
    for (const Input& in : {kBundled, kRegions}) {
        INFO(in.rules);
        const fs::path file = fs::temp_directory_path() / ("dabiao-junit-" + std::to_string(::getpid()) + ".xml");
        {
            std::ofstream out(file, std::ios::binary);
            out << run(in, "junit");
        }
        const fs::path log = file.string() + ".log";
        const std::string command = std::string("xmllint --noout --schema '") + DABIAO_SOURCE_DIR +
                                    "/tests/data/junit.xsd' '" + file.string() + "' >'" + log.string() + "' 2>&1";
        const int status = std::system(command.c_str());
        std::ifstream messages(log);
        std::ostringstream text;
        text << messages.rdbuf();
        INFO(text.str());
        CHECK(WEXITSTATUS(status) == 0);
        fs::remove(file);
        fs::remove(log);
    }
}

TEST_CASE("junit: hostile names are attribute text", "[formats][junit]") {
    const Xml xml = parse_xml(run(kRegions, "junit"));
    REQUIRE(xml.ok);
    bool script = false, region = false;
    for (const Xml::Element& e : xml.elements) {
        if (e.name != "testcase") continue;
        script = script || e.attrs.at("name") == "<script>alert('x')</script>占比 2023";
        // the ANSI escape shows as its picture: XML 1.0 cannot hold ESC
        region = region || e.attrs.at("classname").rfind("\xE2\x90\x9B[31m红<b>鹿城区</b>|,\".", 0) == 0;
    }
    CHECK(script);
    CHECK(region);
}

TEST_CASE("sarif: 2.1.0 results are the missed and no-data targets at their rules", "[formats][sarif]") {
    for (const Input& in : {kBundled, kRegions}) {
        INFO(in.rules);
        const Counts expected = json_counts(in);
        const json doc = json::parse(run(in, "sarif"));
        CHECK(doc["version"] == "2.1.0");
        REQUIRE(doc["runs"].size() == 1);
        const json& r = doc["runs"][0];
        CHECK(r["tool"]["driver"]["name"] == "dabiao");
        CHECK(r["columnKind"] == "unicodeCodePoints");
        std::set<std::string> rule_ids;
        for (const json& rule : r["tool"]["driver"]["rules"]) rule_ids.insert(rule["id"].get<std::string>());
        std::size_t missed = 0, no_data = 0;
        for (const json& result : r["results"]) {
            const std::string id = result["ruleId"];
            CHECK(rule_ids.count(id) == 1);
            CHECK_FALSE(result["message"]["text"].get<std::string>().empty());
            if (id == "dabiao/diagnostic") continue;
            (id == "dabiao/missed" ? missed : no_data) += 1;
            CHECK(result["level"] == (id == "dabiao/missed" ? "error" : "warning"));
            const json& loc = result["locations"][0]["physicalLocation"];
            const std::string uri = loc["artifactLocation"]["uri"];
            CHECK(uri.ends_with(".dab"));
            CHECK(loc["region"]["startLine"].get<int>() >= 1);
            CHECK(loc["region"]["startColumn"].get<int>() >= 1);
        }
        CHECK(missed == expected.missed);
        CHECK(no_data == expected.no_data);
    }
    // The bundled example: a missed target's location is the line of its rule in the JSON report.
    const json verdicts = json::parse(run(kBundled, "json"))["verdicts"];
    const json results = json::parse(run(kBundled, "sarif"))["runs"][0]["results"];
    for (const json& v : verdicts) {
        if (v["status"] != "missed") continue;
        const std::string rule = v["rule"];  // file:line:col
        const std::string file = rule.substr(0, rule.find(':'));
        const std::string line = rule.substr(file.size() + 1, rule.rfind(':') - file.size() - 1);
        bool found = false;
        for (const json& res : results) {
            const json& loc = res["locations"][0]["physicalLocation"];
            found = found || (res["ruleId"] == "dabiao/missed" && loc["artifactLocation"]["uri"] == file &&
                              std::to_string(loc["region"]["startLine"].get<int>()) == line);
        }
        INFO(rule);
        CHECK(found);
    }
}

TEST_CASE("csv: BOM, one RFC 4180 row per verdict, formulas neutralised", "[formats][csv]") {
    for (const Input& in : {kBundled, kRegions}) {
        INFO(in.rules);
        const Counts expected = json_counts(in);
        const std::string text = run(in, "csv", "--lang en");
        REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
        const auto rows = parse_csv(std::string_view(text).substr(3));
        REQUIRE(rows.size() == expected.total() + 1);
        const std::vector<std::string>& header = rows.front();
        const auto column = [&](std::string_view name) {
            const auto it = std::find(header.begin(), header.end(), name);
            REQUIRE(it != header.end());
            return static_cast<std::size_t>(it - header.begin());
        };
        const std::size_t status = column("status_key");
        Counts counted;
        for (std::size_t i = 1; i < rows.size(); ++i) {
            REQUIRE(rows[i].size() == header.size());
            const std::string& s = rows[i][status];
            (s == "met" ? counted.met : s == "missed" ? counted.missed : s == "no_data" ? counted.no_data
                                                                                         : counted.not_due) += 1;
        }
        CHECK(counted.met == expected.met);
        CHECK(counted.missed == expected.missed);
        CHECK(counted.no_data == expected.no_data);
        CHECK(counted.not_due == expected.not_due);
        if (&in == &kRegions) {
            CHECK(rows[4][column("name")] == "'=HYPERLINK(\"http://x\")");
            CHECK(rows[1][column("gap")] == "1");
            CHECK(rows[2][column("gap")] == "-1");  // a number keeps its sign
        }
    }
}

TEST_CASE("md: one table row per verdict, names escaped", "[formats][md]") {
    for (const Input& in : {kBundled, kRegions}) {
        INFO(in.rules);
        const std::string text = run(in, "md");
        std::istringstream lines(text);
        std::size_t rows = 0;
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("| ") && line.find(".dab:") != std::string::npos) {
                ++rows;
                // 8 columns: the escaped bars inside cells do not split them
                std::size_t bars = 0;
                for (std::size_t i = 0; i < line.size(); ++i) bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
                CHECK(bars == 9);
            }
        }
        CHECK(rows == json_counts(in).total());
        CHECK(text.find("<script>") == std::string::npos);
    }
}

// --output-encoding gbk: the same report as the UTF-8 one, in GBK without the BOM (decoded back
// with the readers' GB18030 decoder, GBK's superset); a character GBK lacks (the picture ␛ of the
// ANSI escape in a region's name) is an error naming the row, and nothing is written; gb18030
// holds it.
TEST_CASE("csv: --output-encoding gbk decodes back to the UTF-8 report", "[formats][csv]") {
    const std::string utf8 = run(kBundled, "csv");
    const std::string gbk = run(kBundled, "csv", "--output-encoding gbk");
    REQUIRE(utf8.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(gbk.rfind("\xEF\xBB\xBF", 0) != 0);
    CHECK(gbk != utf8.substr(3));  // the Chinese text is in other bytes
    const auto decoded = dabiao::decode(gbk, dabiao::Encoding::gb18030);
    REQUIRE(std::holds_alternative<dabiao::Decoded>(decoded));
    CHECK(std::get<dabiao::Decoded>(decoded).text == utf8.substr(3));

    const fs::path out = fs::temp_directory_path() / ("dabiao-gbk-" + std::to_string(::getpid()) + ".csv");
    const fs::path err = out.string() + ".err";
    fs::remove(out);
    const std::string command = std::string("cd '") + DABIAO_SOURCE_DIR + "' && '" + DABIAO_EXE + "' check " +
                                kRegions.rules + " --data " + kRegions.data +
                                " --format csv --output-encoding gbk --lang en -o '" + out.string() + "' 2>'" +
                                err.string() + "'";
    CHECK(WEXITSTATUS(std::system(command.c_str())) == 2);
    CHECK_FALSE(fs::exists(out));
    std::ifstream in(err);
    std::ostringstream message;
    message << in.rdbuf();
    INFO(message.str());
    CHECK(message.str().find("cannot be written in gbk: \"\xE2\x90\x9B\" in row ") != std::string::npos);
    CHECK(message.str().find("红<b>鹿城区</b>") != std::string::npos);  // the row of the verdict, as text
    CHECK(message.str().find("gb18030") != std::string::npos);

    const std::string gb18030 = run(kRegions, "csv", "--output-encoding gb18030");
    const auto back = dabiao::decode(gb18030, dabiao::Encoding::gb18030);
    REQUIRE(std::holds_alternative<dabiao::Decoded>(back));
    CHECK(std::get<dabiao::Decoded>(back).text == run(kRegions, "csv").substr(3));
    fs::remove(err);
}
