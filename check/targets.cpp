// The targets pass: the three notations of a target (a table entry, a statement, a Chinese
// sentence) become Targets, one per indicator and year, in one form: what is measured, how it
// compares, from which base. Repeated and conflicting targets are reported here, and targets
// that go against the indicator's direction.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "base/suggest.hpp"
#include "check/passes.hpp"
#include "stdlib/builtins.hpp"

namespace dabiao::checker {

namespace {

std::string_view direction_word(ast::Direction d, Lang lang) {
    if (lang == Lang::zh) return d == ast::Direction::higher ? "越高越好" : "越低越好";
    return d == ast::Direction::higher ? "higher-is-better" : "lower-is-better";
}

Op to_op(ast::CmpOp op) {
    switch (op) {
        case ast::CmpOp::ge:
            return Op::ge;
        case ast::CmpOp::gt:
            return Op::gt;
        case ast::CmpOp::le:
            return Op::le;
        case ast::CmpOp::lt:
            return Op::lt;
        case ast::CmpOp::eq:
            return Op::eq;
        case ast::CmpOp::around:
            return Op::around;
    }
    return Op::ge;
}

bool is_at_least(Op op) {
    return op == Op::ge || op == Op::gt;
}
bool is_at_most(Op op) {
    return op == Op::le || op == Op::lt;
}

Text direction_hint(ast::Direction d) {
    return d == ast::Direction::higher ? Text{"if lower values are better, declare the indicator 'lower' (越低越好)",
                                              "如果数值越低越好，请为指标声明 越低越好（lower）"}
                                       : Text{"if higher values are better, remove 'lower' (越低越好)",
                                              "如果数值越高越好，请去掉 越低越好（lower）"};
}

// Resolved years of one target statement or table entry.
struct YearSet {
    std::vector<int> years;
    std::optional<int> cumulative_from;
    bool ok = true;
};

bool same_target(const Target& a, const Target& b) {
    if (a.op != b.op) return false;
    const auto* ca = std::get_if<ir::Const>(&a.value->node);
    const auto* cb = std::get_if<ir::Const>(&b.value->node);
    if (ca && cb) return ca->value == cb->value;
    return a.written == b.written;
}

class TargetLowering {
public:
    explicit TargetLowering(CheckContext& cx) : cx_(cx) {}

    void run() {
        for (const PendingIndicator& pending : cx_.indicators) table_targets(pending);
        for (const PendingStatement& pending : cx_.statements) statement_targets(pending);
        for (const PendingTable& pending : cx_.tables) region_table_targets(pending);
        replace_general_targets();
    }

private:
    CheckContext& cx_;
    // Targets seen so far, to find duplicates: (indicator, year, cumulative-from, source, region,
    // part) → target. `part` tells apart the targets one rule makes for one year: the ends of a
    // range (80%—85%) and the conditions joined by 且.
    std::map<std::tuple<IndicatorId, int, int, std::string, std::int64_t, int>, std::size_t> target_index_;
    std::set<std::tuple<FileId, std::uint32_t, FileId, std::uint32_t>> conflicts_;  // rule pairs already reported

    bool year_in_plan(int year, Span span) {
        const Plan& plan = cx_.program.plan;
        if (!cx_.have_plan || (year >= plan.first_year && year <= plan.last_year)) return true;
        cx_.error(span, {fmt::format("{} is outside the plan period {}..{}", year, plan.first_year, plan.last_year),
                         fmt::format("{} 年不在规划期 {}..{} 内", year, plan.first_year, plan.last_year)});
        return false;
    }

    void table_targets(const PendingIndicator& pending) {
        for (const auto& item : pending.decl->items) {
            if (const auto* e = std::get_if<ast::TableEntry>(&item)) entry_targets(pending.id, *e, pending.scope);
        }
    }

    // A region's table (地区 X { 普惠托位占比 { 2025: 80 } }): the indicator's yearly targets for that region.
    void region_table_targets(const PendingTable& pending) {
        const auto id = subject_id(pending.table->subject);
        if (!id) return;
        for (const ast::TableEntry& e : pending.table->entries) entry_targets(*id, e, pending.scope);
    }

