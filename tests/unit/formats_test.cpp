// The output-format table: every row is reachable as `check --format NAME` and renders the
// bundled plan's report through the real binary; an unknown name is refused.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unistd.h>

#include "report/formats.hpp"
#include "tests/unit/read_all.hpp"

namespace {

using dabiao::test::read_all;

}  // namespace

TEST_CASE("every output format renders the bundled plan", "[formats]") {
    REQUIRE(dabiao::find_output_format("text") != nullptr);
    REQUIRE(dabiao::find_output_format("json") != nullptr);
    REQUIRE(dabiao::find_output_format("xml") == nullptr);
    const std::filesystem::path out =
        std::filesystem::temp_directory_path() / ("dabiao-formats-test-" + std::to_string(::getpid()) + ".out");
    for (const dabiao::OutputFormat& f : dabiao::output_formats()) {
        INFO("format " << f.name);
        CHECK_FALSE(f.summary.en.empty());
        CHECK_FALSE(f.summary.zh.empty());
        const std::string command = std::string("'") + DABIAO_EXE + "' check " + DABIAO_SOURCE_DIR +
                                    "/rules/dongtou.dab --data " + DABIAO_SOURCE_DIR +
                                    "/examples/dongtou-2023-2024.json --format " + std::string(f.name) + " -o '" +
                                    out.string() + "' 2>/dev/null";
        const int status = std::system(command.c_str());
        CHECK(WEXITSTATUS(status) == 1);  // the example misses a few targets
        const std::string report = read_all(out);
        if (f.binary) {  // a zip: xlsx_report_test reads it back
            CHECK(report.rfind("PK\x03\x04", 0) == 0);
            continue;
        }
        // SARIF holds only the targets not met (and diagnostics)
        CHECK(report.find(f.name == "sarif" ? "婴幼儿家长科学育儿知识普及率" : "普惠托位占比") != std::string::npos);
        if (f.name == "json") CHECK(nlohmann::json::parse(report)["schema"] == "dabiao.verdicts/1");
    }
    std::filesystem::remove(out);
}
