// The cycles pass: derived indicators must not need each other's value in the same year.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "base/overloaded.hpp"
#include "check/passes.hpp"

namespace dabiao::checker {

namespace {

// The indicators `e` reads in the year it is evaluated in, through functions too.
void collect_same_year_dependencies(const Program& program, const ir::Expr& e, std::vector<IndicatorId>& out,
                                    std::set<FunctionId>& seen) {
    if (std::holds_alternative<ir::AtYear>(e.node)) return;  // another year: no same-year cycle through here
    if (std::holds_alternative<ir::CallBuiltin>(e.node)) {
        // Range built-ins evaluate other years, but also the current one; count them.
        for (const auto& a : std::get<ir::CallBuiltin>(e.node).args)
            collect_same_year_dependencies(program, *a, out, seen);
        return;
    }
    std::visit(overloaded{
                   [&](const ir::IndicatorRef& r) { out.push_back(r.id); },
                   [&](const ir::Unary& u) { collect_same_year_dependencies(program, *u.operand, out, seen); },
                   [&](const ir::Binary& b) {
                       collect_same_year_dependencies(program, *b.lhs, out, seen);
                       collect_same_year_dependencies(program, *b.rhs, out, seen);
                   },
                   [&](const ir::CallFunction& c) {
                       for (const auto& a : c.args) collect_same_year_dependencies(program, *a, out, seen);
                       if (seen.insert(c.fn).second && program.functions[c.fn].body) {
                           collect_same_year_dependencies(program, *program.functions[c.fn].body, out, seen);
                       }
                   },
                   [&](const ir::If& i) {
                       collect_same_year_dependencies(program, *i.condition, out, seen);
                       collect_same_year_dependencies(program, *i.then_branch, out, seen);
                       collect_same_year_dependencies(program, *i.else_branch, out, seen);
                   },
                   [](const auto&) {},
               },
               e.node);
}

}  // namespace

// A formula that uses its own indicator in the same year loops forever; x[year - 1] is
// fine, so only references outside an AtYear count: a cycle of same-year references among
// formulas (directly or through functions) is an error.
void check_formula_cycles(CheckContext& cx) {
    const std::size_t n = cx.program.indicators.size();
    std::vector<std::vector<IndicatorId>> deps(n);
    for (IndicatorId id = 0; id < n; ++id) {
        const Indicator& i = cx.program.indicators[id];
        if (!i.formula) continue;
        std::set<FunctionId> seen;
        collect_same_year_dependencies(cx.program, *i.formula, deps[id], seen);
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
