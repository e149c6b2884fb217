// dabiao test through run_test: --update rewrites expectations from the results (one a line,
// then passing), a changed rule makes the test fail, --junit writes escaped XML.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/tools.hpp"

using namespace dabiao;
namespace fs = std::filesystem;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / ("dabiao-ruletest-" + std::to_string(::getpid()));
    Folder() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Folder() { fs::remove_all(path); }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
    }
    std::string read(const std::string& name) const {
        std::ifstream in(path / name, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

const char* kRules =
    "规划 \"p\" { 地区 洞头区  基线年 2022  规划期 2023..2027 }\n"
    "领域 d（牵头单位：x）{\n"
    "  指标 a \"A<&>\" 单位 % { 基线 80  2023: 82  2024: 84  2025..2027: 90 }\n"
    "}\n";

int run(const Folder& f, TestOptions o, std::string& out, std::string& err) {
    o.path = f.path.string();
    o.output.lang = Lang::en;
    std::ostringstream o_out;
    std::ostringstream o_err;
    const int code = run_test(o, o_out, o_err);
    out = o_out.str();
    err = o_err.str();
    return code;
}

}  // namespace

TEST_CASE("dabiao test --update fills and rewrites expectations; a changed rule then fails", "[ruletest]") {
    const Folder f;
    f.write("plan.dab", kRules);
    f.write("t.test.json",
            R"({"rules": "plan.dab", "values": {"a": {"2022": 80, "2023": 83, "2024": 83}}, "as_of": 2024, "expect": []})");
    std::string out;
    std::string err;
    CHECK(run(f, {}, out, err) == 2);  // expecting nothing is an error
    CHECK_THAT(err, Catch::Contains("/expect") && Catch::Contains("--update"));

    TestOptions update;
    update.update = true;
    REQUIRE(run(f, update, out, err) == 0);
    INFO(err);
    const std::string written = f.read("t.test.json");
    CHECK_THAT(written, Catch::Contains(R"({"indicator":"a","year":2023,"status":"met"},)"));
    CHECK_THAT(written, Catch::Contains(R"({"indicator":"a","year":2024,"status":"missed"},)"));
    CHECK_THAT(written, Catch::Contains(R"({"indicator":"a","year":2027,"status":"not_due"})"));
    REQUIRE(run(f, {}, out, err) == 0);
    CHECK_THAT(out, Catch::Contains("5 passed, 0 failed"));

    // The 2024 target changes: the test catches it, and --junit says so in XML.
    std::string rules = kRules;
    rules.replace(rules.find("2024: 84"), 8, "2024: 83");
    f.write("plan.dab", rules);
    TestOptions junit;
    junit.junit = (f.path / "out.xml").string();
    CHECK(run(f, junit, out, err) == 1);
    CHECK_THAT(out, Catch::Contains("FAIL") && Catch::Contains("a 2024 — expected missed, got met"));
    const std::string xml = f.read("out.xml");
    CHECK_THAT(xml, Catch::StartsWith("<?xml"));
    CHECK_THAT(xml, Catch::Contains(R"(tests="5" failures="1" errors="0")"));
    CHECK_THAT(xml, Catch::Contains(R"(<testcase classname=")") && Catch::Contains(R"(name="a 2024">)"));
    CHECK_THAT(xml, Catch::Contains(R"(<failure message="expected missed, got met"/>)"));

    // --update takes the new verdict; the test passes again.
    REQUIRE(run(f, update, out, err) == 0);
    CHECK_THAT(f.read("t.test.json"), Catch::Contains(R"({"indicator":"a","year":2024,"status":"met"},)"));
    CHECK(run(f, {}, out, err) == 0);
}

TEST_CASE("dabiao test --junit escapes what rules and data wrote", "[ruletest]") {
    const Folder f;
    f.write("plan.dab", kRules);
    f.write("t.test.json",
            R"({"rules": "plan.dab", "values": {"A<&>": {"2023": 81}}, "as_of": 2023,
                "expect": [{"indicator": "A<&>", "year": 2023, "status": "met"}]})");
    TestOptions junit;
    junit.junit = (f.path / "out.xml").string();
    std::string out;
    std::string err;
    CHECK(run(f, junit, out, err) == 1);
    const std::string xml = f.read("out.xml");
    CHECK_THAT(xml, Catch::Contains(R"(name="A&lt;&amp;&gt; 2023")"));
    CHECK_THAT(xml, Catch::Contains("expected met, got missed"));
    CHECK(xml.find("A<&>") == std::string::npos);
}
