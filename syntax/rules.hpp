// The dabiao grammar as PEGTL rules. Only grammar/*.cpp includes this header:
// no PEGTL type escapes the grammar folder.
//
// Layout of the language (see docs/language.md):
//   file       := item*
//   item       := plan | domain | source | indicator | input | fn | import | target-statement
//   indicator  := 'indicator' ID "name"? attr* ('=' expr)? '{' (attr | baseline | YEAR ':' condition)* '}'
//   statement  := ('到' YEAR '年')? '每年'? '累计'? subjects '分别'? condition ('by' YEAR | 'every year' ...)*
// Whitespace, newlines and comments (# ..., // ...) may appear between any two tokens.
#pragma once

#include <tao/pegtl.hpp>

namespace dabiao::grammar::rules {

using namespace tao::pegtl;  // NOLINT: grammar DSL

#define DAB_STR(s) TAO_PEGTL_STRING(s)

// ------------------------------------------------------------------ characters and spacing

struct bom : utf8::one<0xFEFF> {};
struct blank_char : sor<one<' ', '\t', '\r', '\n'>, utf8::one<0x3000, 0xFEFF>> {};
struct comment : seq<sor<one<'#'>, two<'/'>>, until<eolf>> {};
struct sp : star<sor<blank_char, comment>> {};
struct inline_blank : sor<one<' ', '\t'>, utf8::one<0x3000>> {};
template <typename Rule>
struct tok : seq<Rule, sp> {};
// A token followed by spaces on the same line only.
template <typename Rule>
struct itok : seq<Rule, star<inline_blank>> {};

// Identifier characters: ASCII letters, '_', digits after the first character, and any
// letter-like code point (Chinese and other scripts), excluding punctuation blocks
// (U+2000–U+2E7F, U+3000–U+303F, full-width forms U+FF00–U+FFEF).
struct wide_letter : utf8::ranges<0x00C0, 0x00D6, 0x00D8, 0x00F6, 0x00F8, 0x1FFF, 0x2E80, 0x2FFF, 0x3040, 0xD7FF,
                                  0xF900, 0xFDFF, 0xFE70, 0xFEFE, 0x10000, 0x10FFFF> {};
struct id_first : sor<ranges<'a', 'z', 'A', 'Z'>, one<'_'>, wide_letter> {};
struct id_char : sor<id_first, digit> {};

// An English or Chinese keyword that must not run into an identifier.
template <typename... Words>
struct word : seq<sor<Words...>, not_at<id_char>> {};

// ------------------------------------------------------------------ punctuation (ASCII or full-width)

struct colon : sor<one<':'>, utf8::one<0xFF1A>> {};
struct lparen : sor<one<'('>, utf8::one<0xFF08>> {};
struct rparen : sor<one<')'>, utf8::one<0xFF09>> {};
struct lbracket : sor<one<'['>, utf8::one<0xFF3B>> {};
struct rbracket : sor<one<']'>, utf8::one<0xFF3D>> {};
struct lbrace : sor<one<'{'>, utf8::one<0xFF5B>> {};
struct rbrace : sor<one<'}'>, utf8::one<0xFF5D>> {};
struct comma : sor<one<','>, utf8::one<0xFF0C>> {};
struct list_sep : sor<one<','>, utf8::one<0xFF0C, 0x3001>> {};    // , ， 、
struct terminator : sor<one<';'>, utf8::one<0xFF1B, 0x3002>> {};  // ; ； 。
struct assign : seq<sor<one<'='>, utf8::one<0xFF1D>>, not_at<sor<one<'='>, utf8::one<0xFF1D>>>> {};
struct plus_minus : utf8::one<0x00B1> {};  // ±

// ------------------------------------------------------------------ comparators

struct sym_ge : sor<DAB_STR(">="), utf8::one<0x2265, 0x2267>, seq<utf8::one<0xFF1E>, utf8::one<0xFF1D>>> {};
struct sym_le : sor<DAB_STR("<="), utf8::one<0x2264, 0x2266>, seq<utf8::one<0xFF1C>, utf8::one<0xFF1D>>> {};
struct sym_gt : sor<seq<one<'>'>, not_at<one<'='>>>, seq<utf8::one<0xFF1E>, not_at<utf8::one<0xFF1D>>>> {};
struct sym_lt : sor<seq<one<'<'>, not_at<one<'='>>>, seq<utf8::one<0xFF1C>, not_at<utf8::one<0xFF1D>>>> {};
struct sym_eq : sor<DAB_STR("=="), seq<utf8::one<0xFF1D>, utf8::one<0xFF1D>>> {};
struct sym_ne : sor<DAB_STR("!="), utf8::one<0x2260>> {};
struct sym_around : sor<utf8::one<0x2248, 0xFF5E>, one<'~'>, word<DAB_STR("around")>> {};  // ≈ ～ ~ around

// Chinese comparator words; the 不- forms are listed first so they win over their stems.
struct cn_ge : sor<DAB_STR("不低于"), DAB_STR("不少于"), DAB_STR("不小于")> {};
struct cn_le : sor<DAB_STR("不高于"), DAB_STR("不超过"), DAB_STR("不大于"), DAB_STR("不多于")> {};
struct cn_gt : sor<DAB_STR("高于"), DAB_STR("超过"), DAB_STR("大于"), DAB_STR("多于")> {};
struct cn_lt : sor<DAB_STR("低于"), DAB_STR("少于"), DAB_STR("小于")> {};
struct cn_eq : DAB_STR("等于") {};
struct cn_around : DAB_STR("约") {};

// A single '=' or '＝' in a condition means "equal to" (it cannot be an assignment there).
struct cond_eq : sor<sym_eq, one<'='>, utf8::one<0xFF1D>> {};

// Each comparator gets its own node type so the builder can read the operator off the tree.
struct op_ge : sor<sym_ge, cn_ge> {};
struct op_le : sor<sym_le, cn_le> {};
struct op_gt : sor<sym_gt, cn_gt> {};
struct op_lt : sor<sym_lt, cn_lt> {};
struct op_eq : sor<cond_eq, cn_eq> {};
struct op_around : sor<sym_around, cn_around> {};
struct prefix_cmp : sor<op_ge, op_le, op_gt, op_lt, op_eq, op_around> {};

struct post_ge : sor<DAB_STR("及以上"), DAB_STR("以上")> {};
struct post_le : sor<DAB_STR("及以下"), DAB_STR("以下"), DAB_STR("以内")> {};
struct post_around : DAB_STR("左右") {};
struct postfix_cmp : sor<post_ge, post_le, post_around> {};

// Verbs that introduce a condition: 达到 85% / 保持在92%以上 / 稳定在90%左右 / 控制在1‰以下 / 实现全覆盖.
// What a verb means is not the grammar's business: the vocabulary (动词 declarations, the standard
// ones in stdlib/prelude.dab) gives each verb its comparator, and the checker looks the word up.
// The grammar knows the standard verbs only so that they may be glued to an indicator's name.
struct verb_lower_to : sor<DAB_STR("降至"), DAB_STR("降到"), DAB_STR("降低到"), DAB_STR("降低至"), DAB_STR("下降到"),
                           DAB_STR("下降至")> {};
struct verb_raise_to : sor<DAB_STR("提高到"), DAB_STR("提高至"), DAB_STR("提升到"), DAB_STR("提升至"), DAB_STR("增至"),
                           DAB_STR("增加到"), DAB_STR("增加至"), DAB_STR("增长到"), DAB_STR("增长至")> {};
struct known_verb
    : sor<DAB_STR("力争达到"), DAB_STR("达到"), seq<DAB_STR("达"), not_at<id_first>>, DAB_STR("新增"), DAB_STR("培育"),
          DAB_STR("建成"), word<DAB_STR("reach")>, DAB_STR("保持在"), DAB_STR("保持"), DAB_STR("维持在"),
          word<DAB_STR("maintain")>, DAB_STR("稳定在"), DAB_STR("控制在"), DAB_STR("实现"), verb_lower_to, verb_raise_to> {};

struct full_coverage_word : sor<seq<DAB_STR("全覆盖"), not_at<id_char>>, word<DAB_STR("full")>> {};
struct zero_word : sor<seq<sor<DAB_STR("动态清零"), DAB_STR("清零")>, not_at<id_char>>, word<DAB_STR("zero")>> {};

// Words of a plan as printed (docs/language.md, "Ranges, two conditions, tags"): a range's
// joining words (80%至85%, 介于 80% 和 85%), the yearly trend 逐年下降 / 近三年逐年下降.
struct range_word : sor<DAB_STR("至"), DAB_STR("和"), DAB_STR("与"), DAB_STR("且")> {};  // end a unit: 80至85, 5且…
struct kw_between : sor<DAB_STR("介于"), word<DAB_STR("between")>> {};
struct recent_years : seq<DAB_STR("近"), sor<plus<digit>, utf8::one<0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341>>, DAB_STR("年")> {};
struct falls_yearly_word : sor<DAB_STR("逐年下降"), DAB_STR("逐年降低"), seq<word<DAB_STR("falling")>, sp, word<DAB_STR("yearly")>>> {};
struct rises_yearly_word : sor<DAB_STR("逐年上升"), DAB_STR("逐年提高"), DAB_STR("逐年增长"), seq<word<DAB_STR("rising")>, sp, word<DAB_STR("yearly")>>> {};
struct yearly_trend : seq<opt<recent_years>, sor<falls_yearly_word, rises_yearly_word>, not_at<id_char>> {};

// ------------------------------------------------------------------ identifiers

// Chinese statements glue words together ("普惠托位占比不低于85%"). An identifier therefore
// stops before a comparator word or verb that is followed by a value, before 全覆盖/清零 at
// the end of a word, and before 分别. Digits inside identifiers are otherwise fine.
struct value_start : sor<digit, one<'-', '+', '.'>> {};
struct glue_cmp : sor<cn_ge, cn_le, cn_gt, cn_lt, cn_eq> {};
struct glue_verb : sor<DAB_STR("达到"), DAB_STR("达"), DAB_STR("保持在"), DAB_STR("保持"), DAB_STR("维持在"),
                       DAB_STR("稳定在"), DAB_STR("控制在"), DAB_STR("实现"), DAB_STR("力争达到"), verb_lower_to,
                       verb_raise_to> {};  // 新增/培育/建成 end many names (城镇新增): they are verbs only after a space
struct glue_special : sor<seq<sor<DAB_STR("全覆盖"), DAB_STR("动态清零"), DAB_STR("清零")>, not_at<id_char>>> {};
struct ident_stop
    : sor<seq<sor<seq<glue_verb, opt<glue_cmp>>, glue_cmp>, star<blank_char>, sor<value_start, glue_special>>,
          seq<opt<glue_verb>, glue_special>, DAB_STR("分别"), seq<kw_between, star<blank_char>, value_start>,
          yearly_trend> {};

// Words that cannot be identifiers because expressions and statements would become ambiguous.
struct reserved : word<DAB_STR("and"), DAB_STR("or"), DAB_STR("not"), DAB_STR("if"), DAB_STR("then"), DAB_STR("else"),
                       DAB_STR("year"), DAB_STR("by"), DAB_STR("in"), DAB_STR("every"), DAB_STR("each"),
                       DAB_STR("from"), DAB_STR("to"), DAB_STR("since"), DAB_STR("cumulative"), DAB_STR("respectively"),
                       DAB_STR("full"), DAB_STR("zero"), DAB_STR("around"), DAB_STR("reach"), DAB_STR("maintain"),
                       DAB_STR("且"), DAB_STR("或"), DAB_STR("非"), DAB_STR("如果"), DAB_STR("则"), DAB_STR("否则"),
                       DAB_STR("当年"), DAB_STR("每年"), DAB_STR("累计")> {};
// Declaration keywords, so that a value missing at the end of a line is not taken from the next declaration.
struct declaration_word
    : word<DAB_STR("plan"), DAB_STR("domain"), DAB_STR("indicator"), DAB_STR("input"), DAB_STR("unit"),
           DAB_STR("baseline"), DAB_STR("lead"), DAB_STR("fn"), DAB_STR("import"), DAB_STR("source"), DAB_STR("stages"),
           DAB_STR("parts"), DAB_STR("milestone"), DAB_STR("higher"), DAB_STR("lower"), DAB_STR("region"),
           DAB_STR("period"), DAB_STR("规划"), DAB_STR("方案"), DAB_STR("领域"), DAB_STR("指标"), DAB_STR("输入"),
           DAB_STR("单位"), DAB_STR("基线年"), DAB_STR("基线"), DAB_STR("牵头单位"), DAB_STR("牵头"), DAB_STR("函数"),
           DAB_STR("导入"), DAB_STR("出处"), DAB_STR("阶段"), DAB_STR("分项"), DAB_STR("里程碑"), DAB_STR("越高越好"),
           DAB_STR("越低越好"), DAB_STR("地区"), DAB_STR("规划期"), DAB_STR("期间"), DAB_STR("verb"), DAB_STR("动词"),
           DAB_STR("tolerance"), DAB_STR("容差"), DAB_STR("precision"), DAB_STR("精度"), DAB_STR("tags"),
           DAB_STR("标签")> {};

struct dated_prefix : seq<DAB_STR("到"), star<blank_char>, digit> {};  // 到2027年 is a date, never a name
struct identifier : seq<not_at<reserved>, not_at<declaration_word>, not_at<ident_stop>, not_at<dated_prefix>, id_first,
                        star<not_at<ident_stop>, id_char>> {};

// ------------------------------------------------------------------ literals

struct grouped_int : seq<rep_min_max<1, 3, digit>, plus<one<','>, rep<3, digit>>, not_at<digit>> {};
struct int_part : sor<grouped_int, plus<digit>> {};
struct fraction : seq<one<'.'>, plus<digit>> {};
struct magnitude : utf8::one<0x4E07, 0x4EBF> {};  // 万 亿
struct percent_sign : sor<one<'%'>, utf8::one<0xFF05>> {};
struct permille_sign : utf8::one<0x2030> {};
// A unit glued to a number: 6500人, 1.08万人次, 40家. It stops before the words that may follow a value.
struct unit_stop : sor<postfix_cmp, DAB_STR("每年"), DAB_STR("分别"), glue_cmp, range_word> {};
struct unit_suffix : seq<not_at<magnitude>, plus<not_at<unit_stop>, wide_letter>> {};
struct number_suffix : sor<seq<star<one<' '>>, percent_sign>, seq<star<one<' '>>, permille_sign>, unit_suffix> {};
struct number : seq<int_part, opt<fraction>, opt<magnitude>, opt<number_suffix>> {};

struct year_char : utf8::one<0x5E74> {};  // 年
struct year_number : seq<rep<4, digit>, not_at<digit>> {};
struct year_lit : seq<year_number, opt<year_char, opt<utf8::one<0x5E95, 0x672B>>>> {};  // 2027, 2027年, 2027年底
struct year_with_char : seq<year_number, year_char, opt<utf8::one<0x5E95, 0x672B>>> {};
struct range_sep : sor<DAB_STR(".."), utf8::one<0x2014, 0x2013, 0xFF0D, 0xFF5E, 0x81F3, 0x5230>, one<'-', '~'>> {};
struct year_range : seq<year_lit, star<one<' '>>, range_sep, star<one<' '>>, year_lit> {};

struct escaped : seq<one<'\\'>, one<'"', '\\', 'n', 't'>> {};
struct string_char : sor<escaped, not_one<'"', '\\', '\n'>> {};
struct string_open : one<'"'> {};
struct string_close : one<'"'> {};
struct ascii_string : seq<string_open, star<string_char>, must<string_close>> {};
struct cn_quote_open : utf8::one<0x201C> {};
struct cn_quote_close : utf8::one<0x201D> {};
struct cn_string_body;
struct cn_string : seq<cn_quote_open, cn_string_body, must<cn_quote_close>> {};
// Chinese quotes nest: “““浙里惠民保”投保率” keeps its inner quotes.
struct cn_string_body
    : star<sor<seq<cn_quote_open, cn_string_body, cn_quote_close>, utf8::not_one<0x201C, 0x201D, '\n'>>> {};
struct corner_open : utf8::one<0x300C> {};
struct corner_close : utf8::one<0x300D> {};
struct corner_string : seq<corner_open, star<utf8::not_one<0x300D, '\n'>>, must<corner_close>> {};
struct string_lit : sor<ascii_string, cn_string, corner_string> {};

// ------------------------------------------------------------------ expressions

struct expr;
struct add_expr;

struct kw_and : word<DAB_STR("and"), DAB_STR("且")> {};
struct kw_or : word<DAB_STR("or"), DAB_STR("或")> {};
struct kw_not : word<DAB_STR("not"), DAB_STR("非")> {};
struct kw_if : word<DAB_STR("if"), DAB_STR("如果")> {};
struct kw_then : word<DAB_STR("then"), DAB_STR("则")> {};
struct kw_else : word<DAB_STR("else"), DAB_STR("否则")> {};
struct kw_year : word<DAB_STR("year"), DAB_STR("当年")> {};

struct part_name : identifier {};
struct name_ref : seq<identifier, opt<one<'.'>, part_name>> {};
// 累计 / cumulative are reserved as a statement prefix ("累计 城镇新增就业 …") but are also the
// built-in 累计(x, from) / cumulative(x, from).
struct callee : sor<identifier, DAB_STR("累计"), DAB_STR("cumulative")> {};
struct close_paren : rparen {};
struct close_bracket : rbracket {};
struct call_args : opt<list<expr, tok<comma>>> {};
struct call : seq<tok<callee>, tok<lparen>, call_args, must<tok<close_paren>>> {};
struct group : if_must<tok<lparen>, expr, tok<close_paren>> {};
struct if_expr : if_must<tok<kw_if>, expr, tok<kw_then>, expr, tok<kw_else>, expr> {};
struct current_year : kw_year {};
struct primary : sor<tok<number>, group, if_expr, tok<current_year>, call, tok<name_ref>> {};
struct index_suffix : if_must<tok<lbracket>, expr, tok<close_bracket>> {};
struct postfix_expr : seq<primary, star<index_suffix>> {};
struct minus : seq<sor<one<'-'>, utf8::one<0xFF0D>>, not_at<one<'-'>>> {};
struct unary_operand;
struct negation : seq<tok<minus>, unary_operand> {};
struct unary_operand : sor<negation, postfix_expr> {};
struct mul_op : sor<one<'*'>, seq<one<'/'>, not_at<one<'/'>>>, utf8::one<0x00D7, 0x00F7>> {};
struct mul_expr : seq<unary_operand, star<tok<mul_op>, must<unary_operand>>> {};
struct add_op : sor<one<'+'>, minus> {};
struct add_expr : seq<mul_expr, star<tok<add_op>, must<mul_expr>>> {};
struct cmp_op : sor<sym_ge, sym_le, sym_ne, sym_eq, sym_gt, sym_lt> {};
struct cmp_expr : seq<add_expr, opt<tok<cmp_op>, must<add_expr>>> {};
struct not_operand;
struct logical_not : seq<tok<kw_not>, not_operand> {};
struct not_operand : sor<logical_not, cmp_expr> {};
struct and_expr : seq<not_operand, star<tok<kw_and>, must<not_operand>>> {};
struct or_expr : seq<and_expr, star<tok<kw_or>, must<and_expr>>> {};
struct expr : or_expr {};

// ------------------------------------------------------------------ conditions (targets)

struct pair_value : seq<tok<number>, tok<lparen>, tok<number>, tok<rparen>> {};  // 2(8)
// A stage named in quotes, for names an identifier cannot be ("全人群全覆盖" ends in 全覆盖).
struct quoted_name : string_lit {};
struct cond_value : sor<pair_value, add_expr, tok<quoted_name>> {};
// A condition is read on one line: its tokens are followed by spaces, never by a line break.
// A separator followed by "2024:" starts the next table entry, not another value.
struct next_entry : seq<year_lit, star<inline_blank>, colon> {};
// A range: 80%—85%, 80%至85%, 80%~85%, 介于 80% 和 85%, between 80% and 85%.
struct range_mark : sor<plus<utf8::one<0x2014>>, utf8::one<0x2013, 0xFF5E>, one<'~'>, DAB_STR("至")> {};
struct range_high : add_expr {};
struct range_and : sor<DAB_STR("和"), DAB_STR("与"), DAB_STR("且"), word<DAB_STR("and")>> {};  // 且: and respelled
struct between_range : if_must<itok<kw_between>, add_expr, itok<range_and>, range_high> {};
struct value_range : sor<between_range, seq<add_expr, star<inline_blank>, range_mark, star<inline_blank>, must<range_high>>> {};
struct target_value : sor<value_range, cond_value> {};
// 且 / and before a second condition on the same target ("低于全国平均水平，且近三年逐年下降").
struct kw_cond_and : sor<DAB_STR("并且"), DAB_STR("而且"), DAB_STR("且"), word<DAB_STR("and")>> {};
struct value_list : seq<target_value, star<inline_blank>,
                        star<itok<list_sep>, not_at<next_entry>, not_at<kw_cond_and>, must<target_value>, star<inline_blank>>> {};
struct tolerance : if_must<itok<plus_minus>, add_expr> {};
struct special_condition : sor<full_coverage_word, zero_word, yearly_trend> {};
struct values_after_cmp : value_list {};
struct compared_values : sor<seq<itok<prefix_cmp>, must<values_after_cmp>>, value_list> {};
// Any other word in verb position: Chinese letters followed on the same line by a value, a
// comparator, 全覆盖/清零 or a quoted stage (提质到 85%). The checker says whether the vocabulary knows it.
// (A verb that is not a standard one needs a space before it: glued, it would be part of the name.)
struct verb_followed
    : seq<star<inline_blank>, not_at<next_entry>,
          sor<digit, seq<one<'-', '+', '.'>, digit>, sym_ge, sym_le, sym_gt, sym_lt, sym_eq, sym_around, cn_ge, cn_le,
              cn_gt, cn_lt, cn_eq, cn_around, glue_special, one<'"'>, cn_quote_open, corner_open>> {};
struct other_verb
    : seq<not_at<glue_cmp>, not_at<cn_around>, not_at<glue_special>, not_at<kw_between>, not_at<yearly_trend>,
          plus<not_at<glue_cmp>, not_at<glue_special>, not_at<postfix_cmp>, wide_letter>, at<verb_followed>> {};
struct verb : sor<known_verb, other_verb> {};
struct condition : sor<seq<opt<itok<verb>>, tok<special_condition>>,
                       seq<opt<itok<verb>>, compared_values, opt<itok<postfix_cmp>>, opt<tolerance>, sp>> {};

// ------------------------------------------------------------------ target statements

struct kw_by : word<DAB_STR("by")> {};
struct kw_in : word<DAB_STR("in")> {};
struct kw_from : word<DAB_STR("from"), DAB_STR("since")> {};
struct kw_to : word<DAB_STR("to"), DAB_STR("until")> {};
// Only the English form may follow a condition: a Chinese 每年 always opens the next statement.
struct kw_every_year : seq<word<DAB_STR("every"), DAB_STR("each")>, sp, word<DAB_STR("year")>> {};
struct year_after_by : year_lit {};
struct year_after_in : year_lit {};
struct year_after_from : year_lit {};
struct year_after_to : year_lit {};
// The year follows on the same line: "by" at a line's end is an error there, never a year
// taken from the next line.
struct by_clause : if_must<itok<kw_by>, tok<year_after_by>> {};
struct in_clause : if_must<itok<kw_in>, tok<year_after_in>> {};
struct from_clause : if_must<itok<kw_from>, tok<year_after_from>> {};
struct to_clause : if_must<itok<kw_to>, tok<year_after_to>> {};
struct every_year : tok<kw_every_year> {};
struct year_suffix : sor<by_clause, in_clause, from_clause, to_clause, every_year> {};

// Chinese prefix: 到2027年 / 到2027年底 / 2023年 / 2023—2027年 / 到2025年，
struct dao : DAB_STR("到") {};
struct prefix_year : sor<year_range, year_lit> {};
struct year_after_dao : prefix_year {};
struct cn_deadline : if_must<seq<dao, star<blank_char>, at<digit>>, year_after_dao> {};
struct cn_year : sor<seq<year_number, star<one<' '>>, range_sep, star<one<' '>>, year_with_char>, year_with_char> {};
// A year prefix belongs to the statement on its own line: "到2027年" alone at the end of a
// line is an error rather than a date silently attached to the next line's target.
struct year_prefix : seq<sor<cn_deadline, cn_year>, star<inline_blank>, opt<list_sep, star<inline_blank>>> {};
struct every_year_prefix : seq<DAB_STR("每年"), sor<inline_blank, list_sep, at<eolf>>, star<inline_blank>> {};

struct kw_cumulative : sor<seq<DAB_STR("累计"), at<sor<blank_char, list_sep>>>, word<DAB_STR("cumulative")>> {};
struct since_year : year_lit {};
struct cn_since : seq<if_must<seq<DAB_STR("自"), at<digit>>, since_year>, opt<DAB_STR("起")>> {};
struct cumulative : seq<tok<kw_cumulative>, opt<tok<list_sep>>, opt<tok<cn_since>>> {};

struct subject : seq<identifier, opt<one<'.'>, part_name>> {};
// The condition must start on the subject's line: statements are read line by line.
struct subject_list : seq<subject, star<inline_blank>, star<list_sep, sp, subject, star<inline_blank>>> {};
struct respectively : sor<DAB_STR("分别"), word<DAB_STR("respectively")>> {};
struct statement_condition : condition {};
struct and_condition : if_must<seq<opt<itok<list_sep>>, itok<kw_cond_and>>, statement_condition> {};
struct statement_tags;
struct target_body : seq<opt<cumulative>, subject_list, opt<tok<respectively>>, must<statement_condition>,
                         star<and_condition>, star<year_suffix>, opt<statement_tags>, opt<tok<terminator>>> {};
struct dated_target : seq<not_at<eolf>, target_body> {};
struct target_stmt : sor<seq<year_prefix, opt<every_year_prefix>, must<dated_target>>,
                         seq<every_year_prefix, must<dated_target>>, target_body> {};

// ------------------------------------------------------------------ declarations

template <typename Item>
struct recover;  // defined in parse.cpp: catches a syntax error in one item, records it and skips the line

struct block_close : rbrace {};
// A line that cannot belong to a block of Items but starts an item of an enclosing block: the
// block's '}' is missing (a target statement inside an indicator's braces, a domain inside a domain).
template <typename Item>
struct outer_start : failure {};
template <typename Item>
struct block_items : star<not_at<rbrace>, not_at<eof>, not_at<outer_start<Item>>, recover<Item>> {};
// '{' items '}'. block_open and block_end are defined in parse.cpp: a missing '}' is one error
// naming the block and where it opened, and the enclosing block goes on.
struct block_open;
template <typename Item>
struct block_end;
template <typename Item>
struct block : seq<block_open, block_items<Item>, block_end<Item>> {};

struct kw_plan : word<DAB_STR("plan"), DAB_STR("规划"), DAB_STR("方案")> {};
struct kw_region : word<DAB_STR("region"), DAB_STR("地区")> {};
struct kw_baseline_year : word<DAB_STR("baseline"), DAB_STR("基线年"), DAB_STR("基线")> {};
struct kw_period : word<DAB_STR("period"), DAB_STR("规划期"), DAB_STR("期间")> {};
struct kw_domain : word<DAB_STR("domain"), DAB_STR("领域")> {};
struct kw_lead : word<DAB_STR("lead"), DAB_STR("牵头单位"), DAB_STR("牵头")> {};
struct kw_indicator : word<DAB_STR("indicator"), DAB_STR("指标")> {};
struct kw_input : word<DAB_STR("input"), DAB_STR("输入")> {};
struct kw_unit : word<DAB_STR("unit"), DAB_STR("单位")> {};
struct kw_baseline : word<DAB_STR("baseline"), DAB_STR("基线")> {};
struct kw_higher : word<DAB_STR("higher"), DAB_STR("越高越好")> {};
struct kw_lower : word<DAB_STR("lower"), DAB_STR("越低越好")> {};
struct kw_stages : word<DAB_STR("stages"), DAB_STR("阶段")> {};
struct kw_milestone : word<DAB_STR("milestone"), DAB_STR("里程碑")> {};
struct kw_parts : word<DAB_STR("parts"), DAB_STR("分项")> {};
struct kw_fn : word<DAB_STR("fn"), DAB_STR("函数")> {};
struct kw_import : word<DAB_STR("import"), DAB_STR("导入")> {};
struct kw_source : word<DAB_STR("source"), DAB_STR("出处")> {};

struct attr_colon : opt<tok<colon>> {};
struct name_value : sor<string_lit, identifier> {};

// plan "…" { region 洞头区  baseline 2022  period 2023..2027 }
struct region_name : name_value {};
struct region_attr : if_must<seq<tok<kw_region>, attr_colon>, tok<region_name>> {};
struct plan_baseline_year : year_lit {};
struct plan_baseline : if_must<seq<tok<kw_baseline_year>, attr_colon>, tok<plan_baseline_year>> {};
struct period_range : year_range {};
struct period_attr : if_must<seq<tok<kw_period>, attr_colon>, tok<period_range>> {};
// 容差 3% (a share of the target value) / 容差 0.5 (in the indicator's unit): how far a 左右 target
// may be from its value. 精度 0.01 / 精度 1元: equality and computed thresholds compare rounded to this step.
struct kw_tolerance : word<DAB_STR("tolerance"), DAB_STR("容差")> {};
struct kw_precision : word<DAB_STR("precision"), DAB_STR("精度")> {};
struct setting_amount : number {};
struct tolerance_attr : if_must<seq<tok<kw_tolerance>, attr_colon>, tok<setting_amount>> {};
struct precision_attr : if_must<seq<tok<kw_precision>, attr_colon>, tok<setting_amount>> {};
struct plan_item : sor<region_attr, plan_baseline, period_attr, tolerance_attr> {};
struct plan_name : string_lit {};
struct plan_block : block<plan_item> {};
struct plan_decl : seq<tok<kw_plan>, opt<tok<plan_name>>, must<plan_block>> {};

// Indicator attributes, allowed in the header and in the body.
struct unit_atom : plus<sor<wide_letter, ranges<'a', 'z', 'A', 'Z'>>> {};
struct unit_name : sor<percent_sign, permille_sign, seq<unit_atom, opt<one<'/'>, unit_atom>>> {};
struct unit_attr : if_must<seq<tok<kw_unit>, attr_colon>, tok<unit_name>> {};
struct direction_attr : sor<tok<kw_higher>, tok<kw_lower>> {};
struct stage_name : sor<string_lit, full_coverage_word, identifier> {};
struct stage_sep : sor<list_sep, one<'<'>, DAB_STR("->"), utf8::one<0x2192, 0xFF1C>> {};
struct stage_list : list_must<tok<stage_name>, tok<stage_sep>> {};
struct stages_attr : if_must<seq<tok<kw_stages>, attr_colon>, stage_list> {};
struct milestone_attr : tok<kw_milestone> {};
struct part_display : string_lit {};
struct part_decl : seq<tok<identifier>, opt<tok<part_display>>> {};
struct part_list : list_must<part_decl, tok<list_sep>> {};
struct parts_attr : if_must<seq<tok<kw_parts>, attr_colon>, part_list> {};
struct full_coverage_attr : if_must<seq<tok<full_coverage_word>, tok<assign>>, expr> {};
struct formula_attr : if_must<tok<assign>, expr> {};
struct baseline_attr;
// 标签 约束性 ☆ / tags binding: marks of the plan's table (约束性/预期性, ☆, 省定/市定) kept for reports.
struct kw_tags : word<DAB_STR("tags"), DAB_STR("标签")> {};
struct tag_word
    : plus<not_at<sor<blank_char, lbrace, rbrace, list_sep, terminator, one<'#', '"'>, two<'/'>>>, utf8::any> {};
struct tag_list : seq<itok<tag_word>, star<opt<itok<list_sep>>, not_at<declaration_word>, itok<tag_word>>> {};
struct tags_attr : seq<if_must<seq<itok<kw_tags>, opt<itok<colon>>>, tag_list>, sp> {};
// 到2025年 普惠托位占比 达到 85% 标签 约束性。: tags of one statement's targets, before its end.
struct statement_tags : tags_attr {};
// 数据 累计值 / data running-total: the submitted values are totals so far; 数据 增量 / data increments
// (the default): each year's own amount.
struct kw_data : word<DAB_STR("data"), DAB_STR("数据")> {};
struct data_running_total : sor<word<DAB_STR("running-total")>, word<DAB_STR("累计值")>> {};
struct data_increments : sor<word<DAB_STR("increments")>, word<DAB_STR("增量")>> {};
struct data_convention : sor<data_running_total, data_increments> {};
struct data_attr : if_must<seq<tok<kw_data>, attr_colon>, tok<data_convention>> {};
struct header_attr : sor<unit_attr, direction_attr, stages_attr, milestone_attr, parts_attr, full_coverage_attr,
                         baseline_attr, tolerance_attr, precision_attr, tags_attr, data_attr> {};

// baseline 4.57 / baseline 2022: 4.57 / 基线 "开展试点" / baseline 1(3)
struct baseline_year : year_lit {};
struct baseline_text : string_lit {};
// 基线 80以上 / 基线 >= 80 / 基线 不低于80: a baseline known only as a bound.
struct baseline_number : seq<opt<itok<prefix_cmp>>, cond_value, opt<tok<postfix_cmp>>> {};
struct baseline_value : sor<tok<baseline_text>, baseline_number> {};
struct baseline_rest : sor<seq<tok<baseline_year>, tok<colon>, baseline_value>, baseline_value> {};
struct baseline_attr : if_must<seq<tok<kw_baseline>, attr_colon>, baseline_rest> {};

// 2023: 4.6   2023..2027: < 5   2027年：全覆盖
struct entry_years : sor<year_range, year_lit> {};
struct entry_condition : condition {};
struct table_entry
    : seq<if_must<seq<tok<entry_years>, itok<colon>>, entry_condition>, opt<tok<list_sep>>, opt<tok<terminator>>> {};

struct indicator_item : sor<baseline_attr, table_entry, header_attr, formula_attr> {};
template <>
struct outer_start<indicator_item>
    : sor<kw_indicator, kw_input, kw_domain, kw_source, kw_plan, kw_fn, kw_import, seq<dao, star<blank_char>, digit>,
          seq<DAB_STR("每年"), not_at<id_char>>, kw_cumulative> {};
struct indicator_id : identifier {};
struct indicator_display : string_lit {};
struct indicator_decl : seq<tok<kw_indicator>, must<tok<indicator_id>>, opt<tok<indicator_display>>, star<header_attr>,
                            opt<formula_attr>, opt<block<indicator_item>>> {};

struct input_id : identifier {};
struct input_decl : seq<tok<kw_input>, must<tok<input_id>>, opt<tok<indicator_display>>, opt<unit_attr>> {};

struct fn_name : identifier {};
struct param : identifier {};
struct reserved_param : reserved {};
// A reserved word where a parameter is expected gets its own message, not "expected ')'".
struct param_name : sor<param, seq<at<sor<reserved, declaration_word>>, raise<reserved_param>>> {};
struct fn_params : opt<list<tok<param_name>, tok<comma>>> {};
struct fn_open : lparen {};
struct fn_assign : assign {};
struct fn_decl : seq<tok<kw_fn>, must<tok<fn_name>>, must<tok<fn_open>>, fn_params, must<tok<close_paren>>,
                     must<tok<fn_assign>>, must<expr>> {};

struct import_path : string_lit {};
struct import_decl : if_must<tok<kw_import>, tok<import_path>> {};

struct source_label : string_lit {};
struct source_item : sor<indicator_decl, input_decl, target_stmt> {};
template <>
struct outer_start<source_item> : sor<kw_domain, kw_plan, kw_fn, kw_import, kw_source> {};
struct source_body : block<source_item> {};
struct source_block : seq<tok<kw_source>, must<tok<source_label>>, must<source_body>> {};

// 地区 玉环市 { 到2025年 普惠托位占比 达到 80% }: targets of one region (分解到各区县), which replace
// the general targets of the same indicator and year for that region.
struct region_block_name : name_value {};
// 普惠托位占比 { 2023: 78  2025: 80 }: the region's yearly targets of an indicator declared elsewhere.
struct table_subject : subject {};
struct table_item : sor<table_entry> {};
template <>
struct outer_start<table_item> : outer_start<indicator_item> {};
struct target_table : seq<at<subject, star<inline_blank>, lbrace>, tok<table_subject>, block<table_item>> {};
struct region_item : sor<target_table, target_stmt> {};
template <>
struct outer_start<region_item>
    : sor<kw_domain, kw_plan, kw_fn, kw_import, kw_source, kw_indicator, kw_input, kw_region> {};
struct region_body : block<region_item> {};
struct region_block : seq<tok<kw_region>, must<tok<region_block_name>>, must<region_body>> {};

// 领域 幼有善育（牵头单位：区卫生健康局）{ … }  /  domain 幼有善育 lead 区卫生健康局 { … }
struct domain_name : name_value {};
struct lead_name : name_value {};
struct lead_list : seq<tok<lead_name>, star<tok<list_sep>, tok<lead_name>>> {};
struct lead_clause : sor<seq<tok<lparen>, tok<kw_lead>, attr_colon, must<lead_list>, must<tok<close_paren>>>,
                         if_must<seq<tok<kw_lead>, attr_colon>, lead_list>> {};
struct domain_item : sor<indicator_decl, input_decl, source_block, region_block, target_stmt> {};
template <>
struct outer_start<domain_item> : sor<kw_domain, kw_plan, kw_fn, kw_import> {};
struct domain_body : block<domain_item> {};
struct domain_decl : seq<tok<kw_domain>, must<tok<domain_name>>, opt<lead_clause>, must<domain_body>> {};

// 动词 提质到 >=  /  verb 保持在 每年: a verb of the vocabulary with its comparator (none: reach, in the
// indicator's direction), whether it holds every year up to the target year, and whether it holds a
// level (水平 / level: 保持在 90%左右 is a band on both sides of 90%; other verbs' 左右 bounds one side).
struct kw_verb_decl : word<DAB_STR("verb"), DAB_STR("动词")> {};
struct verb_word : plus<sor<wide_letter, ranges<'a', 'z', 'A', 'Z'>>> {};
struct verb_every_year : sor<DAB_STR("每年"), kw_every_year> {};
struct verb_holds_level : sor<DAB_STR("水平"), word<DAB_STR("level")>> {};
struct verb_decl : seq<itok<kw_verb_decl>, must<itok<verb_word>>, opt<itok<prefix_cmp>>, opt<itok<verb_every_year>>,
                       opt<itok<verb_holds_level>>, sp> {};

struct item
    : sor<plan_decl, domain_decl, source_block, region_block, indicator_decl, input_decl, fn_decl, import_decl,
          verb_decl, target_stmt> {};
struct file : seq<opt<bom>, sp, star<not_at<eof>, recover<item>>, eof> {};

// A single value as typed in a data file: "12,500", "85%", "1.08万", "2(8)".
struct value_sign : minus {};
struct value_text : seq<sp, sor<pair_value, seq<opt<tok<value_sign>>, tok<number>>>, eof> {};

#undef DAB_STR

}  // namespace dabiao::grammar::rules
