// --format csv: one row per verdict, for spreadsheets. UTF-8 with a byte-order mark, so that
// Excel opens the Chinese text correctly; numbers as plain numbers in their own columns.
#include <fmt/format.h>

#include "base/words.hpp"
#include "report/escape.hpp"
#include "report/layout.hpp"
#include "report/report.hpp"

namespace dabiao {

namespace {

// A number column: empty when there is none; a staged indicator's stage by its name.
std::string number_cell(const Indicator& i, const std::optional<double>& v) {
    if (!v) return "";
    if (const std::string* stage = i.stage_named(*v)) return csv_field(*stage);
    return csv_field(format_number(*v), true);
}

}  // namespace

std::string render_csv(const RunReport& run) {
    const Lang lang = run.options.lang;
    std::string out = "\xEF\xBB\xBF";
    bool first = true;
    for (const Word w : {Word::col_region, Word::col_domain, Word::col_lead, Word::col_indicator,
                         Word::col_indicator_name, Word::col_year, Word::col_condition, Word::col_target_value,
                         Word::col_actual_value, Word::col_unit, Word::col_gap, Word::col_completion, Word::col_status,
                         Word::col_status_key, Word::col_progress, Word::col_note, Word::col_rule, Word::col_provenance,
                         Word::col_tag}) {
        out += (first ? "" : ",") + csv_field(word(w).in(lang));
        first = false;
    }
    out += "\r\n";
    for (const RegionReport& r : run.regions) {
        for (const auto& group : verdicts_by_domain(run, r)) {
            for (const Verdict* v : group) {
                const VerdictView view = view_of(run.program, *v, run.sources);
                const Indicator& i = view.indicator;
                std::string leads;
                for (const std::string& l : view.leads) leads += (leads.empty() ? "" : "、") + l;
                const std::vector<std::string> cells{
                    csv_field(region_name(run.program, r)),
                    csv_field(view.domain),
                    csv_field(leads),
                    csv_field(i.key),
                    csv_field(i.name),
                    std::to_string(view.target.year),
                    csv_field(view.condition.in(lang)),
                    number_cell(i, v->expected),
                    number_cell(i, v->actual),
                    csv_field(i.unit.name()),
                    v->gap ? csv_field(format_number(*v->gap), true) : "",
                    v->completion && v->status != Status::not_due ? csv_field(format_number(*v->completion), true) : "",
                    csv_field(view.status.in(lang)),
                    std::string(status_key(v->status)),
                    csv_field(view.progress.in(lang)),
                    csv_field(view.missing.in(lang) + view.plan_source.in(lang)),
                    csv_field(view.rule),
                    csv_field(view.provenance.value_or("")),
                    csv_field(view.tag_list),
                };
                for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + cells[c];
                out += "\r\n";
            }
        }
    }
    return out;
}

}  // namespace dabiao
