// The evaluator (judge/eval.cpp): expressions evaluated in a year against data. Each row's
// expression is the body of `fn 测() = …`, checked with the rest of a small program and run by
// an Evaluator over data read through the DataSink. Missing data is a state that names the
// input and the year, never a zero; a division by zero is undefined at the division.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "judge/eval.hpp"
#include "tests/unit/test_support.hpp"

using namespace dabiao;
using namespace dabiao::test;

namespace {

// Line numbers below are those of this text; the expression under test is line 20, after
// "fn 测() = " (9 characters), so it starts at column 10.
constexpr const char* kHeader =
    R"(plan "求值" { region 测试区  baseline 2022  period 2023..2025 }
input A unit 人
input B unit 人
input P unit %
input 甲 unit 人
indicator 倍 unit 人 = A * 2
indicator 折算 unit 万人 = A
indicator 累 unit 人 = if year <= 2022 then A else 累[year - 1] + A
indicator 缺 unit 人 = A + 甲
indicator 回溯 unit 人 = 回溯[year - 1] + 1
fn 加倍(x) = x * 2
fn 上一(x) = x[year - 1]
函数 封顶(x, cap) = 如果 x > cap 则 cap 否则 x
fn f(x) = g(x) + 1
fn g(y) = y * 10
fn 累加(n) = if n <= 0 then 0 else n + 累加(n - 1)
fn 甲函(n) = 乙函(n) + 1
fn 乙函(n) = 甲函(n) + 1
indicator 上累 unit 人 = if year <= 2022 then A else 上年(上累) + A
)";
constexpr std::size_t kExprLine = 20;

std::string rules_with(const std::string& expr) {
    return std::string(kHeader) + "fn 测() = " + expr + "\n";
}

// A: 2022 100, 2023 120, 2024 90, 2025 150    B: 2025 60    P: 2025 85.5    甲: no value at all
const std::vector<Datum>& data() {
    static const std::vector<Datum> values = {
        {"A", 2022, 100}, {"A", 2023, 120}, {"A", 2024, 90}, {"A", 2025, 150}, {"B", 2025, 60}, {"P", 2025, 85.5},
    };
    return values;
}

enum class Is { number, truth, no_data, out_of_range, undefined };

struct Expect {
    Is is = Is::number;
    double value = 0;      // Is::number; Is::truth: 1 or 0
    const char* key = "";  // Is::no_data / Is::out_of_range: the indicator named...
    int year = 0;          // ...and its year
    std::size_t line = 0;  // Is::undefined: where
    std::size_t column = 0;
};

Expect number(double v) {
    return {Is::number, v};
}
Expect truth(bool b) {
    return {Is::truth, b ? 1.0 : 0.0};
}
Expect no_data(const char* key, int year) {
    return {Is::no_data, 0, key, year};
}
Expect out_of_range(const char* key, int year) {
    return {Is::out_of_range, 0, key, year};
}
Expect undefined_at(std::size_t line, std::size_t column) {
    return {Is::undefined, 0, "", 0, line, column};
}

void check_value(const Value& v, const Expect& e, const Checked& c) {
    INFO("value: " << describe(v, c));
    switch (e.is) {
        case Is::number:
            REQUIRE(v.present);
            CHECK_FALSE(v.is_boolean);
            CHECK(v.number == Approx(e.value).epsilon(1e-9).margin(1e-12));
            return;
        case Is::truth:
            REQUIRE(v.present);
            CHECK(v.is_boolean);
            CHECK(v.number == e.value);
            return;
        case Is::no_data:
        case Is::out_of_range:
            REQUIRE_FALSE(v.present);
            CHECK(v.missing.why == (e.is == Is::no_data ? Missing::Why::no_data : Missing::Why::out_of_range));
            CHECK(v.missing.indicator == c.id(e.key));
            CHECK(v.missing.year == e.year);
            return;
        case Is::undefined: {
            REQUIRE_FALSE(v.present);
            CHECK(v.missing.why == Missing::Why::undefined);
            CHECK(v.missing.where.file == c.file);
            const LineCol at = position(c, v.missing.where);
            CHECK(at.line == e.line);
            CHECK(at.column == e.column);
            return;
        }
    }
}

}  // namespace