    void entry_targets(IndicatorId id, const ast::TableEntry& e, const Scope& scope) {
        if (e.to < e.from) {
            cx_.error(e.years_span, {fmt::format("the range {}..{} ends before it starts", e.from, e.to),
                                     fmt::format("年份区间 {}..{} 的结束年早于开始年", e.from, e.to)});
            return;
        }
        if (!year_in_plan(e.from, e.years_span) || !year_in_plan(e.to, e.years_span)) return;
        if (!known_verb(e.condition)) return;
        YearSet years;
        for (int y = e.from; y <= e.to; ++y) years.years.push_back(y);
        add_targets({id}, e.condition, years, scope, TargetForm::table, e.span);
    }

    // The indicator a statement or a region's table gives targets to; none (with an error) for an
    // unknown name or an input.
    std::optional<IndicatorId> subject_id(const ast::Subject& s) {
        const auto id = cx_.lookup_indicator(s.indicator, s.part);
        if (!id) {
            unknown_subject(s);
            return std::nullopt;
        }
        if (cx_.ind(*id).kind == IndicatorKind::input) {
            cx_.error(s.span,
                      {fmt::format("'{}' is an input (data without targets); declare it as an indicator to give it "
                                   "targets",
                                   cx_.ind(*id).key),
                       fmt::format("“{}”是输入数据项（无目标）；如需设目标请声明为指标", cx_.ind(*id).key)});
            return std::nullopt;
        }
        return id;
    }

    void statement_targets(const PendingStatement& pending) {
        const ast::TargetStmt& t = *pending.stmt;
        if (!known_verb(t.condition)) return;
        std::vector<IndicatorId> subjects;
        for (const auto& s : t.subjects) {
            const auto id = subject_id(s);
            if (!id) return;
            subjects.push_back(*id);
        }
        const YearSet years = statement_years(t);
        if (!years.ok) return;
        Scope scope = pending.scope;
        for (const auto& tag : t.tags) scope.tags.push_back(cx_.tag_id(tag.text));
        add_targets(subjects, t.condition, years, scope, TargetForm::statement, t.span);
        // 低于全国平均水平，且近三年逐年下降: each further condition is a target of its own.
        for (std::size_t k = 0; k < t.also.size(); ++k) {
            if (known_verb(t.also[k]))
                add_targets(subjects, t.also[k], years, scope, TargetForm::statement, t.span,
                            static_cast<int>(k + 1));
        }
    }

    void unknown_subject(const ast::Subject& s) {
        const std::string name = s.part ? s.indicator.text + "." + s.part->text : s.indicator.text;
        Text hint;
        constexpr std::string_view kCumulative = "累计";
        if (name.starts_with(kCumulative) && cx_.by_key.count(name.substr(kCumulative.size()))) {
            const std::string rest = name.substr(kCumulative.size());
            hint = {fmt::format("to add '{}' up over the years, write '累计 {}' with a space", rest, rest),
                    fmt::format("如要对“{}”逐年累计，请写作“累计 {}”（中间加空格）", rest, rest)};
        } else {
            hint = suggest(name, cx_.indicator_names());
        }
        cx_.error(s.span, {fmt::format("unknown indicator '{}'", name), fmt::format("未知的指标“{}”", name)}, hint);
    }

    YearSet statement_years(const ast::TargetStmt& t) {
        YearSet out;
        std::optional<int> point;
        std::optional<int> from;
        std::optional<int> to;
        const VerbMeaning* verb = meaning(t.condition);
        bool every = verb && verb->every_year;
        for (const auto& y : t.years) {
            switch (y.kind) {
                case ast::YearClause::Kind::point:
                    if (point) {
                        cx_.error(y.span, {fmt::format("a second year ({} and {}) for one target", *point, y.from),
                                           fmt::format("一个目标给出了两个年份（{} 与 {}）", *point, y.from)});
                        out.ok = false;
                    }
                    point = y.from;
                    break;
                case ast::YearClause::Kind::every_year:
                    every = true;
                    break;
                case ast::YearClause::Kind::range:
                    if (y.from) from = y.from;
                    if (y.to) to = y.to;
                    break;
            }
            const int checked[] = {y.from, y.to};
            for (const int year : checked) {
                if (year && !year_in_plan(year, y.span)) out.ok = false;
            }
        }
        if (!out.ok) return out;
        const Plan& plan = cx_.program.plan;
        const int end = to.value_or(point.value_or(plan.last_year));
        if (t.cumulative) {
            out.cumulative_from = t.cumulative->since.value_or(from.value_or(plan.first_year));
            if (!year_in_plan(*out.cumulative_from, t.cumulative->span)) out.ok = false;
            const int start = every ? *out.cumulative_from : end;
            for (int y = start; y <= end; ++y) out.years.push_back(y);
        } else if (every || from || to) {
            const int start = from.value_or(plan.first_year);
            if (end < start) {
                cx_.error(t.span, {fmt::format("the years {}..{} end before they start", start, end),
                                   fmt::format("年份 {}..{} 的结束年早于开始年", start, end)});
                out.ok = false;
            }
            for (int y = start; y <= end; ++y) out.years.push_back(y);
        } else if (point) {
            out.years.push_back(*point);
        } else {
            cx_.error(t.span, {"the target has no year", "目标缺少年份"},
                      {"add 'by 2027' at the end or '到2027年' at the start (or 'every year' / 每年)",
                       "在句首加“到2027年”或句末加 by 2027（或 每年 / every year）"});
            out.ok = false;
        }
        return out;
    }

