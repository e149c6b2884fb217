// The syntax tree of one rule file. Nodes are plain, move-only structs held in
// std::variant; every node carries the Span it was parsed from. Passes use std::visit.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/source.hpp"

namespace dabiao::ast {

struct Ident {
    std::string text;
    Span span;
};

// ---------------------------------------------------------------- expressions

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// A literal as written: "12,500", "85%", "1.08万", "6500人". `value` already applies the
// magnitude (万 = 10^4, 亿 = 10^8); `unit` is the suffix ("%", "‰", "人", "万元"...), if any.
struct Number {
    double value = 0;
    std::string text;
    std::string unit;
    int magnitude = 0;  // 4 for 万, 8 for 亿 (already applied to `value`)
};

// A reference to an indicator, input, parameter or stage; `part` names a component ("老年友好.村社").
struct Name {
    Ident name;
    std::optional<Ident> part;
    bool quoted = false;  // "开展试点": a stage name in a target, never an indicator
};

struct CurrentYear {};  // `year` / `当年`: the year being evaluated

struct AtYear {  // x[2022], x[year - 1]
    ExprPtr series;
    ExprPtr year;
};

enum class UnaryOp { negate, logical_not };

struct Unary {
    UnaryOp op;
    ExprPtr operand;
};

enum class BinaryOp { add, sub, mul, div, ge, gt, le, lt, eq, ne, logical_and, logical_or };

struct Binary {
    BinaryOp op;
    ExprPtr lhs;
    ExprPtr rhs;
};

struct Call {
    Ident callee;
    std::vector<ExprPtr> args;
};

struct If {
    ExprPtr condition;
    ExprPtr then_branch;
    ExprPtr else_branch;
};

// The paired counts of the official table, e.g. 2(8) for 镇街(村社).
struct Pair {
    ExprPtr first;
    ExprPtr second;
};

struct Expr {
    Span span;
    std::variant<Number, Name, CurrentYear, AtYear, Unary, Binary, Call, If, Pair> node;
};

// ---------------------------------------------------------------- targets

// How a condition compares: explicit symbols/words, or nothing (then the indicator's direction decides).
enum class CmpOp { ge, gt, le, lt, eq, around };

struct Cmp {
    CmpOp op;
    Span span;
};

// falls_yearly / rises_yearly: 逐年下降 / 逐年上升, lower (higher) than the year before, every year.
enum class Special { none, full_coverage, zero, falls_yearly, rises_yearly };

struct Condition {
    Span span;
    std::string verb;  // as written (达到, 降至…); empty if none. Its meaning is in the vocabulary (动词)
    Span verb_span;
    std::optional<Cmp> prefix;  // >=, 不低于, ≈ ...
    std::vector<ExprPtr> values;
    std::vector<ExprPtr> uppers;  // parallel to values: the upper end of a range (80%—85%), or null
    std::optional<Cmp> postfix;  // 以上, 以下, 左右
    ExprPtr tolerance;           // ± 2
    Special special = Special::none;
    std::optional<int> recent_years;  // 近三年逐年下降: the trend over the last N years only
};

// When a statement target is due: `by 2027`, `到2027年`, `2023..2027`, `every year`...
struct YearClause {
    enum class Kind { point, range, every_year };
    Kind kind = Kind::point;
    int from = 0;  // point: the year; range: first year
    int to = 0;    // range: last year (0 = open: up to the plan's end or the point given elsewhere)
    Span span;
};

struct Subject {
    Ident indicator;
    std::optional<Ident> part;
    Span span;
};

struct Cumulative {
    Span span;
    std::optional<int> since;
};

struct TargetStmt {
    Span span;
    std::vector<YearClause> years;
    std::optional<Cumulative> cumulative;
    std::vector<Subject> subjects;
    std::optional<Span> respectively;
    Condition condition;
    std::vector<Condition> also;  // further conditions joined by 且 / and, each its own target
    std::vector<Ident> tags;      // … 标签 约束性: the tags of this statement's targets
};

// ---------------------------------------------------------------- declarations

struct UnitAttr {
    std::string unit;
    Span span;
};

enum class Direction { higher, lower };

struct DirectionAttr {
    Direction direction;
    Span span;
};

struct StagesAttr {  // 阶段 未开展 < 开展试点 < 全覆盖 ; `milestone` gives 未达成 < 达成
    std::vector<Ident> stages;
    bool milestone = false;
    Span span;
};

struct PartDecl {
    Ident id;
    std::optional<std::string> display;
};

struct PartsAttr {  // 分项 镇街 "老年友好镇街", 村社 "老年友好村社"
    std::vector<PartDecl> parts;
    Span span;
};

struct FullCoverageAttr {  // 全覆盖 = 应参保人数
    ExprPtr base;
    Span span;
};

struct FormulaAttr {  // = 托位总数 / 常住人口 * 1000
    ExprPtr expr;
    Span span;
};

struct BaselineAttr {
    std::optional<int> year;
    ExprPtr value;                    // a number or a pair
    std::optional<Cmp> bound;         // 基线 80以上 / >= 80: the baseline is known only as a bound
    std::optional<std::string> text;  // a qualitative baseline such as "开展试点"
    std::optional<Ident> stage;
    Span span;
};

struct DataAttr {  // 数据 累计值 / data running-total
    bool running_total = false;
    Span span;
};

struct TableEntry {  // 2023: 4.6   2023..2027: < 5
    int from = 0;
    int to = 0;
    Span years_span;
    Condition condition;
    Span span;
};

// 容差 3% / 容差 0.5 (tolerance) and 精度 0.01 / 精度 1元 (precision): an amount as written; the
// checker says what it means (a % tolerance is a share of the target value).
struct SettingAttr {
    enum class Kind { tolerance, precision };
    Kind kind = Kind::tolerance;
    double value = 0;
    std::string unit;  // "%", "元", "" ...
    int magnitude = 0;  // 万 / 亿 written without a unit
    Span span;
};

struct TagsAttr {  // 标签 约束性 ☆
    std::vector<Ident> tags;
    Span span;
};

using IndicatorItem = std::variant<UnitAttr, DirectionAttr, StagesAttr, PartsAttr, FullCoverageAttr, FormulaAttr,
                                   BaselineAttr, TableEntry, SettingAttr, TagsAttr, DataAttr>;

struct IndicatorDecl {
    Span span;
    Ident id;
    std::optional<std::string> display;
    Span display_span;
    std::vector<IndicatorItem> items;
};

struct InputDecl {
    Span span;
    Ident id;
    std::optional<std::string> display;
    std::optional<UnitAttr> unit;
};

struct FnDecl {
    Span span;
    Ident name;
    std::vector<Ident> params;
    ExprPtr body;
};

struct ImportDecl {
    Span span;
    std::string path;
    Span path_span;
    std::optional<FileId> loaded;  // set by the loader: the file this import reads (none when it could not)
};

// 动词 提质到 >= : a word of the verb vocabulary and what it means. Without a comparator the verb
// reaches the value in the indicator's direction; `每年` makes it hold every year up to the target year.
struct VerbDecl {
    Span span;
    Ident word;
    std::optional<Cmp> op;
    bool every_year = false;
    bool holds_level = false;  // 水平: "…左右" after this verb is a band on both sides
};

struct PlanDecl {
    Span span;
    std::string name;
    std::optional<Ident> region;
    std::optional<int> baseline_year;
    Span baseline_span;
    std::optional<std::pair<int, int>> period;
    Span period_span;
    std::optional<SettingAttr> tolerance;  // 容差 3%: for every indicator without its own
};

// 普惠托位占比 { 2023: 78  2025: 80 } in a region block: that region's yearly targets of an
// indicator declared elsewhere, read as the indicator's own table is.
struct TargetTable {
    Span span;
    Subject subject;
    std::vector<TableEntry> entries;
};

struct Item;

struct DomainDecl {
    Span span;
    Ident name;
    std::vector<Ident> leads;
    std::vector<Item> items;
};

// Targets quoted from one part of the plan ("二(一)2"); targets from different sources may
// differ for the same indicator and year, and each is checked.
// A region block (地区 玉环市 { … }) is a block of the same kind: its targets are that region's.
struct SourceBlock {
    Span span;
    std::string label;
    std::optional<Ident> region;  // set for 地区 X { … }; the label is then empty
    std::vector<Item> items;
};

struct Item {
    std::variant<PlanDecl, DomainDecl, SourceBlock, IndicatorDecl, InputDecl, FnDecl, ImportDecl, VerbDecl, TargetStmt,
                 TargetTable>
        node;
};

struct Module {
    FileId file = 0;
    std::vector<Item> items;
};

// A stable, indented S-expression rendering used by the `ast` command and grammar tests.
std::string dump(const Module& module, const SourceMap& sources);
std::string dump(const Expr& expr);

}  // namespace dabiao::ast
