// Progress of targets not yet due (assess_progress) and completion of due ones (completion_rate),
// engine/progress.hpp, on plain numbers. docs/progress.md states the rules; every expected ratio
// below is worked out by hand in the row's comment.
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "judge/progress.hpp"

using namespace dabiao;

namespace {

constexpr auto higher = ast::Direction::higher;
constexpr auto lower = ast::Direction::lower;

struct Row {
    const char* name;
    Op op;
    ast::Direction direction;
    bool percent;
    double base;
    int base_year;
    double latest;
    int latest_year;
    double target;
    int target_year;
    double tolerance;
    Progress status;
    ProgressMethod method;
    std::optional<double> ratio;  // empty: no ratio expected
};

std::string status_name(Progress p) {
    return std::string(progress_key(p));
}

}  // namespace

TEST_CASE("assess_progress classifies the ratio at its thresholds", "[progress]") {
    using P = Progress;
    using M = ProgressMethod;
    const std::vector<Row> rows = {
        // Growth method. Baseline 100 (2022), target 121 (2024): CAGR_required = 1.21^(1/2) − 1 = 10%;
        // the latest value is one year after the baseline, so CAGR_observed = latest / 100 − 1.
        {"9.5% / 10% = 0.95: on track (exactly at the threshold)", Op::ge, higher, false, 100, 2022, 109.5, 2023, 121,
         2024, 0, P::on_track, M::growth, 0.95},
        {"9.4% / 10% = 0.94: needs acceleration (just below 0.95)", Op::ge, higher, false, 100, 2022, 109.4, 2023, 121,
         2024, 0, P::needs_acceleration, M::growth, 0.94},
        {"6% / 10% = 0.6: needs acceleration (exactly at 0.6)", Op::ge, higher, false, 100, 2022, 106, 2023, 121, 2024,
         0, P::needs_acceleration, M::growth, 0.6},
        {"5.9% / 10% = 0.59: limited progress (just below 0.6)", Op::ge, higher, false, 100, 2022, 105.9, 2023, 121,
         2024, 0, P::limited, M::growth, 0.59},
        {"0% / 10% = 0: limited progress (exactly at 0)", Op::ge, higher, false, 100, 2022, 100, 2023, 121, 2024, 0,
         P::limited, M::growth, 0.0},
        {"-1% / 10% = -0.1: moving away", Op::ge, higher, false, 100, 2022, 99, 2023, 121, 2024, 0, P::moving_away,
         M::growth, -0.1},
        {"> works as >=: 9.5% / 10% = 0.95", Op::gt, higher, false, 100, 2022, 109.5, 2023, 121, 2024, 0, P::on_track,
         M::growth, 0.95},

        // Lower is better: baseline 5 (2022), target ≤ 4.05 (2024): CAGR_required = 0.81^(1/2) − 1 = −10%.
        {"lower: 4.525 → −9.5%, R = −1 × −9.5% / 10% = 0.95: on track", Op::le, lower, true, 5, 2022, 4.525, 2023, 4.05,
         2024, 0, P::on_track, M::growth, 0.95},
        {"lower: 5.5 → +10%, R = −1: moving away", Op::le, lower, true, 5, 2022, 5.5, 2023, 4.05, 2024, 0,
         P::moving_away, M::growth, -1.0},
        {"lower, < : 4.75 → −5%, R = 0.5: limited", Op::lt, lower, false, 5, 2022, 4.75, 2023, 4.05, 2024, 0,
         P::limited, M::growth, 0.5},

        // Linear pace (序时进度): R = ((latest − base) / (target − base)) / ((latest_year − base_year) / (target_year −
        // base_year)).
        {"zero base: 0.38 / 0.4 = 0.95: on track, linear", Op::ge, higher, false, 0, 2022, 38, 2024, 100, 2027, 0,
         P::on_track, M::linear, 0.95},
        {"zero base: 0.24 / 0.4 = 0.6: needs acceleration, linear", Op::ge, higher, false, 0, 2022, 24, 2024, 100, 2027,
         0, P::needs_acceleration, M::linear, 0.6},
        {"zero base, no change: 0 / 0.4 = 0: limited, linear", Op::ge, higher, false, 0, 2022, 0, 2024, 50, 2027, 0,
         P::limited, M::linear, 0.0},
        {"zero latest: (0 − 10) / (20 − 10) / 0.5 = −2: moving away, linear", Op::ge, higher, false, 10, 2022, 0, 2024,
         20, 2026, 0, P::moving_away, M::linear, -2.0},
        {"zero target (清零): (14 − 20) / (0 − 20) = 0.3, / 0.5 = 0.6", Op::eq, lower, false, 20, 2022, 14, 2024, 0,
         2026, 0, P::needs_acceleration, M::linear, 0.6},
        {"zero target, rising: (25 − 20) / (0 − 20) = −0.25, / 0.5 = −0.5", Op::eq, lower, false, 20, 2022, 25, 2024, 0,
         2026, 0, P::moving_away, M::linear, -0.5},
        {"percent at 100: 9 / 20 = 0.45, / 0.5 = 0.9 (linear)", Op::ge, higher, true, 80, 2022, 89, 2024, 100, 2026, 0,
         P::needs_acceleration, M::linear, 0.9},
        {"the same numbers on a count: growth 5.4751% / 5.7371% = 0.9543", Op::ge, higher, false, 80, 2022, 89, 2024,
         100, 2026, 0, P::on_track, M::growth, 0.954330656},
        {"percent at 0 on a lower rate: (3 − 4) / (0 − 4) = 0.25, / 0.5 = 0.5", Op::le, lower, true, 4, 2022, 3, 2024,
         0, 2026, 0, P::limited, M::linear, 0.5},

        // Already met: the latest value satisfies the target, whatever the trend; no ratio.
        {"already met: 125 >= 121", Op::ge, higher, false, 100, 2022, 125, 2023, 121, 2024, 0, P::achieved, M::none,
         std::nullopt},
        {"already met exactly: 121 >= 121", Op::ge, higher, false, 100, 2022, 121, 2023, 121, 2024, 0, P::achieved,
         M::none, std::nullopt},
        {"already met, lower: 4 <= 4.05", Op::le, lower, true, 5, 2022, 4, 2023, 4.05, 2024, 0, P::achieved, M::none,
         std::nullopt},
        {"already met, around: |88.5 − 90| = 1.5 <= 1.8", Op::around, higher, true, 80, 2022, 88.5, 2023, 90, 2024, 1.8,
         P::achieved, M::none, std::nullopt},
        {"already met even when moving away from the baseline: 130 >= 121", Op::ge, higher, false, 140, 2022, 130, 2023,
         121, 2024, 0, P::achieved, M::none, std::nullopt},

        // The baseline already beyond the target, the latest value not: moving away, and no
        // method or ratio (there is no way from the baseline to measure).
        {"baseline 95 already >= 90, latest 85", Op::ge, higher, true, 95, 2022, 85, 2024, 90, 2026, 0, P::moving_away,
         M::none, std::nullopt},
        {"lower: baseline 3 already <= 4, latest 5", Op::le, lower, true, 3, 2022, 5, 2024, 4, 2026, 0, P::moving_away,
         M::none, std::nullopt},
        {"== with the baseline at the target, latest off it", Op::eq, lower, false, 0, 2022, 3, 2024, 0, 2026, 0,
         P::moving_away, M::none, std::nullopt},

        // Around: the direction is the way from the baseline to the target.
        {"around, rising: (85/80 − 1) / ((90/80)^(1/2) − 1) = 6.25% / 6.066% = 1.03", Op::around, higher, true, 80,
         2022, 85, 2023, 90, 2024, 1.8, P::on_track, M::growth, 1.030330086},
        {"around, falling: base 100, target 90, latest 105: moving away", Op::around, higher, false, 100, 2022, 105,
         2023, 90, 2024, 1.8, P::moving_away, M::growth, -0.9743416490},

        // Fewer than two points in time: cannot assess.
        {"latest in the baseline year", Op::ge, higher, false, 100, 2022, 110, 2022, 121, 2024, 0, P::cannot_assess,
         M::none, std::nullopt},
        {"latest before the baseline year", Op::ge, higher, false, 100, 2022, 110, 2021, 121, 2024, 0, P::cannot_assess,
         M::none, std::nullopt},
        {"target year not after the baseline year", Op::ge, higher, false, 100, 2022, 110, 2023, 121, 2022, 0,
         P::cannot_assess, M::none, std::nullopt},
    };
    for (const Row& row : rows) {
        INFO(row.name);
        ProgressInput in;
        in.op = row.op;
        in.direction = row.direction;
        in.percent = row.percent;
        in.base = row.base;
        in.base_year = row.base_year;
        in.latest = row.latest;
        in.latest_year = row.latest_year;
        in.target = row.target;
        in.target_year = row.target_year;
        in.tolerance = row.tolerance;
        const ProgressAssessment a = assess_progress(in);
        CHECK(status_name(a.status) == status_name(row.status));
        CHECK(method_key(a.method) == method_key(row.method));
        CHECK(a.ratio.has_value() == row.ratio.has_value());
        if (a.ratio && row.ratio) CHECK(*a.ratio == Approx(*row.ratio).margin(1e-8));
    }
}