    // How a condition compares, from its words and the indicator's direction.
    std::optional<Op> condition_op(const ast::Condition& c, const Indicator& i) {
        const auto reach = i.direction == ast::Direction::higher ? Op::ge : Op::le;
        if (c.special == ast::Special::zero) return Op::eq;
        if (c.special == ast::Special::full_coverage) return i.direction == ast::Direction::higher ? Op::ge : Op::le;
        std::optional<Op> prefix = c.prefix ? std::optional(to_op(c.prefix->op)) : std::nullopt;
        std::optional<Op> postfix = c.postfix ? std::optional(to_op(c.postfix->op)) : std::nullopt;
        if (prefix && postfix) {
            const bool agree = (*postfix == Op::ge && is_at_least(*prefix)) ||
                               (*postfix == Op::le && is_at_most(*prefix)) ||
                               (*postfix == Op::around && *prefix == Op::around);
            if (!agree) {
                cx_.error(c.postfix->span, {fmt::format("'{}' contradicts the comparison before the value",
                                                        cx_.source_text(c.postfix->span)),
                                            fmt::format("“{}”与值前面的比较词矛盾", cx_.source_text(c.postfix->span))});
                return std::nullopt;
            }
            return prefix;
        }
        if (prefix) return prefix;
        if (postfix) return postfix;
        const VerbMeaning* verb = meaning(c);
        if (verb && verb->op) return to_op(*verb->op);
        return c.tolerance ? Op::around : reach;  // "90 ± 2": a band around 90
    }

    // The vocabulary's entry for the condition's verb; null when it has none (or an unknown one).
    const VerbMeaning* meaning(const ast::Condition& c) const {
        const auto it = cx_.verbs.find(c.verb);
        return it == cx_.verbs.end() ? nullptr : &it->second;
    }

    // False, after an error at the verb naming the nearest known verbs, when the vocabulary lacks it.
    bool known_verb(const ast::Condition& c) {
        if (c.verb.empty() || meaning(c)) return true;
        std::vector<std::string> known;
        for (const auto& [word, m] : cx_.verbs) known.push_back(word);
        std::string nearest;
        for (const auto& w : nearest_names(c.verb, known, 3)) nearest += (nearest.empty() ? "" : "、") + w;
        const Text declare{fmt::format("a rule file may add it with its comparator, e.g. '动词 {} >='", c.verb),
                           fmt::format("可在规则文件中声明它及其比较方式，如“动词 {} >=”", c.verb)};
        cx_.error(c.verb_span,
                  {fmt::format("'{}' is not a known verb", c.verb), fmt::format("“{}”不是已知的动词", c.verb)},
                  nearest.empty() ? declare
                                  : Text{fmt::format("nearest known verbs: {}; or {}", nearest, declare.en),
                                         fmt::format("最接近的已知动词：{}；或{}", nearest, declare.zh)});
        return false;
    }

