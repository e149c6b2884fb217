// The built-in functions (stdlib/builtins.cpp), row by row of their one table: names and arity,
// the unit rules the checker applies, and the values they compute over small series, with
// missing data propagating as missing (never zero) and undefined results (division by zero,
// a growth rate from 0, a range that ends before it starts) as undefined at the call.
//
// Values go through the whole path: rule text → parse → check → DataSink → Evaluator.
#include <catch2/catch.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/units.hpp"
#include "stdlib/builtins.hpp"
#include "tests/unit/test_support.hpp"

using namespace dabiao;
using namespace dabiao::test;

namespace {

// The formula under test is always the last line, after "indicator 值 = " (14 characters), so
// a diagnostic or an undefined value at the call is at kFormulaLine:kFormulaColumn.
constexpr const char* kHeader =
    R"(plan "内置函数" { region 测试区  baseline 2022  period 2023..2025 }
input A unit 人
input B unit 人
input C unit 人
input D unit 人
input W unit 万人
input R unit %
input R2 unit %
input Q unit ‰
input Z unit 人
input N unit 人
input 床位 unit 张
input 人口 unit 人
)";
constexpr std::size_t kFormulaLine = 14;
constexpr std::size_t kFormulaColumn = 15;

std::string rules_with(const std::string& formula) {
    return std::string(kHeader) + "indicator 值 = " + formula + "\n";
}

// The series every value row sees:
//   A  2022 100, 2023 120, 2024 90, 2025 150       B  2025 60
//   C  2022 1, 2024 1 (no 2023, no 2025)           D  2022 100, 2024 225 (no 2023)
//   W  2023 1.5, 2024 2 (万人)                      R  2025 -3.46     R2  2025 -2.5
//   Z  2024 0, 2025 5                              N  2022 -5, 2025 10
//   床位 2025 90                                     人口 2024 0, 2025 20000
const std::vector<Datum>& series() {
    static const std::vector<Datum> data = {
        {"A", 2022, 100}, {"A", 2023, 120},   {"A", 2024, 90},    {"A", 2025, 150},  {"B", 2025, 60},
        {"C", 2022, 1},   {"C", 2024, 1},     {"D", 2022, 100},   {"D", 2024, 225},  {"W", 2023, 1.5},
        {"W", 2024, 2},   {"R", 2025, -3.46}, {"R2", 2025, -2.5}, {"Z", 2024, 0},    {"Z", 2025, 5},
        {"N", 2022, -5},  {"N", 2025, 10},    {"床位", 2025, 90}, {"人口", 2024, 0}, {"人口", 2025, 20000},
    };
    return data;
}

}  // namespace

TEST_CASE("builtins: the table has one row per documented function, with its names and arity", "[builtins]") {
    // From docs/language.md and `dabiao builtins`: max_args 0 means "any number".
    struct Row {
        const char* en;
        const char* zh;
        std::size_t min_args;
        std::size_t max_args;
    };
    const std::vector<Row> rows = {
        {"min", "最小值", 1, 0},        {"max", "最大值", 1, 0},
        {"abs", "绝对值", 1, 1},        {"round", "四舍五入", 1, 2},
        {"sum", "求和", 3, 3},          {"cumulative", "累计", 2, 3},
        {"average", "平均", 3, 3},      {"count", "计数", 3, 3},
        {"change", "变化", 3, 3},       {"growth", "增长率", 3, 3},
        {"cagr", "年均增长率", 3, 3},   {"ratio", "占比", 2, 2},
        {"per_thousand", "每千", 2, 2}, {"per_ten_thousand", "每万", 2, 2},
        {"coalesce", "取有值", 2, 2},
    };
    CHECK(builtins().size() == rows.size());  // a new built-in needs a row here
    std::set<const Builtin*> seen;
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.en) {
            const Builtin* b = find_builtin(row.en);
            REQUIRE(b != nullptr);
            CHECK(find_builtin(row.zh) == b);
            REQUIRE(b->names.size() == 2u);
            CHECK(b->names[0] == row.en);
            CHECK(b->names[1] == row.zh);
            CHECK(b->min_args == row.min_args);
            CHECK(b->variadic == (row.max_args == 0));
            if (row.max_args != 0) CHECK(b->params.size() == row.max_args);
            CHECK(b->result_type != nullptr);
            CHECK(b->impl != nullptr);
            CHECK_FALSE(b->summary.en.empty());
            CHECK_FALSE(b->summary.zh.empty());
        }
        seen.insert(find_builtin(row.en));
    }
    CHECK(seen.size() == builtins().size());
    CHECK(find_builtin("minimum") == nullptr);
    CHECK(find_builtin("上年") == nullptr);  // a prelude function, not a built-in
}