TEST_CASE("assess_progress reports the time share and the progress share", "[progress]") {
    ProgressInput in;
    in.base = 0;
    in.base_year = 2022;
    in.latest = 38;
    in.latest_year = 2024;
    in.target = 100;
    in.target_year = 2027;
    const ProgressAssessment a = assess_progress(in);
    REQUIRE(a.time_share);
    REQUIRE(a.progress_share);
    CHECK(*a.time_share == Approx(0.4));       // (2024 − 2022) / (2027 − 2022)
    CHECK(*a.progress_share == Approx(0.38));  // (38 − 0) / (100 − 0)
    REQUIRE(a.ratio);
    CHECK(*a.ratio == Approx(0.95));

    // Growth method: the shares are reported too, for the reviewer.
    in.base = 100;
    in.latest = 109.5;
    in.latest_year = 2023;
    in.target = 121;
    in.target_year = 2024;
    const ProgressAssessment g = assess_progress(in);
    CHECK(g.method == ProgressMethod::growth);
    REQUIRE(g.time_share);
    REQUIRE(g.progress_share);
    CHECK(*g.time_share == Approx(0.5));
    CHECK(*g.progress_share == Approx(9.5 / 21));

    // Already met and cannot-assess results carry no shares.
    in.latest = 130;
    const ProgressAssessment met = assess_progress(in);
    CHECK(met.status == Progress::achieved);
    CHECK_FALSE(met.time_share);
    CHECK_FALSE(met.progress_share);
    in.latest = 110;
    in.latest_year = 2022;
    const ProgressAssessment none = assess_progress(in);
    CHECK(none.status == Progress::cannot_assess);
    CHECK_FALSE(none.ratio);
    CHECK_FALSE(none.time_share);
}