    // One statement or table entry becomes targets: for every subject (paired with its value
    // when there are several, "分别"), every part of a paired indicator, and every year.
    void add_targets(const std::vector<IndicatorId>& subjects, const ast::Condition& c, const YearSet& years,
                     const Scope& scope, TargetForm form, Span rule, int clause = 0) {
        const std::size_t values = c.values.size();
        if (c.special == ast::Special::none && values != 1 && values != subjects.size()) {
            cx_.error(c.span,
                      {fmt::format("{} indicators but {} values", subjects.size(), values),
                       fmt::format("{} 个指标却有 {} 个目标值", subjects.size(), values)},
                      {"give one value for all, or one value per indicator in the same order (分别)",
                       "给出一个共同的值，或按顺序为每个指标各给一个值（分别）"});
            return;
        }
        for (std::size_t k = 0; k < subjects.size(); ++k) {
            const std::size_t v = values == 1 ? 0 : k;
            const ast::Expr* value = c.special != ast::Special::none ? nullptr : c.values[v].get();
            const ast::Expr* upper = value && v < c.uppers.size() ? c.uppers[v].get() : nullptr;
            const Indicator& subject = cx_.ind(subjects[k]);
            if (subject.kind == IndicatorKind::group) {
                const auto* pair = value ? std::get_if<ast::Pair>(&value->node) : nullptr;
                if (!pair || subject.parts.size() != 2) {
                    cx_.error(
                        value ? value->span : c.span,
                        {fmt::format("'{}' has parts: give a paired value such as 7(30), or name a part (e.g. {})",
                                     subject.key, cx_.ind(subject.parts.front()).key),
                         fmt::format("“{}”有分项：请给出成对值（如 7(30)），或指明分项（如 {}）", subject.key,
                                     cx_.ind(subject.parts.front()).key)});
                    continue;
                }
                if (upper) {
                    cx_.error(upper->span, {"a range of paired values: name a part instead (e.g. 老年友好.村社)",
                                            "成对值不能写成区间：请指明分项（如 老年友好.村社）"});
                    continue;
                }
                add_indicator_targets(subject.parts[0], pair->first.get(), c, years, scope, form, rule, clause);
                add_indicator_targets(subject.parts[1], pair->second.get(), c, years, scope, form, rule, clause);
                continue;
            }
            if (value && std::holds_alternative<ast::Pair>(value->node)) {
                cx_.error(value->span, {fmt::format("a paired value, but '{}' has no parts", subject.key),
                                        fmt::format("成对值，但“{}”没有分项", subject.key)});
                continue;
            }
            if (upper) {
                add_range_targets(subjects[k], *value, *upper, c, years, scope, form, rule, clause);
                continue;
            }
            add_indicator_targets(subjects[k], value, c, years, scope, form, rule, clause);
        }
    }

    // A range (80%—85%, 介于 80% 和 85%) is two targets of the rule, each with its own verdict:
    // at least the low end, at most the high end. Both show the range as written.
    void add_range_targets(IndicatorId id, const ast::Expr& low, const ast::Expr& high, const ast::Condition& c,
                           const YearSet& years, const Scope& scope, TargetForm form, Span rule, int clause) {
        const Indicator& i = cx_.ind(id);
        const Span& where = c.prefix ? c.prefix->span : c.postfix ? c.postfix->span : c.tolerance ? c.tolerance->span : high.span;
        if (c.prefix || c.postfix || c.tolerance) {
            cx_.error(where, {"a range (80%—85%) takes no comparison word or tolerance: its ends are the bounds",
                              "区间（如 80%—85%）不再带比较词或容差：两端即上下限"});
            return;
        }
        if (i.staged()) {
            cx_.error(high.span, {fmt::format("'{}' is a staged indicator: a range of stages has no meaning", i.key),
                                  fmt::format("“{}”是阶段指标：阶段不能写成区间", i.key)});
            return;
        }
        ir::ExprPtr lo = fitted(low, id);
        ir::ExprPtr hi = fitted(high, id);
        if (!lo || !hi) return;
        const auto* clo = std::get_if<ir::Const>(&lo->node);
        const auto* chi = std::get_if<ir::Const>(&hi->node);
        if (clo && chi && clo->value > chi->value) {
            cx_.error(high.span, {fmt::format("the range ends ({}) below where it starts ({})", format_number(chi->value),
                                              format_number(clo->value)),
                                  fmt::format("区间上限（{}）小于下限（{}）", format_number(chi->value),
                                              format_number(clo->value))});
            return;
        }
        emit_targets(id, Op::ge, *lo, nullptr, c, years, scope, form, rule, clause * 2);
        emit_targets(id, Op::le, *hi, nullptr, c, years, scope, form, rule, clause * 2 + 1);
    }

    // Resolves a value for indicator `id`, checks its unit and converts it; null after an error.
    ir::ExprPtr fitted(const ast::Expr& e, IndicatorId id) {
        ir::ExprPtr resolved = resolve(cx_, e, nullptr);
        if (!resolved) return nullptr;
        const Type t = type_of(cx_, *resolved, {});
        return fit_value(cx_, std::move(resolved), t, id, e.span);
    }

