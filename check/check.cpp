#include "check/check.hpp"
#include "base/overloaded.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

#include "base/suggest.hpp"
#include "base/value.hpp"
#include "stdlib/builtins.hpp"

namespace dabiao {

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

// A simple unit names one thing (人, %, 元): a formula giving one cannot be declared as another.
bool simple_unit(const Unit& u) {
    return u.dims.size() == 1 && u.dims.begin()->second == 1;
}

struct Context {
    std::optional<DomainId> domain;
    std::string source;
};

struct PendingIndicator {
    const ast::IndicatorDecl* decl = nullptr;
    IndicatorId id = 0;
    Context context;
};

struct PendingStatement {
    const ast::TargetStmt* stmt = nullptr;
    Context context;
};

// Resolved years of one target statement or table entry.
struct YearSet {
    std::vector<int> years;
    std::optional<int> cumulative_from;
    bool ok = true;
};

class Checker {
public:
    Checker(const SourceMap& sources, Diagnostics& diags) : sources_(sources), diags_(diags) {}

    Program run(const std::vector<const ast::Module*>& modules) {
        for (const ast::Module* m : modules) declare_items(m->items, Context{});
        finish_plan(modules);
        for (auto& pending : indicators_) define_attributes(pending);
        for (auto& pending : indicators_) inherit_group_attributes(pending);
        for (FunctionId f = 0; f < fn_decls_.size(); ++f) define_function(f);
        for (auto& pending : indicators_) define_values(pending);
        check_formula_cycles();
        type_functions();
        for (auto& pending : indicators_) table_targets(pending);
        for (auto& pending : statements_) statement_targets(pending);
        direction_warnings();
        index_leads();
        for (const auto& [key, id] : by_key_) program_.keys.emplace(key, id);
        return std::move(program_);
    }

private:
    const SourceMap& sources_;
    Diagnostics& diags_;
    Program program_;
    bool have_plan_ = false;
    Span plan_span_;

    std::unordered_map<std::string, IndicatorId> by_key_;  // ids and display names
    std::unordered_map<std::string, DomainId> domains_by_name_;
    std::unordered_map<std::string, FunctionId> functions_by_name_;
    std::vector<const ast::FnDecl*> fn_decls_;
    std::vector<PendingIndicator> indicators_;
    std::vector<PendingStatement> statements_;
    std::vector<const ast::InputDecl*> inputs_;

    // Function bodies are typed once per distinct argument typing; a diagnostic inside a body
    // is reported once, however many calls lead there.
    std::map<std::string, Type> instantiations_;
    std::vector<FunctionId> instantiating_;
    std::set<std::pair<std::uint32_t, std::string>> reported_;

    // Targets seen so far, to find duplicates: (indicator, year, cumulative-from, source) → target.
    std::map<std::tuple<IndicatorId, int, int, std::string>, std::size_t> target_index_;
    std::set<std::tuple<FileId, std::uint32_t, FileId, std::uint32_t>> conflicts_;  // rule pairs already reported

    // ------------------------------------------------------------ helpers

    void error(Span where, Text message, Text hint = {}) {
        if (reported_.emplace(where.begin + (where.file << 24), message.en).second) {
            diags_.error(where, std::move(message), std::move(hint));
        }
    }
    void warning(Span where, Text message, Text hint = {}) {
        diags_.warning(where, std::move(message), std::move(hint));
    }

    std::string where(Span s) const {
        const auto lc = sources_.file(s.file).line_col(s.begin);
        return fmt::format("{}:{}:{}", sources_.file(s.file).name(), lc.line, lc.column);
    }

    std::string source_text(Span s) const {
        const std::string& t = sources_.file(s.file).text();
        std::string out = t.substr(s.begin, s.end - s.begin);
        while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\r' || out.back() == '\t')) {
            out.pop_back();
        }
        return out;
    }

    Indicator& ind(IndicatorId id) { return program_.indicators[id]; }

    std::vector<std::string> indicator_names() const {
        std::vector<std::string> names;
        for (const auto& [key, id] : by_key_) names.push_back(key);
        return names;
    }

    // ------------------------------------------------------------ phase 1: declarations

    void declare_items(const std::vector<ast::Item>& items, const Context& ctx) {
        for (const ast::Item& item : items) {
            std::visit(overloaded{
                           [&](const ast::PlanDecl& p) { declare_plan(p); },
                           [&](const ast::DomainDecl& d) { declare_domain(d, ctx); },
                           [&](const ast::SourceBlock& s) {
                               Context inner = ctx;
                               inner.source = s.label;
                               declare_items(s.items, inner);
                           },
                           [&](const ast::IndicatorDecl& d) { declare_indicator(d, ctx); },
                           [&](const ast::InputDecl& d) { declare_input(d, ctx); },
                           [&](const ast::FnDecl& f) { declare_function(f); },
                           [&](const ast::ImportDecl&) {},  // resolved by the loader
                           [&](const ast::TargetStmt& t) {
                               statements_.push_back({&t, ctx});
                           },
                       },
                       item.node);
        }
    }

    void declare_plan(const ast::PlanDecl& p) {
        if (have_plan_) {
            error(p.span,
                  {fmt::format("a second plan; the plan is already declared at {}", where(plan_span_)),
                   fmt::format("重复的规划声明；规划已在 {} 声明", where(plan_span_))},
                  {"a program has one plan: remove this one or import a file without a plan",
                   "一个程序只有一个规划：请删除此处，或导入不含规划的文件"});
            return;
        }
        have_plan_ = true;
        plan_span_ = p.span;
        Plan& plan = program_.plan;
        plan.name = p.name;
        plan.span = p.span;
        if (p.region) plan.region = p.region->text;
        if (!p.period) {
            error(p.span, {"the plan has no period", "规划缺少规划期"},
                  {"add e.g. 'period 2023..2027' (规划期 2023..2027) inside the plan block",
                   "在规划块中加入如 规划期 2023..2027"});
        } else {
            plan.first_year = p.period->first;
            plan.last_year = p.period->second;
            if (plan.last_year < plan.first_year) {
                error(p.period_span,
                      {fmt::format("the period {}..{} ends before it starts", plan.first_year, plan.last_year),
                       fmt::format("规划期 {}..{} 的结束年早于开始年", plan.first_year, plan.last_year)});
                plan.last_year = plan.first_year;
            } else if (plan.last_year - plan.first_year + 1 > kMaxPeriodYears) {
                // Judging cumulative and progress targets walks the period; a plan of thousands of
                // years is a typo (2023..20270), not a plan.
                error(p.period_span,
                      {fmt::format("the period {}..{} is {} years long; a plan period is at most {} years",
                                   plan.first_year, plan.last_year, plan.last_year - plan.first_year + 1,
                                   kMaxPeriodYears),
                       fmt::format("规划期 {}..{} 长达 {} 年；规划期最长 {} 年", plan.first_year, plan.last_year,
                                   plan.last_year - plan.first_year + 1, kMaxPeriodYears)},
                      {"check the years, e.g. 'period 2023..2027'", "请核对年份，例如 规划期 2023..2027"});
                plan.last_year = plan.first_year + kMaxPeriodYears - 1;
            }
        }
        plan.baseline_year = p.baseline_year.value_or(plan.first_year - 1);
        if (p.baseline_year && p.period && *p.baseline_year >= plan.first_year) {
            error(p.baseline_span,
                  {fmt::format("the baseline year {} is not before the period {}..{}", *p.baseline_year,
                               plan.first_year, plan.last_year),
                   fmt::format("基线年 {} 应早于规划期 {}..{}", *p.baseline_year, plan.first_year, plan.last_year)});
        }
    }

