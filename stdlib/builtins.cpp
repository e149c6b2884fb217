#include "stdlib/builtins.hpp"

#include <fmt/format.h>
#include <cmath>

namespace dabiao {

namespace {

// Year loops are bounded so that a typo such as sum(x, 2023, 20270) cannot run away.
constexpr int kMaxYearSpan = 500;

Value undefined(const CallContext& call) {
    Missing m;
    m.why = Missing::Why::undefined;
    m.where = call.span();
    return Value::absent(m);
}

struct YearRange {
    int from = 0;
    int to = 0;
    std::optional<Value> problem;  // missing or undefined year arguments
};

std::optional<int> as_year(const Value& v) {
    if (!v.present || v.number != std::floor(v.number) || std::abs(v.number) > 1e6) return std::nullopt;
    return static_cast<int>(v.number);
}

YearRange year_range(CallContext& call, std::size_t from_arg, std::optional<std::size_t> to_arg) {
    YearRange r;
    const Value from = call.arg(from_arg, call.year());
    const Value to = to_arg ? call.arg(*to_arg, call.year()) : Value::of(call.year());
    if (!from.present) return {0, 0, from};
    if (!to.present) return {0, 0, to};
    const auto f = as_year(from);
    const auto t = as_year(to);
    if (!f || !t || *t < *f || *t - *f > kMaxYearSpan) return {0, 0, undefined(call)};
    r.from = *f;
    r.to = *t;
    return r;
}

// ---------------------------------------------------------------- type rules

Text unit_mismatch(const Type& a, const Type& b) {
    return {fmt::format("arguments must have the same unit, not {} and {}", describe(a), describe(b)),
            fmt::format("各参数单位须一致，而这里是 {} 和 {}", describe(a, Lang::zh), describe(b, Lang::zh))};
}

bool compatible(const Type& a, const Type& b) {
    if (a.kind == Type::Kind::unknown || b.kind == Type::Kind::unknown) return true;
    if (a.literal || b.literal) return true;
    return a.unit == b.unit;
}

TypeResult not_a_number(const Type& t) {
    return {std::nullopt,
            {fmt::format("expected a number, found {}", describe(t)),
             fmt::format("这里应是数值，而不是{}", describe(t, Lang::zh))}};
}

TypeResult same_unit(std::span<const Type> args) {
    Type result = Type::literal_number();
    for (const Type& t : args) {
        if (!t.is_number()) return not_a_number(t);
        if (!compatible(result, t)) return {std::nullopt, unit_mismatch(result, t)};
        if (result.literal && !t.literal) result = t;
    }
    return {result, {}};
}

TypeResult first_arg(std::span<const Type> args) {
    if (!args[0].is_number()) return not_a_number(args[0]);
    return {args[0], {}};
}

TypeResult counts(std::span<const Type>) {
    return {Type::number_in(Unit{}), {}};
}

TypeResult percent_of_series(std::span<const Type> args) {
    if (!args[0].is_number()) return not_a_number(args[0]);
    return {Type::number_in(parse_unit("%")), {}};
}

TypeResult percent_of_pair(std::span<const Type> args) {
    if (!args[0].is_number()) return not_a_number(args[0]);
    if (!args[1].is_number()) return not_a_number(args[1]);
    if (!compatible(args[0], args[1])) return {std::nullopt, unit_mismatch(args[0], args[1])};
    return {Type::number_in(parse_unit("%")), {}};
}

template <int Scale>
TypeResult per_scale(std::span<const Type> args) {
    if (!args[0].is_number()) return not_a_number(args[0]);
    if (!args[1].is_number()) return not_a_number(args[1]);
    Unit u = divide(args[0].unit, args[1].unit);
    u.scale -= Scale;  // "per thousand people": 个 / (10^3 人)
    return {Type::number_in(u), {}};
}

// ---------------------------------------------------------------- implementations

template <typename Combine>
Value fold_args(CallContext& call, Combine combine) {
    Value acc = call.arg(0, call.year());
    if (!acc.present) return acc;
    for (std::size_t i = 1; i < call.arg_count(); ++i) {
        const Value v = call.arg(i, call.year());
        if (!v.present) return v;
        acc.number = combine(acc.number, v.number);
    }
    acc.is_boolean = false;
    return acc;
}

// The first argument when it has a value, else the second (a region's own baseline, else the declared one).
Value coalesce_impl(CallContext& call) {
    const Value first = call.arg(0, call.year());
    return first.present ? first : call.arg(1, call.year());
}

Value min_impl(CallContext& call) {
    return fold_args(call, [](double a, double b) { return std::min(a, b); });
}
Value max_impl(CallContext& call) {
    return fold_args(call, [](double a, double b) { return std::max(a, b); });
}

Value abs_impl(CallContext& call) {
    Value v = call.arg(0, call.year());
    if (v.present) v.number = std::abs(v.number);
    return v;
}

Value round_impl(CallContext& call) {
    Value v = call.arg(0, call.year());
    if (!v.present) return v;
    int digits = 0;
    if (call.arg_count() > 1) {
        const Value d = call.arg(1, call.year());
        if (!d.present) return d;
        const auto n = as_year(d);
        if (!n || *n < 0 || *n > 12) return undefined(call);
        digits = *n;
    }
    const double scale = std::pow(10.0, digits);
    v.number = std::round(v.number * scale) / scale;  // half away from zero, as 四舍五入
    return v;
}

// Σ x over the years of a range; a missing year makes the sum missing and names the first such
// year. Every year is read, also after a gap, so that the data a sum needs is known in full.
Value sum_over(CallContext& call, const YearRange& r) {
    Value total = Value::of(0);
    for (int y = r.from; y <= r.to; ++y) {
        call.step();
        const Value v = call.arg(0, y);
        if (!v.present && total.present) total = v;
        if (v.present && total.present) total.number += v.number;
    }
    return total;
}

Value sum_impl(CallContext& call) {
    const YearRange r = year_range(call, 1, 2);
    if (r.problem) return *r.problem;
    return sum_over(call, r);
}

Value cumulative_impl(CallContext& call) {
    const YearRange r = year_range(call, 1, call.arg_count() > 2 ? std::optional<std::size_t>(2) : std::nullopt);
    if (r.problem) return *r.problem;
    return sum_over(call, r);
}

Value average_impl(CallContext& call) {
    const YearRange r = year_range(call, 1, 2);
    if (r.problem) return *r.problem;
    Value total = sum_over(call, r);
    if (total.present) total.number /= (r.to - r.from + 1);
    return total;
}

Value count_impl(CallContext& call) {
    const YearRange r = year_range(call, 1, 2);
    if (r.problem) return *r.problem;
    double n = 0;
    for (int y = r.from; y <= r.to; ++y) {
        call.step();
        const Value v = call.arg(0, y);
        if (v.present && (!v.is_boolean || v.number != 0)) n += 1;
    }
    return Value::of(n);
}

// x in the range's first and last years.
std::optional<std::pair<Value, Value>> endpoints(CallContext& call, Value& problem) {
    const YearRange r = year_range(call, 1, 2);
    if (r.problem) {
        problem = *r.problem;
        return std::nullopt;
    }
    const Value first = call.arg(0, r.from);
    if (!first.present) {
        problem = first;
        return std::nullopt;
    }
    const Value last = call.arg(0, r.to);
    if (!last.present) {
        problem = last;
        return std::nullopt;
    }
    return std::pair{first, last};
}

Value change_impl(CallContext& call) {
    Value problem;
    const auto ends = endpoints(call, problem);
    if (!ends) return problem;
    return Value::of(ends->second.number - ends->first.number);
}

Value growth_impl(CallContext& call) {
    Value problem;
    const auto ends = endpoints(call, problem);
    if (!ends) return problem;
    if (ends->first.number == 0) return undefined(call);
    return Value::of((ends->second.number / ends->first.number - 1) * 100);
}

Value cagr_impl(CallContext& call) {
    const YearRange r = year_range(call, 1, 2);
    if (r.problem) return *r.problem;
    Value problem;
    const auto ends = endpoints(call, problem);
    if (!ends) return problem;
    const int years = r.to - r.from;
    if (years <= 0 || ends->first.number <= 0 || ends->second.number < 0) return undefined(call);
    return Value::of((std::pow(ends->second.number / ends->first.number, 1.0 / years) - 1) * 100);
}

template <int Factor>
Value scaled_ratio(CallContext& call) {
    const Value a = call.arg(0, call.year());
    if (!a.present) return a;
    const Value b = call.arg(1, call.year());
    if (!b.present) return b;
    if (b.number == 0) return undefined(call);
    return Value::of(a.number / b.number * Factor);
}

using K = ArgKind;

}  // namespace

const std::vector<Builtin>& builtins() {
    static const std::vector<Builtin> table = {
        {{"min", "最小值"},
         {K::value},
         1,
         true,
         same_unit,
         min_impl,
         {"smallest of its arguments", "各参数中的最小值"}},
        {{"max", "最大值"}, {K::value}, 1, true, same_unit, max_impl, {"largest of its arguments", "各参数中的最大值"}},
        {{"abs", "绝对值"}, {K::value}, 1, false, first_arg, abs_impl, {"absolute value", "绝对值"}},
        {{"round", "四舍五入"},
         {K::value, K::year},
         1,
         false,
         first_arg,
         round_impl,
         {"round(x, digits): half away from zero", "四舍五入到指定位数"}},
        {{"sum", "求和"},
         {K::series, K::year, K::year},
         3,
         false,
         first_arg,
         sum_impl,
         {"sum(x, from, to): x added over the years from..to", "x 在起止年份间逐年求和"}},
        {{"cumulative", "累计"},
         {K::series, K::year, K::year},
         2,
         false,
         first_arg,
         cumulative_impl,
         {"cumulative(x, from[, to]): running total from `from` to `to` (default: the current year)",
          "自起始年份到截止年份（默认当年）的累计值"}},
        {{"average", "平均"},
         {K::series, K::year, K::year},
         3,
         false,
         first_arg,
         average_impl,
         {"average(x, from, to): mean of the yearly values", "起止年份间的年均值"}},
        {{"count", "计数"},
         {K::series, K::year, K::year},
         3,
         false,
         counts,
         count_impl,
         {"count(x, from, to): years with a value (or, for a condition, years it holds)",
          "起止年份间有数据（或条件成立）的年数"}},
        {{"change", "变化"},
         {K::series, K::year, K::year},
         3,
         false,
         first_arg,
         change_impl,
         {"change(x, from, to): x[to] - x[from]", "两年之差 x[to] - x[from]"}},
        {{"growth", "增长率"},
         {K::series, K::year, K::year},
         3,
         false,
         percent_of_series,
         growth_impl,
         {"growth(x, from, to): percent change from `from` to `to`", "起止年份间的增长率（%）"}},
        {{"cagr", "年均增长率"},
         {K::series, K::year, K::year},
         3,
         false,
         percent_of_series,
         cagr_impl,
         {"cagr(x, from, to): compound annual growth rate in percent", "起止年份间的年均复合增长率（%）"}},
        {{"ratio", "占比"},
         {K::value, K::value},
         2,
         false,
         percent_of_pair,
         scaled_ratio<100>,
         {"ratio(part, whole): part / whole in percent", "占比：部分 / 总体 × 100%"}},
        {{"per_thousand", "每千"},
         {K::value, K::value},
         2,
         false,
         per_scale<3>,
         scaled_ratio<1000>,
         {"per_thousand(x, population): x per 1,000 of the population", "每千人口拥有量"}},
        {{"per_ten_thousand", "每万"},
         {K::value, K::value},
         2,
         false,
         per_scale<4>,
         scaled_ratio<10000>,
         {"per_ten_thousand(x, population): x per 10,000", "每万人口拥有量"}},
        {{"coalesce", "取有值"},
         {K::value, K::value},
         2,
         false,
         same_unit,
         coalesce_impl,
         {"coalesce(x, otherwise): x when it has a value, else `otherwise`", "x 有值时取 x，否则取后一参数"}},
    };
    return table;
}

const Builtin* find_builtin(std::string_view name) {
    for (const Builtin& b : builtins()) {
        for (const auto n : b.names) {
            if (n == name) return &b;
        }
    }
    return nullptr;
}

}  // namespace dabiao