    void add_indicator_targets(IndicatorId id, const ast::Expr* value, const ast::Condition& c, const YearSet& years,
                               const Scope& scope, TargetForm form, Span rule, int clause) {
        const Indicator& i = cx_.ind(id);
        if (c.special == ast::Special::falls_yearly || c.special == ast::Special::rises_yearly) {
            trend_targets(id, c, years, scope, form, rule, clause);
            return;
        }
        const auto op = condition_op(c, i);
        if (!op) return;
        Op target_op = *op;
        // The value is resolved once and copied into each year's target (it is evaluated in that year).
        ir::ExprPtr proto;
        if (c.special == ast::Special::zero) {
            proto = ir::make_const(0, c.span);
        } else if (c.special == ast::Special::full_coverage) {
            proto = full_coverage_value(id, c, target_op);
        } else if (i.staged()) {
            const auto stage = stage_index(cx_, *value, id);
            if (!stage) return;
            if (!c.prefix && !c.postfix) target_op = Op::ge;  // reaching a stage: that stage or a later one
            proto = ir::make_const(*stage, value->span);
        } else if (const auto* quoted = std::get_if<ast::Name>(&value->node); quoted && quoted->quoted) {
            cx_.error(value->span,
                      {fmt::format("\"{}\" in quotes names a stage, but '{}' has no stages", quoted->name.text, i.key),
                       fmt::format("引号中的“{}”是阶段名，但“{}”不是阶段指标", quoted->name.text, i.key)},
                      {"write a number, or an indicator's name without quotes", "请写数值，或不加引号的指标名"});
            return;
        } else {
            proto = fitted(*value, id);
        }
        if (!proto) return;
        ir::ExprPtr tolerance;
        if (c.tolerance) {
            if (target_op != Op::around) {
                cx_.error(c.tolerance->span,
                          {"a tolerance (±) only applies to 'around' (左右)", "容差（±）只适用于“左右”"});
                return;
            }
            tolerance = fitted(*c.tolerance, id);
            if (!tolerance) return;
        }
        warn_against_direction(i, target_op, c, value);
        emit_targets(id, target_op, *proto, tolerance.get(), c, years, scope, form, rule, clause * 2);
    }

    // 逐年下降 (逐年上升): lower (higher) than the year before — the indicator's value compared with
    // its own value of the previous year, in every year of the plan up to the target year, or over
    // the last N years (近三年逐年下降: the three years' values fall: two comparisons).
    void trend_targets(IndicatorId id, const ast::Condition& c, const YearSet& years, const Scope& scope,
                       TargetForm form, Span rule, int clause) {
        if (years.cumulative_from) {
            cx_.error(c.span, {"逐年下降/逐年上升 compares the yearly values: it cannot follow 累计",
                               "逐年下降/逐年上升 比较的是逐年的值，不能与“累计”同用"});
            return;
        }
        if (cx_.ind(id).staged()) {
            cx_.error(c.span, {fmt::format("'{}' is a staged indicator: it has no yearly trend", cx_.ind(id).key),
                               fmt::format("“{}”是阶段指标，没有逐年变化", cx_.ind(id).key)});
            return;
        }
        if (years.years.empty()) return;
        if (c.recent_years && *c.recent_years < 2) {
            cx_.error(c.span, {"a trend needs at least two years (近2年 or more)", "逐年变化至少需要两年（近2年及以上）"});
            return;
        }
        const Op op = c.special == ast::Special::falls_yearly ? Op::lt : Op::gt;
        const int last = years.years.back();
        const int first =
            c.recent_years ? std::max(last - *c.recent_years + 2, cx_.program.plan.first_year) : years.years.front();
        const int from = c.recent_years || years.years.size() > 1 ? first : cx_.program.plan.first_year;
        // x[year - 1], evaluated in each target's year.
        ir::AtYear before{std::make_unique<ir::Expr>(ir::Expr{c.span, ir::IndicatorRef{id}}), nullptr};
        before.year = std::make_unique<ir::Expr>(
            ir::Expr{c.span, ir::Binary{ast::BinaryOp::sub, std::make_unique<ir::Expr>(ir::Expr{c.span, ir::CurrentYear{}}),
                                        ir::make_const(1, c.span)}});
        const ir::Expr previous{c.span, std::move(before)};
        YearSet trend;
        for (int y = from; y <= last; ++y) trend.years.push_back(y);
        emit_targets(id, op, previous, nullptr, c, trend, scope, form, rule, clause * 2);
    }

