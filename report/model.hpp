// The report model: each verdict as every output shows it, computed once and in both languages.
// The renderers (text, JSON, explain and the formats to come) lay these values out; none of them
// works out a figure or a wording of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "judge/verdicts.hpp"

namespace dabiao {

struct VerdictView {
    const Verdict& verdict;
    const Target& target;
    const Indicator& indicator;

    Text status;    // 达标 / met
    Text condition;  // "≥ 85%", "累计(2023起) ≥ 2600人", "= 开展试点"
    Text actual;     // "81.2%"; not due: the latest value with its year; "—"
    std::string gap;  // "+0.5"; "—" where there is none (no data, not due, a staged indicator)
    Text progress;    // "完成率 102%" for a judged target, "进度正常 R=1.02" for one not yet due
    std::string rule;  // file:line:col of the rule that states the target
    Text plan_source;  // "（出处 正文）" when the target comes from a source block
    Text missing;      // why there is no verdict ("缺 X 2024年数据"), or why one that looks met is not ("需严格大于")
    std::optional<std::string> provenance;  // where the actual value came from, when it is one data value
    std::string domain;               // the indicator's domain; empty when it has none
    std::vector<std::string> leads;   // its lead departments, as written
    std::vector<std::string> tags;    // the target's tags (its indicator's, then its statement's)
    std::string tag_list;             // the same in one cell: "约束性、省定"
    std::string tagged_name;          // the indicator's name with them: "普惠托位占比〔约束性、省定〕"
};

VerdictView view_of(const Program& program, const Verdict& v, const SourceMap& sources);

// An around target's tolerance and where it comes from ("容差 ±2%，默认"); empty for other targets.
Text tolerance_text(const Target& t, const Verdict& v);
std::string_view tolerance_from_key(ToleranceFrom from);  // "default", "plan", "indicator", "rule"
std::string_view band_key(Band band);                     // "both", "at_least", "at_most"

// The wording shared by every output.
Text status_label(Status s);
std::string_view status_key(Status s);  // "met", "missed", "no_data", "not_due"
Text missing_text(const Program& program, const Missing& m, const SourceMap& sources);

// A number as reports show it in JSON: binary noise rounded away, as format_number prints it.
double report_number(double v);

}  // namespace dabiao
