// The resolve pass and the type rules: an expression's names become indicators, parameters and
// functions (AST → IR), and its type carries the unit rules: only like units add or compare, a
// year is not a number, a condition is not a value.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/overloaded.hpp"
#include "base/suggest.hpp"
#include "check/passes.hpp"
#include "stdlib/builtins.hpp"

namespace dabiao::checker {

namespace {

void unknown_name(CheckContext& cx, const ast::Ident& name, const std::vector<std::string>* params) {
    std::vector<std::string> candidates = cx.indicator_names();
    if (params) candidates.insert(candidates.end(), params->begin(), params->end());
    cx.error(name.span, {fmt::format("unknown name '{}'", name.text), fmt::format("未知的名称“{}”", name.text)},
             suggest(name.text, candidates));
}

ir::ExprPtr resolve_call(CheckContext& cx, const ast::Expr& e, const ast::Call& c,
                         const std::vector<std::string>* params) {
    std::vector<ir::ExprPtr> args;
    bool ok = true;
    for (const auto& a : c.args) {
        args.push_back(resolve(cx, *a, params));
        ok = ok && args.back();
    }
    const auto arity_error = [&](std::size_t min, std::optional<std::size_t> max) {
        const Text expected = !max          ? Text{fmt::format("at least {}", min), fmt::format("至少 {}", min)}
                              : min == *max ? Text{std::to_string(min), std::to_string(min)}
                                            : Text{fmt::format("{} to {}", min, *max), fmt::format("{} 至 {}", min, *max)};
        cx.error(e.span, {fmt::format("'{}' takes {} argument(s), not {}", c.callee.text, expected.en, c.args.size()),
                          fmt::format("“{}”需要 {} 个参数，而不是 {} 个", c.callee.text, expected.zh, c.args.size())});
    };
    if (const auto it = cx.functions_by_name.find(c.callee.text); it != cx.functions_by_name.end()) {
        const std::size_t n = cx.program.functions[it->second].params.size();
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
    for (const auto& [name, id] : cx.functions_by_name) candidates.push_back(name);
    for (const Builtin& b : builtins()) {
        for (const auto n : b.names) candidates.emplace_back(n);
    }
    cx.error(c.callee.span,
             {fmt::format("unknown function '{}'", c.callee.text), fmt::format("未知的函数“{}”", c.callee.text)},
             suggest(c.callee.text, candidates));
    return nullptr;
}

Type unify_numbers(CheckContext& cx, const Type& a, const Type& b, Span span, std::string_view what_en,
                   std::string_view what_zh) {
    if (a.kind == Type::Kind::unknown) return b;
    if (b.kind == Type::Kind::unknown) return a;
    if (a.literal) return b;
    if (b.literal) return a;
    if (a.unit == b.unit) return a;
    if (same_dimension(a.unit, b.unit)) {
        cx.error(span,
                 {fmt::format("cannot {} {} and {} directly", what_en, a.unit.name(), b.unit.name()),
                  fmt::format("不能直接{} {} 与 {}", what_zh, a.unit.name(), b.unit.name())},
                 {fmt::format("convert one side first (1 {} = {} {})", a.unit.name(),
                              format_number(conversion_factor(a.unit, b.unit)), b.unit.name()),
                  fmt::format("请先换算其中一方（1 {} = {} {}）", a.unit.name(),
                              format_number(conversion_factor(a.unit, b.unit)), b.unit.name())});
    } else {
        cx.error(span,
                 {fmt::format("cannot {} {} and {}", what_en, describe(a), describe(b)),
                  fmt::format("不能{} {} 与 {}", what_zh, describe(a, Lang::zh), describe(b, Lang::zh))},
                 {"both sides must have the same unit; percentages and ratios come from 占比(a, b)",
                  "两边单位须相同；百分比和比值请用 占比(a, b) 等函数得到"});
    }
    return Type::unknown();
}

bool expect_number(CheckContext& cx, const Type& t, Span span) {
    if (t.is_number()) return true;
    cx.error(span, {fmt::format("expected a number, found {}", describe(t)),
                    fmt::format("这里应是数值，而不是{}", describe(t, Lang::zh))});
    return false;
}

bool expect_condition(CheckContext& cx, const Type& t, Span span) {
    if (t.kind == Type::Kind::boolean || t.kind == Type::Kind::unknown) return true;
    cx.error(span, {fmt::format("expected a condition (true or false), found {}", describe(t)),
                    fmt::format("这里应是条件（真或假），而不是{}", describe(t, Lang::zh))});
    return false;
}

Type call_type(CheckContext& cx, FunctionId f, const std::vector<Type>& args) {
    const Function& fn = cx.program.functions[f];
    if (!fn.body) return Type::unknown();
    if (std::find(cx.instantiating.begin(), cx.instantiating.end(), f) != cx.instantiating.end())
        return Type::unknown();
    std::string key = std::to_string(f);
    for (const Type& t : args)
        key += "|" + std::to_string(static_cast<int>(t.kind)) + (t.literal ? "L" : "") + t.unit.name();
    if (const auto it = cx.instantiations.find(key); it != cx.instantiations.end()) return it->second;
    cx.instantiating.push_back(f);
    const Type result = type_of(cx, *fn.body, args);
    cx.instantiating.pop_back();
    cx.instantiations[key] = result;
    return result;
}

Type binary_type(CheckContext& cx, const ir::Expr& e, const ir::Binary& b, std::span<const Type> params) {
    const Type l = type_of(cx, *b.lhs, params);
    const Type r = type_of(cx, *b.rhs, params);
    using Op = ast::BinaryOp;
    switch (b.op) {
        case Op::logical_and:
        case Op::logical_or:
            expect_condition(cx, l, b.lhs->span);
            expect_condition(cx, r, b.rhs->span);
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
            if (expect_number(cx, l, b.lhs->span) && expect_number(cx, r, b.rhs->span)) {
                unify_numbers(cx, l, r, e.span, "compare", "比较");
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
            if (!expect_number(cx, l, b.lhs->span) || !expect_number(cx, r, b.rhs->span)) return Type::unknown();
            return unify_numbers(cx, l, r, e.span, b.op == Op::add ? "add" : "subtract",
                                 b.op == Op::add ? "相加" : "相减");
        case Op::mul:
        case Op::div: {
            if (!expect_number(cx, l, b.lhs->span) || !expect_number(cx, r, b.rhs->span)) return Type::unknown();
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

Type builtin_type(CheckContext& cx, const ir::Expr& e, const ir::CallBuiltin& c, std::span<const Type> params) {
    std::vector<Type> args;
    bool ok = true;
    for (std::size_t k = 0; k < c.args.size(); ++k) {
        const Type t = type_of(cx, *c.args[k], params);
        const ArgKind kind = c.fn->params[std::min(k, c.fn->params.size() - 1)];
        if (kind == ArgKind::year && !t.yearlike()) {
            cx.error(c.args[k]->span, {fmt::format("expected a year, found {}", describe(t)),
                                       fmt::format("这里应是年份，而不是{}", describe(t, Lang::zh))});
            ok = false;
        }
        args.push_back(t);
    }
    if (!ok) return Type::unknown();
    const TypeResult result = c.fn->result_type(args);
    if (!result.type) {
        cx.error(e.span, result.error);
        return Type::unknown();
    }
    return *result.type;
}

void define_function(CheckContext& cx, FunctionId f) {
    const ast::FnDecl& decl = *cx.fn_decls[f];
    std::set<std::string> seen;
    for (const auto& p : decl.params) {
        if (!seen.insert(p.text).second) {
            cx.error(p.span,
                     {fmt::format("parameter '{}' appears twice", p.text), fmt::format("参数“{}”重复", p.text)});
        }
    }
    cx.program.functions[f].body = resolve(cx, *decl.body, &cx.program.functions[f].params);
}

}  // namespace

ir::ExprPtr resolve(CheckContext& cx, const ast::Expr& e, const std::vector<std::string>* params) {
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
                const auto id = cx.lookup_indicator(n.name, n.part);
                if (!id) {
                    unknown_name(cx, n.part ? ast::Ident{n.name.text + "." + n.part->text, e.span} : n.name, params);
                    return nullptr;
                }
                if (cx.ind(*id).kind == IndicatorKind::group) {
                    cx.error(e.span, {fmt::format("'{}' has parts; name one of them, e.g. {}", n.name.text,
                                                  cx.ind(cx.ind(*id).parts.front()).key),
                                      fmt::format("“{}”有分项，请指明其一，如 {}", n.name.text,
                                                  cx.ind(cx.ind(*id).parts.front()).key)});
                    return nullptr;
                }
                return make(ir::IndicatorRef{*id});
            },
            [&](const ast::CurrentYear&) -> ir::ExprPtr { return make(ir::CurrentYear{}); },
            [&](const ast::AtYear& a) -> ir::ExprPtr {
                auto series = resolve(cx, *a.series, params);
                auto year = resolve(cx, *a.year, params);
                if (!series || !year) return nullptr;
                return make(ir::AtYear{std::move(series), std::move(year)});
            },
            [&](const ast::Unary& u) -> ir::ExprPtr {
                auto operand = resolve(cx, *u.operand, params);
                if (!operand) return nullptr;
                return make(ir::Unary{u.op, std::move(operand)});
            },
            [&](const ast::Binary& b) -> ir::ExprPtr {
                auto lhs = resolve(cx, *b.lhs, params);
                auto rhs = resolve(cx, *b.rhs, params);
                if (!lhs || !rhs) return nullptr;
                return make(ir::Binary{b.op, std::move(lhs), std::move(rhs)});
            },
            [&](const ast::Call& c) -> ir::ExprPtr { return resolve_call(cx, e, c, params); },
            [&](const ast::If& i) -> ir::ExprPtr {
                auto cond = resolve(cx, *i.condition, params);
                auto then_branch = resolve(cx, *i.then_branch, params);
                auto else_branch = resolve(cx, *i.else_branch, params);
                if (!cond || !then_branch || !else_branch) return nullptr;
                return make(ir::If{std::move(cond), std::move(then_branch), std::move(else_branch)});
            },
            [&](const ast::Pair&) -> ir::ExprPtr {
                cx.error(e.span, {"a paired value such as 2(8) is only allowed as a target or baseline of an indicator "
                                  "with parts",
                                  "成对值（如 2(8)）只能用作分项指标的目标或基线"});
                return nullptr;
            },
        },
        e.node);
}

Type literal_type(const std::string& unit, double value) {
    if (unit.empty()) return Type::literal_number();
    // 2027年 is a year; 11.3年 and 5年 (受教育年限, 工作年限) are values in the unit 年.
    if (unit == "年" && value == std::floor(value) && value >= 1000 && value <= 9999) return Type::year_type();
    return Type::number_in(parse_unit(unit));
}

Type type_of(CheckContext& cx, const ir::Expr& e, std::span<const Type> params) {
    return std::visit(
        overloaded{
            [&](const ir::Const& c) { return literal_type(c.unit, c.value); },
            [&](const ir::IndicatorRef& r) {
                const Indicator& i = cx.ind(r.id);
                if (i.staged()) return Type{Type::Kind::stage, {}, false, r.id};
                return Type::number_in(i.unit);
            },
            [&](const ir::ParamRef& p) { return p.index < params.size() ? params[p.index] : Type::unknown(); },
            [&](const ir::CurrentYear&) { return Type::year_type(); },
            [&](const ir::AtYear& a) {
                const Type year = type_of(cx, *a.year, params);
                if (!year.yearlike()) {
                    cx.error(a.year->span, {fmt::format("expected a year in [ ], found {}", describe(year)),
                                            fmt::format("[ ] 中应是年份，而不是{}", describe(year, Lang::zh))});
                }
                return type_of(cx, *a.series, params);
            },
            [&](const ir::Unary& u) {
                const Type t = type_of(cx, *u.operand, params);
                if (u.op == ast::UnaryOp::logical_not) {
                    expect_condition(cx, t, u.operand->span);
                    return Type::boolean();
                }
                expect_number(cx, t, u.operand->span);
                return t;
            },
            [&](const ir::Binary& b) { return binary_type(cx, e, b, params); },
            [&](const ir::CallBuiltin& c) { return builtin_type(cx, e, c, params); },
            [&](const ir::CallFunction& c) {
                std::vector<Type> args;
                for (const auto& a : c.args) args.push_back(type_of(cx, *a, params));
                return call_type(cx, c.fn, args);
            },
            [&](const ir::If& i) {
                expect_condition(cx, type_of(cx, *i.condition, params), i.condition->span);
                const Type a = type_of(cx, *i.then_branch, params);
                const Type b = type_of(cx, *i.else_branch, params);
                if (a.kind == Type::Kind::boolean && b.kind == Type::Kind::boolean) return a;
                if (!expect_number(cx, a, i.then_branch->span) || !expect_number(cx, b, i.else_branch->span)) {
                    return Type::unknown();
                }
                return unify_numbers(cx, a, b, e.span, "choose between", "在两分支间选择");
            },
        },
        e.node);
}

void define_functions(CheckContext& cx) {
    for (FunctionId f = 0; f < cx.fn_decls.size(); ++f) define_function(cx, f);
}

void type_functions(CheckContext& cx) {
    for (FunctionId f = 0; f < cx.program.functions.size(); ++f) {
        const Function& fn = cx.program.functions[f];
        if (!fn.body) continue;
        std::vector<Type> args(fn.params.size(), Type::unknown());
        call_type(cx, f, args);
    }
}

}  // namespace dabiao::checker