TEST_CASE("builtins: a call with too few or too many arguments is an error at the call", "[builtins][check]") {
    struct Row {
        const char* formula;
        const char* en;  // the whole English message
        const char* zh;  // a part of the Chinese one
    };
    const std::vector<Row> rows = {
        {"min()", "'min' takes at least 1 argument(s), not 0", "“min”需要 至少 1 个参数，而不是 0 个"},
        {"最大值()", "'最大值' takes at least 1 argument(s), not 0", "“最大值”需要"},
        {"abs()", "'abs' takes 1 argument(s), not 0", "“abs”需要 1 个参数，而不是 0 个"},
        {"绝对值(A, B)", "'绝对值' takes 1 argument(s), not 2", "“绝对值”需要 1 个参数，而不是 2 个"},
        {"round()", "'round' takes 1 to 2 argument(s), not 0", "“round”需要 1 至 2 个参数，而不是 0 个"},
        {"四舍五入(R, 1, 2)", "'四舍五入' takes 1 to 2 argument(s), not 3", "而不是 3 个"},
        {"sum(A, 2023)", "'sum' takes 3 argument(s), not 2", "“sum”需要 3 个参数，而不是 2 个"},
        {"求和(A, 2023, 2024, 2025)", "'求和' takes 3 argument(s), not 4", "“求和”需要 3 个参数，而不是 4 个"},
        {"cumulative(A)", "'cumulative' takes 2 to 3 argument(s), not 1", "而不是 1 个"},
        {"累计(A, 2023, 2024, 2025)", "'累计' takes 2 to 3 argument(s), not 4", "而不是 4 个"},
        {"average(A, 2023)", "'average' takes 3 argument(s), not 2", "“average”需要 3 个参数，而不是 2 个"},
        {"平均(A, 2023, 2024, 2025)", "'平均' takes 3 argument(s), not 4", "“平均”需要 3 个参数，而不是 4 个"},
        {"count(A)", "'count' takes 3 argument(s), not 1", "“count”需要 3 个参数，而不是 1 个"},
        {"计数(A, 2023, 2024, 2025)", "'计数' takes 3 argument(s), not 4", "“计数”需要 3 个参数，而不是 4 个"},
        {"change(A, 2023)", "'change' takes 3 argument(s), not 2", "“change”需要 3 个参数，而不是 2 个"},
        {"变化(A)", "'变化' takes 3 argument(s), not 1", "“变化”需要 3 个参数，而不是 1 个"},
        {"growth(A, 2023, 2024, 2025)", "'growth' takes 3 argument(s), not 4", "“growth”需要 3 个参数，而不是 4 个"},
        {"增长率()", "'增长率' takes 3 argument(s), not 0", "“增长率”需要 3 个参数，而不是 0 个"},
        {"cagr(A)", "'cagr' takes 3 argument(s), not 1", "“cagr”需要 3 个参数，而不是 1 个"},
        {"年均增长率(A, 2022, 2023, 2024)", "'年均增长率' takes 3 argument(s), not 4",
         "“年均增长率”需要 3 个参数，而不是 4 个"},
        {"ratio(A)", "'ratio' takes 2 argument(s), not 1", "“ratio”需要 2 个参数，而不是 1 个"},
        {"占比(A, B, C)", "'占比' takes 2 argument(s), not 3", "“占比”需要 2 个参数，而不是 3 个"},
        {"per_thousand(床位)", "'per_thousand' takes 2 argument(s), not 1", "“per_thousand”需要 2 个参数，而不是 1 个"},
        {"每千(床位, 人口, 人口)", "'每千' takes 2 argument(s), not 3", "“每千”需要 2 个参数，而不是 3 个"},
        {"per_ten_thousand()", "'per_ten_thousand' takes 2 argument(s), not 0",
         "“per_ten_thousand”需要 2 个参数，而不是 0 个"},
        {"每万(床位, 人口, 1)", "'每万' takes 2 argument(s), not 3", "“每万”需要 2 个参数，而不是 3 个"},
        {"coalesce(A)", "'coalesce' takes 2 argument(s), not 1", "“coalesce”需要 2 个参数，而不是 1 个"},
        {"取有值(A, B, C)", "'取有值' takes 2 argument(s), not 3", "“取有值”需要 2 个参数，而不是 3 个"},
    };
    std::set<const Builtin*> covered;
    for (const Row& row : rows) {
        const std::string formula = row.formula;
        covered.insert(find_builtin(formula.substr(0, formula.find('('))));
        DYNAMIC_SECTION(row.formula) {
            const Checked c(rules_with(row.formula));
            INFO(c.rendered());
            const auto reported = c.reported();
            REQUIRE(reported.size() == 1u);
            CHECK(reported[0].severity == Severity::error);
            CHECK(reported[0].en == row.en);
            CHECK_THAT(reported[0].zh, Catch::Contains(row.zh));
            CHECK(reported[0].file == kRulesFile);
            CHECK(reported[0].line == kFormulaLine);
            CHECK(reported[0].column == kFormulaColumn);
            CHECK(c.indicator("值").formula == nullptr);
        }
    }
    covered.erase(nullptr);
    CHECK(covered.size() == builtins().size());  // every built-in has an arity row
}

