// Shared helpers of the libFuzzer targets (tests/fuzz): stages 4 and 5 of the real pipeline
// (engine/driver.cpp, run_check / run_explain), driven from memory instead of files.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "report/compare.hpp"
#include "data/data.hpp"
#include "base/diagnostics.hpp"
#include "report/explain.hpp"
#include "report/report.hpp"
#include "judge/verdicts.hpp"
#include "syntax/parse.hpp"

namespace dabiao::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Renders every diagnostic in both languages (the caret line must land inside the file,
// whatever span a stage produced).
inline void render_all(const Diagnostics& diags, const SourceMap& sources) {
    (void)render_diagnostics(diags, sources, {Lang::zh, false});
    (void)render_diagnostics(diags, sources, {Lang::en, true});
}

// Stages 4 and 5: judge every target for every region, account for the data, compare regions,
// render the text and JSON reports, and explain the first `explain_count` targets of the first
// region (explain may throw EvalError, as in run_explain).
// `variant` (e.g. the input's size) picks the text report's language, colour and hiding of
// not-due targets, so that every option is covered without rendering each report four times.
inline void judge_and_report(const Program& program, Dataset& data, std::optional<int> as_of_option,
                             const SourceMap& sources, Diagnostics& diags, std::size_t variant,
                             std::size_t explain_count = 3) {
    if (data.regions.empty()) data.region(program.plan.region, program.indicators.size());
    const int as_of = as_of_option.value_or(common_as_of(program, data));
    std::vector<RegionReport> reports;
    for (const RegionData& region : data.regions) reports.push_back(judge(program, region, as_of, diags));
    count_use(data.accounting, reports);
    const std::optional<Comparison> comparison =
        reports.size() > 1 ? std::optional(compare_regions(program, reports)) : std::nullopt;

    const Lang lang = variant % 2 ? Lang::en : Lang::zh;
    const ReportOptions options{lang, variant % 4 >= 2, variant % 8 >= 4};
    for (const RegionReport& r : reports) (void)render_text(program, r, sources, options);
    if (comparison) (void)render_comparison(program, *comparison, lang);
    (void)render_accounting(data.accounting, lang);
    // As the driver writes it: invalid UTF-8 in echoed input is replaced, anything else throws.
    (void)render_json(program, reports, sources, diags, &data.accounting, comparison ? &*comparison : nullptr)
        .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);

    const std::size_t n = std::min(explain_count, program.targets.size());
    for (std::size_t t = 0; t < n; ++t) {
        try {
            const Explanation e = explain(program, data.regions.front(), sources, t, as_of);
            (void)render_explanation(program, e, sources, lang);
            (void)explanation_json(program, e, sources)
                .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        } catch (const EvalError& e) {
            diags.error(e.where, e.message);
        }
    }
}

}  // namespace dabiao::fuzz