TEST_CASE("eval: expressions in a year against data", "[eval]") {
    struct Row {
        const char* expr;
        int year;
        Expect expect;
    };
    const std::vector<Row> rows = {
        // arithmetic and its precedence
        {"1 + 2 * 3", 2025, number(7)},
        {"(1 + 2) * 3", 2025, number(9)},
        {"10 - 4 - 3", 2025, number(3)},
        {"12 / 4 / 3", 2025, number(1)},
        {"12 ÷ 4 × 3", 2025, number(9)},
        {"P / 100", 2025, number(0.855)},
        {"A * 0", 2024, number(0)},
        // unary minus binds tighter than + and applies to a parenthesised expression
        {"-A", 2025, number(-150)},
        {"-A + 200", 2025, number(50)},
        {"-(A - B)", 2025, number(-90)},
        // division by zero: undefined, at the division (not at the whole expression)
        {"A / 0", 2025, undefined_at(kExprLine, 10)},
        {"A / (B - 60)", 2025, undefined_at(kExprLine, 10)},
        {"1 + A / 0", 2025, undefined_at(kExprLine, 14)},
        // missing data names the input and the year; it is never a zero
        {"A + 甲", 2025, no_data("甲", 2025)},
        {"甲 * 0", 2025, no_data("甲", 2025)},
        {"-甲", 2023, no_data("甲", 2023)},
        {"A + B", 2024, no_data("B", 2024)},
        // other years: a fixed year, the year before, the current year
        {"A[2022]", 2025, number(100)},
        {"A[year - 1]", 2025, number(90)},
        {"A[year - 1]", 2023, number(100)},
        {"A[year - 4]", 2025, no_data("A", 2021)},
        {"甲[2023] + A", 2025, no_data("甲", 2023)},
        {"A[1900]", 2025, no_data("A", 1900)},
        {"A[2022.5]", 2025, undefined_at(kExprLine, 12)},  // not a year: undefined at the year
        {"year", 2024, number(2024)},
        {"当年 - 2000", 2024, number(24)},
        {"A[year] == A", 2024, truth(true)},
        // comparisons
        {"A > 100", 2025, truth(true)},
        {"A >= 150", 2025, truth(true)},
        {"A > 150", 2025, truth(false)},
        {"A <= 149", 2025, truth(false)},
        {"A < 151", 2025, truth(true)},
        {"A == 150", 2025, truth(true)},
        {"A != 150", 2025, truth(false)},
        {"P > 85", 2025, truth(true)},
        {"甲 > 0", 2025, no_data("甲", 2025)},
        // comparisons are nearly equal within a relative 1e-9
        {"0.1 + 0.2 == 0.3", 2025, truth(true)},
        {"0.1 + 0.2 > 0.3", 2025, truth(false)},
        {"0.1 + 0.2 <= 0.3", 2025, truth(true)},
        {"0.3 < 0.1 + 0.2", 2025, truth(false)},
        {"1.0000001 == 1", 2025, truth(false)},
        {"1.0000001 > 1", 2025, truth(true)},
        // and / or / not, in both languages
        {"A > 100 and B > 100", 2025, truth(false)},
        {"A > 100 且 B < 100", 2025, truth(true)},
        {"A > 200 or B > 50", 2025, truth(true)},
        {"A > 200 或 B > 100", 2025, truth(false)},
        {"not (A > 100)", 2025, truth(false)},
        {"非 (A > 200)", 2025, truth(true)},
        // a missing side decides nothing unless the other side decides alone
        {"甲 > 0 and A > 200", 2025, truth(false)},
        {"甲 > 0 and A > 100", 2025, no_data("甲", 2025)},
        {"甲 > 0 or A > 100", 2025, truth(true)},
        {"甲 > 0 or A > 200", 2025, no_data("甲", 2025)},
        {"A > 200 and 甲 > 0", 2025, truth(false)},
        {"A > 100 or 甲 > 0", 2025, truth(true)},
        {"A > 100 and 甲 > 0", 2025, no_data("甲", 2025)},
        {"非 (甲 > 0)", 2025, no_data("甲", 2025)},
        // if / then / else evaluates only the branch it takes
        {"if A > 100 then A else B", 2025, number(150)},
        {"if A > 100 then A else B", 2024, no_data("B", 2024)},
        {"if A > 100 then A else 甲", 2025, number(150)},
        {"如果 A > 100 则 1 否则 0", 2024, number(0)},
        {"if 甲 > 0 then 1 else 2", 2025, no_data("甲", 2025)},
        {"if A > 100 then A > 140 else A < 100", 2025, truth(true)},
        // derived indicators: computed from their formula, also in other years
        {"倍 + 1", 2025, number(301)},
        {"倍[2022]", 2025, number(200)},
        {"累", 2024, number(310)},        // 100 + 120 + 90
        {"累[2023]", 2025, number(220)},  // 100 + 120
        {"缺", 2025, no_data("甲", 2025)},
        {"折算 * 10000", 2025, number(150)},  // 折算 is A in 万人
        // user functions take their arguments by name: evaluated in the year the body asks for
        {"加倍(A)", 2025, number(300)},
        {"上一(A)", 2025, number(90)},
        {"上一(A + B)", 2025, no_data("B", 2024)},  // the whole argument in 2024
        {"上一(A) + A", 2025, number(240)},
        {"上一(上一(A))", 2025, number(120)},
        {"加倍(上一(A))", 2025, number(180)},
        {"封顶(A, 130)", 2025, number(130)},
        {"封顶(A, 130)", 2023, number(120)},
        {"f(2)", 2025, number(21)},  // g(2) + 1
        {"累加(99)", 2025, number(4950)},
        {"累加(0)", 2025, number(0)},
        // the prelude (stdlib/prelude.dab)
        {"上年(A)", 2024, number(120)},
        {"prev(A)", 2023, number(100)},
        {"同比增长(A)", 2024, number(-25)},               // 90 / 120 - 1
        {"yoy(A)", 2025, number(66.6666666666667)},       // 150 / 90 - 1
        {"三年平均(A)", 2024, number(103.333333333333)},  // (100 + 120 + 90) / 3
        {"三年平均(A)", 2025, number(120)},               // (120 + 90 + 150) / 3
        {"三年平均(A)", 2023, no_data("A", 2021)},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.expr << " in " << row.year) {
            const Checked c(rules_with(row.expr));
            INFO(c.rendered());
            REQUIRE(c.diags.empty());
            Run run(c, data());
            check_value(run.body_of("测", row.year), row.expect, c);
        }
    }
}

