// The checked program: what the checker produces and the evaluator runs. Every name is
// resolved here (indicators, parameters and functions are indices or pointers), so the
// evaluator never looks a name up by string. All three target notations of the language
// (table cells, statements, Chinese sentences) become the same Target.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/ids.hpp"
#include "syntax/ast.hpp"
#include "base/source.hpp"
#include "base/units.hpp"

namespace dabiao {

struct Builtin;

namespace ir {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Const {
    double value = 0;
    std::string unit;   // a literal's unit suffix as written ("%", "万人"), for the checker's unit rules
    int magnitude = 0;  // 万 (4) / 亿 (8) written without a unit: "8.6万" counts in the base unit
};
struct IndicatorRef {
    IndicatorId id = 0;
};
struct ParamRef {
    std::uint32_t index = 0;
};
struct CurrentYear {};
struct AtYear {
    ExprPtr series;
    ExprPtr year;
};
struct Unary {
    ast::UnaryOp op;
    ExprPtr operand;
};
struct Binary {
    ast::BinaryOp op;
    ExprPtr lhs;
    ExprPtr rhs;
};
struct CallBuiltin {
    const Builtin* fn = nullptr;
    std::vector<ExprPtr> args;
};
struct CallFunction {
    FunctionId fn = 0;
    std::vector<ExprPtr> args;
};
struct If {
    ExprPtr condition;
    ExprPtr then_branch;
    ExprPtr else_branch;
};

struct Expr {
    Span span;
    std::variant<Const, IndicatorRef, ParamRef, CurrentYear, AtYear, Unary, Binary, CallBuiltin, CallFunction, If> node;
};

ExprPtr make_const(double value, Span span);
// A deep copy, e.g. of a value that one rule gives for several years.
ExprPtr clone(const Expr& e);

}  // namespace ir

enum class Op { ge, gt, le, lt, eq, around };

std::string_view op_symbol(Op op);  // as reports show it: "≥", "≈"...
std::string_view op_ascii(Op op);   // as JSON writes it: ">=", "around"...

enum class IndicatorKind {
    reported,  // values come from the data
    derived,   // computed by a formula
    input,     // raw data without targets of its own (常住人口)
    group,     // a paired indicator such as 老年友好镇街、村社: its values live in its parts
};

// The tolerance of 左右 targets stated by a plan or an indicator (容差): a share of the target
// value (容差 3% → 0.03) or an amount in the indicator's unit (容差 0.5).
struct ToleranceSetting {
    double amount = 0;
    bool relative = true;
};

struct Indicator {
    IndicatorId id = 0;
    std::string key;   // identifier as written; "老年友好.村社" for a part
    std::string name;  // display name
    Unit unit;
    ast::Direction direction = ast::Direction::higher;
    IndicatorKind kind = IndicatorKind::reported;
    std::optional<DomainId> domain;
    ir::ExprPtr formula;              // derived indicators
    ir::ExprPtr full_coverage;        // what 全覆盖 means for a count (e.g. 应参保人数)
    std::vector<std::string> stages;  // ordered; non-empty for milestone indicators
    std::optional<double> baseline;
    int baseline_year = 0;
    Span baseline_span;                // where the baseline is declared
    std::string baseline_note;         // a qualitative baseline such as "开展试点"
    // 基线 80以上: the baseline is known only as a bound (≥ 80). `baseline` holds the bound's value
    // (the base of progress and lints); `baseline_written` shows it as the plan does ("80以上").
    std::optional<Op> baseline_bound;
    std::string baseline_written;
    std::vector<TagId> tags;  // 标签 约束性 ☆: marks of the plan's table, for reports to filter by
    bool running_total = false;        // 数据 累计值: the data are totals since the plan's first year, not yearly amounts
    std::optional<IndicatorId> group;  // the paired indicator this is a part of
    std::vector<IndicatorId> parts;    // for a group: its parts in order
    std::optional<ToleranceSetting> tolerance;  // 容差: for its 左右 targets without ±
    std::optional<double> precision;            // 精度: the step its targets compare at, in its unit
    Span span;

