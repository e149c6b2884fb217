// The declare pass: every name first, so that later passes can refer to anything declared
// anywhere, in any module.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/overloaded.hpp"
#include "check/check.hpp"
#include "check/passes.hpp"
#include "stdlib/builtins.hpp"

namespace dabiao::checker {

namespace {

void declare_plan(CheckContext& cx, const ast::PlanDecl& p) {
    if (cx.have_plan) {
        cx.error(p.span, {"a second plan", "重复的规划声明"},
                 {"a program has one plan: remove this one or import a file without a plan",
                  "一个程序只有一个规划：请删除此处，或导入不含规划的文件"},
                 {{cx.program.plan.span, {"the plan is declared here", "规划已在此声明"}}});
        return;
    }
    cx.have_plan = true;
    Plan& plan = cx.program.plan;
    plan.name = p.name;
    plan.span = p.span;
    if (p.region) plan.region = p.region->text;
    if (!p.period) {
        cx.error(p.span, {"the plan has no period", "规划缺少规划期"},
                 {"add e.g. 'period 2023..2027' (规划期 2023..2027) inside the plan block",
                  "在规划块中加入如 规划期 2023..2027"});
    } else {
        plan.first_year = p.period->first;
        plan.last_year = p.period->second;
        if (plan.last_year < plan.first_year) {
            cx.error(p.period_span,
                     {fmt::format("the period {}..{} ends before it starts", plan.first_year, plan.last_year),
                      fmt::format("规划期 {}..{} 的结束年早于开始年", plan.first_year, plan.last_year)});
            plan.last_year = plan.first_year;
        } else if (plan.last_year - plan.first_year + 1 > kMaxPeriodYears) {
            // Judging cumulative and progress targets walks the period; a plan of thousands of
            // years is a typo (2023..20270), not a plan.
            cx.error(
                p.period_span,
                {fmt::format("the period {}..{} is {} years long; a plan period is at most {} years", plan.first_year,
                             plan.last_year, plan.last_year - plan.first_year + 1, kMaxPeriodYears),
                 fmt::format("规划期 {}..{} 长达 {} 年；规划期最长 {} 年", plan.first_year, plan.last_year,
                             plan.last_year - plan.first_year + 1, kMaxPeriodYears)},
                {"check the years, e.g. 'period 2023..2027'", "请核对年份，例如 规划期 2023..2027"});
            plan.last_year = plan.first_year + kMaxPeriodYears - 1;
        }
    }
    if (p.tolerance) {
        if (p.tolerance->unit == "%") {
            plan.tolerance = ToleranceSetting{p.tolerance->value / 100, true};
        } else {
            cx.error(p.tolerance->span,
                     {"a plan's tolerance is a share of each target value: write it with % (容差 3%)",
                      "规划的容差是各目标值的百分比：请带 % 书写（容差 3%）"},
                     {"a tolerance in an indicator's unit belongs in that indicator (指标 … { 容差 0.5 })",
                      "以指标单位计的容差请写在该指标中（指标 … { 容差 0.5 }）"});
        }
    }
    plan.baseline_year = p.baseline_year.value_or(plan.first_year - 1);
    if (p.baseline_year && p.period && *p.baseline_year >= plan.first_year) {
        cx.error(p.baseline_span,
                 {fmt::format("the baseline year {} is not before the period {}..{}", *p.baseline_year, plan.first_year,
                              plan.last_year),
                  fmt::format("基线年 {} 应早于规划期 {}..{}", *p.baseline_year, plan.first_year, plan.last_year)});
    }
}

void finish_plan(CheckContext& cx, const std::vector<const ast::Module*>& modules) {
    if (cx.have_plan) return;
    if (cx.statements.empty() && cx.indicators.empty()) return;  // a library of functions needs no plan
    const FileId file = modules.empty() ? 0 : modules.back()->file;
    cx.error(Span{file, 0, 0}, {"no plan declared: the targets have no period", "没有声明规划：目标缺少规划期"},
             {"add: plan \"名称\" { region 洞头区  baseline 2022  period 2023..2027 }",
              "加入：规划 \"名称\" { 地区 洞头区  基线年 2022  规划期 2023..2027 }"});
    cx.program.plan.first_year = 0;
    cx.program.plan.last_year = 9999;
}

// Registers a data key (identifier or display name); false if another indicator has it.
bool claim_key(CheckContext& cx, const std::string& key, IndicatorId id, Span span) {
    const auto [it, inserted] = cx.by_key.emplace(key, id);
    if (inserted || it->second == id) return true;
    const Indicator& other = cx.program.indicators[it->second];
    cx.error(
        span,
        {fmt::format("'{}' is already used by indicator '{}'", key, other.key),
         fmt::format("“{}”已被指标“{}”使用", key, other.key)},
        {"identifiers and display names are both data keys, so each must be unique",
         "标识符和显示名称都可作为数据键，须各不相同"},
        {{other.span,
          {fmt::format("indicator '{}' is declared here", other.key), fmt::format("指标“{}”声明于此", other.key)}}});
    return false;
}

IndicatorId new_indicator(CheckContext& cx, std::string key, std::string name, Span span, const Scope& scope,
                          IndicatorKind kind) {
    Indicator i;
    i.id = static_cast<IndicatorId>(cx.program.indicators.size());
    i.key = std::move(key);
    i.name = std::move(name);
    i.span = span;
    i.domain = scope.domain;
    i.kind = kind;
    cx.program.indicators.push_back(std::move(i));
    return cx.program.indicators.back().id;
}

void declare_parts(CheckContext& cx, IndicatorId group, const ast::PartsAttr& parts, const Scope& scope) {
    if (!cx.ind(group).parts.empty()) {
        cx.error(parts.span, {"the parts are declared twice", "分项重复声明"});
        return;
    }
    if (parts.parts.size() < 2) {
        cx.error(parts.span, {"a paired indicator needs at least two parts", "分项指标至少需要两个分项"});
        return;
    }
    cx.ind(group).kind = IndicatorKind::group;
    for (const auto& part : parts.parts) {
        const std::string key = cx.ind(group).key + "." + part.id.text;
        const std::string name = part.display.value_or(fmt::format("{}（{}）", cx.ind(group).name, part.id.text));
        if (cx.by_key.count(key)) {
            cx.error(part.id.span, {fmt::format("part '{}' is declared twice", part.id.text),
                                    fmt::format("分项“{}”重复声明", part.id.text)});
            continue;
        }
        const IndicatorId id = new_indicator(cx, key, name, part.id.span, scope, IndicatorKind::reported);
        cx.ind(id).group = group;
        cx.ind(group).parts.push_back(id);
        claim_key(cx, key, id, part.id.span);
        if (part.display) claim_key(cx, *part.display, id, part.id.span);
    }
}

void declare_indicator(CheckContext& cx, const ast::IndicatorDecl& d, const Scope& scope) {
    if (cx.by_key.count(d.id.text)) {
        const Indicator& other = cx.program.indicators[cx.by_key.at(d.id.text)];
        cx.error(
            d.id.span,
            {fmt::format("indicator '{}' is declared twice", d.id.text), fmt::format("指标“{}”重复声明", d.id.text)},
            {}, {{other.span, {"first declared here", "首次声明于此"}}});
        return;
    }
    const IndicatorId id =
        new_indicator(cx, d.id.text, d.display.value_or(d.id.text), d.span, scope, IndicatorKind::reported);
    claim_key(cx, d.id.text, id, d.id.span);
    if (d.display && *d.display != d.id.text) claim_key(cx, *d.display, id, d.display_span);
    for (const auto& item : d.items) {
        if (const auto* parts = std::get_if<ast::PartsAttr>(&item)) declare_parts(cx, id, *parts, scope);
    }
    cx.indicators.push_back({&d, id, scope});
}

void declare_input(CheckContext& cx, const ast::InputDecl& d, const Scope& scope) {
    if (cx.by_key.count(d.id.text)) {
        const Indicator& other = cx.program.indicators[cx.by_key.at(d.id.text)];
        cx.error(d.id.span, {fmt::format("'{}' is declared twice", d.id.text), fmt::format("“{}”重复声明", d.id.text)},
                 {}, {{other.span, {"first declared here", "首次声明于此"}}});
        return;
    }
    const IndicatorId id =
        new_indicator(cx, d.id.text, d.display.value_or(d.id.text), d.span, scope, IndicatorKind::input);
    claim_key(cx, d.id.text, id, d.id.span);
    if (d.display && *d.display != d.id.text) claim_key(cx, *d.display, id, d.span);
    if (d.unit) cx.ind(id).unit = parse_unit(d.unit->unit);
}

void declare_function(CheckContext& cx, const ast::FnDecl& f) {
    if (find_builtin(f.name.text)) {
        cx.error(f.name.span,
                 {fmt::format("'{}' is a built-in function and cannot be redefined", f.name.text),
                  fmt::format("“{}”是内置函数，不能重新定义", f.name.text)},
                 {"choose another name", "请换一个名称"});
        return;
    }
    if (const auto it = cx.functions_by_name.find(f.name.text); it != cx.functions_by_name.end()) {
        cx.error(
            f.name.span,
            {fmt::format("function '{}' is defined twice", f.name.text), fmt::format("函数“{}”重复定义", f.name.text)},
            {}, {{cx.program.functions[it->second].span, {"first defined here", "首次定义于此"}}});
        return;
    }
    const auto id = static_cast<FunctionId>(cx.program.functions.size());
    Function fn;
    fn.name = f.name.text;
    fn.span = f.span;
    for (const auto& p : f.params) fn.params.push_back(p.text);
    cx.program.functions.push_back(std::move(fn));
    cx.fn_decls.push_back(&f);
    cx.functions_by_name[f.name.text] = id;
}

void declare_items(CheckContext& cx, const std::vector<ast::Item>& items, const Scope& scope);

// A domain may be opened again (e.g. in a second file holding the plan's text targets);
// its lead departments, when repeated, must agree.
void declare_domain(CheckContext& cx, const ast::DomainDecl& d, const Scope& scope) {
    std::vector<std::string> leads;
    for (const auto& lead : d.leads) leads.push_back(lead.text);
    DomainId id = 0;
    if (const auto it = cx.domains_by_name.find(d.name.text); it != cx.domains_by_name.end()) {
        id = it->second;
        Domain& existing = cx.program.domains[id];
        if (!leads.empty() && !existing.leads.empty() && leads != existing.leads) {
            cx.error(
                d.name.span,
                {fmt::format("domain '{}' is already led by {}; here a different lead is given", d.name.text,
                             fmt::join(existing.leads, "、")),
                 fmt::format("领域“{}”的牵头单位已是 {}，此处却不同", d.name.text, fmt::join(existing.leads, "、"))},
                {"give the lead department once, or the same one", "牵头单位只写一次，或写成相同的"},
                {{existing.span,
                  {fmt::format("domain '{}' is first declared here", d.name.text),
                   fmt::format("领域“{}”首次声明于此", d.name.text)}}});
        }
        if (existing.leads.empty()) existing.leads = leads;
    } else {
        id = static_cast<DomainId>(cx.program.domains.size());
        cx.program.domains.push_back(Domain{d.name.text, leads, {}, d.span});
        cx.domains_by_name[d.name.text] = id;
    }
    Scope inner = scope;
    inner.domain = id;
    declare_items(cx, d.items, inner);
}

// A verb declared twice must mean the same both times (a file may repeat the prelude's entry).
void declare_verb(CheckContext& cx, const ast::VerbDecl& v) {
    const VerbMeaning meaning{v.op ? std::optional(v.op->op) : std::nullopt, v.every_year, v.holds_level, v.span};
    const auto [it, added] = cx.verbs.emplace(v.word.text, meaning);
    if (added || (it->second.op == meaning.op && it->second.every_year == meaning.every_year &&
                  it->second.holds_level == meaning.holds_level))
        return;
    cx.error(v.span,
             {fmt::format("the verb '{}' is already declared with another meaning", v.word.text),
              fmt::format("动词“{}”已有另一种含义的声明", v.word.text)},
             {"declare each verb once; to change a standard verb, edit stdlib/prelude.dab",
              "每个动词只声明一次；如要修改标准动词，请编辑 stdlib/prelude.dab"},
             {{it->second.span, {"declared here", "已在此声明"}}});
}

void declare_items(CheckContext& cx, const std::vector<ast::Item>& items, const Scope& scope) {
    for (const ast::Item& item : items) {
        std::visit(overloaded{
                       [&](const ast::PlanDecl& p) { declare_plan(cx, p); },
                       [&](const ast::DomainDecl& d) { declare_domain(cx, d, scope); },
                       [&](const ast::SourceBlock& s) {
                           Scope inner = scope;
                           if (s.region) {
                               inner.region = s.region;
                           } else {
                               inner.source = s.label;
                           }
                           declare_items(cx, s.items, inner);
                       },
                       [&](const ast::IndicatorDecl& d) { declare_indicator(cx, d, scope); },
                       [&](const ast::InputDecl& d) { declare_input(cx, d, scope); },
                       [&](const ast::FnDecl& f) { declare_function(cx, f); },
                       [&](const ast::ImportDecl&) {},  // resolved by the loader
                       [&](const ast::VerbDecl& v) { declare_verb(cx, v); },
                       [&](const ast::TargetStmt& t) {
                           cx.statements.push_back({&t, scope});
                       },
                       [&](const ast::TargetTable& t) { cx.tables.push_back({&t, scope}); },
                   },
                   item.node);
    }
}

}  // namespace

void declare(CheckContext& cx, const std::vector<const ast::Module*>& modules) {
    for (const ast::Module* m : modules) declare_items(cx, m->items, Scope{});
    finish_plan(cx, modules);
}

// A department may lead several domains and a domain have several leads; verdicts are summed
// per department by id, never by name.
void index_leads(CheckContext& cx) {
    std::unordered_map<std::string, LeadId> by_name;
    for (DomainId d = 0; d < cx.program.domains.size(); ++d) {
        Domain& domain = cx.program.domains[d];
        for (const std::string& name : domain.leads) {
            const auto [it, added] = by_name.emplace(name, static_cast<LeadId>(cx.program.leads.size()));
            if (added) cx.program.leads.push_back(Lead{name, {}});
            Lead& lead = cx.program.leads[it->second];
            if (lead.domains.empty() || lead.domains.back() != d) {
                lead.domains.push_back(d);
                domain.lead_ids.push_back(it->second);
            }
        }
    }
}

}  // namespace dabiao::checker
