// The catalogue of the fixed words and phrases of the reports and the command line, each in both
// languages. A renderer takes a Text from here and picks one with .in(lang); nothing else writes
// these words, so the two languages cannot drift apart.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"

namespace dabiao {

// A Text from two format strings over the same arguments (checked at compile time).
template <typename... Args>
Text bilingual(fmt::format_string<Args...> en, fmt::format_string<Args...> zh, Args&&... args) {
    return {fmt::vformat(fmt::string_view(en), fmt::make_format_args(args...)),
            fmt::vformat(fmt::string_view(zh), fmt::make_format_args(args...))};
}

enum class Word : std::size_t {
    // punctuation that differs between the languages
    colon,       // "：" / ": " after a label
    colon_eol,   // "：" / ":" after a label that ends its line
    comma,       // "，" / ", " between the items of a list
    name_comma,  // "、" / ", " between names
    // the verdicts
    status_met,
    status_missed,
    status_no_data,
    status_not_due,
    // the columns of the text report
    col_indicator,
    col_year,
    col_target,
    col_actual,
    col_gap,
    col_status,
    col_progress,
    col_rule,
    // the text report's headings
    outside_domains,
    by_lead,
    by_tag,
    subtotal,
    total,
    // the parts of the data accounting
    data_used,
    data_unused,
    data_missing,
    data_unknown,
    data_outside_period,
    data_duplicate,
    data_derived,
    data_invalid,
    // progress classes (judge/progress.hpp) and methods
    progress_achieved,
    progress_on_track,
    progress_needs_acceleration,
    progress_limited,
    progress_moving_away,
    progress_cannot_assess,
    method_growth,
    method_linear,
    // explain
    actual_value,
    target_value,
    verdict,
    holds,
    does_not_hold,
    is_true,
    is_false,
    not_in_data,
    // the comparison of regions
    col_rank,
    col_region,
    col_due,
    col_rate,
    by_domain,
    by_lead_compared,
    by_indicator,
    // the columns and labels of the file reports (CSV, XLSX, HTML, Markdown, the template)
    col_domain,
    col_lead,
    col_name,
    col_indicator_name,
    col_condition,
    col_target_value,
    col_actual_value,
    col_unit,
    col_completion,
    col_status_key,
    col_note,
    col_provenance,
    col_scope,
    scope_all,
    baseline,
    regions,
    as_of_year,
    plan,
    generated,
    data_sources,
    explain_trace,
    share_met_by_domain,
    sheet_summary,
    sheet_verdicts,
    sheet_comparison,
    sheet_about,
    language_tag,  // the page's language: "en" / "zh-CN"
    // the language server's hover (dabiao lsp)
    hover_higher,
    hover_lower,
    hover_targets,
    hover_no_targets,
    hover_input,
    hover_derived,
    hover_function,
    hover_builtin,
    hover_parameter,
    hover_import,
    verb,
    // diagnostics
    hint,
    // what a value is, in messages about types
    type_condition,
    type_stage,
    type_year,
    type_value,
    type_plain_number,
    type_ratio,
    col_tag,

    count  // not a word: how many there are
};

const Text& word(Word w);

// Phrases with arguments.
namespace phrase {

Text as_of(int year);                       // 截至 2025 年
Text as_of_matched(int year, std::size_t values);  // 截至 2025 年（匹配数据 13 个值）
Text in_parentheses(const std::string& s);  // （…） / " (…)"
Text summary_counts(std::size_t met, std::size_t missed, std::size_t no_data, std::size_t not_due);
Text lead_domains(const std::string& lead, const Text& domains, const std::string& summary);
Text domain_lead(const std::string& leads);                    // （牵头单位：…）
Text data_read(std::size_t values, const std::string& parts);  // 数据：读取 N 个值：…
Text plan_source(const std::string& source);                   // （出处 …）
Text no_value(const std::string& why);                         // 无值（…）
Text completion(const std::string& rate);                      // 完成率 80%
Text in_year(int year);                                        // （2024年） / " (in 2024)"
Text explain_target(const std::string& name, const std::string& key, int year, const std::string& condition);
Text explain_rule(const std::string& rule, const std::string& written, const std::string& source);
Text explain_as_of(int year);  // 截至：2025 年
Text latest_value(int year);   // 最新值（2024年）
Text comparison_around(const std::string& actual, const std::string& expected, const std::string& difference,
                       const std::string& tolerance, const std::string& holds);
Text comparison(const std::string& actual, std::string_view op, const std::string& expected, const std::string& holds);
Text verdict_no_data(const std::string& missing);
Text verdict_not_due(int due, int as_of);
Text no_baseline(int base_year);
Text no_data_after(int base_year);
Text baseline_and_latest(const std::string& base, int base_year, const std::string& latest, int latest_year);
Text ratio_explained(const Text& method, const std::string& ratio);
Text pace(const std::string& time_percent, const std::string& done_percent);
Text growth_rates(const std::string& observed, int observed_years, const std::string& required, int required_years,
                  const std::string& ratio);
Text regions_compared(int as_of);
Text comparison_due(int as_of);  // 晾晒（截至 2025 年，已到期目标）
Text verdict_summary(const std::string& region, const std::string& name, int year, const Text& status,
                     const Text& condition, const Text& actual);  // 东头：托位 2025年未达标：目标 …，实际 …
Text gap_suffix(const std::string& gap);                         // ，差距 -0.8
Text completion_formula(bool lower_is_better, const std::string& numerator, const std::string& denominator,
                        const std::string& result);
Text share_formula(const std::string& actual, const std::string& base, const std::string& target,
                   const std::string& result, int base_year);
Text tests_updated(std::size_t expectations);  // 3 条预期结果
Text tests_summary(std::size_t files, std::size_t passed, std::size_t failed, std::size_t broken);
Text not_formatted(const std::string& path);
Text lint_summary(const std::string& file, std::size_t warnings, std::size_t suppressed);
Text rules_ok(const std::string& file, std::size_t indicators, std::size_t inputs, std::size_t targets);
Text more_of_kind(std::size_t more, const Text& first);  // … and 12 more like: “…”
// The problems in what an import brings in (the language server, on the import's line):
// 导入的文件“输入.dab”（含其导入的文件）有 1 个错误、2 条警告
Text imported_problems(const std::string& file, std::size_t errors, std::size_t warnings, std::size_t notes,
                       bool nested);
// Where an around target's tolerance comes from: 默认 / 规划设定 / 指标设定 / 规则写明.
Text tolerance_origin(std::string_view from);           // from: "default", "plan", "indicator", "rule"
Text tolerance_stated(const std::string& amount, const Text& origin);  // 容差 ±2%，默认
// explain, one-sided around: "comparison: 92 ≥ 90 − 1.8 = 88.2 → holds"
Text comparison_one_side(const std::string& actual, std::string_view op, const std::string& expected,
                         std::string_view sign, const std::string& tolerance, const std::string& bound,
                         const std::string& holds);
// explain: the precision a target compares at and the numbers rounded to it.
Text compared_at_precision(const std::string& step, const std::string& actual, const std::string& expected);
// A strict target met with equality: why it is missed.
Text strictly(std::string_view op);  // 需严格大于 / must be strictly greater

}  // namespace phrase

}  // namespace dabiao
