// The checker (check/check.cpp) through its public entry point check(): small rule files in,
// diagnostics (severity, English and Chinese message, line:col) or facts of the Program out.
// Positions are 1-based lines and character columns, counted by hand in each row's text.
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/units.hpp"
#include "tests/unit/test_support.hpp"

using namespace dabiao;
using namespace dabiao::test;

namespace {

// Line 1 of most rows.
constexpr const char* kPlan = "plan \"p\" { region 测试区  baseline 2022  period 2023..2027 }\n";

std::string plan(const char* rest) {
    return std::string(kPlan) + rest;
}

struct Expected {
    Severity severity;
    std::size_t line;
    std::size_t column;
    const char* en;         // a part of the English message
    const char* zh;         // a part of the Chinese message
    const char* hint = "";  // a part of the English hint
};

struct DiagRow {
    const char* name;
    std::string rules;
    std::vector<Expected> expected;  // exactly these, in any order
};

void check_diagnostics(const std::vector<DiagRow>& rows) {
    for (const DiagRow& row : rows) {
        DYNAMIC_SECTION(row.name) {
            INFO("rules:\n" << row.rules);
            const Checked c(row.rules);
            auto reported = c.reported();
            std::string listed;
            for (const Reported& r : reported) {
                listed += std::string(severity_word(r.severity)) + " " + std::to_string(r.line) + ":" +
                          std::to_string(r.column) + " | " + r.en + " | " + r.zh + " | " + r.hint_en + "\n";
            }
            INFO("reported:\n" << listed);
            CHECK(reported.size() == row.expected.size());
            for (const Expected& e : row.expected) {
                INFO("expected " << severity_word(e.severity) << " at " << e.line << ":" << e.column << ": " << e.en);
                const auto it = std::find_if(reported.begin(), reported.end(), [&](const Reported& r) {
                    return r.severity == e.severity && r.file == kRulesFile && r.line == e.line &&
                           r.column == e.column && r.en.find(e.en) != std::string::npos &&
                           r.zh.find(e.zh) != std::string::npos && r.hint_en.find(e.hint) != std::string::npos;
                });
                CHECK(it != reported.end());
                if (it != reported.end()) reported.erase(it);
            }
        }
    }
}

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

}  // namespace

TEST_CASE("check: unknown and duplicate names", "[check]") {
    check_diagnostics({
        {"an unknown name in a formula suggests the closest indicator",
         plan("input 常住人口 unit 人\nindicator x unit 人 = 常住人 + 1\n"),
         {{E, 3, 22, "unknown name '常住人'", "未知的名称“常住人”", "did you mean '常住人口'?"}}},
        {"an unknown indicator in a Chinese sentence",
         plan("indicator 普惠托位占比 unit %\n到2026年 普惠托位占 不低于 85%\n"),
         {{E, 3, 8, "unknown indicator '普惠托位占'", "未知的指标“普惠托位占”", "did you mean '普惠托位占比'?"}}},
        {"累计 glued to a name suggests the space",
         plan("indicator 新增就业 unit 人\n累计新增就业 >= 5 by 2027\n"),
         {{E, 3, 1, "unknown indicator '累计新增就业'", "未知的指标“累计新增就业”",
           "write '累计 新增就业' with a space"}}},
        {"an unknown function suggests a built-in",
         plan("input A unit 人\nindicator x unit 人 = 求合(A, 2023, 2025)\n"),
         {{E, 3, 22, "unknown function '求合'", "未知的函数“求合”", "did you mean '求和'?"}}},
        {"an unknown name in a target value",
         plan("indicator x unit 人\ninput 人口总量 unit 人\nx >= 人口总数 by 2026\n"),
         {{E, 4, 6, "unknown name '人口总数'", "未知的名称“人口总数”", "did you mean '人口总量'?"}}},
        {"an indicator declared twice",
         plan("indicator x unit 人\nindicator x unit %\n"),
         {{E, 3, 11, "indicator 'x' is declared twice",
           "指标“x”重复声明"}}},
        {"a display name used twice",
         plan("indicator a \"名称\" unit 人\nindicator b \"名称\" unit 人\n"),
         {{E, 3, 13, "'名称' is already used by indicator 'a'", "“名称”已被指标“a”使用",
           "identifiers and display names are both data keys"}}},
        {"a display name equal to another indicator's identifier",
         plan("indicator a unit 人\nindicator b \"a\" unit 人\n"),
         {{E, 3, 13, "'a' is already used by indicator 'a'", "“a”已被指标“a”使用"}}},
        {"an input declared twice",
         plan("input A unit 人\ninput A unit 人\n"),
         {{E, 3, 7, "'A' is declared twice", "“A”重复声明"}}},
        {"a function defined twice",
         plan("fn 加(x) = x + 1\nfn 加(y) = y\n"),
         {{E, 3, 4, "function '加' is defined twice",
           "函数“加”重复定义"}}},
        {"a built-in cannot be redefined",
         plan("函数 求和(x) = x\n"),
         {{E, 2, 4, "'求和' is a built-in function and cannot be redefined", "“求和”是内置函数，不能重新定义",
           "choose another name"}}},
        {"a prelude function cannot be defined again",
         plan("fn 上年(x) = x\n"),
         {{E, 2, 4, "function '上年' is defined twice", "函数“上年”重复定义"}}},
        {"a user function called with the wrong number of arguments",
         plan("fn 加(x) = x + 1\nindicator y = 加(1, 2)\n"),
         {{E, 3, 15, "'加' takes 1 argument(s), not 2", "“加”需要 1 个参数，而不是 2 个"}}},
        {"a parameter named twice",
         plan("fn 加(x, x) = x\n"),
         {{E, 2, 9, "parameter 'x' appears twice", "参数“x”重复"}}},
        {"a domain opened again with another lead",
         plan("domain 甲 lead 局一 { indicator a unit 人 }\ndomain 甲 lead 局二 { indicator b unit 人 }\n"),
         {{E, 3, 8, "domain '甲' is already led by 局一; here a different lead is given",
           "领域“甲”的牵头单位已是 局一，此处却不同"}}},
        {"a target on an input",
         plan("input A unit 人\nA >= 5 by 2025\n"),
         {{E, 3, 1, "'A' is an input (data without targets); declare it as an indicator to give it targets",
           "“A”是输入数据项（无目标）；如需设目标请声明为指标"}}},
        {"a paired indicator named without a part in a formula",
         plan("indicator 老年友好 unit 个 parts 镇街 \"老年友好镇街\", 村社 \"老年友好村社\"\n"
              "indicator y unit 个 = 老年友好 + 1\n"),
         {{E, 3, 22, "'老年友好' has parts; name one of them, e.g. 老年友好.镇街",
           "“老年友好”有分项，请指明其一，如 老年友好.镇街"}}},
    });
}

