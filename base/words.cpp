#include "base/words.hpp"

#include <array>
#include <string_view>

namespace dabiao {

namespace {

struct Entry {
    Word word;
    std::string_view en;
    std::string_view zh;
};

constexpr Entry kWords[] = {
    {Word::colon, ": ", "："},
    {Word::colon_eol, ":", "："},
    {Word::comma, ", ", "，"},
    {Word::name_comma, ", ", "、"},
    {Word::status_met, "met", "达标"},
    {Word::status_missed, "missed", "未达标"},
    {Word::status_no_data, "no data", "缺数据"},
    {Word::status_not_due, "not due", "未到期"},
    {Word::col_indicator, "indicator", "指标"},
    {Word::col_year, "year", "年份"},
    {Word::col_target, "target", "目标"},
    {Word::col_actual, "actual", "实际"},
    {Word::col_gap, "gap", "差距"},
    {Word::col_status, "status", "状态"},
    {Word::col_progress, "progress", "进度"},
    {Word::col_rule, "rule", "规则"},
    {Word::outside_domains, "Indicators outside any domain", "未归入领域的指标"},
    {Word::by_lead, "by lead department", "按牵头单位"},
    {Word::by_tag, "by tag", "按标签"},
    {Word::subtotal, "subtotal", "小计"},
    {Word::total, "total", "合计"},
    {Word::data_used, "used", "使用"},
    {Word::data_unused, "not read by any target", "未被任何目标读取"},
    {Word::data_missing, "missing (null or empty)", "缺失（null 或空）"},
    {Word::data_unknown, "unknown indicator", "未知指标"},
    {Word::data_outside_period, "outside the plan period", "规划期外"},
    {Word::data_duplicate, "duplicate", "重复"},
    {Word::data_derived, "for derived indicators (ignored)", "派生指标的数值（忽略）"},
    {Word::data_invalid, "invalid", "无效"},
    {Word::progress_achieved, "already met", "已提前达标"},
    {Word::progress_on_track, "on track", "进度正常"},
    {Word::progress_needs_acceleration, "needs acceleration", "需加快"},
    {Word::progress_limited, "limited progress", "进展有限"},
    {Word::progress_moving_away, "moving away", "逆向变化"},
    {Word::progress_cannot_assess, "cannot assess", "无法评估"},
    {Word::method_growth, "growth ratio (Open SDG)", "增长率比（Open SDG）"},
    {Word::method_linear, "linear pace (序时进度)", "序时进度比"},
    {Word::actual_value, "actual value", "实际值"},
    {Word::target_value, "target value", "目标值"},
    {Word::verdict, "verdict", "结论"},
    {Word::holds, "holds", "成立"},
    {Word::does_not_hold, "does not hold", "不成立"},
    {Word::is_true, "true", "成立"},
    {Word::is_false, "false", "不成立"},
    {Word::not_in_data, "not in the data", "数据中没有此值"},
    {Word::col_rank, "rank", "排名"},
    {Word::col_region, "region", "地区"},
    {Word::col_due, "due", "应考核"},
    {Word::col_rate, "rate", "达标率"},
    {Word::by_domain, "by domain", "分领域"},
    {Word::by_lead_compared, "by lead department", "分牵头单位"},
    {Word::by_indicator, "by indicator", "分指标"},
    {Word::col_domain, "domain", "领域"},
    {Word::col_lead, "lead", "牵头单位"},
    {Word::col_name, "name", "名称"},
    {Word::col_indicator_name, "name", "指标名称"},
    {Word::col_condition, "condition", "目标条件"},
    {Word::col_target_value, "target", "目标值"},
    {Word::col_actual_value, "actual", "实际值"},
    {Word::col_unit, "unit", "单位"},
    {Word::col_completion, "completion (%)", "完成率(%)"},
    {Word::col_status_key, "status_key", "状态代码"},
    {Word::col_note, "note", "说明"},
    {Word::col_provenance, "provenance", "数据来源"},
    {Word::col_scope, "scope", "范围"},
    {Word::scope_all, "all", "全部"},
    {Word::baseline, "baseline", "基线"},
    {Word::regions, "regions", "地区"},
    {Word::as_of_year, "as of", "截至年份"},
    {Word::plan, "plan", "方案"},
    {Word::generated, "generated", "生成时间"},
    {Word::data_sources, "data", "数据来源"},
    {Word::explain_trace, "how this was judged", "判定过程"},
    {Word::share_met_by_domain, "Share met by domain", "各领域达标率"},
    {Word::sheet_summary, "Summary", "汇总"},
    {Word::sheet_verdicts, "Verdicts", "明细"},
    {Word::sheet_comparison, "Comparison", "晾晒"},
    {Word::sheet_about, "About", "说明"},
    {Word::language_tag, "en", "zh-CN"},
    {Word::hover_higher, "higher is better", "越高越好"},
    {Word::hover_lower, "lower is better", "越低越好"},
    {Word::hover_targets, "targets", "目标"},
    {Word::hover_no_targets, "no targets", "无目标"},
    {Word::hover_input, "input (data without targets of its own)", "输入（无自身目标的数据）"},
    {Word::hover_derived, "computed by a formula", "由公式计算"},
    {Word::hover_function, "function", "函数"},
    {Word::hover_builtin, "built-in function", "内置函数"},
    {Word::hover_parameter, "parameter", "参数"},
    {Word::hover_import, "imported file", "导入的文件"},
    {Word::verb, "verb", "动词"},
    {Word::hint, "hint", "提示"},
    {Word::type_condition, "a condition", "条件"},
    {Word::type_stage, "a stage", "阶段"},
    {Word::type_year, "a year", "年份"},
    {Word::type_value, "a value", "值"},
    {Word::type_plain_number, "a plain number", "普通数值"},
    {Word::type_ratio, "a ratio", "比值"},
    {Word::col_tag, "tag", "标签"},
};

// One entry per word, in the enum's order, so word() is an index.
constexpr bool in_order() {
    for (std::size_t k = 0; k < std::size(kWords); ++k) {
        if (kWords[k].word != static_cast<Word>(k)) return false;
    }
    return true;
}
static_assert(std::size(kWords) == static_cast<std::size_t>(Word::count), "every word has one entry");
static_assert(in_order(), "kWords lists the words in the enum's order");

}  // namespace

const Text& word(Word w) {
    static const auto table = [] {
        std::array<Text, std::size(kWords)> t;
        for (std::size_t k = 0; k < t.size(); ++k) t[k] = {std::string(kWords[k].en), std::string(kWords[k].zh)};
        return t;
    }();
    return table.at(static_cast<std::size_t>(w));
}

namespace phrase {

Text as_of(int year) {
    return bilingual("as of {}", "截至 {} 年", year);
}

Text as_of_matched(int year, std::size_t values) {
    return bilingual("as of {} ({} data values matched)", "截至 {} 年（匹配数据 {} 个值）", year, values);
}

Text in_parentheses(const std::string& s) {
    return bilingual(" ({})", "（{}）", s);
}

Text summary_counts(std::size_t met, std::size_t missed, std::size_t no_data, std::size_t not_due) {
    return bilingual("met {}, missed {}, no data {}, not due {}", "达标 {}，未达标 {}，缺数据 {}，未到期 {}", met,
                     missed, no_data, not_due);
}

Text lead_domains(const std::string& lead, const Text& domains, const std::string& summary) {
    return {fmt::format("{} ({}): {}", lead, domains.en, summary),
            fmt::format("{}（{}）：{}", lead, domains.zh, summary)};
}

Text domain_lead(const std::string& leads) {
    return bilingual(" (lead: {})", "（牵头单位：{}）", leads);
}

Text data_read(std::size_t values, const std::string& parts) {
    return {fmt::format("data: {} value{} read: {}", values, values == 1 ? "" : "s", parts),
            fmt::format("数据：读取 {} 个值：{}", values, parts)};
}

Text plan_source(const std::string& source) {
    return bilingual(" (source {})", "（出处 {}）", source);
}

Text no_value(const std::string& why) {
    return bilingual("no value ({})", "无值（{}）", why);
}

Text completion(const std::string& rate) {
    return bilingual("completion {}%", "完成率 {}%", rate);
}

Text in_year(int year) {
    return bilingual(" (in {})", "（{}年）", year);
}

Text explain_target(const std::string& name, const std::string& key, int year, const std::string& condition) {
    return bilingual("target: {} ({}) in {}: {}", "目标：{}（{}）{} 年 {}", name, key, year, condition);
}

Text explain_rule(const std::string& rule, const std::string& written, const std::string& source) {
    const Text from = source.empty() ? Text{} : plan_source(source);
    return {fmt::format("rule: {}  \"{}\"{}", rule, written, from.en),
            fmt::format("规则：{}  「{}」{}", rule, written, from.zh)};
}

Text explain_as_of(int year) {
    return bilingual("as of: {}", "截至：{} 年", year);
}

Text latest_value(int year) {
    return bilingual("latest value ({})", "最新值（{}年）", year);
}

Text comparison_around(const std::string& actual, const std::string& expected, const std::string& difference,
                       const std::string& tolerance, const std::string& holds) {
    return bilingual("comparison: |{} - {}| = {}, tolerance {} → {}", "比较：|{} − {}| = {}，容差 {} → {}", actual,
                     expected, difference, tolerance, holds);
}

Text comparison(const std::string& actual, std::string_view op, const std::string& expected, const std::string& holds) {
    return bilingual("comparison: {} {} {} → {}", "比较：{} {} {} → {}", actual, op, expected, holds);
}

Text verdict_no_data(const std::string& missing) {
    return bilingual("verdict: no data ({})", "结论：缺数据（{}）", missing);
}

Text verdict_not_due(int due, int as_of) {
    return bilingual("verdict: not due (due in {}, as of {})", "结论：未到期（{} 年到期，截至 {} 年）", due, as_of);
}

Text no_baseline(int base_year) {
    return bilingual(" (no baseline: declare one in the rules or submit {} data)",
                     "（没有基线：请在规则中声明 基线，或提交 {} 年的数据）", base_year);
}

Text no_data_after(int base_year) {
    return bilingual(" (no data after {} yet)", "（{} 年之后还没有数据）", base_year);
}

Text baseline_and_latest(const std::string& base, int base_year, const std::string& latest, int latest_year) {
    return bilingual("; baseline {} ({}), latest {} ({})", "；基线 {}（{}年），最新 {}（{}年）", base, base_year,
                     latest, latest_year);
}

Text ratio_explained(const Text& method, const std::string& ratio) {
    return {
        fmt::format("; {} R = {} (≥0.95 on track, 0.6–0.95 needs acceleration, 0–0.6 limited, <0 moving away)",
                    method.en, ratio),
        fmt::format("；{} R = {}（≥0.95 进度正常，0.6–0.95 需加快，0–0.6 进展有限，<0 逆向变化）", method.zh, ratio)};
}

Text pace(const std::string& time_percent, const std::string& done_percent) {
    return bilingual("pace: {}% of the time gone, {}% of the way done", "序时进度：时间已过 {}%，完成 {}%",
                     time_percent, done_percent);
}

Text growth_rates(const std::string& observed, int observed_years, const std::string& required, int required_years,
                  const std::string& ratio) {
    return bilingual("growth per year: {}% observed (baseline to latest, {} years), {}% required (baseline to "
                     "target, {} years); R = {} / {} = {}",
                     "年均增长率：实际 {}%（基线至最新值，{} 年），所需 {}%（基线至目标值，{} 年）；R = {} / {} = {}",
                     observed, observed_years, required, required_years, observed, required, ratio);
}

Text regions_compared(int as_of) {
    return bilingual("Regions compared (as of {})", "地区比较（截至 {} 年）", as_of);
}

Text comparison_due(int as_of) {
    return bilingual("Comparison (as of {}, targets due)", "晾晒（截至 {} 年，已到期目标）", as_of);
}

Text verdict_summary(const std::string& region, const std::string& name, int year, const Text& status,
                     const Text& condition, const Text& actual) {
    return {fmt::format("{}: {} {} {}: target {}, actual {}", region, name, year, status.en, condition.en, actual.en),
            fmt::format("{}：{} {}年{}：目标 {}，实际 {}", region, name, year, status.zh, condition.zh, actual.zh)};
}

Text gap_suffix(const std::string& gap) {
    return bilingual(", gap {}", "，差距 {}", gap);
}

Text completion_formula(bool lower_is_better, const std::string& numerator, const std::string& denominator,
                        const std::string& result) {
    return {fmt::format("completion = {} = {} / {} = {}", lower_is_better ? "target / actual" : "actual / target",
                        numerator, denominator, result),
            fmt::format("完成率 = {} = {} / {} = {}", lower_is_better ? "目标 / 实际" : "实际 / 目标", numerator,
                        denominator, result)};
}

Text share_formula(const std::string& actual, const std::string& base, const std::string& target,
                   const std::string& result, int base_year) {
    return bilingual(
        "share from the baseline = (actual - baseline) / (target - baseline) = ({} - {}) / ({} - {}) = {} (baseline {})",
        "自基线进度 = (实际 − 基线) / (目标 − 基线) = ({} − {}) / ({} − {}) = {}（基线 {} 年）", actual, base, target, base,
        result, base_year);
}

Text tests_updated(std::size_t expectations) {
    return bilingual("{} expectations", "{} 条预期结果", expectations);
}

Text tests_summary(std::size_t files, std::size_t passed, std::size_t failed, std::size_t broken) {
    return bilingual("{} test files: {} passed, {} failed, {} with errors", "{} 个测试文件：通过 {}，失败 {}，出错文件 {}",
                     files, passed, failed, broken);
}

Text not_formatted(const std::string& path) {
    return bilingual("{}: not formatted", "{}：格式需要调整", path);
}

Text lint_summary(const std::string& file, std::size_t warnings, std::size_t suppressed) {
    const Text off = suppressed == 0 ? Text{}
                                     : bilingual(", {} switched off by pragmas", "，{} 条已由指令关闭", suppressed);
    return {fmt::format("{}: {} warning{}{}", file, warnings, warnings == 1 ? "" : "s", off.en),
            fmt::format("{}：{} 条提示{}", file, warnings, off.zh)};
}

Text rules_ok(const std::string& file, std::size_t indicators, std::size_t inputs, std::size_t targets) {
    const Text with_inputs = inputs == 0 ? Text{} : bilingual(" (and {} inputs)", "（另有 {} 个输入数据项）", inputs);
    return {fmt::format("{}: rules OK, {} indicators{}, {} targets", file, indicators, with_inputs.en, targets),
            fmt::format("{}：规则有效，{} 个指标{}，{} 个目标", file, indicators, with_inputs.zh, targets)};
}

Text imported_problems(const std::string& file, std::size_t errors, std::size_t warnings, std::size_t notes,
                       bool nested) {
    std::string en;
    std::string zh;
    const auto count = [&](std::size_t n, std::string_view one, std::string_view many, std::string_view measure) {
        if (n == 0) return;
        en += fmt::format("{}{} {}", en.empty() ? "" : ", ", n, n == 1 ? one : many);
        zh += fmt::format("{}{} {}", zh.empty() ? "" : "、", n, measure);
    };
    count(errors, "error", "errors", "个错误");
    count(warnings, "warning", "warnings", "条警告");
    count(notes, "note", "notes", "条说明");
    return {fmt::format("the imported file {}{} has {}", file, nested ? " (with the files it imports)" : "", en),
            fmt::format("导入的文件“{}”{}有 {}", file, nested ? "（含其导入的文件）" : "", zh)};
}

Text more_of_kind(std::size_t more, const Text& first) {
    return {fmt::format("… and {} more like: {}", more, first.en), fmt::format("……另有 {} 条同类：{}", more, first.zh)};
}

Text tolerance_origin(std::string_view from) {
    if (from == "plan") return {"set by the plan", "规划设定"};
    if (from == "indicator") return {"set by the indicator", "指标设定"};
    if (from == "rule") return {"written in the rule", "规则写明"};
    return {"default", "默认"};
}

Text tolerance_stated(const std::string& amount, const Text& origin) {
    return {fmt::format("tolerance ±{}, {}", amount, origin.en), fmt::format("容差 ±{}，{}", amount, origin.zh)};
}

Text comparison_one_side(const std::string& actual, std::string_view op, const std::string& expected,
                         std::string_view sign, const std::string& tolerance, const std::string& bound,
                         const std::string& holds) {
    return bilingual("comparison: {} {} {} {} {} = {} → {}", "比较：{} {} {} {} {} = {} → {}", actual, op, expected,
                     sign, tolerance, bound, holds);
}

Text compared_at_precision(const std::string& step, const std::string& actual, const std::string& expected) {
    return bilingual("precision {}: actual {}, target {} after rounding", "精度 {}：取整后 实际值 {}，目标值 {}", step,
                     actual, expected);
}

Text strictly(std::string_view op) {
    if (op == "<") return {"must be strictly less", "需严格小于"};
    return {"must be strictly greater", "需严格大于"};
}

}  // namespace phrase

}  // namespace dabiao
