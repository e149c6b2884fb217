// Warnings about data that reads fine but probably does not say what its sender meant, given
// after the data is read and before it is judged (docs/data.md, "Plausibility"). Each names the
// data cell and, where one can be guessed, the value likely intended. None changes a value.
#pragma once

#include <optional>

#include "base/diagnostics.hpp"
#include "check/program.hpp"
#include "data/data.hpp"

namespace dabiao {

// A value 100× or 10⁴× away from a reference figure of the same indicator (its baseline or a
// target): the value it likely stands for (0.55 against 85 → 55; 25000 against 2.4 → 2.5).
// Empty when the value is within about a factor of 30 of the reference, or either is zero, or
// they differ in sign.
std::optional<double> likely_intended(double value, double reference);

// Whether a series given as yearly amounts (the default) looks like running totals: at least
// three values, each above the one before, the last at least 1 + (n − 1)/2 times the first (a
// steady running total grows about n-fold; yearly amounts that grow by 20% a year double in five years).
bool looks_like_running_totals(const std::vector<double>& series);

// Every warning below, for the data of every region:
// - a value 100× or 10⁴× off its indicator's baseline and constant targets (a % given as a fraction);
// - the plan region's value of the baseline year against a different declared 基线;
// - a series for a cumulative (累计) target that looks like the other convention (running totals
//   summed as yearly amounts; running totals that fall);
// - regions the rules give targets of their own that the data lacks, and data regions without their own.
void plausibility_warnings(const Program& program, const Dataset& data, const SourceMap& sources, Diagnostics& diags);

}  // namespace dabiao
