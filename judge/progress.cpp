#include "judge/progress.hpp"

#include <cmath>

#include "base/units.hpp"
#include "base/words.hpp"
#include "judge/eval.hpp"

namespace dabiao {

double round_to(double v, double step) {
    // Dividing by a step such as 0.01 is inexact; multiplying by its inverse 100 is not.
    const double inverse = 1 / step;
    if (std::abs(inverse - std::round(inverse)) < 1e-9 * inverse) return std::round(v * std::round(inverse)) / std::round(inverse);
    return std::round(v / step) * step;
}

bool target_holds(Op op, double actual, double target, double tolerance, Band band) {
    if (op == Op::around && band == Band::at_least) return target_holds(Op::ge, actual, target - tolerance, 0);
    if (op == Op::around && band == Band::at_most) return target_holds(Op::le, actual, target + tolerance, 0);
    switch (op) {
        case Op::ge:
            return actual > target || nearly_equal(actual, target);
        case Op::gt:
            return actual > target && !nearly_equal(actual, target);
        case Op::le:
            return actual < target || nearly_equal(actual, target);
        case Op::lt:
            return actual < target && !nearly_equal(actual, target);
        case Op::eq:
            return nearly_equal(actual, target);
        case Op::around: {
            const double distance = std::abs(actual - target);
            return distance < tolerance || nearly_equal(distance, tolerance);
        }
    }
    return false;
}

std::optional<double> completion_rate(Op op, double actual, double target, Band band) {
    const bool lower = op == Op::le || op == Op::lt || (op == Op::around && band == Band::at_most);
    const double numerator = lower ? target : actual;
    const double divisor = lower ? actual : target;
    if (nearly_equal(divisor, 0) || (numerator < 0) != (divisor < 0)) return std::nullopt;
    return numerator / divisor * 100;
}

std::optional<double> share_from_base(double base, double actual, double target) {
    if (nearly_equal(target, base)) return std::nullopt;
    return (actual - base) / (target - base) * 100;
}

namespace {

// +1 when the target asks for higher values, -1 for lower; for == and ≈ the way from the
// baseline to the target (0 when the baseline is already the target).
int desired_sign(const ProgressInput& in) {
    switch (in.op) {
        case Op::ge:
        case Op::gt:
            return 1;
        case Op::le:
        case Op::lt:
            return -1;
        case Op::around:
            if (in.band != Band::both) return in.band == Band::at_least ? 1 : -1;
            [[fallthrough]];
        case Op::eq:
            return nearly_equal(in.target, in.base) ? 0 : (in.target > in.base ? 1 : -1);
    }
    return 1;
}

Progress classify(double ratio) {
    // Ratios within rounding of a threshold count as reaching it (a ratio of exactly 0.95 is on track).
    const auto at_least = [&](double threshold) { return ratio > threshold || nearly_equal(ratio, threshold); };
    if (at_least(kOnTrackRatio)) return Progress::on_track;
    if (at_least(kModerateRatio)) return Progress::needs_acceleration;
    if (at_least(0)) return Progress::limited;
    return Progress::moving_away;
}

double cagr(double from, double to, int years) {
    return std::pow(to / from, 1.0 / years) - 1;
}

}  // namespace

std::string ratio_text(double ratio) {
    const Progress side = classify(ratio);
    for (int decimals = 2; decimals <= 4; ++decimals) {
        const double scale = std::pow(10.0, decimals);
        const double shown = std::round(ratio * scale) / scale;
        if (classify(shown) == side) return format_number(shown);
    }
    const double cut = ratio < std::round(ratio * 1e4) / 1e4 ? std::floor(ratio * 1e4) : std::ceil(ratio * 1e4);
    return format_number(cut / 1e4);
}

ProgressAssessment assess_progress(const ProgressInput& in) {
    ProgressAssessment out;
    if (target_holds(in.op, in.latest, in.target, in.tolerance, in.band)) {
        out.status = Progress::achieved;
        return out;
    }
    if (in.latest_year <= in.base_year || in.target_year <= in.base_year) return out;  // cannot assess

    out.time_share = static_cast<double>(in.latest_year - in.base_year) / (in.target_year - in.base_year);
    if (!nearly_equal(in.target, in.base)) out.progress_share = (in.latest - in.base) / (in.target - in.base);

    const int sign = desired_sign(in);
    if (sign == 0 || sign * (in.target - in.base) <= 0) {
        // The baseline already met the target (nothing was required) but the latest value does
        // not: it moved away. There is no way from the baseline to measure a share of.
        out.progress_share.reset();
        out.status = Progress::moving_away;
        return out;
    }
    const bool at_bound = in.percent && ((sign > 0 && in.target >= 100) || (sign < 0 && nearly_equal(in.target, 0)));
    if (in.base > 0 && in.latest > 0 && in.target > 0 && !at_bound) {
        out.method = ProgressMethod::growth;
        const double observed = cagr(in.base, in.latest, in.latest_year - in.base_year);
        const double required = cagr(in.base, in.target, in.target_year - in.base_year);
        out.ratio = sign * observed / std::abs(required);
        out.observed_rate = observed;
        out.required_rate = required;
    } else {
        out.method = ProgressMethod::linear;
        out.ratio = *out.progress_share / *out.time_share;
    }
    out.status = classify(*out.ratio);
    return out;
}

std::string_view progress_key(Progress p) {
    switch (p) {
        case Progress::achieved:
            return "achieved";
        case Progress::on_track:
            return "on_track";
        case Progress::needs_acceleration:
            return "needs_acceleration";
        case Progress::limited:
            return "limited_progress";
        case Progress::moving_away:
            return "moving_away";
        case Progress::cannot_assess:
            return "cannot_assess";
    }
    return "";
}

Text progress_label(Progress p) {
    switch (p) {
        case Progress::achieved:
            return word(Word::progress_achieved);
        case Progress::on_track:
            return word(Word::progress_on_track);
        case Progress::needs_acceleration:
            return word(Word::progress_needs_acceleration);
        case Progress::limited:
            return word(Word::progress_limited);
        case Progress::moving_away:
            return word(Word::progress_moving_away);
        case Progress::cannot_assess:
            return word(Word::progress_cannot_assess);
    }
    return {};
}

Text method_label(ProgressMethod m) {
    switch (m) {
        case ProgressMethod::none:
            return {};
        case ProgressMethod::growth:
            return word(Word::method_growth);
        case ProgressMethod::linear:
            return word(Word::method_linear);
    }
    return {};
}

std::string_view method_key(ProgressMethod m) {
    switch (m) {
        case ProgressMethod::none:
            return "";
        case ProgressMethod::growth:
            return "growth";
        case ProgressMethod::linear:
            return "linear";
    }
    return "";
}

}  // namespace dabiao