    void emit_targets(IndicatorId id, Op op, const ir::Expr& value, const ir::Expr* tolerance, const ast::Condition& c,
                      const YearSet& years, const Scope& scope, TargetForm form, Span rule, int part) {
        const Indicator& i = cx_.ind(id);
        const VerbMeaning* verb = meaning(c);
        // A band on both sides only where the plan holds a level or writes the ± itself; "about X"
        // otherwise bounds the side the indicator should not fall to.
        const Band band = c.tolerance || (verb && verb->holds_level) ? Band::both
                          : i.direction == ast::Direction::higher ? Band::at_least
                                                                  : Band::at_most;
        for (const int year : years.years) {
            Target t;
            t.indicator = id;
            t.year = year;
            t.op = op;
            t.value = ir::clone(value);
            if (op == Op::around) set_tolerance(t, i, band, tolerance);
            set_rounding(t, i);
            t.cumulative_from = years.cumulative_from;
            t.source = scope.source;
            t.form = form;
            t.span = rule;
            t.written = cx_.source_text(c.span);
            if (scope.region) t.region = region_id(*scope.region);
            t.tags = i.tags;
            for (const TagId tag : scope.tags) add_tag(t.tags, tag);
            lower_measure(t);
            record_target(std::move(t), part);
        }
    }

    // The tolerance of an `around` target: the rule's ±, else the indicator's 容差, the plan's, or
    // the standard 2% of the target value.
    void set_tolerance(Target& t, const Indicator& i, Band band, const ir::Expr* rule) const {
        t.band = band;
        if (rule) {
            t.tolerance = ir::clone(*rule);
            t.tolerance_from = ToleranceFrom::rule;
            return;
        }
        const Plan& plan = cx_.program.plan;
        const ToleranceSetting setting = i.tolerance    ? *i.tolerance
                                         : plan.tolerance ? *plan.tolerance
                                                          : ToleranceSetting{kDefaultAroundTolerance, true};
        t.tolerance_from = i.tolerance ? ToleranceFrom::indicator : plan.tolerance ? ToleranceFrom::plan
                                                                                   : ToleranceFrom::standard;
        if (setting.relative) {
            t.tolerance_share = setting.amount;
        } else {
            t.tolerance = ir::make_const(setting.amount, i.span);
        }
    }

    // Equality and computed target values (min(低保标准×2/12, 最低工资标准)) compare at the
    // precision the data is written in, or at the indicator's 精度 which then holds for all its targets.
    static void set_rounding(Target& t, const Indicator& i) {
        if (i.precision) {
            t.rounding = Rounding::step;
            t.rounding_step = *i.precision;
        } else if (!i.staged() && (t.op == Op::eq || !std::holds_alternative<ir::Const>(t.value->node))) {
            t.rounding = Rounding::as_data;
        }
    }

    // What 全覆盖 means for this indicator: the stage named 全覆盖, 100 on a percentage,
    // or the indicator's declared coverage base (全覆盖 = 应参保人数).
    ir::ExprPtr full_coverage_value(IndicatorId id, const ast::Condition& c, Op& op) {
        const Indicator& i = cx_.ind(id);
        op = Op::ge;
        if (i.staged()) {
            const auto it = std::find(i.stages.begin(), i.stages.end(), "全覆盖");
            if (it != i.stages.end()) return ir::make_const(static_cast<double>(it - i.stages.begin()), c.span);
            cx_.error(c.span, {fmt::format("'{}' has no stage named 全覆盖", i.key),
                               fmt::format("“{}”没有名为“全覆盖”的阶段", i.key)});
            return nullptr;
        }
        if (i.unit.is_percent()) return ir::make_const(100, c.span);
        if (i.full_coverage) return ir::clone(*i.full_coverage);
        cx_.error(
            c.span,
            {fmt::format("全覆盖 on '{}' (measured in {}) needs to know what full coverage is", i.key, unit_label(i)),
             fmt::format("“{}”以 {} 计，“全覆盖”需要知道全覆盖的基数", i.key, unit_label(i))},
            {"declare it in the indicator: 全覆盖 = <count to be covered>, e.g. 全覆盖 = 应参保人数",
             "请在指标中声明：全覆盖 = <应覆盖数>，如 全覆盖 = 应参保人数"});
        return nullptr;
    }

