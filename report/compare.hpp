// Comparing regions (the 晾晒 a city does of its districts): for the whole plan, per domain, per
// lead department and per indicator, how many due targets each region met, ranked.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "judge/verdicts.hpp"

namespace dabiao {

struct Standing {
    std::string region;
    std::size_t met = 0;
    std::size_t missed = 0;
    std::size_t no_data = 0;
    std::size_t rank = 0;  // 1 = best; regions with equal results share a rank

    std::size_t due() const { return met + missed + no_data; }
    double rate() const { return due() == 0 ? 0 : static_cast<double>(met) / static_cast<double>(due()); }
};

struct Comparison {
    int as_of = 0;
    std::vector<Standing> overall;
    std::vector<std::vector<Standing>> domains;     // by DomainId, each ranked
    std::vector<std::vector<Standing>> leads;       // by LeadId, each ranked
    std::vector<std::vector<Standing>> indicators;  // by IndicatorId (empty for indicators without due targets)
};

Comparison compare_regions(const Program& program, const std::vector<RegionReport>& reports);

std::string render_comparison(const Program& program, const Comparison& c, Lang lang);
nlohmann::ordered_json comparison_json(const Program& program, const Comparison& c);

}  // namespace dabiao