TEST_CASE("check: the plan and its years", "[check]") {
    check_diagnostics({
        {"no plan",
         "indicator x unit % { 2026: 85 }\n",
         {{E, 1, 1, "no plan declared: the targets have no period", "没有声明规划：目标缺少规划期"}}},
        {"a second plan",
         plan("plan \"q\" { period 2023..2027 }\n"),
         {{E, 2, 1, "a second plan",
           "重复的规划声明"}}},
        {"a plan without a period",
         "plan \"p\" { region 洞头区 }\n",
         {{E, 1, 1, "the plan has no period", "规划缺少规划期"}}},
        {"a baseline year inside the period",
         "plan \"p\" { baseline 2023  period 2023..2027 }\n",
         {{E, 1, 12, "the baseline year 2023 is not before the period 2023..2027",
           "基线年 2023 应早于规划期 2023..2027"}}},
        {"a period that ends before it starts",
         "plan \"p\" { period 2027..2023 }\n",
         {{E, 1, 12, "the period 2027..2023 ends before it starts", "规划期 2027..2023 的结束年早于开始年"}}},
        {"a period longer than 100 years",
         "plan \"p\" { period 2023..2200 }\n",
         {{E, 1, 12, "the period 2023..2200 is 178 years long; a plan period is at most 100 years",
           "规划期 2023..2200 长达 178 年；规划期最长 100 年"}}},
        {"a table year after the period",
         plan("indicator x unit % { 2028: 90 }\n"),
         {{E, 2, 22, "2028 is outside the plan period 2023..2027", "2028 年不在规划期 2023..2027 内"}}},
        {"a statement year after the period",
         plan("indicator x unit %\nx >= 90 by 2030\n"),
         {{E, 3, 9, "2030 is outside the plan period 2023..2027", "2030 年不在规划期 2023..2027 内"}}},
        {"a Chinese target in the baseline year",
         plan("indicator x unit %\n2022年 x 达到 80%\n"),
         {{E, 3, 1, "2022 is outside the plan period 2023..2027", "2022 年不在规划期 2023..2027 内"}}},
        {"a cumulative start before the period",
         plan("indicator y unit 人\n到2025年 累计 自2020年起 y 达到 100人\n"),
         {{E, 3, 8, "2020 is outside the plan period 2023..2027", "2020 年不在规划期 2023..2027 内"}}},
        {"a table range that ends before it starts",
         plan("indicator x unit % { 2026..2024: 80 }\n"),
         {{E, 2, 22, "the range 2026..2024 ends before it starts", "年份区间 2026..2024 的结束年早于开始年"}}},
        {"a target without a year",
         plan("indicator x unit %\nx >= 90\n"),
         {{E, 3, 1, "the target has no year", "目标缺少年份", "add 'by 2027'"}}},
        {"an indicator's baseline year inside the period",
         plan("indicator x unit % { baseline 2024: 70 }\n"),
         {{E, 2, 22, "the baseline year 2024 is inside the plan period", "基线年份 2024 在规划期内"}}},
    });
}

TEST_CASE("check: duplicate and conflicting targets", "[check]") {
    check_diagnostics({
        {"two different targets for one year",
         plan("indicator x unit % { 2026: 85 }\n到2026年 x 不低于 86%\n"),
         {{E, 3, 1, "two different targets for 'x' in 2026: '不低于 86%' here and '85' in another rule",
           "“x”2026 年有两个不同的目标：此处为“不低于 86%”，另一处为“85”", "put one inside source"}}},
        {"a conflict over five years is one error",
         plan("indicator x unit % { 2023..2027: >= 80 }\nx >= 85 every year\n"),
         {{E, 3, 1, "two different targets for 'x' in 2023: '>= 85' here and '>= 80' in another rule",
           "“x”2023 年有两个不同的目标"}}},
        {"the same target twice is a warning",
         plan("indicator x unit % { 2026: >= 85 }\nx >= 85 by 2026\n"),
         {{W, 3, 1, "repeats the target for 'x' in 2026",
           "重复了“x”2026 年的目标", "it is checked once"}}},
        {"different targets from different sources are fine",
         plan("indicator x unit % { 2026: 85 }\n出处 \"正文\" {\n  到2026年 x 达到 86%\n}\n"),
         {}},
        {"two different targets within one source",
         plan("indicator x unit %\n出处 \"正文\" {\n  到2026年 x 达到 85%\n  到2026年 x 达到 86%\n}\n"),
         {{E, 5, 3, "two different targets for 'x' in 2026", "“x”2026 年有两个不同的目标",
           "within one source (\"正文\")"}}},
        {"分别 with fewer values than indicators",
         plan("indicator a unit %\nindicator b unit %\nindicator c unit %\n到2025年 a、b、c 分别达到 70%、90%\n"),
         {{E, 5, 16, "3 indicators but 2 values", "3 个指标却有 2 个目标值"}}},
        {"comparators before and after the value disagree",
         plan("indicator x unit %\n到2025年 x 高于 90%以下\n"),
         {{E, 3, 16, "'以下' contradicts the comparison before the value", "“以下”与值前面的比较词矛盾"}}},
        {"a tolerance without 左右",
         plan("indicator x unit % { 2025: >= 80 ± 1 }\n"),
         {{E, 2, 36, "a tolerance (±) only applies to 'around' (左右)", "容差（±）只适用于“左右”"}}},
    });
}

