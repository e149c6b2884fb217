#include "engine/program.hpp"

#include <fmt/format.h>

#include <cmath>

#include "engine/value.hpp"

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

std::string describe(const Type& t, Lang lang) {
    const bool zh = lang == Lang::zh;
    switch (t.kind) {
        case Type::Kind::boolean:
            return zh ? "条件" : "a condition";
        case Type::Kind::stage:
            return zh ? "阶段" : "a stage";
        case Type::Kind::year:
            return zh ? "年份" : "a year";
        case Type::Kind::unknown:
            return zh ? "值" : "a value";
        case Type::Kind::number:
            break;
    }
    if (t.literal) return zh ? "普通数值" : "a plain number";
    const std::string n = t.unit.name();
    return n.empty() ? (zh ? "比值" : "a ratio") : n;
}

}  // namespace dabiao
