#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "judge/progress.hpp"
#include "report/model.hpp"
#include "report/report.hpp"

namespace dabiao {

namespace {

std::string_view status_color(Status s) {
    switch (s) {
        case Status::met:
            return "32";
        case Status::missed:
            return "1;31";
        case Status::no_data:
            return "33";
        case Status::not_due:
            return "2";
    }
    return "0";
}

std::string summary_line(const Summary& s, Lang lang) {
    const bool zh = lang == Lang::zh;
    std::string progress;
    for (std::size_t p = 0; p < s.progress.size(); ++p) {
        if (s.progress[p] == 0) continue;
        progress += fmt::format("{}{} {}", progress.empty() ? "" : (zh ? "，" : ", "),
                                progress_label(static_cast<Progress>(p), lang), s.progress[p]);
    }
    if (!progress.empty()) progress = zh ? "（" + progress + "）" : " (" + progress + ")";
    if (zh)
        return fmt::format("达标 {}，未达标 {}，缺数据 {}，未到期 {}{}", s.met, s.missed, s.no_data, s.not_due,
                           progress);
    return fmt::format("met {}, missed {}, no data {}, not due {}{}", s.met, s.missed, s.no_data, s.not_due, progress);
}

// Subtotals per lead department, when they say more than the domains' own: a department that
// leads several domains, or a domain with several leads (counted under each of them).
std::string lead_summaries(const Program& program, const RegionReport& report, Lang lang) {
    const bool several =
        std::any_of(program.leads.begin(), program.leads.end(), [](const Lead& l) { return l.domains.size() > 1; }) ||
        std::any_of(program.domains.begin(), program.domains.end(),
                    [](const Domain& d) { return d.lead_ids.size() > 1; });
    if (!several) return "";
    const bool zh = lang == Lang::zh;
    std::string out = zh ? "\n按牵头单位\n" : "\nby lead department\n";
    for (LeadId l = 0; l < program.leads.size(); ++l) {
        std::vector<std::string> names;
        for (const DomainId d : program.leads[l].domains) names.push_back(program.domains[d].name);
        out += zh ? fmt::format("  {}（{}）：{}\n", program.leads[l].name, fmt::join(names, "、"),
                                summary_line(report.leads[l], lang))
                  : fmt::format("  {} ({}): {}\n", program.leads[l].name, fmt::join(names, ", "),
                                summary_line(report.leads[l], lang));
    }
    return out;
}

struct Row {
    std::vector<std::string> cells;
    Status status;
};

}  // namespace

std::string render_text(const Program& program, const RegionReport& report, const SourceMap& sources,
                        const ReportOptions& options) {
    const Lang lang = options.lang;
    const bool zh = lang == Lang::zh;
    std::string out;
    const std::string region = report.region.empty() ? program.plan.region : report.region;
    out += fmt::format("{}{}{}\n", program.plan.name.empty() ? "" : program.plan.name + " — ",
                       region.empty() ? "" : region + " — ",
                       zh ? fmt::format("截至 {} 年（匹配数据 {} 个值）", report.as_of, report.values_used)
                          : fmt::format("as of {} ({} data values matched)", report.as_of, report.values_used));

    const std::vector<std::string> header =
        zh ? std::vector<std::string>{"指标", "年份", "目标", "实际", "差距", "状态", "进度", "规则"}
           : std::vector<std::string>{"indicator", "year", "target", "actual", "gap", "status", "progress", "rule"};
    // Verdicts by domain, in declaration order; indicators without a domain come last.
    const std::size_t groups = program.domains.size() + 1;
    std::vector<std::vector<const Verdict*>> by_domain(groups);
    for (const Verdict& v : report.verdicts) {
        const Target& t = program.targets[v.target];
        const auto d = program.indicator(t.indicator).domain.value_or(static_cast<DomainId>(program.domains.size()));
        by_domain[d].push_back(&v);
    }
    for (std::size_t d = 0; d < groups; ++d) {
        auto& verdicts = by_domain[d];
        if (verdicts.empty()) continue;
        std::stable_sort(verdicts.begin(), verdicts.end(), [&](const Verdict* a, const Verdict* b) {
            const Target& ta = program.targets[a->target];
            const Target& tb = program.targets[b->target];
            return std::tie(ta.indicator, ta.year) < std::tie(tb.indicator, tb.year);
        });
        std::vector<Row> rows;
        for (const Verdict* v : verdicts) {
            if (options.hide_not_due && v->status == Status::not_due) continue;
            const VerdictView view = view_of(program, *v, sources);
            std::string rule = view.rule + view.plan_source.in(lang);
            if (!view.missing.empty()) rule += "  " + view.missing.in(lang);
            rows.push_back({{view.indicator.name, std::to_string(view.target.year), view.condition.in(lang),
                             view.actual.in(lang), view.gap, view.status.in(lang), view.progress.in(lang), rule},
                            v->status});
        }
        const Summary& s = report.domains[d];
        if (d < program.domains.size()) {
            const Domain& domain = program.domains[d];
            std::string leads;
            for (const auto& l : domain.leads) leads += (leads.empty() ? "" : "、") + l;
            out += "\n" + domain.name;
            if (!leads.empty()) out += zh ? fmt::format("（牵头单位：{}）", leads) : fmt::format(" (lead: {})", leads);
            out += "\n";
        } else {
            out += zh ? "\n未归入领域的指标\n" : "\nIndicators outside any domain\n";
        }
        if (!rows.empty()) {
            std::vector<int> widths(header.size());
            for (std::size_t c = 0; c < header.size(); ++c) widths[c] = text::display_width(header[c]);
            for (const Row& r : rows) {
                for (std::size_t c = 0; c < r.cells.size(); ++c) {
                    widths[c] = std::max(widths[c], text::display_width(r.cells[c]));
                }
            }
            const auto line = [&](const std::vector<std::string>& cells, std::optional<Status> status) {
                std::string l = " ";
                for (std::size_t c = 0; c < cells.size(); ++c) {
                    const bool numeric = c == 1 || c == 3 || c == 4;
                    const bool last = c + 1 == cells.size();
                    std::string cell = last ? cells[c] : text::pad(cells[c], widths[c], numeric);
                    if (c == 5 && status && options.color) {
                        cell = fmt::format("\x1b[{}m{}\x1b[0m", status_color(*status), cell);
                    }
                    l += " " + cell;
                }
                while (!l.empty() && l.back() == ' ') l.pop_back();
                return l + "\n";
            };
            out += line(header, std::nullopt);
            for (const Row& r : rows) out += line(r.cells, r.status);
        }
        out += fmt::format("  {}{}\n", zh ? "小计：" : "subtotal: ", summary_line(s, lang));
    }
    out += lead_summaries(program, report, lang);
    out += fmt::format("\n{}{}\n", zh ? "合计：" : "total: ", summary_line(report.summary, lang));
    return out;
}

}  // namespace dabiao

