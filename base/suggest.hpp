// "Did you mean …?": the one suggestion helper for unknown names, used by the checker, the data
// readers and explain.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"

namespace dabiao {

// Suggestion for an unknown name: the closest candidate by edit distance (in characters),
// or one that contains / is contained in the name. Empty when nothing is close.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

// The few candidates nearest to `name` (by edit distance in characters, then by name), closest
// first: those that share at least one character with it, at most `count`.
std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       std::size_t count);

// "did you mean 'X'?" for a suggestion found already, or `otherwise` when it is empty.
Text did_you_mean(std::string_view suggestion, Text otherwise = {});

// The hint for an unknown name: "did you mean 'X'?" for the closest candidate, or `otherwise`.
Text suggest(std::string_view name, const std::vector<std::string>& candidates, Text otherwise = {});

}  // namespace dabiao