TEST_CASE("builtins: the result's unit follows from the arguments' units", "[builtins][check][units]") {
    // `unit`: the unit the undeclared indicator 值 takes from its formula ("" = a plain number).
    // Otherwise `en`/`zh` are the error, at `column` of the formula line.
    struct Row {
        const char* formula;
        const char* unit;
        const char* en = nullptr;
        const char* zh = nullptr;
        std::size_t column = kFormulaColumn;
    };
    const std::vector<Row> rows = {
        {"min(A, B, 70)", "人"},
        {"最大值(W, 1)", "万人"},
        {"min(A, W)", nullptr, "arguments must have the same unit, not 人 and 万人",
         "各参数单位须一致，而这里是 人 和 万人"},
        {"max(R, Q)", nullptr, "arguments must have the same unit, not % and ‰", "各参数单位须一致，而这里是 % 和 ‰"},
        {"min(A, A > 1)", nullptr, "expected a number, found a condition", "这里应是数值，而不是条件"},
        {"abs(R)", "%"},
        {"绝对值(A > 1)", nullptr, "expected a number, found a condition", "这里应是数值，而不是条件"},
        {"round(Q, 2)", "‰"},
        {"四舍五入(A, R)", nullptr, "expected a year, found %", "这里应是年份，而不是%", 23},
        {"sum(W, 2023, 2025)", "万人"},
        {"求和(A, R, 2025)", nullptr, "expected a year, found %", "这里应是年份，而不是%", 21},
        {"sum(A, 2023, year)", "人"},
        {"cumulative(A, 2023)", "人"},
        {"累计(A, B)", nullptr, "expected a year, found 人", "这里应是年份，而不是人", 21},
        {"average(R, 2023, 2025)", "%"},
        {"count(A, 2023, 2025)", ""},
        {"计数(A > 100, 2022, 2025)", ""},
        {"change(A, 2022, 2025)", "人"},
        {"growth(A, 2022, 2025)", "%"},
        {"增长率(A > 1, 2022, 2025)", nullptr, "expected a number, found a condition", "这里应是数值，而不是条件"},
        {"cagr(W, 2022, 2025)", "%"},
        {"ratio(A, 人口)", "%"},
        {"占比(A, W)", nullptr, "arguments must have the same unit, not 人 and 万人",
         "各参数单位须一致，而这里是 人 和 万人"},
        {"ratio(A, R)", nullptr, "arguments must have the same unit, not 人 and %",
         "各参数单位须一致，而这里是 人 和 %"},
        {"per_thousand(床位, 人口)", "张/千人"},
        {"每万(床位, 人口)", "张/万人"},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.formula) {
            const Checked c(rules_with(row.formula));
            INFO(c.rendered());
            if (row.unit) {
                REQUIRE(c.diags.empty());
                const Indicator& i = c.indicator("值");
                CHECK(i.kind == IndicatorKind::derived);
                INFO("unit: " << i.unit.name());
                CHECK(i.unit == parse_unit(row.unit));
            } else {
                const auto reported = c.reported();
                REQUIRE(reported.size() == 1u);
                CHECK(reported[0].severity == Severity::error);
                CHECK(reported[0].en == row.en);
                CHECK(reported[0].zh == row.zh);
                CHECK(reported[0].line == kFormulaLine);
                CHECK(reported[0].column == row.column);
            }
        }
    }
}