    void finish_plan(const std::vector<const ast::Module*>& modules) {
        if (have_plan_) return;
        if (statements_.empty() && indicators_.empty()) return;  // a library of functions needs no plan
        const FileId file = modules.empty() ? 0 : modules.back()->file;
        error(Span{file, 0, 0}, {"no plan declared: the targets have no period", "没有声明规划：目标缺少规划期"},
              {"add: plan \"名称\" { region 洞头区  baseline 2022  period 2023..2027 }",
               "加入：规划 \"名称\" { 地区 洞头区  基线年 2022  规划期 2023..2027 }"});
        program_.plan.first_year = 0;
        program_.plan.last_year = 9999;
    }

    // Each lead department once, with the domains it leads (a department may lead several, a
    // domain may have several), so that verdicts can be summed per department without names.
    void index_leads() {
        std::unordered_map<std::string, LeadId> by_name;
        for (DomainId d = 0; d < program_.domains.size(); ++d) {
            Domain& domain = program_.domains[d];
            for (const std::string& name : domain.leads) {
                const auto [it, added] = by_name.emplace(name, static_cast<LeadId>(program_.leads.size()));
                if (added) program_.leads.push_back(Lead{name, {}});
                Lead& lead = program_.leads[it->second];
                if (lead.domains.empty() || lead.domains.back() != d) {
                    lead.domains.push_back(d);
                    domain.lead_ids.push_back(it->second);
                }
            }
        }
    }

    // A domain may be opened again (e.g. in a second file holding the plan's text targets);
    // its lead departments, when repeated, must agree.
    void declare_domain(const ast::DomainDecl& d, const Context& ctx) {
        std::vector<std::string> leads;
        for (const auto& lead : d.leads) leads.push_back(lead.text);
        DomainId id = 0;
        if (const auto it = domains_by_name_.find(d.name.text); it != domains_by_name_.end()) {
            id = it->second;
            Domain& existing = program_.domains[id];
            if (!leads.empty() && !existing.leads.empty() && leads != existing.leads) {
                error(d.name.span,
                      {fmt::format("domain '{}' is led by {} at {}; here a different lead is given", d.name.text,
                                   fmt::join(existing.leads, "、"), where(existing.span)),
                       fmt::format("领域“{}”在 {} 的牵头单位是 {}，此处却不同", d.name.text, where(existing.span),
                                   fmt::join(existing.leads, "、"))},
                      {"give the lead department once, or the same one", "牵头单位只写一次，或写成相同的"});
            }
            if (existing.leads.empty()) existing.leads = leads;
        } else {
            id = static_cast<DomainId>(program_.domains.size());
            program_.domains.push_back(Domain{d.name.text, leads, {}, d.span});
            domains_by_name_[d.name.text] = id;
        }
        Context inner = ctx;
        inner.domain = id;
        declare_items(d.items, inner);
    }

    // Registers a data key (identifier or display name); false if another indicator has it.
    bool claim_key(const std::string& key, IndicatorId id, Span span) {
        const auto [it, inserted] = by_key_.emplace(key, id);
        if (inserted || it->second == id) return true;
        const Indicator& other = program_.indicators[it->second];
        error(span,
              {fmt::format("'{}' is already used by indicator '{}' at {}", key, other.key, where(other.span)),
               fmt::format("“{}”已被指标“{}”使用（{}）", key, other.key, where(other.span))},
              {"identifiers and display names are both data keys, so each must be unique",
               "标识符和显示名称都可作为数据键，须各不相同"});
        return false;
    }

    IndicatorId new_indicator(std::string key, std::string name, Span span, const Context& ctx, IndicatorKind kind) {
        Indicator i;
        i.id = static_cast<IndicatorId>(program_.indicators.size());
        i.key = std::move(key);
        i.name = std::move(name);
        i.span = span;
        i.domain = ctx.domain;
        i.kind = kind;
        program_.indicators.push_back(std::move(i));
        return program_.indicators.back().id;
    }

    void declare_indicator(const ast::IndicatorDecl& d, const Context& ctx) {
        if (by_key_.count(d.id.text)) {
            const Indicator& other = program_.indicators[by_key_.at(d.id.text)];
            error(d.id.span,
                  {fmt::format("indicator '{}' is declared twice (first at {})", d.id.text, where(other.span)),
                   fmt::format("指标“{}”重复声明（首次在 {}）", d.id.text, where(other.span))});
            return;
        }
        const IndicatorId id =
            new_indicator(d.id.text, d.display.value_or(d.id.text), d.span, ctx, IndicatorKind::reported);
        claim_key(d.id.text, id, d.id.span);
        if (d.display && *d.display != d.id.text) claim_key(*d.display, id, d.display_span);
        for (const auto& item : d.items) {
            if (const auto* parts = std::get_if<ast::PartsAttr>(&item)) declare_parts(id, *parts, ctx);
        }
        indicators_.push_back({&d, id, ctx});
    }

    void declare_parts(IndicatorId group, const ast::PartsAttr& parts, const Context& ctx) {
        if (!ind(group).parts.empty()) {
            error(parts.span, {"the parts are declared twice", "分项重复声明"});
            return;
        }
        if (parts.parts.size() < 2) {
            error(parts.span, {"a paired indicator needs at least two parts", "分项指标至少需要两个分项"});
            return;
        }
        ind(group).kind = IndicatorKind::group;
        for (const auto& part : parts.parts) {
            const std::string key = ind(group).key + "." + part.id.text;
            const std::string name = part.display.value_or(fmt::format("{}（{}）", ind(group).name, part.id.text));
            if (by_key_.count(key)) {
                error(part.id.span, {fmt::format("part '{}' is declared twice", part.id.text),
                                     fmt::format("分项“{}”重复声明", part.id.text)});
                continue;
            }
            const IndicatorId id = new_indicator(key, name, part.id.span, ctx, IndicatorKind::reported);
            ind(id).group = group;
            ind(group).parts.push_back(id);
            claim_key(key, id, part.id.span);
            if (part.display) claim_key(*part.display, id, part.id.span);
        }
    }

    void declare_input(const ast::InputDecl& d, const Context& ctx) {
        if (by_key_.count(d.id.text)) {
            const Indicator& other = program_.indicators[by_key_.at(d.id.text)];
            error(d.id.span, {fmt::format("'{}' is declared twice (first at {})", d.id.text, where(other.span)),
                              fmt::format("“{}”重复声明（首次在 {}）", d.id.text, where(other.span))});
            return;
        }
        const IndicatorId id =
            new_indicator(d.id.text, d.display.value_or(d.id.text), d.span, ctx, IndicatorKind::input);
        claim_key(d.id.text, id, d.id.span);
        if (d.display && *d.display != d.id.text) claim_key(*d.display, id, d.span);
        if (d.unit) ind(id).unit = parse_unit(d.unit->unit);
    }

    void declare_function(const ast::FnDecl& f) {
        if (find_builtin(f.name.text)) {
            error(f.name.span,
                  {fmt::format("'{}' is a built-in function and cannot be redefined", f.name.text),
                   fmt::format("“{}”是内置函数，不能重新定义", f.name.text)},
                  {"choose another name", "请换一个名称"});
            return;
        }
        if (const auto it = functions_by_name_.find(f.name.text); it != functions_by_name_.end()) {
            error(f.name.span, {fmt::format("function '{}' is defined twice (first at {})", f.name.text,
                                            where(program_.functions[it->second].span)),
                                fmt::format("函数“{}”重复定义（首次在 {}）", f.name.text,
                                            where(program_.functions[it->second].span))});
            return;
        }
        const auto id = static_cast<FunctionId>(program_.functions.size());
        Function fn;
        fn.name = f.name.text;
        fn.span = f.span;
        for (const auto& p : f.params) fn.params.push_back(p.text);
        program_.functions.push_back(std::move(fn));
        fn_decls_.push_back(&f);
        functions_by_name_[f.name.text] = id;
    }

    // ------------------------------------------------------------ phase 2: indicator attributes