TEST_CASE("completion_rate is actual / target, or target / actual when lower is better", "[progress]") {
    struct Completion {
        const char* name;
        Op op;
        double actual;
        double target;
        std::optional<double> rate;
    };
    const std::vector<Completion> rows = {
        // The cases: beyond the target is a little over 100%, a near miss a little under.
        {"beyond: 13020 / 12500 = 104.16%", Op::ge, 13020, 12500, 104.16},
        {"near miss: 87.2 / 88 = 99.09%", Op::ge, 87.2, 88, 99.090909090909},
        {"reached exactly", Op::ge, 80, 80, 100.0},
        {"strict, above", Op::gt, 72, 70, 102.857142857143},
        {"lower is better, met: 4.5 / 4.4 … target / actual = 102.27%", Op::le, 4.4, 4.5, 102.272727272727},
        {"lower is better, missed: 10.7 / 12.2 = 87.70%", Op::lt, 12.2, 10.7, 87.704918032787},
        {"equality: actual / target", Op::eq, 2083, 2083.3333333333, 99.984},
        {"around: actual / target", Op::around, 1030, 1000, 103.0},
        {"cumulative sum against a cumulative target: 2400 / 3000", Op::ge, 2400, 3000, 80.0},
        {"zero target, higher is better: no rate", Op::ge, 3, 0, std::nullopt},
        {"zero actual, lower is better (动态清零 reached): no rate", Op::le, 0, 0, std::nullopt},
        {"zero actual, higher is better: 0%", Op::ge, 0, 50, 0.0},
        {"signs differ: no rate", Op::ge, -3, 5, std::nullopt},
    };
    for (const Completion& row : rows) {
        INFO(row.name);
        const std::optional<double> rate = completion_rate(row.op, row.actual, row.target);
        REQUIRE(rate.has_value() == row.rate.has_value());
        if (rate) CHECK(*rate == Approx(*row.rate).epsilon(1e-6));
    }
}

