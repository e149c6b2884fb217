#include "check/program.hpp"

#include <fmt/format.h>

#include <cmath>

namespace dabiao {

ir::ExprPtr ir::make_const(double value, Span span) {
    return std::make_unique<ir::Expr>(ir::Expr{span, ir::Const{value, {}, 0}});
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

}  // namespace dabiao
