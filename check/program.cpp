#include "check/program.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/overloaded.hpp"

namespace dabiao {

ir::ExprPtr ir::make_const(double value, Span span) {
    return std::make_unique<ir::Expr>(ir::Expr{span, ir::Const{value, {}, 0}});
}

ir::ExprPtr ir::clone(const ir::Expr& e) {
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

std::string_view op_symbol(Op op) {
    switch (op) {
        case Op::ge:
            return "≥";
        case Op::gt:
            return ">";
        case Op::le:
            return "≤";
        case Op::lt:
            return "<";
        case Op::eq:
            return "=";
        case Op::around:
            return "≈";
    }
    return "?";
}

std::string_view op_ascii(Op op) {
    switch (op) {
        case Op::ge:
            return ">=";
        case Op::gt:
            return ">";
        case Op::le:
            return "<=";
        case Op::lt:
            return "<";
        case Op::eq:
            return "==";
        case Op::around:
            return "around";
    }
    return "?";
}

const std::string* Indicator::stage_named(double v) const {
    if (v < 0 || v >= static_cast<double>(stages.size()) || v != std::floor(v)) return nullptr;
    return &stages[static_cast<std::size_t>(v)];
}

std::string in_terms_of(const Indicator& i, double v) {
    const std::string* stage = i.stage_named(v);
    return stage ? *stage : format_with_unit(v, i.unit);
}

bool Target::applies_to(std::optional<RegionId> data_region) const {
    if (region) return data_region == region;
    return !data_region || std::find(replaced_in.begin(), replaced_in.end(), *data_region) == replaced_in.end();
}

std::optional<RegionId> Program::region_id(std::string_view name) const {
    for (RegionId r = 0; r < regions.size(); ++r)
        if (regions[r].name == name) return r;
    return std::nullopt;
}

}  // namespace dabiao
