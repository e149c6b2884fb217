#include "judge/eval.hpp"
#include "base/overloaded.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "stdlib/builtins.hpp"

namespace dabiao {

namespace {

// Years outside this window around the plan have no data by definition; it also ends
// formulas such as x = x[year - 1] + 1 that would otherwise walk back forever.
constexpr int kYearWindow = 50;

Value undefined_at(Span where) {
    Missing m;
    m.why = Missing::Why::undefined;
    m.where = where;
    return Value::absent(m);
}

}  // namespace

bool nearly_equal(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

// A user function's call: its arguments are evaluated lazily, in the caller's frame and in
// whatever year the body asks for (call by name), so fn 上年(x) = x[year - 1] works. Each
// argument is evaluated at most once per year and call: without that, a parameter read in a
// recursion re-evaluates the whole chain of arguments behind it, and a depth-d recursion costs
// d² steps (and its explain trace d² nodes).
struct Evaluator::Frame {
    const std::vector<ir::ExprPtr>* args;
    const Frame* caller;
    mutable std::vector<std::vector<std::pair<int, Value>>> evaluated{args->size()};  // per argument: (year, value)
};

class Evaluator::Call : public CallContext {
public:
    Call(Evaluator& ev, const ir::Expr& e, const ir::CallBuiltin& c, int year, const Frame* frame)
        : ev_(ev), expr_(e), call_(c), year_(year), frame_(frame) {}
    std::size_t arg_count() const override { return call_.args.size(); }
    Value arg(std::size_t index, int year) override { return ev_.eval(*call_.args.at(index), year, frame_); }
    int year() const override { return year_; }
    Span span() const override { return expr_.span; }
    void step() override { ev_.charge(expr_.span); }

private:
    Evaluator& ev_;
    const ir::Expr& expr_;
    const ir::CallBuiltin& call_;
    int year_;
    const Frame* frame_;
};

Evaluator::Evaluator(const Program& program, const RegionData& data, EvalLimits limits)
    : program_(program),
      data_(data),
      limits_(limits),
      first_year_(std::min(program.plan.baseline_year, program.plan.first_year) - kYearWindow),
      last_year_(program.plan.last_year + kYearWindow) {}

void Evaluator::charge(Span where) {
    const bool ran_away_here = !budget_->runaway.empty() && budget_->runaway.contains({where.file, where.begin});
    if (ran_away_here || ++budget_->steps > limits_.max_steps) {
        // The error stops this rule only: the next one starts with the whole budget again.
        budget_->runaway.insert({where.file, where.begin});
        budget_->steps = 0;
        nesting_ = 0;
        call_depth_ = 0;
        throw EvalError{where,
                        {fmt::format("evaluation stopped after {} steps", limits_.max_steps),
                         fmt::format("计算超过 {} 步，已停止", limits_.max_steps)}};
    }
}

Value Evaluator::indicator(IndicatorId id, int year) {
    const Indicator& i = program_.indicator(id);
    if (year < first_year_ || year > last_year_ || i.kind == IndicatorKind::group) {
        // A derived indicator asked for a year this far away has a formula walking back
        // (x = x[year - 1] + 1) without reaching data: say so rather than "no data".
        const auto why = i.kind == IndicatorKind::derived ? Missing::Why::out_of_range : Missing::Why::no_data;
        return Value::absent(Missing{why, id, year, {}});
    }
    if (i.kind != IndicatorKind::derived) {
        const Observation* found = data_.find(id, year);
        if (observer_) observer_->read(id, year, found);
        if (!found) return Value::absent(Missing{Missing::Why::no_data, id, year, {}});
        if (reads_) reads_->push_back(found);
        return Value::of(found->value);
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(id) << 32) | static_cast<std::uint32_t>(year);
    if (const auto it = memo_.find(key); it != memo_.end() && !observer_) return it->second;
    const Value v = eval(*i.formula, year, nullptr);
    memo_[key] = v;
    return v;
}

Value Evaluator::evaluate(const ir::Expr& e, int year) {
    return eval(e, year, nullptr);
}

Value Evaluator::eval(const ir::Expr& e, int year, const Frame* frame) {
    charge(e.span);
    if (++nesting_ > limits_.max_nesting) {
        nesting_ = 0;
        call_depth_ = 0;
        throw EvalError{e.span,
                        {fmt::format("evaluation nested deeper than {} levels", limits_.max_nesting),
                         fmt::format("计算嵌套超过 {} 层", limits_.max_nesting)}};
    }
    if (observer_) observer_->enter(e, year);
    const Value v = eval_node(e, year, frame);
    if (v.present && !std::isfinite(v.number)) {
        // An overflow (1e200 * 1e200) or what follows from one (inf - inf): never a verdict.
        nesting_ = 0;
        call_depth_ = 0;
        throw EvalError{e.span,
                        {"the result is too large for a number (overflow) or undefined: a number holds at most about ±1.8e308",
                         "计算结果超出数字范围（溢出）或无定义：数字最大约为 ±1.8e308"}};
    }
    if (observer_) observer_->leave(e, year, v);
    --nesting_;
    return v;
}

Value Evaluator::eval_node(const ir::Expr& e, int year, const Frame* frame) {
    return std::visit(overloaded{
                          [&](const ir::Const& c) { return Value::of(c.value); },
                          [&](const ir::IndicatorRef& r) { return indicator(r.id, year); },
                          [&](const ir::ParamRef& p) { return argument(*frame, p.index, year); },
                          [&](const ir::CurrentYear&) { return Value::of(year); },
                          [&](const ir::AtYear& a) {
                              const Value at = eval(*a.year, year, frame);
                              if (!at.present) return at;
                              if (at.number != std::floor(at.number) || std::abs(at.number) > 1e6)
                                  return undefined_at(a.year->span);
                              return eval(*a.series, static_cast<int>(at.number), frame);
                          },
                          [&](const ir::Unary& u) {
                              Value v = eval(*u.operand, year, frame);
                              if (!v.present) return v;
                              if (u.op == ast::UnaryOp::logical_not) return Value::truth(v.number == 0);
                              v.number = -v.number;
                              return v;
                          },
                          [&](const ir::Binary& b) { return binary(e, b, year, frame); },
                          [&](const ir::CallBuiltin& c) {
                              Call call(*this, e, c, year, frame);
                              return c.fn->impl(call);
                          },
                          [&](const ir::CallFunction& c) { return call_function(e, c, year, frame); },
                          [&](const ir::If& i) {
                              const Value cond = eval(*i.condition, year, frame);
                              if (!cond.present) return cond;
                              return eval(cond.number != 0 ? *i.then_branch : *i.else_branch, year, frame);
                          },
                      },
                      e.node);
}

Value Evaluator::binary(const ir::Expr& e, const ir::Binary& b, int year, const Frame* frame) {
    using BinOp = ast::BinaryOp;
    const Value l = eval(*b.lhs, year, frame);
    // and/or decide without the other side when they can (false and ?, true or ?).
    if (b.op == BinOp::logical_and && l.present && l.number == 0) return Value::truth(false);
    if (b.op == BinOp::logical_or && l.present && l.number != 0) return Value::truth(true);
    const Value r = eval(*b.rhs, year, frame);
    if (b.op == BinOp::logical_and || b.op == BinOp::logical_or) {
        if (!r.present) return r;
        if (!l.present) {
            // false and missing / true or missing are still decided by the right side.
            if ((b.op == BinOp::logical_and && r.number == 0) || (b.op == BinOp::logical_or && r.number != 0)) {
                return Value::truth(b.op == BinOp::logical_or);
            }
            return l;
        }
        return Value::truth(b.op == BinOp::logical_and ? (l.number != 0 && r.number != 0)
                                                       : (l.number != 0 || r.number != 0));
    }
    if (!l.present) return l;
    if (!r.present) return r;
    switch (b.op) {
        case BinOp::add:
            return Value::of(l.number + r.number);
        case BinOp::sub:
            return Value::of(l.number - r.number);
        case BinOp::mul:
            return Value::of(l.number * r.number);
        case BinOp::div:
            return r.number == 0 ? undefined_at(e.span) : Value::of(l.number / r.number);
        case BinOp::eq:
            return Value::truth(nearly_equal(l.number, r.number));
        case BinOp::ne:
            return Value::truth(!nearly_equal(l.number, r.number));
        case BinOp::ge:
            return Value::truth(l.number > r.number || nearly_equal(l.number, r.number));
        case BinOp::le:
            return Value::truth(l.number < r.number || nearly_equal(l.number, r.number));
        case BinOp::gt:
            return Value::truth(l.number > r.number && !nearly_equal(l.number, r.number));
        case BinOp::lt:
            return Value::truth(l.number < r.number && !nearly_equal(l.number, r.number));
        default:
            return Value::of(0);
    }
}

Value Evaluator::argument(const Frame& frame, std::size_t index, int year) {
    std::vector<std::pair<int, Value>>& known = frame.evaluated.at(index);
    for (const auto& [at, value] : known)
        if (at == year) return value;
    const Value v = eval(*frame.args->at(index), year, frame.caller);
    known.emplace_back(year, v);
    return v;
}

Value Evaluator::call_function(const ir::Expr& e, const ir::CallFunction& c, int year, const Frame* frame) {
    const Function& fn = program_.functions.at(c.fn);
    if (++call_depth_ > limits_.max_call_depth) {
        call_depth_ = 0;
        nesting_ = 0;
        throw EvalError{
            e.span,
            {fmt::format("'{}' recursed more than {} calls deep without ending", fn.name, limits_.max_call_depth),
             fmt::format("“{}”递归超过 {} 层仍未结束", fn.name, limits_.max_call_depth)}};
    }
    const Frame callee{&c.args, frame};
    const Value v = eval(*fn.body, year, &callee);
    --call_depth_;
    return v;
}

}  // namespace dabiao