TEST_CASE("check: units of formulas and target values", "[check][units]") {
    check_diagnostics({
        {"% plus 人",
         plan("input A unit 人\ninput P unit %\nindicator x unit 人 = A + P\n"),
         {{E, 4, 22, "cannot add 人 and %", "不能相加 人 与 %", "both sides must have the same unit"}}},
        {"人 minus 万人 needs an explicit conversion",
         plan("input A unit 人\ninput W unit 万人\nindicator x unit 人 = A - W\n"),
         {{E, 4, 22, "cannot subtract 人 and 万人 directly", "不能直接相减 人 与 万人",
           "convert one side first (1 人 = 0.0001 万人)"}}},
        {"a formula giving 人 declared in %",
         plan("input A unit 人\nindicator y unit % = A * 2\n"),
         {{E, 3, 22, "the formula gives 人, but 'y' is declared in %", "公式的单位是 人，而“y”声明的单位是 %"}}},
        {"a ratio of counts declared in %",
         plan("input A unit 人\ninput B unit 人\nindicator y unit % = A / B\n"),
         {{E, 4, 22, "this ratio is a fraction (e.g. 0.85), but 'y' is measured in %",
           "此比值是小数（如 0.85），而“y”以 % 计", "use 占比(a, b)"}}},
        {"a ‰ target on a % indicator",
         plan("indicator P unit %\n到2025年 P 控制在 1‰以下\n"),
         {{E, 3, 14, "a value in ‰ cannot be a target of 'P', which is measured in %",
           "以 ‰ 计的值不能作为“P”的目标，该指标以 % 计", "write the value in %"}}},
        {"a % target on a count",
         plan("indicator x unit 人 { 2025: 5% }\n"),
         {{E, 2, 28, "a value in % cannot be a target of 'x', which is measured in 人",
           "以 % 计的值不能作为“x”的目标，该指标以 人 计"}}},
        {"comparing 人 with %",
         plan("input A unit 人\ninput P unit %\nindicator c unit 人 = if A > P then A else 0\n"),
         {{E, 4, 25, "cannot compare 人 and %", "不能比较 人 与 %"}}},
        {"a formula giving a condition",
         plan("input A unit 人\nindicator c = A > 1\n"),
         {{E, 3, 15, "the formula gives a condition, not a number", "公式的结果是条件，不是数值"}}},
        {"not applied to a number",
         plan("input A unit 人\nfn f() = not A\n"),
         {{E, 3, 14, "expected a condition (true or false), found 人", "这里应是条件（真或假），而不是人"}}},
        {"if branches in different units",
         plan("input A unit 人\ninput P unit %\nindicator c = if A > 1 then A else P\n"),
         {{E, 4, 15, "cannot choose between 人 and %", "不能在两分支间选择 人 与 %"}}},
        {"a percentage inside [ ]",
         plan("input A unit 人\ninput P unit %\nindicator c unit 人 = A[P]\n"),
         {{E, 4, 24, "expected a year in [ ], found %", "[ ] 中应是年份，而不是%"}}},
        {"全覆盖 on a count without a base",
         plan("indicator x unit 万人 { 2024: 全覆盖 }\n"),
         {{E, 2, 29, "全覆盖 on 'x' (measured in 万人) needs to know what full coverage is",
           "“x”以 万人 计，“全覆盖”需要知道全覆盖的基数"}}},
        {"a coverage base on a percentage",
         plan("indicator x unit % 全覆盖 = 100\n"),
         {{W, 2, 20, "on a percentage indicator 全覆盖 already means 100%", "百分比指标的“全覆盖”已表示 100%"}}},
        {"a value in 年 on a 岁 indicator", plan("indicator y unit 岁\n到2027年 y 达到 11.3年\n"),
         {{E, 3, 13, "a value in 年 cannot be a target of 'y', which is measured in 岁",
           "以 年 计的值不能作为“y”的目标，该指标以 岁 计"}}},
        {"a count on a rate whose numerator is another unit", plan("indicator t unit 个/千人\n到2027年 t 达到 4.5人\n"),
         {{E, 3, 13, "a value in 人 cannot be a target of 't', which is measured in 个/千人",
           "以 人 计的值不能作为“t”的目标，该指标以 个/千人 计"}}},
        {"86000人 on a 万人 indicator converts", plan("indicator w unit 万人\n到2027年 w 达到 86000人\n"), {}},
    });
}

TEST_CASE("check: stages and parts", "[check]") {
    check_diagnostics({
        {"an unknown stage suggests the closest",
         plan("indicator s 阶段 未开展 < 开展试点 < 全覆盖 { 2025: 试点 }\n"),
         {{E, 2, 41, "'s' is a staged indicator: expected one of its stages (未开展 < 开展试点 < 全覆盖)",
           "“s”是阶段指标：这里应是其阶段之一（未开展 < 开展试点 < 全覆盖）", "did you mean '开展试点'?"}}},
        {"a stage listed twice",
         plan("indicator s stages a < b < a\n"),
         {{E, 2, 28, "stage 'a' is listed twice", "阶段“a”重复"}}},
        {"a milestone with a unit",
         plan("indicator s unit % 里程碑\n"),
         {{E, 2, 18, "a staged indicator has no unit", "阶段指标没有单位"}}},
        {"a quoted stage on an indicator without stages",
         plan("indicator x unit 人\n到2027年 x 达到 \"开展试点\"\n"),
         {{E, 3, 13, "\"开展试点\" in quotes names a stage, but 'x' has no stages",
           "引号中的“开展试点”是阶段名，但“x”不是阶段指标"}}},
        {"a paired value on an indicator without parts",
         plan("indicator x unit 个 { 2025: 2(8) }\n"),
         {{E, 2, 28, "a paired value, but 'x' has no parts", "成对值，但“x”没有分项"}}},
        {"a single value on a paired indicator",
         plan("indicator 老年友好 unit 个 parts 镇街, 村社 { 2025: 7 }\n"),
         {{E, 2, 44, "'老年友好' has parts: give a paired value such as 7(30), or name a part (e.g. 老年友好.镇街)",
           "“老年友好”有分项：请给出成对值（如 7(30)），或指明分项（如 老年友好.镇街）"}}},
    });
}

TEST_CASE("check: derived indicators may not depend on themselves in the same year", "[check]") {
    check_diagnostics({
        {"two formulas using each other",
         plan("indicator a unit 人 = b + 1\nindicator b unit 人 = a * 2\n"),
         {{E, 2, 1, "derived indicators depend on each other: a → b → a", "派生指标相互依赖：a → b → a",
           "x[year - 1]"}}},
        {"a formula using itself",
         plan("indicator a unit 人 = a + 1\n"),
         {{E, 2, 1, "derived indicators depend on each other: a → a", "派生指标相互依赖：a → a"}}},
        {"three formulas in a circle",
         plan("indicator a unit 人 = b\nindicator b unit 人 = c\nindicator c unit 人 = a\n"),
         {{E, 2, 1, "derived indicators depend on each other: a → b → c → a", "派生指标相互依赖：a → b → c → a"}}},
        {"a cycle through a function's body",
         plan("fn g(x) = x + b\nindicator b unit 人 = g(1)\n"),
         {{E, 3, 1, "derived indicators depend on each other: b → b", "派生指标相互依赖：b → b"}}},
        {"a cycle through a range built-in (it reads the current year too)",
         plan("indicator a unit 人 = sum(a, 2023, year)\n"),
         {{E, 2, 1, "derived indicators depend on each other: a → a", "派生指标相互依赖：a → a"}}},
        {"the previous year is not a cycle", plan("input A unit 人\nindicator a unit 人 = a[year - 1] + A\n"), {}},
        {"the previous year through the prelude's 上年 is not a cycle",
         plan("输入 A 单位 人\n指标 a 单位 人 = 上年(a) + A\n"),
         {}},
        {"the previous year through nested functions is not a cycle",
         plan("input A unit 人\nfn back(x) = 上年(x) * 1\nindicator a unit 人 = back(a) + A\n"),
         {}},
        {"an argument a function uses in the same year is a cycle",
         plan("fn twice(x) = x * 2\nindicator a unit 人 = twice(a)\n"),
         {{E, 3, 1, "derived indicators depend on each other: a → a", "派生指标相互依赖：a → a"}}},
        {"an argument passed on to another function that uses it in the same year is a cycle",
         plan("fn inner(y) = y + 1\nfn outer(x) = inner(x)\nindicator a unit 人 = outer(a)\n"),
         {{E, 4, 1, "derived indicators depend on each other: a → a", "派生指标相互依赖：a → a"}}},
        {"an argument used in the same year by a recursive function is a cycle",
         plan("fn r(x, n) = if n <= 0 then x else r(x, n - 1)\nindicator a unit 人 = r(a, 3)\n"),
         {{E, 3, 1, "derived indicators depend on each other: a → a", "派生指标相互依赖：a → a"}}},
        {"an argument a recursive function reads only in other years is not a cycle",
         plan("input A unit 人\nfn r(x, n) = if n <= 0 then x[year - 1] else r(x, n - 1)\n"
              "indicator a unit 人 = r(a, 3) + A\n"),
         {}},
        {"the year in [...] is computed in the same year",
         plan("fn y(x) = if x > 0 then 2023 else 2024\nindicator a unit 人 = a[y(a)]\n"),
         {{E, 3, 1, "derived indicators depend on each other: a → a", "派生指标相互依赖：a → a"}}},
        {"a year in [...] computed from the year before is not a cycle",
         plan("input A unit 人\nfn y(x) = if x > 0 then 2023 else 2024\nindicator a unit 人 = a[y(a[year - 1])] + A\n"),
         {}},
    });
}

