// Syntax error messages, one per commit point of the grammar (every rule that appears in a
// must<>). Each message is "English\n中文"; the parser splits it into a bilingual Text.
#pragma once

#include "syntax/rules.hpp"

namespace dabiao::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// Message for a block (or the file) when a line does not start any item allowed there.
template <typename Item>
inline constexpr const char* unexpected_message = nullptr;

namespace r = rules;
using r::tok;

#define DAB_ERROR(rule, text) \
    template <>               \
    inline constexpr const char* error_message<rule> = text

// ---- literals
DAB_ERROR(r::string_close,
          "unterminated string: add the closing '\"' on the same line\n字符串没有结束：请在同一行补上右引号 \"");
DAB_ERROR(r::cn_quote_close,
          "unterminated string: add the closing '”' on the same line\n字符串没有结束：请在同一行补上右引号 ”");
DAB_ERROR(r::corner_close,
          "unterminated string: add the closing '」' on the same line\n字符串没有结束：请在同一行补上 」");

// ---- expressions
DAB_ERROR(r::expr, "expected an expression\n这里应是一个表达式");
DAB_ERROR(tok<r::close_paren>, "expected ')' to close the parenthesis\n缺少右括号 ')'");
DAB_ERROR(tok<r::close_bracket>, "expected ']' after the year\n年份后面缺少 ']'");
DAB_ERROR(tok<r::kw_then>, "expected 'then' (则) after the condition of 'if'\n'如果' 的条件后面应是 '则'");
DAB_ERROR(tok<r::kw_else>, "expected 'else' (否则) after the 'then' branch\n'则' 分支后面应是 '否则'");
DAB_ERROR(r::unary_operand, "expected a value after the operator\n运算符后面应是一个值");
DAB_ERROR(r::mul_expr, "expected a value after the operator\n运算符后面应是一个值");
DAB_ERROR(r::add_expr, "expected a value after the operator\n运算符后面应是一个值");
DAB_ERROR(r::not_operand, "expected a condition after 'and' / 'not'\n'且'/'非' 后面应是一个条件");
DAB_ERROR(r::and_expr, "expected a condition after 'or'\n'或' 后面应是一个条件");

// ---- conditions and statements
DAB_ERROR(r::cond_value,
          "expected a target value (e.g. 85, 85%, 1.08万, 2(8) or a stage name)\n这里应是目标值（如 "
          "85、85%、1.08万、2(8) 或阶段名）");
DAB_ERROR(r::target_value,
          "expected a target value (e.g. 85, 85%, 80%—85%, 1.08万, 2(8) or a stage name)\n这里应是目标值（如 "
          "85、85%、80%—85%、1.08万、2(8) 或阶段名）");
DAB_ERROR(r::range_high,
          "expected the upper end of the range, e.g. 80%—85%\n应是区间的上限，如 80%—85%");
DAB_ERROR(r::itok<r::range_and>,
          "expected '和' (and) between the two ends, e.g. 介于 80% 和 85%\n应以“和”连接区间两端，如 介于 80% 和 85%");
DAB_ERROR(r::tag_list, "expected tags after '标签', e.g. 标签 约束性 ☆\n'标签' 后面应是标签，如 标签 约束性 ☆");
DAB_ERROR(r::values_after_cmp, "expected a value after the comparison\n比较词后面应是目标值");
DAB_ERROR(tok<r::year_after_by>, "expected a year after 'by'\n'by' 后面应是年份，如 by 2026");
DAB_ERROR(tok<r::year_after_in>, "expected a year after 'in'\n'in' 后面应是年份，如 in 2025");
DAB_ERROR(tok<r::year_after_from>, "expected a year after 'from'\n'from' 后面应是年份");
DAB_ERROR(tok<r::year_after_to>, "expected a year after 'to'\n'to' 后面应是年份");
DAB_ERROR(r::year_after_dao, "expected a year after '到', e.g. 到2027年\n'到' 后面应是年份，如 到2027年");
DAB_ERROR(r::since_year, "expected a year after '自', e.g. 自2023年起\n'自' 后面应是年份，如 自2023年起");
DAB_ERROR(r::dated_target,
          "expected an indicator after the year, e.g. 到2026年 普惠托位占比 不低于 85%\n年份后面应是指标，如 到2026年 "
          "普惠托位占比 不低于 85%");
DAB_ERROR(r::statement_condition,
          "expected a condition after the indicator, e.g. '>= 85' or '不低于 85%'\n指标后面应是条件，如 '>= 85' 或 "
          "'不低于 85%'");
DAB_ERROR(r::entry_condition,
          "expected a target after the year, e.g. '2023: 85' or '2027: > 90'\n年份后面应是目标值，如 '2023: 85' 或 "
          "'2027: > 90'");

// ---- blocks and declarations
DAB_ERROR(tok<r::block_close>, "expected '}' to close the block\n缺少 '}'，块没有结束");
DAB_ERROR(r::plan_block, "expected '{' to open the plan block\n规划名称后面应是 '{'");
DAB_ERROR(r::domain_body, "expected '{' to open the domain block\n领域名称后面应是 '{'");
DAB_ERROR(r::source_body, "expected '{' to open the source block\n出处后面应是 '{'");
DAB_ERROR(r::region_body, "expected '{' and the region's targets\n地区名称后面应是 '{' 和该地区的目标");
DAB_ERROR(tok<r::region_block_name>,
          "expected the region's name, e.g. 地区 玉环市 { … }\n'地区' 后面应是地区名称，如 地区 玉环市 { … }");
DAB_ERROR(tok<r::data_convention>,
          "expected 'running-total' (累计值) or 'increments' (增量) after 'data'\n'数据' 后面应是 累计值 或 增量");
