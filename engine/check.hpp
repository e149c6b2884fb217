// The checker: resolves every name once, checks units, years and targets, and turns the
// modules' ASTs into one Program. It reports every problem it finds, not just the first.
#pragma once

#include <vector>

#include "engine/ast.hpp"
#include "engine/diagnostics.hpp"
#include "engine/program.hpp"

namespace dabiao {

// Longest plan period the checker accepts, in years.
inline constexpr int kMaxPeriodYears = 100;

// `modules` in load order: the prelude first, each import before the file that imports it.
Program check(const std::vector<const ast::Module*>& modules, const SourceMap& sources, Diagnostics& diags);

// Suggestion for an unknown name: the closest candidate by edit distance (in characters),
// or one that contains / is contained in the name. Empty when nothing is close.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

// The hint for an unknown name: "did you mean 'X'?" for the closest candidate, or `otherwise`.
Text suggest(std::string_view name, const std::vector<std::string>& candidates, Text otherwise = {});

}  // namespace dabiao