TEST_CASE("check: targets that move against the indicator's direction are warned about", "[check]") {
    check_diagnostics({
        {"falling yearly targets on a higher-is-better indicator",
         plan("indicator x unit % { 2023: 80  2024: 78 }\n"),
         {{W, 2, 32, "targets for 'x' fall from 80 (2023) to 78 (2024), but it is higher-is-better",
           "“x”的目标从 80（2023年）下降到 78（2024年），但它是越高越好指标", "declare the indicator 'lower'"}}},
        {"rising yearly targets on a lower-is-better indicator",
         plan("indicator x unit % lower { 2023: 5  2024: 6 }\n"),
         {{W, 2, 37, "targets for 'x' rise from 5 (2023) to 6 (2024), but it is lower-is-better",
           "“x”的目标从 5（2023年）上升到 6（2024年），但它是越低越好指标", "remove 'lower'"}}},
        {"at least, on a lower-is-better indicator",
         plan("indicator 失业率 unit % 越低越好 { 2023: >= 4 }\n"),
         {{W, 2, 35, "'失业率' is lower-is-better, but this target is '≥'", "“失业率”是越低越好指标，而此目标是“≥”"}}},
        {"控制在 on a higher-is-better indicator",
         plan("indicator x unit %\n到2025年 x 控制在 80%\n"),
         {{W, 3, 10, "'x' is higher-is-better, but this target is '≤'", "“x”是越高越好指标，而此目标是“≤”"}}},
        {"控制在 0 is not against the direction", plan("indicator x unit 户\n到2025年 x 控制在 0\n"), {}},
        {"达到 on a lower-is-better indicator means at most",
         plan("indicator x unit % lower\n到2025年 x 达到 5%\n"),
         {}},
        {"rising yearly targets on a higher-is-better indicator",
         plan("indicator x unit % { 2023: 78  2024: 80 }\n"),
         {}},
    });
}

namespace {

struct T {
    int year;
    Op op;
    double value;
    std::optional<double> tolerance = std::nullopt;  // nullopt: none written (the default applies)
    std::optional<int> cumulative_from = std::nullopt;
    const char* source = "";
};

void check_targets(const Checked& c, const char* key, const std::vector<T>& expected,
                   const std::vector<Datum>& data = {}) {
    const auto targets = c.targets_of(key);
    REQUIRE(targets.size() == expected.size());
    Run run(c, data);
    for (std::size_t k = 0; k < expected.size(); ++k) {
        const Target& t = *targets[k];
        const T& e = expected[k];
        INFO("target " << k << ": " << t.written);
        CHECK(t.indicator == c.id(key));
        CHECK(t.year == e.year);
        CHECK(t.op == e.op);
        REQUIRE(t.value != nullptr);
        const Value v = run.evaluator().evaluate(*t.value, t.year);
        INFO("value: " << describe(v, c));
        REQUIRE(v.present);
        CHECK(v.number == Approx(e.value).epsilon(1e-12));
        if (e.tolerance) {
            REQUIRE(t.tolerance != nullptr);
            const Value tol = run.evaluator().evaluate(*t.tolerance, t.year);
            REQUIRE(tol.present);
            CHECK(tol.number == Approx(*e.tolerance).epsilon(1e-12));
        } else {
            CHECK(t.tolerance == nullptr);
        }
        CHECK(t.cumulative_from == e.cumulative_from);
        CHECK(t.source == e.source);
    }
}

}  // namespace

TEST_CASE("check: the three target notations lower to the same Target", "[check][targets]") {
    struct Row {
        const char* rules;  // after the plan; the indicator is 普惠托位占比, in %
        TargetForm form;
    };
    const std::vector<Row> rows = {
        {"indicator 普惠托位占比 unit % { 2026: >= 85 }\n", TargetForm::table},
        {"indicator 普惠托位占比 unit % { 2026: 85 }\n", TargetForm::table},  // reach: at least, higher is better
        {"indicator 普惠托位占比 unit % { 2026: 85%以上 }\n", TargetForm::table},
        {"indicator 普惠托位占比 unit %\n普惠托位占比 >= 85 by 2026\n", TargetForm::statement},
        {"indicator 普惠托位占比 unit %\n普惠托位占比 >= 85 in 2026\n", TargetForm::statement},
        {"indicator 普惠托位占比 unit %\n普惠托位占比 ≥ 85% by 2026\n", TargetForm::statement},
        {"indicator 普惠托位占比 unit %\n到2026年 普惠托位占比 不低于 85%\n", TargetForm::statement},
        {"indicator 普惠托位占比 unit %\n到2026年，普惠托位占比不低于85%\n", TargetForm::statement},
        {"indicator 普惠托位占比 unit %\n到2026年底 普惠托位占比 不少于 85％\n", TargetForm::statement},
        {"indicator 普惠托位占比 unit %\n2026年 普惠托位占比 达到 85%\n", TargetForm::statement},
        {"指标 普惠托位占比 \"普惠托位占比\" 单位 %\n到2026年 普惠托位占比 达到 85%以上\n", TargetForm::statement},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.rules) {
            const Checked c(plan(row.rules));
            INFO(c.rendered());
            REQUIRE(c.diags.empty());
            REQUIRE(c.program.targets.size() == 1u);
            CHECK(c.program.targets[0].form == row.form);
            check_targets(c, "普惠托位占比", {{2026, Op::ge, 85}});
        }
    }
}

