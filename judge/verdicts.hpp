// Verdicts: every target of the program judged against one region's data as of a year.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "data/data.hpp"
#include "judge/eval.hpp"
#include "check/program.hpp"
#include "judge/progress.hpp"

namespace dabiao {

enum class Status { met, missed, no_data, not_due };

struct Verdict {
    std::size_t target = 0;  // index into Program::targets
    Status status = Status::not_due;
    std::optional<double> actual;      // the indicator's value (or the cumulative sum)
    std::optional<double> expected;    // the target value in that year
    std::optional<double> tolerance;   // Op::around
    // The step actual and target were rounded to before comparing (1: whole units), when the
    // target compares at a precision (Target::rounding); `actual` and `expected` stay unrounded.
    std::optional<double> precision;
    std::optional<double> gap;         // positive is better, in the indicator's unit; none between stages
    Missing missing;                   // why there is no verdict (no_data)
    std::optional<Provenance> source;  // where the actual value came from, when it is one data value

    // The baseline the target is measured from (the indicator's; 0 before a cumulative sum).
    std::optional<double> base;
    int base_year = 0;
    std::optional<double> completion;  // due targets: 完成率, actual / target (lower is better: target / actual), percent
    std::optional<double> share;       // due targets: percent of the way from the baseline to the target
    // Targets not yet due: the latest value so far and how it is progressing.
    std::optional<double> latest;
    int latest_year = 0;
    std::optional<ProgressAssessment> progress;
};

struct Summary {
    std::size_t met = 0;
    std::size_t missed = 0;
    std::size_t no_data = 0;
    std::size_t not_due = 0;
    std::array<std::size_t, 6> progress{};  // not-due targets by Progress

    void count(const Verdict& v);
    std::size_t total() const { return met + missed + no_data + not_due; }
};

struct RegionReport {
    std::string region;
    int as_of = 0;
    std::size_t values_used = 0;  // distinct data values some verdict read
    std::vector<Verdict> verdicts;
    Summary summary;
    std::vector<Summary> domains;  // by DomainId; one more at the end for indicators without a domain
    std::vector<Summary> leads;    // by LeadId: the targets of every domain the department leads
    std::vector<Summary> tags;     // by TagId: the targets that carry the tag
};

// The parts of a target the judge evaluates, in the order it evaluates them.
enum class TargetPart { base, measure, value, tolerance };

// Watches the judge evaluate one target (for `explain`): `part` is called before each evaluation
// of a part, then the evaluator's events of that evaluation follow.
class JudgeObserver : public EvalObserver {
public:
    virtual void part(TargetPart p, int year) = 0;
};

// The verdict of one target, evaluated exactly as judge() does; may throw EvalError.
Verdict judge_one(const Program& program, const RegionData& data, std::size_t target, int as_of,
                  JudgeObserver* observer = nullptr);

// The as-of year when none is given: the latest year with data.
int default_as_of(const Program& program, const RegionData& data);
// With several regions: the latest of their years, so that a region whose data is late shows it.
int common_as_of(const Program& program, const Dataset& data);

// Judges every target for one region. `as_of` empty: the latest year with data in that region.
// A runaway rule is reported in `diags` (once per `run`, which the regions of one run share) and
// its targets are left out.
RegionReport judge(const Program& program, const RegionData& data, std::optional<int> as_of, Diagnostics& diags,
                   EvalLimits limits = {}, RunBudget* run = nullptr);

// Splits the accepted values into used and unused: what the reports' verdicts read.
void count_use(DataAccounting& accounting, const std::vector<RegionReport>& reports);

}  // namespace dabiao
