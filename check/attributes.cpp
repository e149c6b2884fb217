// The attributes pass: what each indicator is (unit, direction, stages; the parts of a paired
// indicator take their group's), then its values (formula, full-coverage base, baseline).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/suggest.hpp"
#include "check/passes.hpp"

namespace dabiao::checker {

namespace {

// A simple unit names one thing (人, %, 元): a formula giving one cannot be declared as another.
bool simple_unit(const Unit& u) {
    return u.dims.size() == 1 && u.dims.begin()->second == 1;
}

ir::ExprPtr scaled(ir::ExprPtr expr, double factor) {
    if (factor == 1) return expr;
    if (auto* c = std::get_if<ir::Const>(&expr->node)) {
        c->value *= factor;
        return expr;
    }
    const Span span = expr->span;
    return std::make_unique<ir::Expr>(
        ir::Expr{span, ir::Binary{ast::BinaryOp::mul, std::move(expr), ir::make_const(factor, span)}});
}

// The formula's unit must be the declared one; a computed compound unit (个/人) may be
// declared as what the plan calls it (个), but a simple unit may not become another.
ir::ExprPtr fit_formula(CheckContext& cx, ir::ExprPtr expr, const Type& t, IndicatorId id, const ast::Expr& source) {
    Indicator& i = cx.ind(id);
    if (t.kind == Type::Kind::boolean || t.kind == Type::Kind::stage || t.kind == Type::Kind::year) {
        cx.error(source.span, {fmt::format("the formula gives {}, not a number", describe(t)),
                               fmt::format("公式的结果是{}，不是数值", describe(t, Lang::zh))});
        return nullptr;
    }
    if (t.kind == Type::Kind::unknown || t.literal) return expr;
    if (i.unit.text.empty() && i.unit.dims.empty()) {
        i.unit = t.unit;  // no declared unit: the formula's own
        return expr;
    }
    if (same_dimension(t.unit, i.unit)) return scaled(std::move(expr), conversion_factor(t.unit, i.unit));
    const auto* bin = std::get_if<ast::Binary>(&source.node);
    if (t.unit.dimensionless() && (i.unit.is_percent() || i.unit.is_permille()) && bin &&
        bin->op == ast::BinaryOp::div) {
        cx.error(source.span,
                 {fmt::format("this ratio is a fraction (e.g. 0.85), but '{}' is measured in {}", i.key, i.unit.name()),
                  fmt::format("此比值是小数（如 0.85），而“{}”以 {} 计", i.key, i.unit.name())},
                 {"use 占比(a, b) (ratio) for a percentage, or multiply by 100", "百分比请用 占比(a, b)，或乘以 100"});
        return nullptr;
    }
    if (simple_unit(t.unit)) {
        cx.error(source.span,
                 {fmt::format("the formula gives {}, but '{}' is declared in {}", t.unit.name(), i.key, i.unit.name()),
                  fmt::format("公式的单位是 {}，而“{}”声明的单位是 {}", t.unit.name(), i.key, i.unit.name())});
        return nullptr;
    }
    return expr;
}

void define_formula(CheckContext& cx, IndicatorId id, const ast::FormulaAttr& f) {
    Indicator& i = cx.ind(id);
    if (i.kind == IndicatorKind::group || i.staged()) {
        cx.error(f.span, {"a paired or staged indicator cannot have a formula", "分项指标和阶段指标不能有公式"});
        return;
    }
    if (i.formula) {
        cx.error(f.span, {"the formula is declared twice", "公式重复声明"});
        return;
    }
    ir::ExprPtr expr = resolve(cx, *f.expr, nullptr);
    if (!expr) return;
    const Type t = type_of(cx, *expr, {});
    i.kind = IndicatorKind::derived;
    i.formula = fit_formula(cx, std::move(expr), t, id, *f.expr);
}

void define_full_coverage(CheckContext& cx, IndicatorId id, const ast::FullCoverageAttr& fc) {
    Indicator& i = cx.ind(id);
    ir::ExprPtr expr = resolve(cx, *fc.base, nullptr);
    if (!expr) return;
    const Type t = type_of(cx, *expr, {});
    i.full_coverage = fit_value(cx, std::move(expr), t, id, fc.base->span);
    if (i.unit.is_percent()) {
        cx.warning(fc.span, {"on a percentage indicator 全覆盖 already means 100%", "百分比指标的“全覆盖”已表示 100%"});
    }
}

// A constant such as a baseline, converted to the indicator's unit.
std::optional<double> constant_value(CheckContext& cx, const ast::Expr& e, IndicatorId id) {
    const auto* num = std::get_if<ast::Number>(&e.node);
    const auto* neg = std::get_if<ast::Unary>(&e.node);
    if (neg && neg->op == ast::UnaryOp::negate) {
        if (const auto v = constant_value(cx, *neg->operand, id)) return -*v;
        return std::nullopt;
    }
    if (!num) {
        cx.error(e.span, {"expected a number", "这里应是数值"});
        return std::nullopt;
    }
    ir::ExprPtr c =
        fit_value(cx, std::make_unique<ir::Expr>(ir::Expr{e.span, ir::Const{num->value, num->unit, num->magnitude}}),
                  literal_type(num->unit, num->value), id, e.span);
    if (!c) return std::nullopt;
    return std::get<ir::Const>(c->node).value;
}

void define_baseline(CheckContext& cx, IndicatorId id, const ast::BaselineAttr& b) {
    Indicator& i = cx.ind(id);
    i.baseline_span = b.span;
    if (b.year) {
        i.baseline_year = *b.year;
        if (*b.year >= cx.program.plan.first_year && cx.have_plan) {
            cx.error(b.span, {fmt::format("the baseline year {} is inside the plan period", *b.year),
                              fmt::format("基线年份 {} 在规划期内", *b.year)});
        }
    }
    if (b.text) {
        i.baseline_note = *b.text;
        return;
    }
    if (!b.value) return;
    if (i.kind == IndicatorKind::group) {
        const auto* pair = std::get_if<ast::Pair>(&b.value->node);
        if (!pair || i.parts.size() != 2) {
            cx.error(b.value->span, {fmt::format("'{}' has parts: give a paired baseline such as 1(3)", i.key),
                                     fmt::format("“{}”有分项：基线应写成成对值，如 1(3)", i.key)});
            return;
        }
        const ast::Expr* halves[2] = {pair->first.get(), pair->second.get()};
        for (std::size_t k = 0; k < 2; ++k) {
            if (const auto v = constant_value(cx, *halves[k], i.parts[k])) {
                cx.ind(i.parts[k]).baseline = *v;
                cx.ind(i.parts[k]).baseline_year = i.baseline_year;
                cx.ind(i.parts[k]).baseline_span = b.span;
            }
        }
        return;
    }
    if (i.staged()) {
        if (const auto stage = stage_index(cx, *b.value, id)) i.baseline = *stage;
        return;
    }
    if (const auto v = constant_value(cx, *b.value, id)) i.baseline = *v;
    if (b.bound && b.bound->op != ast::CmpOp::eq) {
        static constexpr Op kOps[] = {Op::ge, Op::gt, Op::le, Op::lt, Op::eq, Op::around};  // in ast::CmpOp's order
        i.baseline_bound = kOps[static_cast<int>(b.bound->op)];
        const Span& v = b.value->span;
        i.baseline_written = cx.source_text(
            Span{v.file, std::min(v.begin, b.bound->span.begin), std::max(v.end, b.bound->span.end)});
    }
}

void define_indicator_attributes(CheckContext& cx, const PendingIndicator& pending) {
    Indicator& i = cx.ind(pending.id);
    const ast::UnitAttr* unit = nullptr;
    const ast::DirectionAttr* direction = nullptr;
    const ast::StagesAttr* stages = nullptr;
    for (const auto& item : pending.decl->items) {
        if (const auto* u = std::get_if<ast::UnitAttr>(&item)) {
            if (unit) cx.error(u->span, {"the unit is declared twice", "单位重复声明"});
            unit = u;
        } else if (const auto* dir = std::get_if<ast::DirectionAttr>(&item)) {
            if (direction && direction->direction != dir->direction) {
                cx.error(dir->span, {"the indicator is declared both higher- and lower-is-better",
                                     "指标同时声明了越高越好和越低越好"});
            }
            direction = dir;
        } else if (const auto* s = std::get_if<ast::StagesAttr>(&item)) {
            if (stages) cx.error(s->span, {"the stages are declared twice", "阶段重复声明"});
            stages = s;
        } else if (const auto* tags = std::get_if<ast::TagsAttr>(&item)) {
            for (const auto& tag : tags->tags) add_tag(i.tags, cx.tag_id(tag.text));
        } else if (const auto* data = std::get_if<ast::DataAttr>(&item)) {
            i.running_total = data->running_total;
        }
    }
    if (unit) i.unit = parse_unit(unit->unit);
    if (direction) i.direction = direction->direction;
    if (stages) {
        if (stages->milestone) {
            i.stages = {"未达成", "达成"};
        } else {
            std::set<std::string> seen;
            for (const auto& s : stages->stages) {
                if (!seen.insert(s.text).second) {
                    cx.error(s.span,
                             {fmt::format("stage '{}' is listed twice", s.text), fmt::format("阶段“{}”重复", s.text)});
                }
                i.stages.push_back(s.text);
            }
            if (i.stages.size() < 2) {
                cx.error(stages->span, {"a staged indicator needs at least two stages", "阶段指标至少需要两个阶段"});
            }
        }
        if (unit) cx.error(unit->span, {"a staged indicator has no unit", "阶段指标没有单位"});
        if (i.kind == IndicatorKind::group) {
            cx.error(stages->span, {"an indicator cannot have both parts and stages", "指标不能同时有分项和阶段"});
        }
    }
}

void inherit_group_attributes(CheckContext& cx, const PendingIndicator& pending) {
    const Indicator& group = cx.ind(pending.id);
    for (const IndicatorId part : group.parts) {
        cx.ind(part).unit = group.unit;
        cx.ind(part).direction = group.direction;
        cx.ind(part).tags = group.tags;
    }
}

// 容差 / 精度 of an indicator: a tolerance in % is a share of the target value; any other amount
// is in the indicator's unit (one written with another unit of the dimension converts).
void define_setting(CheckContext& cx, IndicatorId id, const ast::SettingAttr& a) {
    Indicator& i = cx.ind(id);
    const bool tolerance = a.kind == ast::SettingAttr::Kind::tolerance;
    const Text what = tolerance ? Text{"tolerance", "容差"} : Text{"precision", "精度"};
    if (tolerance ? i.tolerance.has_value() : i.precision.has_value()) {
        cx.error(a.span, {fmt::format("the {} is declared twice", what.en), fmt::format("{}重复声明", what.zh)});
        return;
    }
    if (i.staged()) {
        cx.error(a.span, {fmt::format("a staged indicator has no {}: stages compare exactly", what.en),
                          fmt::format("阶段指标没有{}：阶段按名称精确比较", what.zh)});
        return;
    }
    if (tolerance && a.unit == "%") {
        i.tolerance = ToleranceSetting{a.value / 100, true};
        return;
    }
    double amount = a.value;
    if (!a.unit.empty()) {
        const Unit u = parse_unit(a.unit);
        if (!same_dimension(u, i.unit)) {
            cx.error(a.span,
                     {fmt::format("a {} in {} does not fit '{}', which is measured in {}", what.en, u.name(), i.key,
                                  unit_label(i)),
                      fmt::format("以 {} 计的{}不适用于以 {} 计的“{}”", u.name(), what.zh, unit_label(i), i.key)},
                     {"write a tolerance as a share of the target (容差 3%) or in the indicator's unit (容差 0.5)",
                      "容差写作目标值的百分比（容差 3%）或指标单位下的数值（容差 0.5）"});
            return;
        }
        amount *= conversion_factor(u, i.unit);
    } else if (a.magnitude > 0) {
        amount *= std::pow(10.0, -i.unit.scale);
    }
    if (!tolerance && !(amount > 0)) {
        cx.error(a.span, {"a precision is a step greater than 0 (精度 0.01, 精度 1元)",
                          "精度是大于 0 的步长（如 精度 0.01、精度 1元）"});
        return;
    }
    if (tolerance) {
        i.tolerance = ToleranceSetting{amount, false};
    } else {
        i.precision = amount;
    }
}

void define_indicator_values(CheckContext& cx, const PendingIndicator& pending) {
    Indicator& i = cx.ind(pending.id);
    i.baseline_year = cx.program.plan.baseline_year;
    bool have_baseline = false;
    for (const auto& item : pending.decl->items) {
        if (const auto* f = std::get_if<ast::FormulaAttr>(&item)) {
            define_formula(cx, pending.id, *f);
        } else if (const auto* fc = std::get_if<ast::FullCoverageAttr>(&item)) {
            define_full_coverage(cx, pending.id, *fc);
        } else if (const auto* b = std::get_if<ast::BaselineAttr>(&item)) {
            if (have_baseline) cx.error(b->span, {"the baseline is declared twice", "基线重复声明"});
            have_baseline = true;
            define_baseline(cx, pending.id, *b);
        } else if (const auto* setting = std::get_if<ast::SettingAttr>(&item)) {
            define_setting(cx, pending.id, *setting);
        }
    }
}

}  // namespace

void define_attributes(CheckContext& cx) {
    for (const PendingIndicator& pending : cx.indicators) define_indicator_attributes(cx, pending);
    for (const PendingIndicator& pending : cx.indicators) inherit_group_attributes(cx, pending);
}

void define_values(CheckContext& cx) {
    for (const PendingIndicator& pending : cx.indicators) define_indicator_values(cx, pending);
}

// A value compared with an indicator: a bare number is in the indicator's unit; a number
// with a unit converts within the same dimension (6500人 → 0.65 万人); anything else is an error.
ir::ExprPtr fit_value(CheckContext& cx, ir::ExprPtr expr, const Type& t, IndicatorId id, Span span) {
    const Indicator& i = cx.ind(id);
    if (t.kind == Type::Kind::number && t.literal) {
        // "8.6万" on a 万人 indicator means 8.6万 people: a magnitude counts in the base unit.
        const auto* c = std::get_if<ir::Const>(&expr->node);
        if (c && c->magnitude > 0 && i.unit.scale != 0) return scaled(std::move(expr), std::pow(10.0, -i.unit.scale));
        return expr;
    }
    if (t.kind == Type::Kind::unknown) return expr;
    if (t.kind != Type::Kind::number) {
        cx.error(span, {fmt::format("expected a number in {}, found {}", unit_label(i), describe(t)),
                        fmt::format("这里应是以 {} 计的数值，而不是{}", unit_label(i), describe(t, Lang::zh))});
        return nullptr;
    }
    if (same_dimension(t.unit, i.unit)) return scaled(std::move(expr), conversion_factor(t.unit, i.unit));
    // A plan writes a rate's target with the rate's numerator: 4.5个 on a 个/千人 indicator is 4.5 个/千人.
    if (const auto slash = i.unit.text.find('/'); slash != std::string::npos) {
        const Unit numerator = parse_unit(std::string_view(i.unit.text).substr(0, slash));
        if (!numerator.dimensionless() && same_dimension(t.unit, numerator)) {
            return scaled(std::move(expr), conversion_factor(t.unit, numerator));
        }
    }
    cx.error(span,
             {fmt::format("a value in {} cannot be a target of '{}', which is measured in {}", t.unit.name(), i.key,
                          unit_label(i)),
              fmt::format("以 {} 计的值不能作为“{}”的目标，该指标以 {} 计", t.unit.name(), i.key, unit_label(i))},
             {fmt::format("write the value in {} or correct the indicator's unit", unit_label(i)),
              fmt::format("请以 {} 书写该值，或更正指标的单位", unit_label(i))});
    return nullptr;
}

std::string unit_label(const Indicator& i) {
    const std::string n = i.unit.name();
    return n.empty() ? "plain numbers" : n;
}

std::optional<int> stage_index(CheckContext& cx, const ast::Expr& e, IndicatorId id) {
    const Indicator& i = cx.ind(id);
    std::string name;
    if (const auto* n = std::get_if<ast::Name>(&e.node); n && !n->part) name = n->name.text;
    for (std::size_t k = 0; k < i.stages.size(); ++k) {
        if (i.stages[k] == name) return static_cast<int>(k);
    }
    std::string list;
    for (const auto& s : i.stages) list += (list.empty() ? "" : " < ") + s;
    cx.error(e.span,
             {fmt::format("'{}' is a staged indicator: expected one of its stages ({})", i.key, list),
              fmt::format("“{}”是阶段指标：这里应是其阶段之一（{}）", i.key, list)},
             name.empty() ? Text{} : suggest(name, i.stages));
    return std::nullopt;
}

}  // namespace dabiao::checker