TEST_CASE("check: what each way of writing a target becomes", "[check][targets]") {
    struct Row {
        const char* name;
        std::string rules;
        const char* key;
        std::vector<T> targets;
        std::vector<Datum> data = {};  // for target values that read data
    };
    const std::vector<Row> rows = {
        {"reach on a lower-is-better indicator is at most",
         plan("indicator u unit % lower\n到2026年 u 达到 5%\n"),
         "u",
         {{2026, Op::le, 5}}},
        {"a table range",
         plan("indicator u unit % 越低越好 { 2023..2025: < 5 }\n"),
         "u",
         {{2023, Op::lt, 5}, {2024, Op::lt, 5}, {2025, Op::lt, 5}}},
        {"every year, with 万",
         plan("indicator x unit 人\nx >= 2万 every year\n"),
         "x",
         {{2023, Op::ge, 20000},
          {2024, Op::ge, 20000},
          {2025, Op::ge, 20000},
          {2026, Op::ge, 20000},
          {2027, Op::ge, 20000}}},
        {"每年",
         plan("indicator x unit 人\n每年 x 达到 2万人以上\n"),
         "x",
         {{2023, Op::ge, 20000},
          {2024, Op::ge, 20000},
          {2025, Op::ge, 20000},
          {2026, Op::ge, 20000},
          {2027, Op::ge, 20000}}},
        {"降至 is at most", plan("indicator u unit % lower\n到2026年，u降至5%\n"), "u",
         {{2026, Op::le, 5}}},
        {"提高到 is at least", plan("indicator u unit %\n到2026年 u 提高到 5%\n"), "u",
         {{2026, Op::ge, 5}}},
        {"力争达到 reaches in the indicator's direction", plan("indicator u unit % lower\n到2026年 u 力争达到 5%\n"),
         "u", {{2026, Op::le, 5}}},
        {"a value in 年 after the number is a duration, not a year",
         plan("indicator y unit 年\n到2027年 y 达到 11.3年\n"),
         "y",
         {{2027, Op::ge, 11.3}}},
        {"a rate's target written with its numerator's unit",
         plan("indicator t unit 个/千人\n到2027年 t 达到 4.5个\n"),
         "t",
         {{2027, Op::ge, 4.5}}},
        {"each year from … to …",
         plan("indicator x unit %\nx >= 92 each year from 2024 to 2026\n"),
         "x",
         {{2024, Op::ge, 92}, {2025, Op::ge, 92}, {2026, Op::ge, 92}}},
        {"保持 is every year up to the stated one",
         plan("indicator x unit %\n到2025年 x 保持在 92%以上\n"),
         "x",
         {{2023, Op::ge, 92}, {2024, Op::ge, 92}, {2025, Op::ge, 92}}},
        {"稳定在…左右 is around, with the default tolerance",
         plan("indicator x unit %\n到2027年 x 稳定在 90%左右\n"),
         "x",
         {{2027, Op::around, 90}}},
        {"左右 with a tolerance, three ways",
         plan("indicator 寿命 unit 岁 {\n  2023: 82 左右 ± 0.5\n  2026: ≈ 82 ± 0.5\n  2027: ~ 82岁 ± 0.5\n}\n"),
         "寿命",
         {{2023, Op::around, 82, 0.5}, {2026, Op::around, 82, 0.5}, {2027, Op::around, 82, 0.5}}},
        {"a tolerance in another unit of the dimension converts",
         plan("indicator w unit 万人\n到2027年 w 稳定在 8.6万人左右 ± 1000人\n"),
         "w",
         {{2027, Op::around, 8.6, 0.1}}},
        {"8.6万 on a 万人 indicator is 8.6 万人",
         plan("indicator w unit 万人\n到2027年 w 达到 8.6万\n"),
         "w",
         {{2027, Op::ge, 8.6}}},
        {"86000人 on a 万人 indicator is 8.6 万人",
         plan("indicator w unit 万人\n到2027年 w 达到 86000人\n"),
         "w",
         {{2027, Op::ge, 8.6}}},
        {"累计 sums from the plan's first year",
         plan("indicator x unit 人\n到2027年 累计 x 达到 6500人\n"),
         "x",
         {{2027, Op::ge, 6500, std::nullopt, 2023}}},
        {"累计 自…起",
         plan("indicator x unit 人次\n到2025年 累计 自2024年起 x 达到 1万人次\n"),
         "x",
         {{2025, Op::ge, 10000, std::nullopt, 2024}}},
        {"cumulative … since …",
         plan("indicator x unit 人\ncumulative x >= 20000 since 2023 by 2025\n"),
         "x",
         {{2025, Op::ge, 20000, std::nullopt, 2023}}},
        {"清零 is equal to 0",
         plan("indicator 危房 unit 户 lower\n到2024年 危房 动态清零\n"),
         "危房",
         {{2024, Op::eq, 0}}},
        {"全覆盖 on a percentage is 100", plan("indicator x unit % { 2024: 全覆盖 }\n"), "x", {{2024, Op::ge, 100}}},
        {"全覆盖 on a count is its declared base",
         plan("input 应参保人数 unit 万人\nindicator 长护险 unit 万人 全覆盖 = 应参保人数 { 2024: 全覆盖 }\n"),
         "长护险",
         {{2024, Op::ge, 5}},
         {{"应参保人数", 2024, 5}}},
        {"控制在…以下", plan("indicator d unit ‰ lower\n到2027年 d 控制在 1‰以下\n"), "d", {{2027, Op::le, 1}}},
        {"a comparator before and after the value",
         plan("indicator x unit %\n到2025年 x 高于 90%以上\n"),
         "x",
         {{2025, Op::gt, 90}}},
        {"等于", plan("indicator x unit 个\n到2025年 x 等于 5个\n"), "x", {{2025, Op::eq, 5}}},
        {"a full-width comparator", plan("indicator x unit 个 lower\nx ＜ 5 by 2025\n"), "x", {{2025, Op::lt, 5}}},
        {"a stage target is that stage or a later one",
         plan("indicator s 阶段 未开展 < 开展试点 < 全覆盖 { 2025: 开展试点  2027: 全覆盖 }\n"),
         "s",
         {{2025, Op::ge, 1}, {2027, Op::ge, 2}}},
        {"a quoted stage in a sentence",
         plan("indicator s stages 未开展 < 开展试点\n到2025年 s 达到 \"开展试点\"\n"),
         "s",
         {{2025, Op::ge, 1}}},
        {"a milestone", plan("indicator h 里程碑 { 2025: 达成 }\n"), "h", {{2025, Op::ge, 1}}},
        {"a paired value: the first part",
         plan("indicator 老年友好 unit 个 分项 镇街 \"老年友好镇街\"、村社 \"老年友好村社\" { 2023: 2(8) }\n"),
         "老年友好.镇街",
         {{2023, Op::ge, 2}}},
        {"a paired value: the second part",
         plan("indicator 老年友好 unit 个 分项 镇街 \"老年友好镇街\"、村社 \"老年友好村社\" { 2023: 2(8) }\n"),
         "老年友好.村社",
         {{2023, Op::ge, 8}}},
        {"a target on one part",
         plan("indicator 老年友好 unit 个 分项 镇街、村社\n到2027年 老年友好.村社 达到 32个以上\n"),
         "老年友好.村社",
         {{2027, Op::ge, 32}}},
        {"分别: the first indicator",
         plan("indicator a unit %\nindicator b unit %\n到2027年 a、b 分别达到 70%、90%以上\n"),
         "a",
         {{2027, Op::ge, 70}}},
        {"分别: the second indicator",
         plan("indicator a unit %\nindicator b unit %\n到2027年 a、b 分别达到 70%、90%以上\n"),
         "b",
         {{2027, Op::ge, 90}}},
        {"one value for several indicators",
         plan("indicator a unit %\nindicator b unit %\n到2024年 a、b 保持 100%\n"),
         "b",
         {{2023, Op::ge, 100}, {2024, Op::ge, 100}}},
        {"the same year from the table and from a source",
         plan("indicator x unit % { 2026: 85 }\n出处 \"正文\" {\n  到2026年 x 达到 86%\n}\n"),
         "x",
         {{2026, Op::ge, 85}, {2026, Op::ge, 86, std::nullopt, std::nullopt, "正文"}}},
        {"a value computed from data",
         plan("input 基数 unit 人\nindicator x unit 人\n到2025年 x 达到 基数[2022] + 10\n"),
         "x",
         {{2025, Op::ge, 110}},
         {{"基数", 2022, 100}}},
        {"a range is at least its low end and at most its high end",
         plan("indicator x unit %\n到2027年 x 80%—85%\n"),
         "x",
         {{2027, Op::ge, 80}, {2027, Op::le, 85}}},
        {"介于 … 和 …, over a table range",
         plan("indicator x unit % { 2023..2024: 介于 80 和 85 }\n"),
         "x",
         {{2023, Op::ge, 80}, {2023, Op::le, 85}, {2024, Op::ge, 80}, {2024, Op::le, 85}}},
        {"a range's ends convert like any value",
         plan("indicator w unit 万人\n到2027年 w 8万人至90000人\n"),
         "w",
         {{2027, Op::ge, 8}, {2027, Op::le, 9}}},
        {"且: each condition is a target",
         plan("input 全国 unit %\nindicator d unit % lower\n到2027年 d 低于 全国，且 不高于 5%\n"),
         "d",
         {{2027, Op::lt, 7}, {2027, Op::le, 5}},
         {{"全国", 2027, 7}}},
        {"逐年下降: lower than the year before, every year up to the target year",
         plan("indicator d unit % lower\n到2025年 d 逐年下降\n"),
         "d",
         {{2023, Op::lt, 10}, {2024, Op::lt, 9}, {2025, Op::lt, 8}},
         {{"d", 2022, 10}, {"d", 2023, 9}, {"d", 2024, 8}}},
        {"近三年逐年下降: the last three values fall",
         plan("indicator d unit % lower\n到2027年 d 近三年逐年下降\n"),
         "d",
         {{2026, Op::lt, 9}, {2027, Op::lt, 8}},
         {{"d", 2025, 9}, {"d", 2026, 8}}},
        {"逐年上升 after 且",
         plan("indicator x unit 张\n到2024年 x 达到 5，且逐年上升\n"),
         "x",
         {{2023, Op::gt, 4}, {2024, Op::ge, 5}, {2024, Op::gt, 4.5}},
         {{"x", 2022, 4}, {"x", 2023, 4.5}}},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.name) {
            INFO("rules:\n" << row.rules);
            const Checked c(row.rules);
            INFO(c.rendered());
            REQUIRE(c.diags.empty());
            check_targets(c, row.key, row.targets, row.data);
        }
    }
}

