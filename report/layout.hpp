// What the file formats of the output-format table share: their render functions (one file
// each: junit.cpp, sarif.cpp, markdown.cpp, csv_out.cpp, html.cpp, xlsx_out.cpp) and the few
// facts about a run each of them lays out the same way.
#pragma once

#include <string>
#include <vector>

#include "report/formats.hpp"
#include "report/model.hpp"

namespace dabiao {

std::string render_junit(const RunReport& run);
std::string render_sarif(const RunReport& run);
std::string render_markdown(const RunReport& run);
std::string render_csv(const RunReport& run);
std::string render_html(const RunReport& run);
std::string render_xlsx(const RunReport& run);

// The region a report is about: the data's name for it, else the plan's.
inline const std::string& region_name(const Program& program, const RegionReport& r) {
    return r.region.empty() ? program.plan.region : r.region;
}

// The verdicts a format shows (not-due ones left out with --hide-not-due), grouped by domain in
// the plan's order; the group at index domains.size() holds indicators without a domain.
inline std::vector<std::vector<const Verdict*>> verdicts_by_domain(const RunReport& run, const RegionReport& r) {
    std::vector<std::vector<const Verdict*>> groups(run.program.domains.size() + 1);
    for (const Verdict& v : r.verdicts) {
        if (run.options.hide_not_due && v.status == Status::not_due) continue;
        const Indicator& i = run.program.indicator(run.program.targets[v.target].indicator);
        groups[i.domain ? *i.domain : run.program.domains.size()].push_back(&v);
    }
    return groups;
}

// A domain's heading: "幼有善育" or, for indicators without one, "其他指标".
inline Text domain_title(const Program& program, std::size_t d) {
    if (d < program.domains.size()) return {program.domains[d].name, program.domains[d].name};
    return {"other indicators", "其他指标"};
}

}  // namespace dabiao
