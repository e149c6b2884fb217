// The checker: resolves every name once, checks units, years and targets, and turns the
// modules' ASTs into one Program. It reports every problem it finds, not just the first.
#pragma once

#include <vector>

#include "syntax/ast.hpp"
#include "base/diagnostics.hpp"
#include "check/program.hpp"

namespace dabiao {

// Longest plan period the checker accepts, in years.
inline constexpr int kMaxPeriodYears = 100;

// `modules` in load order: the prelude first, each import before the file that imports it.
Program check(const std::vector<const ast::Module*>& modules, const SourceMap& sources, Diagnostics& diags);

}  // namespace dabiao