TEST_CASE("check: facts of the indicators", "[check]") {
    struct Row {
        const char* name;
        std::string rules;
        const char* key;
        IndicatorKind kind;
        const char* unit;  // compared with parse_unit(unit)
        ast::Direction direction = ast::Direction::higher;
        std::optional<double> baseline = std::nullopt;
        int baseline_year = 2022;
        const char* display = nullptr;  // the display name, when it differs from the key
        std::vector<std::string> stages = {};
        bool name_is_key = true;  // a part's generated name is no data key
    };
    const std::vector<Row> rows = {
        {"a reported indicator with all attributes", plan("indicator x \"显示名\" unit 万人 lower { baseline 75 }\n"),
         "x", IndicatorKind::reported, "万人", ast::Direction::lower, 75, 2022, "显示名"},
        {"found by its display name too", plan("indicator x \"显示名\" unit 万人 lower { baseline 75 }\n"), "显示名",
         IndicatorKind::reported, "万人", ast::Direction::lower, 75, 2022, "显示名"},
        {"Chinese keywords", plan("指标 失业率 \"城镇调查失业率\" 单位 % 越低越好 { 基线 4.7 }\n"), "失业率",
         IndicatorKind::reported, "%", ast::Direction::lower, 4.7, 2022, "城镇调查失业率"},
        {"a baseline with its own year", plan("indicator x unit % { baseline 2021: 70 }\n"), "x",
         IndicatorKind::reported, "%", ast::Direction::higher, 70, 2021},
        {"a baseline with a unit converts", plan("indicator w unit 万人 { baseline 86000人 }\n"), "w",
         IndicatorKind::reported, "万人", ast::Direction::higher, 8.6},
        {"a qualitative baseline is no number", plan("indicator x unit % { 基线 \"开展试点\" }\n"), "x",
         IndicatorKind::reported, "%"},
        {"an input", plan("input 常住人口 \"常住人口数\" unit 万人\n"), "常住人口", IndicatorKind::input, "万人",
         ast::Direction::higher, std::nullopt, 2022, "常住人口数"},
        {"a derived indicator takes its formula's unit",
         plan("input A unit 人\ninput B unit 人\nindicator r = 占比(A, B)\n"), "r", IndicatorKind::derived, "%"},
        {"a derived count per thousand",
         plan("input 托位 unit 个\ninput 人口 unit 人\nindicator t = 每千(托位, 人口)\n"), "t", IndicatorKind::derived,
         "个/千人"},
        {"a derived indicator in a declared unit of the same dimension",
         plan("input A unit 人\nindicator w unit 万人 = A\n"), "w", IndicatorKind::derived, "万人"},
        {"a staged indicator",
         plan("indicator s 阶段 未开展 < 开展试点 < 全覆盖 { 基线 开展试点 }\n"),
         "s",
         IndicatorKind::reported,
         "",
         ast::Direction::higher,
         1,
         2022,
         nullptr,
         {"未开展", "开展试点", "全覆盖"}},
        {"a milestone",
         plan("indicator h 里程碑 { 基线 未达成 }\n"),
         "h",
         IndicatorKind::reported,
         "",
         ast::Direction::higher,
         0,
         2022,
         nullptr,
         {"未达成", "达成"}},
        {"a paired indicator is a group",
         plan("indicator 老年友好 unit 个 分项 镇街 \"老年友好镇街\"、村社 \"老年友好村社\" { 基线 1(3) }\n"),
         "老年友好", IndicatorKind::group, "个"},
        {"a part inherits the unit and takes half of the paired baseline",
         plan("indicator 老年友好 unit 个 分项 镇街 \"老年友好镇街\"、村社 \"老年友好村社\" { 基线 1(3) }\n"),
         "老年友好.村社", IndicatorKind::reported, "个", ast::Direction::higher, 3, 2022, "老年友好村社"},
        {"a part without a display name is named after the group",
         plan("indicator 老年友好 \"老年友好镇街、村社\" unit 个 lower 分项 镇街、村社\n"),
         "老年友好.镇街",
         IndicatorKind::reported,
         "个",
         ast::Direction::lower,
         std::nullopt,
         2022,
         "老年友好镇街、村社（镇街）",
         {},
         false},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.name) {
            INFO("rules:\n" << row.rules);
            const Checked c(row.rules);
            INFO(c.rendered());
            REQUIRE(c.diags.empty());
            const Indicator& i = c.indicator(row.key);
            CHECK(i.id == c.id(row.key));
            CHECK(i.kind == row.kind);
            INFO("unit: " << i.unit.name());
            CHECK(i.unit == parse_unit(row.unit));
            CHECK(i.direction == row.direction);
            CHECK(i.baseline == row.baseline);
            if (row.baseline) CHECK(i.baseline_year == row.baseline_year);  // the year of a baseline given
            if (row.display) CHECK(i.name == row.display);
            CHECK(i.stages == row.stages);
            CHECK(c.has(i.key));
            CHECK(c.has(i.name) == row.name_is_key);
            CHECK((i.formula != nullptr) == (row.kind == IndicatorKind::derived));
        }
    }
}

