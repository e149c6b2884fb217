#include "engine/program.hpp"

#include <fmt/format.h>

#include "engine/value.hpp"

namespace dabiao {

ir::ExprPtr ir::make_const(double value, Span span) {
    return std::make_unique<ir::Expr>(ir::Expr{span, ir::Const{value, {}}});
}

std::string_view op_symbol(Op op) {
    switch (op) {
        case Op::ge: return "≥";
        case Op::gt: return ">";
        case Op::le: return "≤";
        case Op::lt: return "<";
        case Op::eq: return "=";
        case Op::around: return "≈";
    }
    return "?";
}

std::string describe(const Type& t) {
    switch (t.kind) {
        case Type::Kind::boolean: return "a condition";
        case Type::Kind::stage: return "a stage";
        case Type::Kind::year: return "a year";
        case Type::Kind::unknown: return "a value";
        case Type::Kind::number: break;
    }
    if (t.literal) return "a plain number";
    const std::string n = t.unit.name();
    return n.empty() ? "a ratio" : n;
}

}  // namespace dabiao