    void warn_against_direction(const Indicator& i, Op op, const ast::Condition& c, const ast::Expr* value) {
        const bool zero_value =
            value && std::holds_alternative<ast::Number>(value->node) && std::get<ast::Number>(value->node).value == 0;
        if (c.special != ast::Special::none || zero_value || i.staged()) return;
        const bool against = (i.direction == ast::Direction::higher && is_at_most(op)) ||
                             (i.direction == ast::Direction::lower && is_at_least(op));
        if (!against) return;
        cx_.warning(
            c.span,
            {fmt::format("'{}' is {}, but this target is '{}'", i.key, direction_word(i.direction, Lang::en),
                         op_symbol(op)),
             fmt::format("“{}”是{}指标，而此目标是“{}”", i.key, direction_word(i.direction, Lang::zh), op_symbol(op))},
            direction_hint(i.direction));
    }

    // What a target compares and where it is measured from, so that no later stage asks which
    // notation stated it. A running total (累计 since a year) is the builtin cumulative(x, from) over
    // yearly amounts; over data that are running totals already (数据 累计值, counted from the plan's
    // first year) it is the latest total, less the total before `from`. It starts from nothing the
    // year before. Any other measure starts from the region's own value of the baseline year, and
    // from the declared baseline where the region's data has none: coalesce(x, declared).
    void lower_measure(Target& t) {
        const Indicator& i = cx_.ind(t.indicator);
        // Made here, not written: an empty span at the rule, so explain shows them by what they read.
        const Span made{t.span.file, t.span.begin, t.span.begin};
        auto read_indicator = [&] { return std::make_unique<ir::Expr>(ir::Expr{made, ir::IndicatorRef{t.indicator}}); };
        if (t.cumulative_from) {
            const int from = *t.cumulative_from;
            if (i.running_total) {
                t.measure = read_indicator();
                if (from > cx_.program.plan.first_year) {
                    ir::AtYear before{read_indicator(), ir::make_const(from - 1, made)};
                    ir::Binary since{ast::BinaryOp::sub, read_indicator(),
                                     std::make_unique<ir::Expr>(ir::Expr{made, std::move(before)})};
                    t.measure = std::make_unique<ir::Expr>(ir::Expr{made, std::move(since)});
                }
            } else {
                ir::CallBuiltin sum{find_builtin("cumulative"), {}};
                sum.args.push_back(read_indicator());
                sum.args.push_back(ir::make_const(from, made));
                t.measure = std::make_unique<ir::Expr>(ir::Expr{made, std::move(sum)});
            }
            t.base = ir::make_const(0, made);
            t.base_year = from - 1;
            t.measure_text = {fmt::format("sum since {}", from), fmt::format("累计({}起)", from)};
            return;
        }
        t.measure = read_indicator();
        t.bounded_share = i.unit.is_percent();
        t.base = read_indicator();
        t.base_year = cx_.program.plan.baseline_year;
        if (i.baseline) {
            ir::CallBuiltin own_or_declared{find_builtin("coalesce"), {}};
            own_or_declared.args.push_back(read_indicator());
            own_or_declared.args.push_back(ir::make_const(*i.baseline, made));
            t.base = std::make_unique<ir::Expr>(ir::Expr{made, std::move(own_or_declared)});
            t.base_year = i.baseline_year;
        }
    }

    // The id of a region named by a region block, registered at its first mention.
    RegionId region_id(const ast::Ident& name) {
        if (const auto id = cx_.program.region_id(name.text)) return *id;
        cx_.program.regions.push_back(NamedRegion{name.text, name.span});
        return static_cast<RegionId>(cx_.program.regions.size() - 1);
    }

    // A region's own target replaces the general one of the same indicator, year, running total
    // and source for that region: the general target is not judged there.
    void replace_general_targets() {
        for (const Target& own : cx_.program.targets) {
            if (!own.region) continue;
            // Every part of the general target (both ends of a range, each condition joined by 且).
            const auto general = std::tuple{own.indicator, own.year, own.cumulative_from.value_or(-1), own.source,
                                            std::int64_t{-1}};
            for (auto it = target_index_.lower_bound(std::tuple_cat(general, std::tuple{std::numeric_limits<int>::min()}));
                 it != target_index_.end() && std::get<0>(it->first) == own.indicator && std::get<1>(it->first) == own.year &&
                 std::get<2>(it->first) == std::get<2>(general) && std::get<3>(it->first) == own.source &&
                 std::get<4>(it->first) == -1;
                 ++it) {
                std::vector<RegionId>& replaced = cx_.program.targets[it->second].replaced_in;
                if (std::find(replaced.begin(), replaced.end(), *own.region) == replaced.end())
                    replaced.push_back(*own.region);
            }
        }
    }