    bool staged() const { return !stages.empty(); }
    // The stage a value stands for on a staged indicator (stages are numbered 0, 1, ...), or null.
    const std::string* stage_named(double v) const;
};

// A value in an indicator's terms: its stage's name, or the number with the indicator's unit.
std::string in_terms_of(const Indicator& i, double v);

struct Domain {
    std::string name;
    std::vector<std::string> leads;  // as written, for display
    std::vector<LeadId> lead_ids;    // the same departments in Program::leads
    Span span;
};

// A lead department (牵头单位) and the domains it leads, in the order they are declared.
struct Lead {
    std::string name;
    std::vector<DomainId> domains;
};

struct Function {
    std::string name;
    std::vector<std::string> params;
    ir::ExprPtr body;
    Span span;
};

enum class TargetForm { table, statement };

// Which side(s) of its value an Op::around target bounds. "About X" bounds the side the indicator
// should not fall to (at least X − tolerance when higher is better); a band on both sides only
// where the plan holds a level (保持在 … 左右) or writes the ± itself.
enum class Band { both, at_least, at_most };

// Where the tolerance of an Op::around target comes from, for the reports ("容差 ±2%，默认").
enum class ToleranceFrom { standard, plan, indicator, rule };

// The precision a target compares at: exactly, at the precision the data value is written in
// (2083 at whole units, 2083.33 at hundredths), or at a step the indicator states (精度).
enum class Rounding { exact, as_data, step };

// A region that rule files give targets of its own (地区 玉环 { … }), by its index in Program::regions.
using RegionId = std::uint32_t;
struct NamedRegion {
    std::string name;
    Span span;  // where the rules first name it
};

// A target, whatever notation stated it: `measure op value` in `year` (within `tolerance` for
// Op::around). Every notation lowers to this one form in the checker, so the judge, explain and
// the reports never ask how a target was written: a running total (累计) is a measure that sums,
// the indicator's own value a measure that reads it.
// Adds a tag to an indicator's or a target's tags, unless they have it.
inline void add_tag(std::vector<TagId>& tags, TagId tag) {
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
}

struct Target {
    IndicatorId indicator = 0;
    int year = 0;
    ir::ExprPtr measure;  // what is compared, evaluated in the target's year (and earlier years for progress)
    Op op = Op::ge;
    ir::ExprPtr value;      // evaluated in the target year
    // Op::around: the band around the value, `tolerance` wide in the indicator's unit (the rule's ±
    // or the indicator's 容差 0.5), or when null `tolerance_share` of the target value.
    Band band = Band::both;
    ir::ExprPtr tolerance;
    double tolerance_share = 0;
    ToleranceFrom tolerance_from = ToleranceFrom::standard;
    // Equality and computed target values compare at a precision (the others exactly).
    Rounding rounding = Rounding::exact;
    double rounding_step = 0;  // Rounding::step, in the indicator's unit
    // Where progress and 完成率 are measured from: `base` evaluated in `base_year` (the region's own
    // data of the baseline year, else the declared baseline; nothing before a running total).
    ir::ExprPtr base;
    int base_year = 0;
    bool bounded_share = false;  // the measure is a percentage, bounded by 0% and 100%
    Text measure_text;           // how reports name a measure other than the indicator itself ("累计(2023起)")
    std::optional<int> cumulative_from;  // the notation 累计 (since a year): the checker's duplicate rules, the JSON field
    std::string source;                  // label of the source block; empty for the main table/statements
    TargetForm form = TargetForm::table;
    Span span;            // the rule that states the target
    std::string written;  // the condition as written, for reports
    std::optional<RegionId> region;     // stated for one region only (地区 X { … })
    std::vector<RegionId> replaced_in;  // a general target: the regions whose own target replaces it
    std::vector<TagId> tags;  // its indicator's tags, then those of its statement (… 标签 约束性)

    // Whether the target is judged for a region of the data (`region`: its id, if the rules name it).
    bool applies_to(std::optional<RegionId> data_region) const;
};

struct Plan {
    std::string name;
    std::string region;
    int baseline_year = 0;
    int first_year = 0;
    int last_year = 0;
    std::optional<ToleranceSetting> tolerance;  // 容差 in the plan's header
    Span span;
};

// Tolerance of "稳定在90%左右" when neither the rule, the indicator nor the plan gives one: 2% of the target value.
inline constexpr double kDefaultAroundTolerance = 0.02;

struct Program {
    Plan plan;
    std::vector<Domain> domains;
    std::vector<Lead> leads;
    std::vector<Indicator> indicators;
    std::vector<Target> targets;
    std::vector<Function> functions;
    std::vector<NamedRegion> regions;  // regions with targets of their own
    std::vector<std::string> tags;     // by TagId, in the order they first appear
    // Identifier and display name → indicator, for reading data keys.
    std::unordered_map<std::string, IndicatorId> keys;

    const Indicator& indicator(IndicatorId id) const { return indicators.at(id); }
    // The id of a region of the data among the regions the rules name; none when they do not name it.
    std::optional<RegionId> region_id(std::string_view name) const;
};

}  // namespace dabiao