namespace dabiao {

std::string render_accounting(const DataAccounting& a, Lang lang) {
    const std::size_t read = a.values_read();
    const std::vector<std::pair<std::size_t, std::pair<std::string_view, std::string_view>>> parts = {
        {a.used, {"used", "使用"}},
        {a.unused, {"not read by any target", "未被任何目标读取"}},
        {a.explicit_missing, {"missing (null or empty)", "缺失（null 或空）"}},
        {a.unknown, {"unknown indicator", "未知指标"}},
        {a.outside_period, {"outside the plan period", "规划期外"}},
        {a.duplicate, {"duplicate", "重复"}},
        {a.ignored_derived, {"for derived indicators (ignored)", "派生指标的数值（忽略）"}},
        {a.rejected, {"invalid", "无效"}},
    };
    std::string list;
    for (const auto& [count, label] : parts) {
        if (count == 0 && label.first != "used") continue;
        list += fmt::format("{}{} {}", list.empty() ? "" : (lang == Lang::zh ? "，" : ", "),
                            lang == Lang::zh ? label.second : label.first, count);
    }
    return lang == Lang::zh ? fmt::format("\n数据：读取 {} 个值：{}\n", read, list)
                            : fmt::format("\ndata: {} value{} read: {}\n", read, read == 1 ? "" : "s", list);
}

}  // namespace dabiao