    void record_target(Target t, int part) {
        const auto key = std::tuple{t.indicator, t.year, t.cumulative_from.value_or(-1), t.source,
                                    t.region ? std::int64_t{*t.region} : std::int64_t{-1}, part};
        if (const auto it = target_index_.find(key); it != target_index_.end()) {
            const Target& earlier = cx_.program.targets[it->second];
            if (same_target(earlier, t)) {
                for (const TagId tag : t.tags) add_tag(cx_.program.targets[it->second].tags, tag);
                cx_.warning(t.span,
                            {fmt::format("repeats the target for '{}' in {}", cx_.ind(t.indicator).key, t.year),
                             fmt::format("重复了“{}”{} 年的目标", cx_.ind(t.indicator).key, t.year)},
                            {"it is checked once", "该目标只检查一次"},
                            {{earlier.span, {"the same target is stated here", "相同的目标已在此给出"}}});
                return;
            }
            // One error per pair of rules, not one per year of a multi-year statement.
            if (!conflicts_.emplace(t.span.file, t.span.begin, earlier.span.file, earlier.span.begin).second) return;
            cx_.error(
                t.span,
                {fmt::format("two different targets for '{}' in {}: '{}' here and '{}' in another rule",
                             cx_.ind(t.indicator).key, t.year, t.written, earlier.written),
                 fmt::format("“{}”{} 年有两个不同的目标：此处为“{}”，另一处为“{}”", cx_.ind(t.indicator).key, t.year,
                             t.written, earlier.written)},
                t.source.empty()
                    ? Text{"keep one; if the plan really states both (e.g. in its table and in its text), put one "
                           "inside "
                           "source \"…\" { … }",
                           "请保留一个；若规划确实给出了两个（如表格和正文），请将其一放入 出处 \"…\" { … }"}
                    : Text{fmt::format("within one source (\"{}\") an indicator has one target per year: keep one, or "
                                       "move one to a source block of its own",
                                       t.source),
                           fmt::format(
                               "同一出处（\"{}\"）内每个指标每年只有一个目标：请保留一个，或将其一移入另一个出处块",
                               t.source)},
                {{earlier.span, {"the other target", "另一个目标"}}});
            return;
        }
        target_index_[key] = cx_.program.targets.size();
        cx_.program.targets.push_back(std::move(t));
    }
};

}  // namespace

void lower_targets(CheckContext& cx) {
    TargetLowering(cx).run();
}

// Yearly targets that move against the indicator's direction usually mean a forgotten `lower`.
void direction_warnings(CheckContext& cx) {
    // By indicator, comparison and region: the two ends of a range (80%—85%) are two series, and so
    // are a region's own table and the general one.
    std::map<std::tuple<IndicatorId, Op, std::optional<RegionId>>, std::vector<const Target*>> by_indicator;
    for (const Target& t : cx.program.targets) {
        if (t.form == TargetForm::table && !t.cumulative_from && std::holds_alternative<ir::Const>(t.value->node)) {
            by_indicator[{t.indicator, t.op, t.region}].push_back(&t);
        }
    }
    for (auto& [key, targets] : by_indicator) {
        const IndicatorId id = std::get<0>(key);
        const Indicator& i = cx.ind(id);
        if (i.staged()) continue;
        std::sort(targets.begin(), targets.end(), [](const Target* a, const Target* b) { return a->year < b->year; });
        for (std::size_t k = 1; k < targets.size(); ++k) {
            const double before = std::get<ir::Const>(targets[k - 1]->value->node).value;
            const double after = std::get<ir::Const>(targets[k]->value->node).value;
            const bool against = i.direction == ast::Direction::higher ? after < before : after > before;
            if (!against) continue;
            cx.warning(targets[k]->span,
                       {fmt::format("targets for '{}' {} from {} ({}) to {} ({}), but it is {}", i.key,
                                    after < before ? "fall" : "rise", format_number(before), targets[k - 1]->year,
                                    format_number(after), targets[k]->year, direction_word(i.direction, Lang::en)),
                        fmt::format("“{}”的目标从 {}（{}年）{}到 {}（{}年），但它是{}指标", i.key,
                                    format_number(before), targets[k - 1]->year, after < before ? "下降" : "上升",
                                    format_number(after), targets[k]->year, direction_word(i.direction, Lang::zh))},
                       direction_hint(i.direction));
            break;
        }
    }
}

}  // namespace dabiao::checker
