// The interpreter: evaluates resolved expressions for one region's data, year by year.
// Missing data propagates as a state that names the missing input; it is never a zero.
#pragma once

#include <set>
#include <unordered_map>
#include <vector>

#include "data/data.hpp"
#include "check/program.hpp"
#include "base/value.hpp"

namespace dabiao {

// Comparisons treat values within a relative 1e-9 as equal, so that 0.1 + 0.2 reaches 0.3
// and a derived 5.4999999999 meets a target of 5.5.
bool nearly_equal(double a, double b);

struct EvalLimits {
    std::size_t max_call_depth = 100;    // user-function calls in progress
    std::size_t max_nesting = 3000;      // nested evaluations (bounds the C++ stack)
    std::size_t max_steps = 20'000'000;  // evaluation steps for a whole run (all regions)
};

// What the evaluations of one run share, across regions: the step budget, and the places where
// it ran out. After a runaway the budget starts again (the next rule is not blamed for it), and
// reaching a runaway place again (the same rule in the next region) stops at once: a runaway
// rule costs the budget once per run, not once per region.
struct RunBudget {
    std::size_t steps = 0;
    std::set<std::pair<FileId, std::uint32_t>> runaway;  // where the budget ran out
    std::set<std::pair<FileId, std::uint32_t>> reported;  // failures reported, once per run
};

// A runaway rule (too deep recursion, too many steps) stops evaluation with a position.
struct EvalError {
    Span where;
    Text message;
};

// Observes evaluation, for `dabiao explain`.
class EvalObserver {
public:
    virtual ~EvalObserver() = default;
    virtual void enter(const ir::Expr& e, int year) = 0;
    virtual void leave(const ir::Expr& e, int year, const Value& v) = 0;
    virtual void read(IndicatorId id, int year, const Observation* found) = 0;
};

class Evaluator {
public:
    Evaluator(const Program& program, const RegionData& data, EvalLimits limits = {});
    Evaluator(const Evaluator&) = delete;  // budget_ may point into itself
    Evaluator& operator=(const Evaluator&) = delete;

    // The value of an indicator in a year: the data for reported ones, the formula for derived ones.
    Value indicator(IndicatorId id, int year);
    // An expression without parameters (a target's value, a formula) in a year.
    Value evaluate(const ir::Expr& e, int year);

    void observe(EvalObserver* observer) { observer_ = observer; }
    // Shares the run's step budget (by default each evaluator has its own).
    void share_budget(RunBudget* budget) { budget_ = budget ? budget : &own_budget_; }
    // Every data value found while evaluating is appended to `log` (the judge's record of the
    // values its verdicts read; a derived value computed once is read once).
    void log_reads(std::vector<const Observation*>* log) { reads_ = log; }
    std::size_t steps() const { return budget_->steps; }

private:
    struct Frame;
    class Call;

    const Program& program_;
    const RegionData& data_;
    EvalLimits limits_;
    EvalObserver* observer_ = nullptr;
    std::vector<const Observation*>* reads_ = nullptr;
    RunBudget own_budget_;
    RunBudget* budget_ = &own_budget_;
    std::size_t nesting_ = 0;
    std::size_t call_depth_ = 0;
    std::unordered_map<std::uint64_t, Value> memo_;  // derived indicator values by (id, year)
    int first_year_;
    int last_year_;

    Value eval(const ir::Expr& e, int year, const Frame* frame);
    Value eval_node(const ir::Expr& e, int year, const Frame* frame);
    Value binary(const ir::Expr& e, const ir::Binary& b, int year, const Frame* frame);
    Value call_function(const ir::Expr& e, const ir::CallFunction& c, int year, const Frame* frame);
    Value argument(const Frame& frame, std::size_t index, int year);
    void charge(Span where);
};

}  // namespace dabiao
