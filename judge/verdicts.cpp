#include "judge/verdicts.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <span>
#include <utility>

namespace dabiao {

void Summary::count(const Verdict& v) {
    switch (v.status) {
        case Status::met:
            ++met;
            break;
        case Status::missed:
            ++missed;
            break;
        case Status::no_data:
            ++no_data;
            break;
        case Status::not_due:
            ++not_due;
            ++progress[static_cast<std::size_t>(v.progress ? v.progress->status : Progress::cannot_assess)];
            break;
    }
}

namespace {

// How far the actual value is on the good side of the target (negative: short of it).
double gap_of(Op op, double actual, double expected, double tolerance, Band band) {
    if (op == Op::around && band == Band::at_least) return actual - (expected - tolerance);
    if (op == Op::around && band == Band::at_most) return expected + tolerance - actual;
    switch (op) {
        case Op::ge:
        case Op::gt:
            return actual - expected;
        case Op::le:
        case Op::lt:
            return expected - actual;
        case Op::eq:
            return -std::abs(actual - expected);
        case Op::around:
            return tolerance - std::abs(actual - expected);
    }
    return 0;
}

class Judge {
public:
    Judge(const Program& program, const RegionData& data, EvalLimits limits, JudgeObserver* observer = nullptr,
          RunBudget* budget = nullptr)
        : program_(program), eval_(program, data, limits), observer_(observer) {
        eval_.observe(observer);
        eval_.share_budget(budget);
        eval_.log_reads(&reads_);
    }

    Verdict verdict(std::size_t index, int as_of) {
        const Target& t = program_.targets[index];
        Verdict v;
        v.target = index;
        const Value base = evaluate(TargetPart::base, *t.base, t.base_year);
        if (base.present) v.base = base.number;
        v.base_year = t.base_year;
        if (t.year > as_of) {
            v.status = Status::not_due;
            v.progress = progress(t, v, as_of);
            return v;
        }
        const std::size_t reads_before = reads_.size();
        const Value actual = evaluate(TargetPart::measure, *t.measure, t.year);
        // The actual value is one data value when the measure reads a reported indicator itself.
        const auto* read = std::get_if<ir::IndicatorRef>(&t.measure->node);
        const bool one_value = read && program_.indicator(read->id).kind == IndicatorKind::reported;
        const Observation* datum =
            one_value && actual.present && reads_.size() == reads_before + 1 ? reads_.back() : nullptr;
        if (datum) v.source = datum->source;
        const std::size_t value_reads = reads_.size();
        const Value expected = evaluate(TargetPart::value, *t.value, t.year);
        if (!actual.present || !expected.present) {
            v.status = Status::no_data;
            v.missing = !actual.present ? actual.missing : expected.missing;
            if (expected.present) v.expected = expected.number;
            v.source.reset();
            return v;
        }
        const Value tolerance = tolerance_for(t, expected.number);
        if (!tolerance.present) {
            v.status = Status::no_data;
            v.missing = tolerance.missing;
            v.source.reset();
            return v;
        }
        if (t.op == Op::around) v.tolerance = tolerance.number;
        v.actual = actual.number;
        v.expected = expected.number;
        v.precision = precision_of(t, datum, std::span(reads_).subspan(value_reads));
        const double compared_actual = v.precision ? round_to(actual.number, *v.precision) : actual.number;
        const double compared_expected = v.precision ? round_to(expected.number, *v.precision) : expected.number;
        // A gap counts in the indicator's unit; between stages there is none to count.
        if (!program_.indicator(t.indicator).staged())
            v.gap = gap_of(t.op, compared_actual, compared_expected, tolerance.number, t.band);
        v.status = target_holds(t.op, compared_actual, compared_expected, tolerance.number, t.band) ? Status::met
                                                                                                     : Status::missed;
        if (!program_.indicator(t.indicator).staged()) {
            v.completion = completion_rate(t.op, actual.number, expected.number, t.band);
            // The share of the way from the baseline; a baseline that already met the target
            // leaves no way to measure.
            if (v.base && !target_holds(t.op, *v.base, expected.number, tolerance.number, t.band))
                v.share = share_from_base(*v.base, actual.number, expected.number);
        }
        return v;
    }

    // Distinct data values read so far.
    std::size_t values_read() {
        std::sort(reads_.begin(), reads_.end());
        reads_.erase(std::unique(reads_.begin(), reads_.end()), reads_.end());
        return reads_.size();
    }

private:
    const Program& program_;
    Evaluator eval_;
    JudgeObserver* observer_;
    std::vector<const Observation*> reads_;

    Value evaluate(TargetPart part, const ir::Expr& e, int year) {
        if (observer_) observer_->part(part, year);
        return eval_.evaluate(e, year);
    }

    // The latest year in (after, last] with an actual value, and that value.
    std::optional<std::pair<int, double>> latest_actual(const Target& t, int after, int last) {
        for (int y = last; y > after; --y) {
            const Value v = evaluate(TargetPart::measure, *t.measure, y);
            if (v.present) return std::pair{y, v.number};
        }
        return std::nullopt;
    }