TEST_CASE("check: paired indicators have their parts, in order", "[check]") {
    const Checked c(
        plan("indicator 老年友好 unit 个 分项 镇街 \"老年友好镇街\"、村社 \"老年友好村社\" { 基线 1(3) }\n"));
    INFO(c.rendered());
    REQUIRE(c.diags.empty());
    const Indicator& group = c.indicator("老年友好");
    REQUIRE(group.parts.size() == 2u);
    CHECK(group.parts[0] == c.id("老年友好.镇街"));
    CHECK(group.parts[1] == c.id("老年友好.村社"));
    CHECK(c.id("老年友好镇街") == group.parts[0]);  // a part's display name is a key too
    for (const IndicatorId part : group.parts) {
        CHECK(c.program.indicator(part).group == std::optional<IndicatorId>(group.id));
    }
    CHECK(c.program.indicator(group.parts[0]).baseline == std::optional<double>(1));
    CHECK_FALSE(group.group.has_value());
    CHECK_FALSE(group.baseline.has_value());
    CHECK(c.program.indicators.size() == 3u);
}

TEST_CASE("check: domains and lead departments", "[check]") {
    struct DomainFact {
        const char* name;
        std::vector<std::string> leads;
        std::vector<LeadId> lead_ids;
    };
    struct LeadFact {
        const char* name;
        std::vector<DomainId> domains;
    };
    struct Row {
        const char* name;
        std::string rules;
        std::vector<DomainFact> domains;
        std::vector<LeadFact> leads;
        std::vector<std::pair<const char*, std::optional<DomainId>>> indicator_domains;
    };
    const std::vector<Row> rows = {
        {"two domains sharing a lead department",
         plan("domain 甲 lead 局一、局二 { indicator a unit 人 }\n领域 乙（牵头单位：局二）{ indicator b unit 人 }\n"),
         {{"甲", {"局一", "局二"}, {0, 1}}, {"乙", {"局二"}, {1}}},
         {{"局一", {0}}, {"局二", {0, 1}}},
         {{"a", 0}, {"b", 1}}},
        {"a domain opened again without a lead keeps it",
         plan("domain 甲 lead 局一 { indicator a unit 人 }\ndomain 甲 { indicator b unit 人 }\n"),
         {{"甲", {"局一"}, {0}}},
         {{"局一", {0}}},
         {{"a", 0}, {"b", 0}}},
        {"牵头单位 after the name, and an indicator outside any domain",
         plan("领域 劳有所得 牵头单位 区人力社保局、区医保分局 { indicator a unit 人 }\nindicator b unit 人\n"),
         {{"劳有所得", {"区人力社保局", "区医保分局"}, {0, 1}}},
         {{"区人力社保局", {0}}, {"区医保分局", {0}}},
         {{"a", 0}, {"b", std::nullopt}}},
        {"a domain without a lead", plan("domain 甲 { indicator a unit 人 }\n"), {{"甲", {}, {}}}, {}, {{"a", 0}}},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.name) {
            INFO("rules:\n" << row.rules);
            const Checked c(row.rules);
            INFO(c.rendered());
            REQUIRE(c.diags.empty());
            REQUIRE(c.program.domains.size() == row.domains.size());
            for (std::size_t k = 0; k < row.domains.size(); ++k) {
                INFO("domain " << k);
                CHECK(c.program.domains[k].name == row.domains[k].name);
                CHECK(c.program.domains[k].leads == row.domains[k].leads);
                CHECK(c.program.domains[k].lead_ids == row.domains[k].lead_ids);
            }
            REQUIRE(c.program.leads.size() == row.leads.size());
            for (std::size_t k = 0; k < row.leads.size(); ++k) {
                INFO("lead " << k);
                CHECK(c.program.leads[k].name == row.leads[k].name);
                CHECK(c.program.leads[k].domains == row.leads[k].domains);
            }
            for (const auto& [key, domain] : row.indicator_domains) {
                INFO("indicator " << key);
                CHECK(c.indicator(key).domain == domain);
            }
        }
    }
}

