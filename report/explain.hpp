// `dabiao explain`: how one target's verdict comes about — every sub-expression with its value
// and the data it came from (file and key), the comparison, the verdict and the gap.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "judge/verdicts.hpp"

namespace dabiao {

// One evaluated expression (or data lookup) and what it was computed from.
struct TraceNode {
    std::string text;  // the expression as written
    int year = 0;
    bool constant = false;  // a literal: not worth a line of its own
    Value value;
    std::optional<IndicatorId> indicator;  // a reported indicator looked up in the data (its stages name its values)
    std::optional<Provenance> data;        // ...and found there
    std::optional<Provenance> null_at;     // ...or given there as missing (null, an empty cell)
    std::vector<TraceNode> children;
};

struct Explanation {
    std::size_t target = 0;
    int as_of = 0;
    Verdict verdict;
    std::vector<TraceNode> actual;    // the indicator's value; one node per year for a cumulative target
    std::vector<TraceNode> expected;  // the target value
    // Where the baseline came from: the region's own data of the baseline year, else the declaration.
    std::optional<Provenance> base_data;
};

// The targets of `indicator` in `year`.
std::vector<std::size_t> targets_of(const Program& program, IndicatorId indicator, int year);

// May throw EvalError (a runaway rule).
Explanation explain(const Program& program, const RegionData& data, const SourceMap& sources, std::size_t target,
                    int as_of);

std::string render_explanation(const Program& program, const Explanation& e, const SourceMap& sources, Lang lang);
nlohmann::ordered_json explanation_json(const Program& program, const Explanation& e, const SourceMap& sources);

}  // namespace dabiao