    // The step a target compares at: the indicator's 精度, or the finest precision of the data
    // compared — the one value the measure read (`read`) and the values a computed target read
    // (`threshold`): 85 against last year's 85.4 compares at tenths. None: exactly.
    static std::optional<double> precision_of(const Target& t, const Observation* read,
                                              std::span<const Observation* const> threshold) {
        switch (t.rounding) {
            case Rounding::exact:
                return std::nullopt;
            case Rounding::step:
                return t.rounding_step;
            case Rounding::as_data:
                if (!read || !read->decimals) return std::nullopt;
                int decimals = *read->decimals;
                for (const Observation* o : threshold) {
                    if (!o->decimals) return std::nullopt;
                    decimals = std::max(decimals, *o->decimals);
                }
                return std::pow(10.0, -decimals);
        }
        return std::nullopt;
    }

    // The tolerance of an `around` target: an amount (the rule's ±, the indicator's 容差), or a
    // share of the target value (the indicator's, the plan's or the standard 2%).
    Value tolerance_for(const Target& t, double expected) {
        if (t.op != Op::around) return Value::of(0);
        if (!t.tolerance) return Value::of(std::abs(expected) * t.tolerance_share);
        Value tol = evaluate(TargetPart::tolerance, *t.tolerance, t.year);
        tol.number = std::abs(tol.number);
        return tol;
    }

    ProgressAssessment progress(const Target& t, Verdict& v, int as_of) {
        const Indicator& i = program_.indicator(t.indicator);
        // The latest value so far (before the target's year), after the base year.
        if (const auto latest = latest_actual(t, v.base_year, std::min(as_of, t.year - 1))) {
            v.latest_year = latest->first;
            v.latest = latest->second;
        }
        // The target value of the target's own year; one that depends on data not yet
        // reported (a coverage base, a standard) leaves the progress not assessable.
        const Value expected = evaluate(TargetPart::value, *t.value, t.year);
        if (!expected.present) return {};
        v.expected = expected.number;
        const Value tolerance = tolerance_for(t, expected.number);
        if (!tolerance.present) return {};
        if (t.op == Op::around) v.tolerance = tolerance.number;
        if (!v.latest || !v.base) return {};  // fewer than two data points
        if (i.staged()) {                     // stages have no rate of change: met already, or not assessable
            ProgressAssessment stage;
            if (target_holds(t.op, *v.latest, expected.number, 0, t.band)) stage.status = Progress::achieved;
            return stage;
        }
        ProgressInput in;
        in.op = t.op;
        in.direction = i.direction;
        in.percent = t.bounded_share;
        in.base = *v.base;
        in.base_year = v.base_year;
        in.latest = *v.latest;
        in.latest_year = v.latest_year;
        in.target = expected.number;
        in.target_year = t.year;
        in.tolerance = tolerance.number;
        in.band = t.band;
        return assess_progress(in);
    }
};

}  // namespace

Verdict judge_one(const Program& program, const RegionData& data, std::size_t target, int as_of,
                  JudgeObserver* observer) {
    return Judge(program, data, EvalLimits{}, observer).verdict(target, as_of);
}

int default_as_of(const Program& program, const RegionData& data) {
    return data.latest_year().value_or(program.plan.baseline_year);
}

int common_as_of(const Program& program, const Dataset& data) {
    int as_of = program.plan.baseline_year;
    for (const RegionData& r : data.regions) as_of = std::max(as_of, default_as_of(program, r));
    return as_of;
}

RegionReport judge(const Program& program, const RegionData& data, std::optional<int> as_of, Diagnostics& diags,
                   EvalLimits limits, RunBudget* run) {
    RunBudget own;
    RunBudget& budget = run ? *run : own;
    RegionReport report;
    report.region = data.region;
    report.as_of = as_of.value_or(default_as_of(program, data));
    report.domains.resize(program.domains.size() + 1);
    report.leads.resize(program.leads.size());
    report.tags.resize(program.tags.size());
    Judge judge(program, data, limits, nullptr, &budget);
    const std::optional<RegionId> region = program.region_id(data.region);
    for (std::size_t k = 0; k < program.targets.size(); ++k) {
        if (!program.targets[k].applies_to(region)) continue;  // another region's own target, or replaced here
        Verdict v;
        try {
            v = judge.verdict(k, report.as_of);
        } catch (const EvalError& e) {
            // Reported once per rule and run, however many targets and regions need it.
            if (budget.reported.insert({e.where.file, e.where.begin}).second) {
                diags.error(
                    e.where, e.message,
                    {"the targets that need this rule are left out of the report", "依赖此规则的目标未列入报告"});
            }
            continue;
        }
        const auto domain = program.indicator(program.targets[k].indicator).domain;
        report.summary.count(v);
        report.domains[domain.value_or(static_cast<DomainId>(program.domains.size()))].count(v);
        if (domain) {
            for (const LeadId lead : program.domains[*domain].lead_ids) report.leads[lead].count(v);
        }
        for (const TagId tag : program.targets[k].tags) report.tags[tag].count(v);
        report.verdicts.push_back(std::move(v));
    }
    report.values_used = judge.values_read();
    return report;
}

void count_use(DataAccounting& accounting, const std::vector<RegionReport>& reports) {
    accounting.used = 0;
    for (const RegionReport& r : reports) accounting.used += r.values_used;
    accounting.unused = accounting.accepted - accounting.used;
}

}  // namespace dabiao
