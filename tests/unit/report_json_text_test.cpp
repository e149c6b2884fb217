// The JSON report written region by region (render_json_text) is byte for byte the document
// (render_json) dumped at once, also when names hold what the splice looks for.
#include <catch2/catch.hpp>

#include "report/compare.hpp"
#include "report/report.hpp"
#include "tests/unit/test_support.hpp"

namespace dabiao {
namespace {

TEST_CASE("render_json_text equals the dumped document for one and several regions") {
    const test::Checked checked(R"(plan "p \"regions\": [] 规划" { region 测试区  baseline 2022  period 2023..2024 }
indicator a "甲 \"regions\": []" unit % { 2023: 80  2024: 81 }
indicator b "乙" unit % lower { 2023..2024: < 5 }
)");
    REQUIRE_FALSE(checked.diags.has_errors());
    RegionData data = test::region_data(checked, {{"a", 2023, 82}, {"b", 2023, 6}, {"a", 2024, 79}});
    Diagnostics diags;
    for (const std::size_t regions : {1, 2, 5}) {
        std::vector<RegionReport> reports;
        for (std::size_t r = 0; r < regions; ++r) {
            data.region = "区\"regions\": [] " + std::to_string(r);
            reports.push_back(judge(checked.program, data, 2024, diags));
        }
        const DataAccounting accounting;
        const std::optional<Comparison> comparison =
            regions > 1 ? std::optional(compare_regions(checked.program, reports)) : std::nullopt;
        const Comparison* c = comparison ? &*comparison : nullptr;
        INFO(regions << " region(s)");
        CHECK(render_json_text(checked.program, reports, checked.sources, diags, &accounting, c) ==
              dump_json(render_json(checked.program, reports, checked.sources, diags, &accounting, c)));
    }
}

}  // namespace
}  // namespace dabiao