TEST_CASE("check: the plan and the size of the program", "[check]") {
    struct Row {
        const char* name;
        std::string rules;
        std::size_t indicators;
        std::size_t targets;
        int baseline_year;
        int first_year;
        int last_year;
        const char* region;
    };
    const std::vector<Row> rows = {
        {"an empty plan", plan(""), 0, 0, 2022, 2023, 2027, "测试区"},
        {"the baseline year defaults to the year before the period", "plan \"p\" { period 2021..2025 }\n", 0, 0, 2020,
         2021, 2025, ""},
        {"Chinese keywords", "规划 \"方案\" {\n  地区 洞头区\n  基线年 2022\n  规划期 2023..2027\n}\n", 0, 0, 2022,
         2023, 2027, "洞头区"},
        {"inputs, indicators, parts and targets",
         plan("input A unit 人\n"
              "indicator x unit % { 2023..2025: >= 80 }\n"
              "indicator 老年友好 unit 个 分项 镇街、村社 { 2027: 7(30) }\n"
              "到2027年 x 达到 90%\n"
              "indicator d unit 人 = A * 2 { 2027: >= 10 }\n"),
         6, 7, 2022, 2023, 2027, "测试区"},  // targets: x 3 + 1, the parts 2, d 1
        {"a repeated target is kept once", plan("indicator x unit % { 2026: >= 85 }\nx >= 85 by 2026\n"), 1, 1, 2022,
         2023, 2027, "测试区"},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.name) {
            INFO("rules:\n" << row.rules);
            const Checked c(row.rules);
            INFO(c.rendered());
            REQUIRE_FALSE(c.diags.has_errors());
            CHECK(c.program.indicators.size() == row.indicators);
            CHECK(c.program.targets.size() == row.targets);
            CHECK(c.program.plan.baseline_year == row.baseline_year);
            CHECK(c.program.plan.first_year == row.first_year);
            CHECK(c.program.plan.last_year == row.last_year);
            CHECK(c.program.plan.region == row.region);
        }
    }
}

TEST_CASE("check: 左右 bounds one side unless the plan holds a level or writes ±; its tolerance's origin",
          "[check][targets]") {
    struct Row {
        const char* name;
        std::string rules;  // the indicator is x
        Band band;
        ToleranceFrom from;
        double share;                     // when the tolerance is a share of the target value
        std::optional<double> amount;     // when it is an amount in the indicator's unit
    };
    const std::vector<Row> rows = {
        {"稳定在…左右, higher is better: at least", plan("indicator x unit %\n到2027年 x 稳定在 90%左右\n"),
         Band::at_least, ToleranceFrom::standard, kDefaultAroundTolerance, std::nullopt},
        {"约, lower is better: at most", plan("indicator x unit % lower\n到2027年 x 约 5%\n"), Band::at_most,
         ToleranceFrom::standard, kDefaultAroundTolerance, std::nullopt},
        {"保持在…左右 holds a level: both sides", plan("indicator x unit %\n到2023年 x 保持在 50%左右\n"), Band::both,
         ToleranceFrom::standard, kDefaultAroundTolerance, std::nullopt},
        {"控制在…左右 holds a level: both sides", plan("indicator x unit % lower\n到2023年 x 控制在 12%左右\n"),
         Band::both, ToleranceFrom::standard, kDefaultAroundTolerance, std::nullopt},
        {"an explicit ± alone: both sides, the rule's", plan("indicator x unit % { 2023: 90 ± 2 }\n"), Band::both,
         ToleranceFrom::rule, 0, 2.0},
        {"the plan's 容差 3%",
         "plan \"p\" { region 测试区  baseline 2022  period 2023..2027  容差 3% }\nindicator x unit %\n到2023年 x 约 "
         "80%\n",
         Band::at_least, ToleranceFrom::plan, 0.03, std::nullopt},
        {"the indicator's 容差 0.5 before the plan's",
         "plan \"p\" { region 测试区  baseline 2022  period 2023..2027  tolerance 3% }\nindicator x unit % { 容差 0.5 "
         "}\n到2023年 x 约 80%\n",
         Band::at_least, ToleranceFrom::indicator, 0, 0.5},
        {"the indicator's tolerance 5%", plan("indicator x unit % { tolerance 5%  2023: around 80 }\n"),
         Band::at_least, ToleranceFrom::indicator, 0.05, std::nullopt},
        {"a tolerance in another unit converts", plan("indicator x unit 万人 { 容差 1000人  2023: 8.6 左右 }\n"),
         Band::at_least, ToleranceFrom::indicator, 0, 0.1},
        {"a rule file's verb that holds a level", plan("动词 稳住在 水平\nindicator x unit %\n到2023年 x 稳住在 90%左右\n"),
         Band::both, ToleranceFrom::standard, kDefaultAroundTolerance, std::nullopt},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.name) {
            INFO(row.rules);
            const Checked c(row.rules);
            REQUIRE(c.reported().empty());
            const auto targets = c.targets_of("x");
            REQUIRE(targets.size() == 1);
            const Target& t = *targets.front();
            CHECK(t.op == Op::around);
            CHECK(t.band == row.band);
            CHECK(t.tolerance_from == row.from);
            if (row.amount) {
                REQUIRE(t.tolerance != nullptr);
                Run run(c, {});
                CHECK(run.evaluator().evaluate(*t.tolerance, t.year).number == Approx(*row.amount));
            } else {
                CHECK(t.tolerance == nullptr);
                CHECK(t.tolerance_share == Approx(row.share));
            }
        }
    }
}

TEST_CASE("check: equality and computed targets compare at a precision", "[check][targets]") {
    const Checked c(plan("input s unit 元\nindicator a unit 元 { 2023: = 2083 }\nindicator b unit 元 { 2023: >= s / 12 }\n"
                         "indicator d unit 元 { 2023: >= 2083 }\nindicator e unit 万元 { 精度 1元  2023: >= 1 }\n"));
    REQUIRE(c.reported().empty());
    CHECK(c.targets_of("a").front()->rounding == Rounding::as_data);
    CHECK(c.targets_of("b").front()->rounding == Rounding::as_data);
    CHECK(c.targets_of("d").front()->rounding == Rounding::exact);
    const Target& e = *c.targets_of("e").front();
    CHECK(e.rounding == Rounding::step);
    CHECK(e.rounding_step == Approx(0.0001));
}

TEST_CASE("check: tolerance and precision settings that cannot be used", "[check]") {
    check_diagnostics({
        {"a plan's tolerance without %",
         "plan \"p\" { region 测试区  baseline 2022  period 2023..2027  容差 0.5 }\n",
         {{E, 1, 58, "a plan's tolerance is a share of each target value", "规划的容差是各目标值的百分比"}}},
        {"a tolerance in a unit of another dimension",
         plan("indicator x unit % { 容差 3人 }\n"),
         {{E, 2, 22, "a tolerance in 人 does not fit 'x'", "容差不适用于"}}},
        {"a precision of 0",
         plan("indicator x unit 元 { 精度 0 }\n"),
         {{E, 2, 22, "a precision is a step greater than 0", "精度是大于 0 的步长"}}},
        {"a tolerance declared twice",
         plan("indicator x unit % { 容差 3%  容差 2% }\n"),
         {{E, 2, 29, "the tolerance is declared twice", "容差重复声明"}}},
    });
}
