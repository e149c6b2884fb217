// The cycles pass: derived indicators must not need each other's value in the same year.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "base/overloaded.hpp"
#include "check/passes.hpp"

namespace dabiao::checker {

namespace {

// What an expression needs in the year it is evaluated in: indicators, and (inside a function's
// body) its parameters, whose arguments are then needed in the caller's year.
struct SameYearUses {
    std::vector<IndicatorId> indicators;  // in the order they are first met, as the cycle is told
    std::set<std::uint32_t> params;
    void add(IndicatorId id) {
        if (std::find(indicators.begin(), indicators.end(), id) == indicators.end()) indicators.push_back(id);
    }
    std::size_t size() const { return indicators.size() + params.size(); }
};

// `summaries[f]` is what function f's body needs in the year it is called in. An argument is a
// same-year dependency only if its parameter is used outside [...] in the body (上年(x) is
// x[year - 1]: its argument is needed only in the year before), through nested calls too.
void collect_same_year_uses(const Program& program, const std::vector<SameYearUses>& summaries, const ir::Expr& e,
                            SameYearUses& out) {
    const auto recurse = [&](const ir::Expr& sub) { collect_same_year_uses(program, summaries, sub, out); };
    std::visit(overloaded{
                   [&](const ir::IndicatorRef& r) { out.add(r.id); },
                   [&](const ir::ParamRef& p) { out.params.insert(p.index); },
                   // another year: no same-year cycle through the series, but the year is computed now
                   [&](const ir::AtYear& a) { recurse(*a.year); },
                   [&](const ir::Unary& u) { recurse(*u.operand); },
                   [&](const ir::Binary& b) {
                       recurse(*b.lhs);
                       recurse(*b.rhs);
                   },
                   // Range built-ins evaluate other years, but also the current one; count them.
                   [&](const ir::CallBuiltin& c) {
                       for (const auto& a : c.args) recurse(*a);
                   },
                   [&](const ir::CallFunction& c) {
                       const bool has_body = program.functions[c.fn].body != nullptr;
                       const SameYearUses& callee = summaries[c.fn];
                       for (std::uint32_t i = 0; i < c.args.size(); ++i) {
                           // a function without a body (already an error) uses all its arguments
                           if (!has_body || callee.params.contains(i)) recurse(*c.args[i]);
                       }
                       for (const IndicatorId id : callee.indicators) out.add(id);
                   },
                   [&](const ir::If& i) {
                       recurse(*i.condition);
                       recurse(*i.then_branch);
                       recurse(*i.else_branch);
                   },
                   [](const auto&) {},
               },
               e.node);
}

// Every function's summary. Functions may call each other (and themselves), so the summaries grow
// from empty until nothing changes; each round only adds (so a summary that has not grown has not
// changed), and there is only so much to add, so this ends.
std::vector<SameYearUses> function_summaries(const Program& program) {
    std::vector<SameYearUses> summaries(program.functions.size());
    for (bool changed = true; changed;) {
        changed = false;
        for (FunctionId f = 0; f < program.functions.size(); ++f) {
            if (!program.functions[f].body) continue;
            SameYearUses uses;
            collect_same_year_uses(program, summaries, *program.functions[f].body, uses);
            if (uses.size() != summaries[f].size()) {
                summaries[f] = std::move(uses);
                changed = true;
            }
        }
    }
    return summaries;
}

}  // namespace

// A formula that uses its own indicator in the same year loops forever; x[year - 1] is
// fine, so only references outside an AtYear count: a cycle of same-year references among
// formulas (directly or through functions) is an error.
void check_formula_cycles(CheckContext& cx) {
    const std::size_t n = cx.program.indicators.size();
    std::vector<std::vector<IndicatorId>> deps(n);
    const std::vector<SameYearUses> summaries = function_summaries(cx.program);
    for (IndicatorId id = 0; id < n; ++id) {
        const Indicator& i = cx.program.indicators[id];
        if (!i.formula) continue;
        SameYearUses uses;
        collect_same_year_uses(cx.program, summaries, *i.formula, uses);
        deps[id] = std::move(uses.indicators);
    }
    enum class Mark { none, active, done };
    std::vector<Mark> mark(n, Mark::none);
    std::vector<IndicatorId> stack;
    std::function<bool(IndicatorId)> visit = [&](IndicatorId id) -> bool {
        if (mark[id] == Mark::done) return false;
        if (mark[id] == Mark::active) {
            std::string cycle;
            const auto start = std::find(stack.begin(), stack.end(), id);
            for (auto it = start; it != stack.end(); ++it) cycle += cx.ind(*it).key + " → ";
            cycle += cx.ind(id).key;
            cx.error(cx.ind(id).span,
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

}  // namespace dabiao::checker