TEST_CASE("builtins: values over small series; missing stays missing, undefined is undefined", "[builtins][eval]") {
    enum class Is { number, no_data, undefined };
    struct Row {
        const char* formula;
        int year;
        Is is;
        double value = 0;          // Is::number
        const char* missing = "";  // Is::no_data: the input without a value...
        int missing_year = 0;      // ...in this year
    };
    const std::vector<Row> rows = {
        // min / max: the arguments in the current year; one missing argument makes the result missing.
        {"min(A, B, 70)", 2025, Is::number, 60},  // min(150, 60, 70)
        {"最小值(A, 200)", 2024, Is::number, 90},
        {"min(A, B)", 2024, Is::no_data, 0, "B", 2024},
        {"max(A, B)", 2025, Is::number, 150},
        {"最大值(A, 130)", 2023, Is::number, 130},
        {"max(C, A)", 2023, Is::no_data, 0, "C", 2023},
        // abs / round (half away from zero, as 四舍五入)
        {"abs(R)", 2025, Is::number, 3.46},
        {"绝对值(N)", 2022, Is::number, 5},
        {"abs(R)", 2024, Is::no_data, 0, "R", 2024},
        {"round(R, 1)", 2025, Is::number, -3.5},  // -34.6 → -35 → -3.5
        {"四舍五入(R2)", 2025, Is::number, -3},   // -2.5 → -3
        {"round(N)", 2025, Is::number, 10},
        {"round(R, 13)", 2025, Is::undefined},  // at most 12 digits
        {"round(R, 1.5)", 2025, Is::undefined},
        {"round(R, 1)", 2023, Is::no_data, 0, "R", 2023},
        // sum over a range of years; a missing year makes the sum missing and names that year
        {"sum(A, 2023, 2025)", 2025, Is::number, 360},  // 120 + 90 + 150
        {"求和(A, 2022, 2022)", 2025, Is::number, 100},
        {"sum(A, year - 1, year)", 2024, Is::number, 210},        // 120 + 90
        {"sum(C, 2022, 2025)", 2025, Is::no_data, 0, "C", 2023},  // not 2, the sum of the years present
        {"sum(A, 2025, 2023)", 2025, Is::undefined},              // ends before it starts
        {"sum(A, 2023, 2600)", 2025, Is::undefined},              // a runaway range (577 years)
        {"sum(A, 2022.5, 2025)", 2025, Is::undefined},            // not a year
        // cumulative: from a year to the current one (or to an explicit end)
        {"cumulative(A, 2023)", 2024, Is::number, 210},
        {"累计(A, 2023)", 2025, Is::number, 360},
        {"cumulative(A, 2023)", 2022, Is::undefined},  // the current year is before the start
        {"累计(A, 2023, 2024)", 2025, Is::number, 210},
        {"cumulative(W, 2023)", 2024, Is::number, 3.5},
        {"cumulative(C, 2022)", 2024, Is::no_data, 0, "C", 2023},
        // average: the sum over the number of years
        {"average(A, 2022, 2025)", 2025, Is::number, 115},  // 460 / 4
        {"平均(C, 2022, 2025)", 2025, Is::no_data, 0, "C", 2023},
        {"average(A, 2024, 2023)", 2025, Is::undefined},
        // count: years with a value, or years a condition holds; missing years are not counted
        {"count(C, 2022, 2025)", 2025, Is::number, 2},
        {"计数(A > 100, 2022, 2025)", 2025, Is::number, 2},  // 120 and 150
        {"count(B, 2022, 2024)", 2025, Is::number, 0},       // none: zero years, a value
        // change: x[to] - x[from]
        {"change(A, 2022, 2025)", 2025, Is::number, 50},
        {"变化(A, 2023, 2024)", 2025, Is::number, -30},
        {"change(C, 2022, 2023)", 2025, Is::no_data, 0, "C", 2023},
        {"change(D, 2023, 2024)", 2025, Is::no_data, 0, "D", 2023},
        // growth in percent; from 0 it is undefined
        {"growth(A, 2022, 2025)", 2025, Is::number, 50},   // 150 / 100 - 1
        {"增长率(A, 2023, 2024)", 2025, Is::number, -25},  // 90 / 120 - 1
        {"growth(Z, 2024, 2025)", 2025, Is::undefined},
        {"growth(Z, 2025, 2024)", 2025, Is::undefined},  // reversed range
        {"growth(C, 2022, 2023)", 2025, Is::no_data, 0, "C", 2023},
        // cagr: (last / first)^(1 / years) - 1, in percent; only the end years are read
        {"cagr(D, 2022, 2024)", 2025, Is::number, 50},             // 2.25^(1/2) = 1.5
        {"cagr(A, 2022, 2025)", 2025, Is::number, 14.4714242553},  // 1.5^(1/3) = 1.1447142425533…
        {"年均增长率(C, 2022, 2024)", 2025, Is::number, 0},        // 2023 is missing but not needed
        {"cagr(A, 2023, 2023)", 2025, Is::undefined},              // no years to grow over
        {"cagr(N, 2022, 2025)", 2025, Is::undefined},              // from a negative value
        {"cagr(Z, 2024, 2025)", 2025, Is::undefined},              // from 0
        {"cagr(D, 2022, 2023)", 2025, Is::no_data, 0, "D", 2023},
        // ratio: part / whole × 100
        {"ratio(B, A)", 2025, Is::number, 40},  // 60 / 150
        {"占比(Z, A)", 2024, Is::number, 0},    // 0 / 90: zero is a value
        {"ratio(A, Z)", 2024, Is::undefined},   // 90 / 0
        {"ratio(B, A)", 2024, Is::no_data, 0, "B", 2024},
        {"占比(A, B)", 2024, Is::no_data, 0, "B", 2024},
        // per thousand / per ten thousand of a population
        {"per_thousand(床位, 人口)", 2025, Is::number, 4.5},  // 90 / 20000 × 1000
        {"每千(床位, 人口)", 2024, Is::no_data, 0, "床位", 2024},
        {"per_ten_thousand(床位, 人口)", 2025, Is::number, 45},
        // coalesce: the first argument where it has a value, else the second
        {"coalesce(B, A)", 2025, Is::number, 60},
        {"取有值(B, A)", 2024, Is::number, 90},
        {"coalesce(C, B)", 2023, Is::no_data, 0, "B", 2023},
        {"每万(1, 人口)", 2024, Is::undefined},  // a population of 0
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.formula << " in " << row.year) {
            const Checked c(rules_with(row.formula));
            INFO(c.rendered());
            REQUIRE_FALSE(c.diags.has_errors());
            Run run(c, series());
            const Value v = run.indicator("值", row.year);
            INFO("value: " << describe(v, c));
            switch (row.is) {
                case Is::number:
                    REQUIRE(v.present);
                    CHECK_FALSE(v.is_boolean);
                    CHECK(v.number == Approx(row.value).epsilon(1e-9).margin(1e-12));
                    break;
                case Is::no_data:
                    REQUIRE_FALSE(v.present);
                    CHECK(v.missing.why == Missing::Why::no_data);
                    CHECK(v.missing.indicator == c.id(row.missing));
                    CHECK(v.missing.year == row.missing_year);
                    break;
                case Is::undefined: {
                    REQUIRE_FALSE(v.present);
                    CHECK(v.missing.why == Missing::Why::undefined);
                    const LineCol at = position(c, v.missing.where);
                    CHECK(v.missing.where.file == c.file);
                    CHECK(at.line == kFormulaLine);
                    CHECK(at.column == kFormulaColumn);
                    break;
                }
            }
        }
    }
}

TEST_CASE("builtins: year loops are charged to the evaluation budget", "[builtins][eval][limits]") {
    // A count over 200 years (within the 500-year bound of a range; count reads every year,
    // with or without a value) needs more than 200 steps: a budget of 150 stops it with an
    // error in the formula instead of letting it run.
    const Checked c(rules_with("count(A, 1900, 2099)"));
    REQUIRE_FALSE(c.diags.has_errors());
    Run run(c, series(), EvalLimits{100, 3000, 150});
    try {
        (void)run.indicator("值", 2025);
        FAIL("expected an EvalError");
    } catch (const EvalError& e) {
        CHECK(e.message.en == "evaluation stopped after 150 steps");
        CHECK(e.message.zh == "计算超过 150 步，已停止");
        CHECK(e.where.file == c.file);
        CHECK(position(c, e.where).line == kFormulaLine);
    }
}