TEST_CASE("eval: indicators' values come from the data or from their formula", "[eval]") {
    struct Row {
        const char* key;
        int year;
        Expect expect;
    };
    const std::vector<Row> rows = {
        {"A", 2023, number(120)},
        {"B", 2023, no_data("B", 2023)},
        {"甲", 2025, no_data("甲", 2025)},
        {"倍", 2025, number(300)},
        {"倍", 2023, number(240)},
        {"折算", 2025, number(0.015)},  // 150 人 in 万人: the checker scales the formula
        {"累", 2022, number(100)},
        {"累", 2025, number(460)},    // 100 + 120 + 90 + 150
        {"上累", 2025, number(460)},  // the same, through the prelude's 上年: not a cycle
        {"上累", 2023, number(220)},
        {"缺", 2024, no_data("甲", 2024)},
        // a formula that walks back without reaching data ends 50 years before the plan (1972)
        {"回溯", 2025, out_of_range("回溯", 1971)},
    };
    const Checked c(rules_with("0"));
    INFO(c.rendered());
    REQUIRE(c.diags.empty());
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.key << " in " << row.year) {
            Run run(c, data());
            check_value(run.indicator(row.key, row.year), row.expect, c);
        }
    }
}

TEST_CASE("eval: runaway recursion stops with an error at the call", "[eval][limits]") {
    struct Row {
        const char* expr;
        EvalLimits limits;
        const char* en;
        const char* zh;
        std::size_t line;  // 0: not checked (the step that runs out can be anywhere)
        std::size_t column;
    };
    const std::vector<Row> rows = {
        // 累加(100) needs 101 nested calls; the 101st is the recursive call in 累加's body.
        {"累加(100)",
         {},
         "'累加' recursed more than 100 calls deep without ending",
         "“累加”递归超过 100 层仍未结束",
         16,
         38},
        // 甲函 and 乙函 call each other: the odd calls are 甲函's, the 101st from 乙函's body.
        {"甲函(1)",
         {},
         "'甲函' recursed more than 100 calls deep without ending",
         "“甲函”递归超过 100 层仍未结束",
         18,
         12},
        {"累加(20)", EvalLimits{10, 3000, 20'000'000}, "'累加' recursed more than 10 calls deep without ending",
         "“累加”递归超过 10 层仍未结束", 16, 38},
        {"累加(99)", EvalLimits{100, 50, 20'000'000}, "evaluation nested deeper than 50 levels", "计算嵌套超过 50 层",
         0, 0},
        {"累加(99)", EvalLimits{100, 3000, 100}, "evaluation stopped after 100 steps", "计算超过 100 步，已停止", 0, 0},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.expr << " / " << row.en) {
            const Checked c(rules_with(row.expr));
            INFO(c.rendered());
            REQUIRE(c.diags.empty());
            Run run(c, data(), row.limits);
            bool thrown = false;
            try {
                (void)run.body_of("测", 2025);
            } catch (const EvalError& e) {
                thrown = true;
                CHECK(e.message.en == row.en);
                CHECK(e.message.zh == row.zh);
                CHECK(e.where.file == c.file);
                if (row.line != 0) {
                    const LineCol at = position(c, e.where);
                    CHECK(at.line == row.line);
                    CHECK(at.column == row.column);
                }
            }
            CHECK(thrown);
            // The evaluator is usable after a depth error: the next evaluation starts afresh, and the
            // same runaway call stops again where it stopped the first time. (A spent step budget
            // stays spent: it is for the whole run.)
            if (row.line != 0) {
                check_value(run.indicator("倍", 2025), number(300), c);
                try {
                    (void)run.body_of("测", 2025);
                    FAIL("expected the second evaluation to stop too");
                } catch (const EvalError& e) {
                    CHECK(e.message.en == row.en);
                    CHECK(position(c, e.where).line == row.line);
                    CHECK(position(c, e.where).column == row.column);
                }
            }
        }
    }
}

TEST_CASE("eval: nearly_equal tolerates a relative 1e-9 and no more", "[eval]") {
    struct Row {
        double a;
        double b;
        bool equal;
    };
    const std::vector<Row> rows = {
        {0.1 + 0.2, 0.3, true},    {1, 1 + 1e-10, true},
        {1, 1 + 1e-8, false},      {5.4999999999, 5.5, true},  // a derived 5.4999999999 meets a target of 5.5
        {1e12, 1e12 + 1, true},                                // relative to the larger magnitude
        {1e12, 1e12 + 1e4, false}, {0, 1e-10, true},           // near zero the tolerance is an absolute 1e-9
        {0, 1e-8, false},          {-1, 1, false},
        {-0.0, 0.0, true},         {-2.5, -2.5000000001, true},
        {100, 100.001, false},
    };
    for (const Row& row : rows) {
        INFO(row.a << " vs " << row.b);
        CHECK(nearly_equal(row.a, row.b) == row.equal);
        CHECK(nearly_equal(row.b, row.a) == row.equal);
    }
}