TEST_CASE("share_from_base is the share of the way from the baseline to the target", "[progress]") {
    struct Share {
        const char* name;
        double base;
        double actual;
        double target;
        std::optional<double> share;
    };
    const std::vector<Share> rows = {
        {"partway: (5.1 − 4.57) / (5.5 − 4.57) = 56.99%", 4.57, 5.1, 5.5, 56.989247311828},
        {"the issue's 750%: (13020 − 12420) / (12500 − 12420)", 12420, 13020, 12500, 750.0},
        {"reached exactly", 75, 80, 80, 100.0},
        {"the wrong way: (90 − 100) / (120 − 100) = −50%", 100, 90, 120, -50.0},
        {"lower is better: (4.6 − 5) / (4.5 − 5) = 80%", 5, 4.6, 4.5, 80.0},
        {"zero target: (3 − 12) / (0 − 12) = 75%", 12, 3, 0, 75.0},
        {"the baseline is the target: no share", 90, 95, 90, std::nullopt},
        {"the baseline is the target within rounding: no share", 0.1 + 0.2, 1, 0.3, std::nullopt},
    };
    for (const Share& row : rows) {
        INFO(row.name);
        const std::optional<double> share = share_from_base(row.base, row.actual, row.target);
        REQUIRE(share.has_value() == row.share.has_value());
        if (share) CHECK(*share == Approx(*row.share).margin(1e-9));
    }
}

TEST_CASE("target_holds treats values within rounding as equal", "[progress]") {
    CHECK(target_holds(Op::ge, 85, 85, 0));
    CHECK(target_holds(Op::ge, 0.1 + 0.2, 0.3, 0));
    CHECK_FALSE(target_holds(Op::gt, 85, 85, 0));
    CHECK(target_holds(Op::le, 5, 5, 0));
    CHECK_FALSE(target_holds(Op::lt, 5, 5, 0));
    CHECK(target_holds(Op::eq, 0, 0, 0));
    CHECK_FALSE(target_holds(Op::eq, 1e-6, 0, 0));
    // around: |actual − target| <= tolerance, the edge included (90 × 2% = 1.8)
    CHECK(target_holds(Op::around, 91.8, 90, 90 * kDefaultAroundTolerance));
    CHECK(target_holds(Op::around, 88.2, 90, 90 * kDefaultAroundTolerance));
    CHECK_FALSE(target_holds(Op::around, 91.9, 90, 90 * kDefaultAroundTolerance));
    CHECK_FALSE(target_holds(Op::around, 88.1, 90, 90 * kDefaultAroundTolerance));
    // one side: at least 90 − 1.8 (above the band is fine), at most 5 + 0.1
    CHECK(target_holds(Op::around, 92, 90, 1.8, Band::at_least));
    CHECK(target_holds(Op::around, 88.2, 90, 1.8, Band::at_least));
    CHECK_FALSE(target_holds(Op::around, 88.1, 90, 1.8, Band::at_least));
    CHECK(target_holds(Op::around, 1030, 1000, 20, Band::at_least));
    CHECK(target_holds(Op::around, 4, 5, 0.1, Band::at_most));
    CHECK_FALSE(target_holds(Op::around, 5.2, 5, 0.1, Band::at_most));
    CHECK_FALSE(target_holds(Op::around, 92, 90, 1.8, Band::both));
}

TEST_CASE("progress: rounding to a precision", "[progress]") {
    CHECK(round_to(2083.3333333, 1) == 2083);
    CHECK(round_to(2083.3333333, 0.01) == Approx(2083.33).epsilon(1e-15));
    CHECK(round_to(2083.5, 1) == 2084);
    CHECK(round_to(12.34564, 0.0001) == Approx(12.3456).epsilon(1e-15));
    CHECK(round_to(10833, 100) == 10800);
}

TEST_CASE("progress: R is shown on its side of every threshold", "[progress]") {
    struct Row {
        double ratio;
        const char* shown;
    };
    const std::vector<Row> rows = {
        {0.9495, "0.9495"},  // 需加快: not "0.95"
        {0.94999, "0.9499"},  // still across at four decimals: cut toward its side
        {0.953, "0.95"},      {0.5996, "0.5996"}, {0.61, "0.61"}, {-0.001, "-0.001"}, {1.2345, "1.23"},
    };
    for (const Row& row : rows) {
        INFO(row.ratio);
        CHECK(ratio_text(row.ratio) == row.shown);
    }
}
