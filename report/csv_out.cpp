// --format csv: one row per verdict, for spreadsheets. UTF-8 with a byte-order mark, so that
// Excel opens the Chinese text correctly; numbers as plain numbers in their own columns.
#include <fmt/format.h>

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
    const bool zh = lang == Lang::zh;
    std::string out = "\xEF\xBB\xBF";
    out += zh ? "地区,领域,牵头单位,指标,指标名称,年份,目标条件,目标值,实际值,单位,差距,完成率(%),状态,状态代码,进度,说明,"
                "规则,数据来源\r\n"
              : "region,domain,lead,indicator,name,year,condition,target,actual,unit,gap,completion (%),status,"
                "status_key,progress,note,rule,provenance\r\n";
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
                };
                for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + cells[c];
                out += "\r\n";
            }
        }
    }
    return out;
}

}  // namespace dabiao
