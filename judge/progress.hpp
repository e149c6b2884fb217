// Progress of targets that are not yet due, and completion of those that are.
//
// Method (docs/progress.md): the growth ratio of Open SDG's progress measure (sdg-build,
// sdg/ProgressMeasure.py, after Statistics Canada and Eurostat),
//     R = observed compound annual growth / |required compound annual growth|,
// signed so that movement in the desired direction is positive. Where growth rates do not apply
// — a zero or negative value, or a target at the bound of a percentage (100%, or 0% on a
// lower-is-better rate) — the linear pace of Chinese reviews (序时进度) is used instead:
//     R = (share of the way from baseline to target) / (share of the time from base year to target year).
// Both use Open SDG's thresholds.
#pragma once

#include <optional>
#include <string_view>

#include "base/diagnostics.hpp"
#include "check/program.hpp"

namespace dabiao {

enum class Progress {
    achieved,            // the latest value already meets the target
    on_track,            // R >= 0.95
    needs_acceleration,  // 0.6 <= R < 0.95
    limited,             // 0 <= R < 0.6
    moving_away,         // R < 0
    cannot_assess,       // fewer than two data points, or no target value
};

inline constexpr double kOnTrackRatio = 0.95;
inline constexpr double kModerateRatio = 0.6;

enum class ProgressMethod { none, growth, linear };

struct ProgressInput {
    Op op = Op::ge;
    ast::Direction direction = ast::Direction::higher;
    bool percent = false;  // the indicator is a percentage, bounded by 0% and 100%
    double base = 0;
    int base_year = 0;
    double latest = 0;
    int latest_year = 0;
    double target = 0;
    int target_year = 0;
    double tolerance = 0;  // Op::around
    Band band = Band::both;  // Op::around
};

struct ProgressAssessment {
    Progress status = Progress::cannot_assess;
    ProgressMethod method = ProgressMethod::none;
    std::optional<double> ratio;
    // ProgressMethod::growth: the yearly growth rates R divides, the observed one (baseline to latest
    // value) and the one the target requires (baseline to target), as fractions (0.036 = 3.6%).
    std::optional<double> observed_rate;
    std::optional<double> required_rate;
    std::optional<double> time_share;      // 序时进度: (latest_year - base_year) / (target_year - base_year)
    std::optional<double> progress_share;  // (latest - base) / (target - base)
};

ProgressAssessment assess_progress(const ProgressInput& in);

// 完成率 as Chinese plan reviews compute it, in percent (100 = reached): actual / target when the
// target asks for higher values (>=, >, == and around), target / actual when it asks for lower ones
// (<=, <). Empty when the divisor is zero or the two values differ in sign (a ratio of them
// means nothing).
// An around target's band bounding one side counts as that side's comparison.
std::optional<double> completion_rate(Op op, double actual, double target, Band band = Band::both);

// The share of the way from the baseline to the target that the actual value has come, in percent
// (100 = reached): (actual - base) / (target - base). It is what 序时进度 compares with the share of
// the time gone. Empty when the target equals the baseline.
std::optional<double> share_from_base(double base, double actual, double target);

// Whether `actual` satisfies `op target` (within `tolerance` on the `band`'s sides for Op::around),
// with the comparison tolerance of nearly_equal.
bool target_holds(Op op, double actual, double target, double tolerance, Band band = Band::both);

// `v` rounded to a multiple of `step` (half away from zero): the precision a target compares at.
double round_to(double v, double step);

// R as reports show it: two decimals, or as many more as keep it on its side of every threshold
// (0.9495 beside 需加快, never "0.95"); at four decimals still across, cut toward its side.
std::string ratio_text(double ratio);

std::string_view progress_key(Progress p);               // "on_track"...
Text progress_label(Progress p);                         // 进度正常 / on track...
std::string_view method_key(ProgressMethod m);           // "growth", "linear"
Text method_label(ProgressMethod m);  // 增长率比（Open SDG） / growth ratio (Open SDG); none: empty

}  // namespace dabiao
