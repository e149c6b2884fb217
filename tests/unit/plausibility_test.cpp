// Plausibility of data (judge/plausibility.cpp), region targets and own baselines: the likely
// intended value of a figure 100× or 10⁴× off, the running-total look of a series, and the
// warnings and verdicts over data for several regions, through the real check and judge.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "judge/plausibility.hpp"
#include "judge/verdicts.hpp"
#include "tests/unit/test_support.hpp"

using namespace dabiao;
using namespace dabiao::test;

TEST_CASE("plausibility: the value likely meant by a figure 100 or 10^4 times off its reference", "[plausibility]") {
    struct Row {
        double value;
        double reference;
        std::optional<double> intended;
    };
    const std::vector<Row> rows = {
        {0.55, 85, 55},         // a percentage given as a fraction
        {0.9, 90, 90},          // exactly 100 times off
        {25000, 2.4, 2.5},      // people on a 万人 indicator
        {480, 4.6, 4.8},        // 100 times above
        {0.046, 4.6, 4.6},      // 100 times below
        {4.9, 4.6, std::nullopt},  // plausible
        {20, 4.6, std::nullopt},   // 4× off: within a factor of about 30
        {3000, 4.6, std::nullopt},  // 650×: between the bands, no guess
        {0, 4.6, std::nullopt},    // zeros say nothing of a magnitude
        {4.6, 0, std::nullopt},
        {-460, 4.6, std::nullopt},  // opposite signs
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.value << " against " << row.reference) {
            const auto got = likely_intended(row.value, row.reference);
            REQUIRE(got.has_value() == row.intended.has_value());
            if (got) CHECK(*got == Approx(*row.intended));
        }
    }
}

TEST_CASE("plausibility: a series of yearly amounts that rises like running totals", "[plausibility]") {
    struct Row {
        std::vector<double> series;
        bool running;
    };
    const std::vector<Row> rows = {
        {{1, 2, 3, 4, 5}, true},
        {{1, 2, 3}, true},
        {{5000, 10200, 15600, 21200, 27000}, true},
        {{5000, 5200, 5400, 5600, 5800}, false},  // growing yearly amounts
        {{1, 2}, false},                          // too short to tell
        {{1, 2, 2, 3}, false},                    // not strictly rising
        {{3, 2, 1}, false},
        {{0, 1, 2}, false},
    };
    for (std::size_t k = 0; k < rows.size(); ++k) {
        DYNAMIC_SECTION("row " << k) { CHECK(looks_like_running_totals(rows[k].series) == rows[k].running); }
    }
}

namespace {

constexpr const char* kRegionRules = R"(plan "分解" { region 测试区  baseline 2022  period 2023..2027 }
indicator 托位 unit 个 { baseline 2022: 100  2027: 200 }
indicator 占比 unit % { 2024: 80 }
region 玉环市 {
  占比 >= 85 by 2024
}
)";

RegionData region_named(const Checked& checked, const std::string& name, const std::vector<Datum>& values) {
    RegionData data = region_data(checked, values);
    data.region = name;
    return data;
}

const Verdict* verdict_of(const Program& program, const RegionReport& r, std::string_view key, int year) {
    for (const Verdict& v : r.verdicts) {
        const Target& t = program.targets[v.target];
        if (program.indicator(t.indicator).key == key && t.year == year) return &v;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("regions: a region's own target replaces the general one there; each region has its own baseline",
          "[plausibility][regions]") {
    const Checked checked(kRegionRules);
    INFO(checked.rendered());
    REQUIRE_FALSE(checked.diags.has_errors());
    const Program& program = checked.program;
    REQUIRE(program.regions.size() == 1u);
    CHECK(program.regions[0].name == "玉环市");
    const auto targets = checked.targets_of("占比");
    REQUIRE(targets.size() == 2u);

    struct Row {
        const char* region;
        double share;             // 占比 in 2024
        double own_base;          // 托位 in 2022 (0: none)
        double expected_share;    // the target judged for 占比 in 2024
        Status share_status;
        Progress progress;        // 托位 by 2027, as of 2024 with 110
    };
    const std::vector<Row> rows = {
        {"玉环市", 82, 70, 85, Status::missed, Progress::on_track},         // own target, own baseline
        {"测试区", 82, 0, 80, Status::met, Progress::limited},              // general target, declared baseline
        {"鹿城区", 82, 100, 80, Status::met, Progress::limited},            // own baseline equal to the declared
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.region) {
            std::vector<Datum> values = {{"占比", 2024, row.share}, {"托位", 2024, 110}};
            if (row.own_base != 0) values.push_back({"托位", 2022, row.own_base});
            const RegionData data = region_named(checked, row.region, values);
            Diagnostics diags;
            const RegionReport report = judge(program, data, 2024, diags);
            const Verdict* share = verdict_of(program, report, "占比", 2024);
            REQUIRE(share != nullptr);
            CHECK(*share->expected == row.expected_share);
            CHECK(share->status == row.share_status);
            CHECK(report.summary.total() == 2u);  // one 占比 target per region, never both
            const Verdict* beds = verdict_of(program, report, "托位", 2027);
            REQUIRE(beds != nullptr);
            REQUIRE(beds->progress);
            CHECK(beds->progress->status == row.progress);
            CHECK(*beds->base == (row.own_base != 0 ? row.own_base : 100));
        }
    }
}

TEST_CASE("plausibility: warnings name the cell and the value likely meant", "[plausibility]") {
    const Checked checked(R"(plan "核对" { region 测试区  baseline 2022  period 2023..2024 }
indicator 覆盖率 unit % { baseline 80  2024: 90 }
indicator 人口 unit 万人 { baseline 2.4  2024: 2.6 }
indicator 托位 unit 个 { baseline 4.6  2024: 5 }
)");
    REQUIRE_FALSE(checked.diags.has_errors());
    struct Row {
        const char* key;
        int year;
        double value;
        const char* warning;  // part of the English message; "" for none
    };
    const std::vector<Row> rows = {
        {"覆盖率", 2024, 0.55, "looks like a fraction: the indicator is a percentage, so this is likely 55%"},
        {"人口", 2024, 25000, "likely 2.5万人"},
        {"托位", 2024, 4.9, ""},
        {"托位", 2022, 4.7, "the rules declare its baseline as 4.6个"},  // the plan region's own baseline differs
        {"托位", 2022, 4.61, ""},                                          // within 0.5%
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.key << " " << row.year << " " << row.value) {
            Dataset data;
            data.regions.push_back(region_data(checked, {{row.key, row.year, row.value}}));
            Diagnostics diags;
            plausibility_warnings(checked.program, data, checked.sources, diags);
            if (std::string(row.warning).empty()) {
                CHECK(diags.all().empty());
            } else {
                REQUIRE(diags.all().size() == 1u);
                CHECK(diags.all()[0].severity == Severity::warning);
                CHECK_THAT(diags.all()[0].message.en, Catch::Contains(row.warning));
            }
        }
    }
}
