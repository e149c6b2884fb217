#include "engine/verdicts.hpp"

#include <cmath>

namespace dabiao {

void Summary::count(Status s) {
    switch (s) {
        case Status::met: ++met; break;
        case Status::missed: ++missed; break;
        case Status::no_data: ++no_data; break;
        case Status::not_due: ++not_due; break;
    }
}

namespace {

bool holds(Op op, double actual, double expected, double tolerance) {
    switch (op) {
        case Op::ge: return actual > expected || nearly_equal(actual, expected);
        case Op::gt: return actual > expected && !nearly_equal(actual, expected);
        case Op::le: return actual < expected || nearly_equal(actual, expected);
        case Op::lt: return actual < expected && !nearly_equal(actual, expected);
        case Op::eq: return nearly_equal(actual, expected);
        case Op::around: {
            const double distance = std::abs(actual - expected);
            return distance < tolerance || nearly_equal(distance, tolerance);
        }
    }
    return false;
}

// How far the actual value is on the good side of the target (negative: short of it).
double gap_of(Op op, double actual, double expected, double tolerance) {
    switch (op) {
        case Op::ge:
        case Op::gt: return actual - expected;
        case Op::le:
        case Op::lt: return expected - actual;
        case Op::eq: return -std::abs(actual - expected);
        case Op::around: return tolerance - std::abs(actual - expected);
    }
    return 0;
}

class Judge {
public:
    Judge(const Program& program, const RegionData& data, EvalLimits limits)
        : program_(program), data_(data), eval_(program, data, limits) {}

    Verdict verdict(std::size_t index, int as_of) {
        const Target& t = program_.targets[index];
        Verdict v;
        v.target = index;
        if (t.year > as_of) {
            v.status = Status::not_due;
            return v;
        }
        const Value actual = actual_value(t);
        const Value expected = eval_.evaluate(*t.value, t.year);
        if (!actual.present || !expected.present) {
            v.status = Status::no_data;
            v.missing = !actual.present ? actual.missing : expected.missing;
            if (expected.present) v.expected = expected.number;
            return v;
        }
        double tolerance = 0;
        if (t.op == Op::around) {
            if (t.tolerance) {
                const Value tol = eval_.evaluate(*t.tolerance, t.year);
                if (!tol.present) {
                    v.status = Status::no_data;
                    v.missing = tol.missing;
                    return v;
                }
                tolerance = std::abs(tol.number);
            } else {
                tolerance = std::abs(expected.number) * kDefaultAroundTolerance;
            }
            v.tolerance = tolerance;
        }
        v.actual = actual.number;
        v.expected = expected.number;
        v.gap = gap_of(t.op, actual.number, expected.number, tolerance);
        v.status = holds(t.op, actual.number, expected.number, tolerance) ? Status::met : Status::missed;
        if (!t.cumulative_from && program_.indicator(t.indicator).kind == IndicatorKind::reported) {
            if (const Observation* o = data_.find(t.indicator, t.year)) v.source = o->source;
        }
        return v;
    }

private:
    const Program& program_;
    const RegionData& data_;
    Evaluator eval_;

    Value actual_value(const Target& t) {
        if (!t.cumulative_from) return eval_.indicator(t.indicator, t.year);
        double total = 0;
        for (int y = *t.cumulative_from; y <= t.year; ++y) {
            const Value v = eval_.indicator(t.indicator, y);
            if (!v.present) return v;
            total += v.number;
        }
        return Value::of(total);
    }
};

}  // namespace

RegionReport judge(const Program& program, const RegionData& data, std::optional<int> as_of, Diagnostics& diags,
                   EvalLimits limits) {
    RegionReport report;
    report.region = data.region;
    report.as_of = as_of.value_or(data.latest_year().value_or(program.plan.baseline_year));
    report.domains.resize(program.domains.size() + 1);
    Judge judge(program, data, limits);
    for (std::size_t k = 0; k < program.targets.size(); ++k) {
        Verdict v;
        try {
            v = judge.verdict(k, report.as_of);
        } catch (const EvalError& e) {
            diags.error(e.where, e.message, {"the targets that need this rule are left out of the report",
                                             "依赖此规则的目标未列入报告"});
            continue;
        }
        const auto domain = program.indicator(program.targets[k].indicator).domain;
        report.summary.count(v.status);
        report.domains[domain.value_or(static_cast<DomainId>(program.domains.size()))].count(v.status);
        report.verdicts.push_back(std::move(v));
    }
    return report;
}

}  // namespace dabiao