DAB_ERROR(tok<r::region_name>, "expected the region's name after 'region'\n'地区' 后面应是地区名称");
DAB_ERROR(tok<r::plan_baseline_year>,
          "expected the baseline year, e.g. 'baseline 2022'\n'基线' 后面应是基线年份，如 基线 2022");
DAB_ERROR(tok<r::period_range>,
          "expected the plan period, e.g. 'period 2023..2027'\n'规划期' 后面应是年份区间，如 2023..2027");
DAB_ERROR(tok<r::setting_amount>,
          "expected an amount, e.g. 'tolerance 3%', 'tolerance 0.5' or 'precision 0.01'\n应是数值，如 容差 3%、容差 0.5 "
          "或 精度 0.01");
DAB_ERROR(tok<r::unit_name>,
          "expected a unit after 'unit', e.g. %, ‰, 个, 万人\n'单位' 后面应是单位，如 %、‰、个、万人");
DAB_ERROR(
    r::stage_list,
    "expected stage names, e.g. 'stages 未开展 < 开展试点 < 全覆盖'\n应是阶段名称，如 阶段 未开展 < 开展试点 < 全覆盖");
DAB_ERROR(tok<r::stage_name>, "expected a stage name after the separator\n分隔符后面应是阶段名称");
DAB_ERROR(r::part_list, "expected part names, e.g. 'parts 镇街, 村社'\n应是分项名称，如 分项 镇街、村社");
DAB_ERROR(r::part_decl, "expected a part name after the separator\n分隔符后面应是分项名称");
DAB_ERROR(r::baseline_rest,
          "expected the baseline value, e.g. 'baseline 75' or 'baseline 2022: 75'\n'基线' 后面应是基线值，如 基线 75 "
          "或 基线 2022年：75");
DAB_ERROR(tok<r::indicator_id>,
          "expected the indicator's identifier after 'indicator', e.g. indicator 普惠托位占比\n'指标' "
          "后面应是指标标识符，如 指标 普惠托位占比");
DAB_ERROR(tok<r::input_id>, "expected the input's identifier after 'input'\n'输入' 后面应是数据项标识符");
DAB_ERROR(tok<r::fn_name>, "expected the function's name after 'fn'\n'函数' 后面应是函数名");
DAB_ERROR(r::reserved_param,
          "a reserved word cannot be a parameter's name; choose another\n保留字不能作参数名，请换一个名称");
DAB_ERROR(tok<r::fn_open>, "expected '(' and the parameters after the function's name\n函数名后面应是 '(' 和参数");
DAB_ERROR(tok<r::fn_assign>, "expected '=' and the function's body\n参数后面应是 '=' 和函数体");
DAB_ERROR(tok<r::import_path>, "expected a quoted file name after 'import'\n'导入' 后面应是带引号的文件名");
DAB_ERROR(tok<r::source_label>,
          "expected a quoted label after 'source', e.g. source \"二(一)2\"\n'出处' 后面应是带引号的标注，如 出处 "
          "\"二(一)2\"");
DAB_ERROR(r::itok<r::verb_word>,
          "expected the verb after 'verb', e.g. '动词 提质到 >='\n'动词' 后面应是动词，如 动词 提质到 >=");
DAB_ERROR(r::lead_list, "expected the lead department's name\n应是牵头单位名称");
DAB_ERROR(tok<r::domain_name>, "expected the domain's name after 'domain'\n'领域' 后面应是领域名称");

#undef DAB_ERROR

template <>
inline constexpr const char* unexpected_message<r::item> =
    "expected a declaration (plan, domain, indicator, input, fn, import, source) or a target such as "
    "'普惠托位占比 >= 85 by 2026'\n这里应是声明（规划、领域、指标、输入、函数、导入、出处）或目标，如 "
    "'普惠托位占比 >= 85 by 2026'";
template <>
inline constexpr const char* unexpected_message<r::plan_item> =
    "expected 'region', 'baseline' or 'period' inside the plan block\n规划块中应是 地区、基线年 或 规划期";
template <>
inline constexpr const char* unexpected_message<r::domain_item> =
    "expected an indicator, an input, a source block or a target inside the domain\n领域块中应是 指标、输入、出处 "
    "或目标";
template <>
inline constexpr const char* unexpected_message<r::source_item> =
    "expected an indicator, an input or a target inside the source block\n出处块中应是 指标、输入 或目标";
template <>
inline constexpr const char* unexpected_message<r::region_item> =
    "expected a target of the region, e.g. '到2025年 普惠托位占比 达到 80%', or a table of its targets, e.g. "
    "'普惠托位占比 { 2025: 80 }'\n地区块中应是该地区的目标，如 到2025年 普惠托位占比 达到 80%，或其目标表，如 "
    "普惠托位占比 { 2025: 80 }";
template <>
inline constexpr const char* unexpected_message<r::table_item> =
    "expected a yearly target such as '2025: 80' in the region's table\n地区的目标表中应是年度目标，如 '2025: 80'";
template <>
inline constexpr const char* unexpected_message<r::indicator_item> =
    "expected a yearly target such as '2023: 85', a baseline, or an attribute (unit, lower, stages...)\n"
    "指标块中应是年度目标（如 '2023: 85'）、基线或属性（单位、越低越好、阶段……）";

struct error_control_messages {
    template <typename Rule>
    static constexpr const char* message = error_message<Rule>;

    // Fail locally everywhere; raise only at explicit must<> points (PEGTL 3.x must_if).
    template <typename Rule>
    static constexpr bool raise_on_failure = false;
};

}  // namespace dabiao::grammar