    void define_attributes(PendingIndicator& pending) {
        Indicator& i = ind(pending.id);
        const ast::UnitAttr* unit = nullptr;
        const ast::DirectionAttr* direction = nullptr;
        const ast::StagesAttr* stages = nullptr;
        for (const auto& item : pending.decl->items) {
            if (const auto* u = std::get_if<ast::UnitAttr>(&item)) {
                if (unit) error(u->span, {"the unit is declared twice", "单位重复声明"});
                unit = u;
            } else if (const auto* dir = std::get_if<ast::DirectionAttr>(&item)) {
                if (direction && direction->direction != dir->direction) {
                    error(dir->span, {"the indicator is declared both higher- and lower-is-better",
                                      "指标同时声明了越高越好和越低越好"});
                }
                direction = dir;
            } else if (const auto* s = std::get_if<ast::StagesAttr>(&item)) {
                if (stages) error(s->span, {"the stages are declared twice", "阶段重复声明"});
                stages = s;
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
                        error(s.span,
                              {fmt::format("stage '{}' is listed twice", s.text), fmt::format("阶段“{}”重复", s.text)});
                    }
                    i.stages.push_back(s.text);
                }
                if (i.stages.size() < 2) {
                    error(stages->span, {"a staged indicator needs at least two stages", "阶段指标至少需要两个阶段"});
                }
            }
            if (unit) error(unit->span, {"a staged indicator has no unit", "阶段指标没有单位"});
            if (i.kind == IndicatorKind::group) {
                error(stages->span, {"an indicator cannot have both parts and stages", "指标不能同时有分项和阶段"});
            }
        }
    }

    void inherit_group_attributes(PendingIndicator& pending) {
        const Indicator& group = ind(pending.id);
        for (const IndicatorId part : group.parts) {
            ind(part).unit = group.unit;
            ind(part).direction = group.direction;
        }
    }

    void define_values(PendingIndicator& pending) {
        Indicator& i = ind(pending.id);
        i.baseline_year = program_.plan.baseline_year;
        bool have_baseline = false;
        for (const auto& item : pending.decl->items) {
            if (const auto* f = std::get_if<ast::FormulaAttr>(&item)) {
                define_formula(pending.id, *f);
            } else if (const auto* fc = std::get_if<ast::FullCoverageAttr>(&item)) {
                define_full_coverage(pending.id, *fc);
            } else if (const auto* b = std::get_if<ast::BaselineAttr>(&item)) {
                if (have_baseline) error(b->span, {"the baseline is declared twice", "基线重复声明"});
                have_baseline = true;
                define_baseline(pending.id, *b);
            }
        }
    }

    void define_formula(IndicatorId id, const ast::FormulaAttr& f) {
        Indicator& i = ind(id);
        if (i.kind == IndicatorKind::group || i.staged()) {
            error(f.span, {"a paired or staged indicator cannot have a formula", "分项指标和阶段指标不能有公式"});
            return;
        }
        if (i.formula) {
            error(f.span, {"the formula is declared twice", "公式重复声明"});
            return;
        }
        ir::ExprPtr expr = resolve(*f.expr, nullptr);
        if (!expr) return;
        const Type t = type_of(*expr, {});
        i.kind = IndicatorKind::derived;
        i.formula = fit_formula(std::move(expr), t, id, *f.expr);
    }

    // The formula's unit must be the declared one; a computed compound unit (个/人) may be
    // declared as what the plan calls it (个), but a simple unit may not become another.
    ir::ExprPtr fit_formula(ir::ExprPtr expr, const Type& t, IndicatorId id, const ast::Expr& source) {
        Indicator& i = ind(id);
        if (t.kind == Type::Kind::boolean || t.kind == Type::Kind::stage || t.kind == Type::Kind::year) {
            error(source.span, {fmt::format("the formula gives {}, not a number", describe(t)),
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
            error(
                source.span,
                {fmt::format("this ratio is a fraction (e.g. 0.85), but '{}' is measured in {}", i.key, i.unit.name()),
                 fmt::format("此比值是小数（如 0.85），而“{}”以 {} 计", i.key, i.unit.name())},
                {"use 占比(a, b) (ratio) for a percentage, or multiply by 100", "百分比请用 占比(a, b)，或乘以 100"});
            return nullptr;
        }
        if (simple_unit(t.unit)) {
            error(source.span,
                  {fmt::format("the formula gives {}, but '{}' is declared in {}", t.unit.name(), i.key, i.unit.name()),
                   fmt::format("公式的单位是 {}，而“{}”声明的单位是 {}", t.unit.name(), i.key, i.unit.name())});
            return nullptr;
        }
        return expr;
    }

    static ir::ExprPtr scaled(ir::ExprPtr expr, double factor) {
        if (factor == 1) return expr;
        if (auto* c = std::get_if<ir::Const>(&expr->node)) {
            c->value *= factor;
            return expr;
        }
        const Span span = expr->span;
        return std::make_unique<ir::Expr>(
            ir::Expr{span, ir::Binary{ast::BinaryOp::mul, std::move(expr), ir::make_const(factor, span)}});
    }

    void define_full_coverage(IndicatorId id, const ast::FullCoverageAttr& fc) {
        Indicator& i = ind(id);
        ir::ExprPtr expr = resolve(*fc.base, nullptr);
        if (!expr) return;
        const Type t = type_of(*expr, {});
        i.full_coverage = fit_value(std::move(expr), t, id, fc.base->span);
        if (i.unit.is_percent()) {
            warning(fc.span,
                    {"on a percentage indicator 全覆盖 already means 100%", "百分比指标的“全覆盖”已表示 100%"});
        }
    }

    // A value compared with an indicator: a bare number is in the indicator's unit; a number
    // with a unit converts within the same dimension (6500人 → 0.65 万人); anything else is an error.
    ir::ExprPtr fit_value(ir::ExprPtr expr, const Type& t, IndicatorId id, Span span) {
        const Indicator& i = ind(id);
        if (t.kind == Type::Kind::number && t.literal) {
            // "8.6万" on a 万人 indicator means 8.6万 people: a magnitude counts in the base unit.
            const auto* c = std::get_if<ir::Const>(&expr->node);
            if (c && c->magnitude > 0 && i.unit.scale != 0)
                return scaled(std::move(expr), std::pow(10.0, -i.unit.scale));
            return expr;
        }
        if (t.kind == Type::Kind::unknown) return expr;
        if (t.kind != Type::Kind::number) {
            error(span, {fmt::format("expected a number in {}, found {}", unit_label(i), describe(t)),
                         fmt::format("这里应是以 {} 计的数值，而不是{}", unit_label(i), describe(t, Lang::zh))});
            return nullptr;
        }
        if (same_dimension(t.unit, i.unit)) return scaled(std::move(expr), conversion_factor(t.unit, i.unit));
        error(span,
              {fmt::format("a value in {} cannot be a target of '{}', which is measured in {}", t.unit.name(), i.key,
                           unit_label(i)),
               fmt::format("以 {} 计的值不能作为“{}”的目标，该指标以 {} 计", t.unit.name(), i.key, unit_label(i))},
              {fmt::format("write the value in {} or correct the indicator's unit", unit_label(i)),
               fmt::format("请以 {} 书写该值，或更正指标的单位", unit_label(i))});
        return nullptr;
    }

    static std::string unit_label(const Indicator& i) {
        const std::string n = i.unit.name();
        return n.empty() ? "plain numbers" : n;
    }

    void define_baseline(IndicatorId id, const ast::BaselineAttr& b) {
        Indicator& i = ind(id);
        if (b.year) {
            i.baseline_year = *b.year;
            if (*b.year >= program_.plan.first_year && have_plan_) {
                error(b.span, {fmt::format("the baseline year {} is inside the plan period", *b.year),
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
                error(b.value->span, {fmt::format("'{}' has parts: give a paired baseline such as 1(3)", i.key),
                                      fmt::format("“{}”有分项：基线应写成成对值，如 1(3)", i.key)});
                return;
            }
            const ast::Expr* halves[2] = {pair->first.get(), pair->second.get()};
            for (std::size_t k = 0; k < 2; ++k) {
                if (const auto v = constant_value(*halves[k], i.parts[k])) {
                    ind(i.parts[k]).baseline = *v;
                    ind(i.parts[k]).baseline_year = i.baseline_year;
                }
            }
            return;
        }
        if (i.staged()) {
            if (const auto stage = stage_index(*b.value, id)) i.baseline = *stage;
            return;
        }
        if (const auto v = constant_value(*b.value, id)) i.baseline = *v;
    }

    // A constant such as a baseline, converted to the indicator's unit.
    std::optional<double> constant_value(const ast::Expr& e, IndicatorId id) {
        const auto* num = std::get_if<ast::Number>(&e.node);
        const auto* neg = std::get_if<ast::Unary>(&e.node);
        if (neg && neg->op == ast::UnaryOp::negate) {
            if (const auto v = constant_value(*neg->operand, id)) return -*v;
            return std::nullopt;
        }
        if (!num) {
            error(e.span, {"expected a number", "这里应是数值"});
            return std::nullopt;
        }
        ir::ExprPtr c =
            fit_value(std::make_unique<ir::Expr>(ir::Expr{e.span, ir::Const{num->value, num->unit, num->magnitude}}),
                      literal_type(num->unit), id, e.span);
        if (!c) return std::nullopt;
        return std::get<ir::Const>(c->node).value;
    }

    static Type literal_type(const std::string& unit) {
        if (unit.empty()) return Type::literal_number();
        if (unit == "年") return Type::year_type();
        return Type::number_in(parse_unit(unit));
    }

    std::optional<int> stage_index(const ast::Expr& e, IndicatorId id) {
        const Indicator& i = ind(id);
        std::string name;
        if (const auto* n = std::get_if<ast::Name>(&e.node); n && !n->part) name = n->name.text;
        for (std::size_t k = 0; k < i.stages.size(); ++k) {
            if (i.stages[k] == name) return static_cast<int>(k);
        }
        std::string list;
        for (const auto& s : i.stages) list += (list.empty() ? "" : " < ") + s;
        error(e.span,
              {fmt::format("'{}' is a staged indicator: expected one of its stages ({})", i.key, list),
               fmt::format("“{}”是阶段指标：这里应是其阶段之一（{}）", i.key, list)},
              name.empty() ? Text{} : suggest(name, i.stages));
        return std::nullopt;
    }

    // ------------------------------------------------------------ functions

    void define_function(FunctionId f) {
        const ast::FnDecl& decl = *fn_decls_[f];
        std::set<std::string> seen;
        for (const auto& p : decl.params) {
            if (!seen.insert(p.text).second) {
                error(p.span,
                      {fmt::format("parameter '{}' appears twice", p.text), fmt::format("参数“{}”重复", p.text)});
            }
        }
        program_.functions[f].body = resolve(*decl.body, &program_.functions[f].params);
    }

    // Bodies are typed at their calls; a function nobody calls is typed once with unknown arguments.
    void type_functions() {
        for (FunctionId f = 0; f < program_.functions.size(); ++f) {
            const Function& fn = program_.functions[f];
            if (!fn.body) continue;
            std::vector<Type> args(fn.params.size(), Type::unknown());
            call_type(f, args);
        }
    }

    Type call_type(FunctionId f, const std::vector<Type>& args) {
        const Function& fn = program_.functions[f];
        if (!fn.body) return Type::unknown();
        if (std::find(instantiating_.begin(), instantiating_.end(), f) != instantiating_.end()) return Type::unknown();
        std::string key = std::to_string(f);
        for (const Type& t : args)
            key += "|" + std::to_string(static_cast<int>(t.kind)) + (t.literal ? "L" : "") + t.unit.name();
        if (const auto it = instantiations_.find(key); it != instantiations_.end()) return it->second;
        instantiating_.push_back(f);
        const Type result = type_of(*fn.body, args);
        instantiating_.pop_back();
        instantiations_[key] = result;
        return result;
    }

    // ------------------------------------------------------------ name resolution

    void unknown_name(const ast::Ident& name, const std::vector<std::string>* params) {
        std::vector<std::string> candidates = indicator_names();
        if (params) candidates.insert(candidates.end(), params->begin(), params->end());
        error(name.span, {fmt::format("unknown name '{}'", name.text), fmt::format("未知的名称“{}”", name.text)},
              suggest(name.text, candidates));
    }

    std::optional<IndicatorId> lookup_indicator(const ast::Ident& name, const std::optional<ast::Ident>& part) {
        const std::string key = part ? name.text + "." + part->text : name.text;
        const auto it = by_key_.find(key);
        if (it == by_key_.end()) return std::nullopt;
        return it->second;
    }

    ir::ExprPtr resolve(const ast::Expr& e, const std::vector<std::string>* params) {
        auto make = [&](auto node) { return std::make_unique<ir::Expr>(ir::Expr{e.span, std::move(node)}); };
        return std::visit(
            overloaded{
                [&](const ast::Number& n) -> ir::ExprPtr {
                    return make(ir::Const{n.value, n.unit, n.magnitude});
                },
                [&](const ast::Name& n) -> ir::ExprPtr {
                    if (params && !n.part) {
                        const auto it = std::find(params->begin(), params->end(), n.name.text);
                        if (it != params->end())
                            return make(ir::ParamRef{static_cast<std::uint32_t>(it - params->begin())});
                    }
                    const auto id = lookup_indicator(n.name, n.part);
                    if (!id) {
                        unknown_name(n.part ? ast::Ident{n.name.text + "." + n.part->text, e.span} : n.name, params);
                        return nullptr;
                    }
                    if (ind(*id).kind == IndicatorKind::group) {
                        error(e.span, {fmt::format("'{}' has parts; name one of them, e.g. {}", n.name.text,
                                                   ind(ind(*id).parts.front()).key),
                                       fmt::format("“{}”有分项，请指明其一，如 {}", n.name.text,
                                                   ind(ind(*id).parts.front()).key)});
                        return nullptr;
                    }
                    return make(ir::IndicatorRef{*id});
                },
                [&](const ast::CurrentYear&) -> ir::ExprPtr { return make(ir::CurrentYear{}); },
                [&](const ast::AtYear& a) -> ir::ExprPtr {
                    auto series = resolve(*a.series, params);
                    auto year = resolve(*a.year, params);
                    if (!series || !year) return nullptr;
                    return make(ir::AtYear{std::move(series), std::move(year)});
                },
                [&](const ast::Unary& u) -> ir::ExprPtr {
                    auto operand = resolve(*u.operand, params);
                    if (!operand) return nullptr;
                    return make(ir::Unary{u.op, std::move(operand)});
                },
                [&](const ast::Binary& b) -> ir::ExprPtr {
                    auto lhs = resolve(*b.lhs, params);
                    auto rhs = resolve(*b.rhs, params);
                    if (!lhs || !rhs) return nullptr;
                    return make(ir::Binary{b.op, std::move(lhs), std::move(rhs)});
                },
                [&](const ast::Call& c) -> ir::ExprPtr { return resolve_call(e, c, params); },
                [&](const ast::If& i) -> ir::ExprPtr {
                    auto cond = resolve(*i.condition, params);
                    auto then_branch = resolve(*i.then_branch, params);
                    auto else_branch = resolve(*i.else_branch, params);
                    if (!cond || !then_branch || !else_branch) return nullptr;
                    return make(ir::If{std::move(cond), std::move(then_branch), std::move(else_branch)});
                },
                [&](const ast::Pair&) -> ir::ExprPtr {
                    error(e.span,
                          {"a paired value such as 2(8) is only allowed as a target or baseline of an indicator "
                           "with parts",
                           "成对值（如 2(8)）只能用作分项指标的目标或基线"});
                    return nullptr;
                },
            },
            e.node);
    }

    ir::ExprPtr resolve_call(const ast::Expr& e, const ast::Call& c, const std::vector<std::string>* params) {
        std::vector<ir::ExprPtr> args;
        bool ok = true;
        for (const auto& a : c.args) {
            args.push_back(resolve(*a, params));
            ok = ok && args.back();
        }
        const auto arity_error = [&](std::size_t min, std::optional<std::size_t> max) {
            const std::string expected = !max          ? fmt::format("at least {}", min)
                                         : min == *max ? std::to_string(min)
                                                       : fmt::format("{} to {}", min, *max);
            error(e.span, {fmt::format("'{}' takes {} argument(s), not {}", c.callee.text, expected, c.args.size()),
                           fmt::format("“{}”需要 {} 个参数，而不是 {} 个", c.callee.text, expected, c.args.size())});
        };
        if (const auto it = functions_by_name_.find(c.callee.text); it != functions_by_name_.end()) {
            const std::size_t n = program_.functions[it->second].params.size();
            if (c.args.size() != n) {
                arity_error(n, n);
                return nullptr;
            }
            if (!ok) return nullptr;
            return std::make_unique<ir::Expr>(ir::Expr{e.span, ir::CallFunction{it->second, std::move(args)}});
        }
        if (const Builtin* b = find_builtin(c.callee.text)) {
            const std::optional<std::size_t> max = b->variadic ? std::nullopt : std::optional(b->params.size());
            if (c.args.size() < b->min_args || (max && c.args.size() > *max)) {
                arity_error(b->min_args, max);
                return nullptr;
            }
            if (!ok) return nullptr;
            return std::make_unique<ir::Expr>(ir::Expr{e.span, ir::CallBuiltin{b, std::move(args)}});
        }
        std::vector<std::string> candidates;
        for (const auto& [name, id] : functions_by_name_) candidates.push_back(name);
        for (const Builtin& b : builtins()) {
            for (const auto n : b.names) candidates.emplace_back(n);
        }
        error(c.callee.span,
              {fmt::format("unknown function '{}'", c.callee.text), fmt::format("未知的函数“{}”", c.callee.text)},
              suggest(c.callee.text, candidates));
        return nullptr;
    }

    // ------------------------------------------------------------ types and units

    Type unify_numbers(const Type& a, const Type& b, Span span, std::string_view what_en, std::string_view what_zh) {
        if (a.kind == Type::Kind::unknown) return b;
        if (b.kind == Type::Kind::unknown) return a;
        if (a.literal) return b;
        if (b.literal) return a;
        if (a.unit == b.unit) return a;
        if (same_dimension(a.unit, b.unit)) {
            error(span,
                  {fmt::format("cannot {} {} and {} directly", what_en, a.unit.name(), b.unit.name()),
                   fmt::format("不能直接{} {} 与 {}", what_zh, a.unit.name(), b.unit.name())},
                  {fmt::format("convert one side first (1 {} = {} {})", a.unit.name(),
                               format_number(conversion_factor(a.unit, b.unit)), b.unit.name()),
                   fmt::format("请先换算其中一方（1 {} = {} {}）", a.unit.name(),
                               format_number(conversion_factor(a.unit, b.unit)), b.unit.name())});
        } else {
            error(span,
                  {fmt::format("cannot {} {} and {}", what_en, describe(a), describe(b)),
                   fmt::format("不能{} {} 与 {}", what_zh, describe(a, Lang::zh), describe(b, Lang::zh))},
                  {"both sides must have the same unit; percentages and ratios come from 占比(a, b)",
                   "两边单位须相同；百分比和比值请用 占比(a, b) 等函数得到"});
        }
        return Type::unknown();
    }

    bool expect_number(const Type& t, Span span) {
        if (t.is_number()) return true;
        error(span, {fmt::format("expected a number, found {}", describe(t)),
                     fmt::format("这里应是数值，而不是{}", describe(t, Lang::zh))});
        return false;
    }

    bool expect_condition(const Type& t, Span span) {
        if (t.kind == Type::Kind::boolean || t.kind == Type::Kind::unknown) return true;
        error(span, {fmt::format("expected a condition (true or false), found {}", describe(t)),
                     fmt::format("这里应是条件（真或假），而不是{}", describe(t, Lang::zh))});
        return false;
    }

    Type type_of(const ir::Expr& e, std::span<const Type> params) {
        return std::visit(
            overloaded{
                [&](const ir::Const& c) { return literal_type(c.unit); },
                [&](const ir::IndicatorRef& r) {
                    const Indicator& i = ind(r.id);
                    if (i.staged()) return Type{Type::Kind::stage, {}, false, r.id};
                    return Type::number_in(i.unit);
                },
                [&](const ir::ParamRef& p) { return p.index < params.size() ? params[p.index] : Type::unknown(); },
                [&](const ir::CurrentYear&) { return Type::year_type(); },
                [&](const ir::AtYear& a) {
                    const Type year = type_of(*a.year, params);
                    if (!year.yearlike()) {
                        error(a.year->span, {fmt::format("expected a year in [ ], found {}", describe(year)),
                                             fmt::format("[ ] 中应是年份，而不是{}", describe(year, Lang::zh))});
                    }
                    return type_of(*a.series, params);
                },
                [&](const ir::Unary& u) {
                    const Type t = type_of(*u.operand, params);
                    if (u.op == ast::UnaryOp::logical_not) {
                        expect_condition(t, u.operand->span);
                        return Type::boolean();
                    }
                    expect_number(t, u.operand->span);
                    return t;
                },
                [&](const ir::Binary& b) { return binary_type(e, b, params); },
                [&](const ir::CallBuiltin& c) { return builtin_type(e, c, params); },
                [&](const ir::CallFunction& c) {
                    std::vector<Type> args;
                    for (const auto& a : c.args) args.push_back(type_of(*a, params));
                    return call_type(c.fn, args);
                },
                [&](const ir::If& i) {
                    expect_condition(type_of(*i.condition, params), i.condition->span);
                    const Type a = type_of(*i.then_branch, params);
                    const Type b = type_of(*i.else_branch, params);
                    if (a.kind == Type::Kind::boolean && b.kind == Type::Kind::boolean) return a;
                    if (!expect_number(a, i.then_branch->span) || !expect_number(b, i.else_branch->span)) {
                        return Type::unknown();
                    }
                    return unify_numbers(a, b, e.span, "choose between", "在两分支间选择");
                },
            },
            e.node);
    }

    Type binary_type(const ir::Expr& e, const ir::Binary& b, std::span<const Type> params) {
        const Type l = type_of(*b.lhs, params);
        const Type r = type_of(*b.rhs, params);
        using Op = ast::BinaryOp;
        switch (b.op) {
            case Op::logical_and:
            case Op::logical_or:
                expect_condition(l, b.lhs->span);
                expect_condition(r, b.rhs->span);
                return Type::boolean();
            case Op::ge:
            case Op::gt:
            case Op::le:
            case Op::lt:
            case Op::eq:
            case Op::ne:
                if (l.kind == Type::Kind::stage && r.kind == Type::Kind::stage && l.stage_of == r.stage_of) {
                    return Type::boolean();
                }
                if ((l.kind == Type::Kind::year && r.yearlike()) || (r.kind == Type::Kind::year && l.yearlike())) {
                    return Type::boolean();
                }
                if (expect_number(l, b.lhs->span) && expect_number(r, b.rhs->span)) {
                    unify_numbers(l, r, e.span, "compare", "比较");
                }
                return Type::boolean();
            case Op::add:
            case Op::sub:
                if (l.kind == Type::Kind::year || r.kind == Type::Kind::year) {
                    if (l.kind == Type::Kind::year && r.kind == Type::Kind::year && b.op == Op::sub) {
                        return Type::literal_number();  // a number of years
                    }
                    if ((l.kind == Type::Kind::year && r.yearlike()) || (r.kind == Type::Kind::year && l.yearlike())) {
                        return Type::year_type();
                    }
                }
                if (!expect_number(l, b.lhs->span) || !expect_number(r, b.rhs->span)) return Type::unknown();
                return unify_numbers(l, r, e.span, b.op == Op::add ? "add" : "subtract",
                                     b.op == Op::add ? "相加" : "相减");
            case Op::mul:
            case Op::div: {
                if (!expect_number(l, b.lhs->span) || !expect_number(r, b.rhs->span)) return Type::unknown();
                if (l.kind == Type::Kind::unknown || r.kind == Type::Kind::unknown) return Type::unknown();
                if (l.literal && r.literal) return Type::literal_number();
                if (b.op == Op::mul) {
                    if (l.literal) return r;
                    if (r.literal) return l;
                    return Type::number_in(multiply(l.unit, r.unit));
                }
                if (r.literal) return l;
                return Type::number_in(divide(l.literal ? Unit{} : l.unit, r.unit));
            }
        }
        return Type::unknown();
    }

    Type builtin_type(const ir::Expr& e, const ir::CallBuiltin& c, std::span<const Type> params) {
        std::vector<Type> args;
        bool ok = true;
        for (std::size_t k = 0; k < c.args.size(); ++k) {
            const Type t = type_of(*c.args[k], params);
            const ArgKind kind = c.fn->params[std::min(k, c.fn->params.size() - 1)];
            if (kind == ArgKind::year && !t.yearlike()) {
                error(c.args[k]->span, {fmt::format("expected a year, found {}", describe(t)),
                                        fmt::format("这里应是年份，而不是{}", describe(t, Lang::zh))});
                ok = false;
            }
            args.push_back(t);
        }
        if (!ok) return Type::unknown();
        const TypeResult result = c.fn->result_type(args);
        if (!result.type) {
            error(e.span, result.error);
            return Type::unknown();
        }
        return *result.type;
    }

    // ------------------------------------------------------------ derived indicators: no cycles

    // A formula that uses its own indicator in the same year loops forever; x[year - 1] is
    // fine, so only references outside an AtYear count: a cycle of same-year references among
    // formulas (directly or through functions) is an error.
    void check_formula_cycles() {
        const std::size_t n = program_.indicators.size();
        std::vector<std::vector<IndicatorId>> deps(n);
        for (IndicatorId id = 0; id < n; ++id) {
            const Indicator& i = program_.indicators[id];
            if (!i.formula) continue;
            std::set<FunctionId> seen;
            collect_same_year_dependencies(*i.formula, deps[id], seen);
        }
        enum class Mark { none, active, done };
        std::vector<Mark> mark(n, Mark::none);
        std::vector<IndicatorId> stack;
        std::function<bool(IndicatorId)> visit = [&](IndicatorId id) -> bool {
            if (mark[id] == Mark::done) return false;
            if (mark[id] == Mark::active) {
                std::string cycle;
                const auto start = std::find(stack.begin(), stack.end(), id);
                for (auto it = start; it != stack.end(); ++it) cycle += ind(*it).key + " → ";
                cycle += ind(id).key;
                error(ind(id).span,
                      {fmt::format("derived indicators depend on each other: {}", cycle),
                       fmt::format("派生指标相互依赖：{}", cycle)},
                      {"break the cycle, e.g. refer to the previous year with x[year - 1]",
                       "请打破循环，例如用 x[year - 1] 引用上一年"});
                return true;
            }
            mark[id] = Mark::active;
            stack.push_back(id);
            bool found = false;
            for (const IndicatorId d : deps[id]) {
                if (visit(d)) {
                    found = true;
                    break;
                }
            }
            stack.pop_back();
            mark[id] = Mark::done;
            return found;
        };
        for (IndicatorId id = 0; id < n; ++id) {
            if (visit(id)) {
                for (IndicatorId k = 0; k < n; ++k) {
                    if (mark[k] != Mark::done) mark[k] = Mark::done;
                }
            }
        }
    }

    void collect_same_year_dependencies(const ir::Expr& e, std::vector<IndicatorId>& out, std::set<FunctionId>& seen) {
        if (std::holds_alternative<ir::AtYear>(e.node)) return;  // another year: no same-year cycle through here
        if (std::holds_alternative<ir::CallBuiltin>(e.node)) {
            // Range built-ins evaluate other years, but also the current one; count them.
            for (const auto& a : std::get<ir::CallBuiltin>(e.node).args) collect_same_year_dependencies(*a, out, seen);
            return;
        }
        std::visit(overloaded{
                       [&](const ir::IndicatorRef& r) { out.push_back(r.id); },
                       [&](const ir::Unary& u) { collect_same_year_dependencies(*u.operand, out, seen); },
                       [&](const ir::Binary& b) {
                           collect_same_year_dependencies(*b.lhs, out, seen);
                           collect_same_year_dependencies(*b.rhs, out, seen);
                       },
                       [&](const ir::CallFunction& c) {
                           for (const auto& a : c.args) collect_same_year_dependencies(*a, out, seen);
                           if (seen.insert(c.fn).second && program_.functions[c.fn].body) {
                               collect_same_year_dependencies(*program_.functions[c.fn].body, out, seen);
                           }
                       },
                       [&](const ir::If& i) {
                           collect_same_year_dependencies(*i.condition, out, seen);
                           collect_same_year_dependencies(*i.then_branch, out, seen);
                           collect_same_year_dependencies(*i.else_branch, out, seen);
                       },
                       [](const auto&) {},
                   },
                   e.node);
    }

    // ------------------------------------------------------------ targets

    bool year_in_plan(int year, Span span) {
        const Plan& plan = program_.plan;
        if (!have_plan_ || (year >= plan.first_year && year <= plan.last_year)) return true;
        error(span, {fmt::format("{} is outside the plan period {}..{}", year, plan.first_year, plan.last_year),
                     fmt::format("{} 年不在规划期 {}..{} 内", year, plan.first_year, plan.last_year)});
        return false;
    }

    void table_targets(PendingIndicator& pending) {
        for (const auto& item : pending.decl->items) {
            const auto* e = std::get_if<ast::TableEntry>(&item);
            if (!e) continue;
            if (e->to < e->from) {
                error(e->years_span, {fmt::format("the range {}..{} ends before it starts", e->from, e->to),
                                      fmt::format("年份区间 {}..{} 的结束年早于开始年", e->from, e->to)});
                continue;
            }
            if (!year_in_plan(e->from, e->years_span) || !year_in_plan(e->to, e->years_span)) continue;
            YearSet years;
            for (int y = e->from; y <= e->to; ++y) years.years.push_back(y);
            add_targets({pending.id}, e->condition, years, pending.context, TargetForm::table, e->span);
        }
    }

    void statement_targets(PendingStatement& pending) {
        const ast::TargetStmt& t = *pending.stmt;
        std::vector<IndicatorId> subjects;
        for (const auto& s : t.subjects) {
            const auto id = lookup_indicator(s.indicator, s.part);
            if (!id) {
                unknown_subject(s);
                return;
            }
            if (ind(*id).kind == IndicatorKind::input) {
                error(s.span,
                      {fmt::format("'{}' is an input (data without targets); declare it as an indicator to give it "
                                   "targets",
                                   ind(*id).key),
                       fmt::format("“{}”是输入数据项（无目标）；如需设目标请声明为指标", ind(*id).key)});
                return;
            }
            subjects.push_back(*id);
        }
        const YearSet years = statement_years(t);
        if (!years.ok) return;
        add_targets(subjects, t.condition, years, pending.context, TargetForm::statement, t.span);
    }

    void unknown_subject(const ast::Subject& s) {
        const std::string name = s.part ? s.indicator.text + "." + s.part->text : s.indicator.text;
        Text hint;
        constexpr std::string_view kCumulative = "累计";
        if (name.starts_with(kCumulative) && by_key_.count(name.substr(kCumulative.size()))) {
            const std::string rest = name.substr(kCumulative.size());
            hint = {fmt::format("to add '{}' up over the years, write '累计 {}' with a space", rest, rest),
                    fmt::format("如要对“{}”逐年累计，请写作“累计 {}”（中间加空格）", rest, rest)};
        } else {
            hint = suggest(name, indicator_names());
        }
        error(s.span, {fmt::format("unknown indicator '{}'", name), fmt::format("未知的指标“{}”", name)}, hint);
    }

    YearSet statement_years(const ast::TargetStmt& t) {
        YearSet out;
        std::optional<int> point;
        std::optional<int> from;
        std::optional<int> to;
        bool every = t.condition.verb == ast::Verb::maintain;
        for (const auto& y : t.years) {
            switch (y.kind) {
                case ast::YearClause::Kind::point:
                    if (point) {
                        error(y.span, {fmt::format("a second year ({} and {}) for one target", *point, y.from),
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
        const Plan& plan = program_.plan;
        const int end = to.value_or(point.value_or(plan.last_year));
        if (t.cumulative) {
            out.cumulative_from = t.cumulative->since.value_or(from.value_or(plan.first_year));
            if (!year_in_plan(*out.cumulative_from, t.cumulative->span)) out.ok = false;
            const int start = every ? *out.cumulative_from : end;
            for (int y = start; y <= end; ++y) out.years.push_back(y);
        } else if (every || from || to) {
            const int start = from.value_or(plan.first_year);
            if (end < start) {
                error(t.span, {fmt::format("the years {}..{} end before they start", start, end),
                               fmt::format("年份 {}..{} 的结束年早于开始年", start, end)});
                out.ok = false;
            }
            for (int y = start; y <= end; ++y) out.years.push_back(y);
        } else if (point) {
            out.years.push_back(*point);
        } else {
            error(t.span, {"the target has no year", "目标缺少年份"},
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
                error(c.postfix->span,
                      {fmt::format("'{}' contradicts the comparison before the value", source_text(c.postfix->span)),
                       fmt::format("“{}”与值前面的比较词矛盾", source_text(c.postfix->span))});
                return std::nullopt;
            }
            return prefix;
        }
        if (prefix) return prefix;
        if (postfix) return postfix;
        switch (c.verb) {
            case ast::Verb::control:
                return Op::le;
            case ast::Verb::stabilize:
                return Op::around;
            default:
                return reach;
        }
    }

    // One statement or table entry becomes targets: for every subject (paired with its value
    // when there are several, "分别"), every part of a paired indicator, and every year.
    void add_targets(const std::vector<IndicatorId>& subjects, const ast::Condition& c, const YearSet& years,
                     const Context& ctx, TargetForm form, Span rule) {
        const std::size_t values = c.values.size();
        if (c.special == ast::Special::none && values != 1 && values != subjects.size()) {
            error(c.span,
                  {fmt::format("{} indicators but {} values", subjects.size(), values),
                   fmt::format("{} 个指标却有 {} 个目标值", subjects.size(), values)},
                  {"give one value for all, or one value per indicator in the same order (分别)",
                   "给出一个共同的值，或按顺序为每个指标各给一个值（分别）"});
            return;
        }
        for (std::size_t k = 0; k < subjects.size(); ++k) {
            const ast::Expr* value = c.special != ast::Special::none ? nullptr : c.values[values == 1 ? 0 : k].get();
            const Indicator& subject = ind(subjects[k]);
            if (subject.kind == IndicatorKind::group) {
                const auto* pair = value ? std::get_if<ast::Pair>(&value->node) : nullptr;
                if (!pair || subject.parts.size() != 2) {
                    error(value ? value->span : c.span,
                          {fmt::format("'{}' has parts: give a paired value such as 7(30), or name a part (e.g. {})",
                                       subject.key, ind(subject.parts.front()).key),
                           fmt::format("“{}”有分项：请给出成对值（如 7(30)），或指明分项（如 {}）", subject.key,
                                       ind(subject.parts.front()).key)});
                    continue;
                }
                add_indicator_targets(subject.parts[0], pair->first.get(), c, years, ctx, form, rule);
                add_indicator_targets(subject.parts[1], pair->second.get(), c, years, ctx, form, rule);
                continue;
            }
            if (value && std::holds_alternative<ast::Pair>(value->node)) {
                error(value->span, {fmt::format("a paired value, but '{}' has no parts", subject.key),
                                    fmt::format("成对值，但“{}”没有分项", subject.key)});
                continue;
            }
            add_indicator_targets(subjects[k], value, c, years, ctx, form, rule);
        }
    }

    // Resolves a value for indicator `id`, checks its unit and converts it; null after an error.
    ir::ExprPtr fitted(const ast::Expr& e, IndicatorId id) {
        ir::ExprPtr resolved = resolve(e, nullptr);
        if (!resolved) return nullptr;
        const Type t = type_of(*resolved, {});
        return fit_value(std::move(resolved), t, id, e.span);
    }

    void add_indicator_targets(IndicatorId id, const ast::Expr* value, const ast::Condition& c, const YearSet& years,
                               const Context& ctx, TargetForm form, Span rule) {
        const Indicator& i = ind(id);
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
            const auto stage = stage_index(*value, id);
            if (!stage) return;
            if (!c.prefix && !c.postfix) target_op = Op::ge;  // reaching a stage: that stage or a later one
            proto = ir::make_const(*stage, value->span);
        } else if (const auto* quoted = std::get_if<ast::Name>(&value->node); quoted && quoted->quoted) {
            error(value->span,
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
                error(c.tolerance->span,
                      {"a tolerance (±) only applies to 'around' (左右)", "容差（±）只适用于“左右”"});
                return;
            }
            tolerance = fitted(*c.tolerance, id);
            if (!tolerance) return;
        }
        warn_against_direction(i, target_op, c, value);
        for (const int year : years.years) {
            Target t;
            t.indicator = id;
            t.year = year;
            t.op = target_op;
            t.value = clone(*proto);
            if (tolerance) t.tolerance = clone(*tolerance);
            t.cumulative_from = years.cumulative_from;
            t.source = ctx.source;
            t.form = form;
            t.span = rule;
            t.written = source_text(c.span);
            lower_measure(t);
            record_target(std::move(t));
        }
    }

    // What 全覆盖 means for this indicator: the stage named 全覆盖, 100 on a percentage,
    // or the indicator's declared coverage base (全覆盖 = 应参保人数).
    ir::ExprPtr full_coverage_value(IndicatorId id, const ast::Condition& c, Op& op) {
        const Indicator& i = ind(id);
        op = Op::ge;
        if (i.staged()) {
            const auto it = std::find(i.stages.begin(), i.stages.end(), "全覆盖");
            if (it != i.stages.end()) return ir::make_const(static_cast<double>(it - i.stages.begin()), c.span);
            error(c.span, {fmt::format("'{}' has no stage named 全覆盖", i.key),
                           fmt::format("“{}”没有名为“全覆盖”的阶段", i.key)});
            return nullptr;
        }
        if (i.unit.is_percent()) return ir::make_const(100, c.span);
        if (i.full_coverage) return clone(*i.full_coverage);
        error(c.span,
              {fmt::format("全覆盖 on '{}' (measured in {}) needs to know what full coverage is", i.key, unit_label(i)),
               fmt::format("“{}”以 {} 计，“全覆盖”需要知道全覆盖的基数", i.key, unit_label(i))},
              {"declare it in the indicator: 全覆盖 = <count to be covered>, e.g. 全覆盖 = 应参保人数",
               "请在指标中声明：全覆盖 = <应覆盖数>，如 全覆盖 = 应参保人数"});
        return nullptr;
    }

    static ir::ExprPtr clone(const ir::Expr& e) {
        auto copy = [](const ir::ExprPtr& p) { return p ? clone(*p) : nullptr; };
        auto make = [&](auto node) { return std::make_unique<ir::Expr>(ir::Expr{e.span, std::move(node)}); };
        return std::visit(overloaded{
                              [&](const ir::Const& c) { return make(c); },
                              [&](const ir::IndicatorRef& r) { return make(r); },
                              [&](const ir::ParamRef& p) { return make(p); },
                              [&](const ir::CurrentYear& y) { return make(y); },
                              [&](const ir::AtYear& a) {
                                  return make(ir::AtYear{copy(a.series), copy(a.year)});
                              },
                              [&](const ir::Unary& u) {
                                  return make(ir::Unary{u.op, copy(u.operand)});
                              },
                              [&](const ir::Binary& b) {
                                  return make(ir::Binary{b.op, copy(b.lhs), copy(b.rhs)});
                              },
                              [&](const ir::CallBuiltin& c) {
                                  ir::CallBuiltin out{c.fn, {}};
                                  for (const auto& a : c.args) out.args.push_back(copy(a));
                                  return make(std::move(out));
                              },
                              [&](const ir::CallFunction& c) {
                                  ir::CallFunction out{c.fn, {}};
                                  for (const auto& a : c.args) out.args.push_back(copy(a));
                                  return make(std::move(out));
                              },
                              [&](const ir::If& i) {
                                  return make(ir::If{copy(i.condition), copy(i.then_branch), copy(i.else_branch)});
                              },
                          },
                          e.node);
    }

    void warn_against_direction(const Indicator& i, Op op, const ast::Condition& c, const ast::Expr* value) {
        const bool zero_value =
            value && std::holds_alternative<ast::Number>(value->node) && std::get<ast::Number>(value->node).value == 0;
        if (c.special != ast::Special::none || zero_value || i.staged()) return;
        const bool against = (i.direction == ast::Direction::higher && is_at_most(op)) ||
                             (i.direction == ast::Direction::lower && is_at_least(op));
        if (!against) return;
        warning(
            c.span,
            {fmt::format("'{}' is {}, but this target is '{}'", i.key, direction_word(i.direction, Lang::en),
                         op_symbol(op)),
             fmt::format("“{}”是{}指标，而此目标是“{}”", i.key, direction_word(i.direction, Lang::zh), op_symbol(op))},
            {i.direction == ast::Direction::higher
                 ? "if lower values are better, declare the indicator 'lower' (越低越好)"
                 : "if higher values are better, remove 'lower' (越低越好)",
             i.direction == ast::Direction::higher ? "如果数值越低越好，请为指标声明 越低越好（lower）"
                                                   : "如果数值越高越好，请去掉 越低越好（lower）"});
    }

    static bool same_target(const Target& a, const Target& b) {
        if (a.op != b.op) return false;
        const auto* ca = std::get_if<ir::Const>(&a.value->node);
        const auto* cb = std::get_if<ir::Const>(&b.value->node);
        if (ca && cb) return ca->value == cb->value;
        return a.written == b.written;
    }

    // What a target compares and where it is measured from, so that no later stage asks which
    // notation stated it. A running total (累计 since a year) is the builtin cumulative(x, from);
    // it starts from nothing the year before.
    void lower_measure(Target& t) {
        const Indicator& i = ind(t.indicator);
        // Made here, not written: an empty span at the rule, so explain shows them by what they read.
        const Span made{t.span.file, t.span.begin, t.span.begin};
        auto read_indicator = [&] { return std::make_unique<ir::Expr>(ir::Expr{made, ir::IndicatorRef{t.indicator}}); };
        if (t.cumulative_from) {
            const int from = *t.cumulative_from;
            ir::CallBuiltin sum{find_builtin("cumulative"), {}};
            sum.args.push_back(read_indicator());
            sum.args.push_back(ir::make_const(from, made));
            t.measure = std::make_unique<ir::Expr>(ir::Expr{made, std::move(sum)});
            t.base = ir::make_const(0, made);
            t.base_year = from - 1;
            t.measure_text = {fmt::format("sum since {}", from), fmt::format("累计({}起)", from)};
            return;
        }
        t.measure = read_indicator();
        t.bounded_share = i.unit.is_percent();
        if (i.baseline) {
            t.base = ir::make_const(*i.baseline, made);
            t.base_year = i.baseline_year;
        } else {
            t.base = read_indicator();
            t.base_year = program_.plan.baseline_year;
        }
    }

    void record_target(Target t) {
        const auto key = std::tuple{t.indicator, t.year, t.cumulative_from.value_or(-1), t.source};
        if (const auto it = target_index_.find(key); it != target_index_.end()) {
            const Target& earlier = program_.targets[it->second];
            if (same_target(earlier, t)) {
                warning(t.span,
                        {fmt::format("repeats the target for '{}' in {} stated at {}", ind(t.indicator).key, t.year,
                                     where(earlier.span)),
                         fmt::format("重复了“{}”{} 年的目标（已在 {} 给出）", ind(t.indicator).key, t.year,
                                     where(earlier.span))},
                        {"it is checked once", "该目标只检查一次"});
                return;
            }
            // One error per pair of rules, not one per year of a multi-year statement.
            if (!conflicts_.emplace(t.span.file, t.span.begin, earlier.span.file, earlier.span.begin).second) return;
            error(
                t.span,
                {fmt::format("two different targets for '{}' in {}: '{}' here and '{}' at {}", ind(t.indicator).key,
                             t.year, t.written, earlier.written, where(earlier.span)),
                 fmt::format("“{}”{} 年有两个不同的目标：此处为“{}”，{} 处为“{}”", ind(t.indicator).key, t.year,
                             t.written, where(earlier.span), earlier.written)},
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
                               t.source)});
            return;
        }
        target_index_[key] = program_.targets.size();
        program_.targets.push_back(std::move(t));
    }

    // Yearly targets that move against the indicator's direction usually mean a forgotten `lower`.
    void direction_warnings() {
        std::map<IndicatorId, std::vector<const Target*>> by_indicator;
        for (const Target& t : program_.targets) {
            if (t.form == TargetForm::table && !t.cumulative_from && std::holds_alternative<ir::Const>(t.value->node)) {
                by_indicator[t.indicator].push_back(&t);
            }
        }
        for (auto& [id, targets] : by_indicator) {
            const Indicator& i = ind(id);
            if (i.staged()) continue;
            std::sort(targets.begin(), targets.end(),
                      [](const Target* a, const Target* b) { return a->year < b->year; });
            for (std::size_t k = 1; k < targets.size(); ++k) {
                const double before = std::get<ir::Const>(targets[k - 1]->value->node).value;
                const double after = std::get<ir::Const>(targets[k]->value->node).value;
                const bool against = i.direction == ast::Direction::higher ? after < before : after > before;
                if (!against) continue;
                warning(targets[k]->span,
                        {fmt::format("targets for '{}' {} from {} ({}) to {} ({}), but it is {}", i.key,
                                     after < before ? "fall" : "rise", format_number(before), targets[k - 1]->year,
                                     format_number(after), targets[k]->year, direction_word(i.direction, Lang::en)),
                         fmt::format("“{}”的目标从 {}（{}年）{}到 {}（{}年），但它是{}指标", i.key,
                                     format_number(before), targets[k - 1]->year, after < before ? "下降" : "上升",
                                     format_number(after), targets[k]->year, direction_word(i.direction, Lang::zh))},
                        {i.direction == ast::Direction::higher
                             ? "if lower values are better, declare the indicator 'lower' (越低越好)"
                             : "if higher values are better, remove 'lower' (越低越好)",
                         i.direction == ast::Direction::higher ? "如果数值越低越好，请为指标声明 越低越好（lower）"
                                                               : "如果数值越高越好，请去掉 越低越好（lower）"});
                break;
            }
        }
    }
};

}  // namespace

Program check(const std::vector<const ast::Module*>& modules, const SourceMap& sources, Diagnostics& diags) {
    return Checker(sources, diags).run(modules);
}

}  // namespace dabiao
