#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "base/terminal.hpp"
#include "base/words.hpp"
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
    std::string progress;
    for (std::size_t p = 0; p < s.progress.size(); ++p) {
        if (s.progress[p] == 0) continue;
        progress += fmt::format("{}{} {}", progress.empty() ? "" : word(Word::comma).in(lang),
                                progress_label(static_cast<Progress>(p)).in(lang), s.progress[p]);
    }
    if (!progress.empty()) progress = phrase::in_parentheses(progress).in(lang);
    return phrase::summary_counts(s.met, s.missed, s.no_data, s.not_due).in(lang) + progress;
}

// Subtotals per lead department, when they say more than the domains' own: a department that
// leads several domains, or a domain with several leads (counted under each of them).
std::string lead_summaries(const Program& program, const RegionReport& report, Lang lang) {
    const bool several =
        std::any_of(program.leads.begin(), program.leads.end(), [](const Lead& l) { return l.domains.size() > 1; }) ||
        std::any_of(program.domains.begin(), program.domains.end(),
                    [](const Domain& d) { return d.lead_ids.size() > 1; });
    if (!several) return "";
    std::string out = "\n" + word(Word::by_lead).in(lang) + "\n";
    for (LeadId l = 0; l < program.leads.size(); ++l) {
        std::vector<std::string> names;
        for (const DomainId d : program.leads[l].domains) names.push_back(program.domains[d].name);
        const Text domains{fmt::format("{}", fmt::join(names, word(Word::name_comma).en)),
                           fmt::format("{}", fmt::join(names, word(Word::name_comma).zh))};
        out += "  " +
               text::for_terminal(
                   phrase::lead_domains(program.leads[l].name, domains, summary_line(report.leads[l], lang)).in(lang)) +
               "\n";
    }
    return out;
}

// Subtotals per tag (标签 约束性 ☆): the targets that carry each tag, across domains.
std::string tag_summaries(const Program& program, const RegionReport& report, Lang lang) {
    if (program.tags.empty()) return "";
    std::string out = "\n" + word(Word::by_tag).in(lang) + "\n";
    for (TagId tag = 0; tag < program.tags.size(); ++tag) {
        out += fmt::format("  {}{}{}\n", text::for_terminal(program.tags[tag]), word(Word::colon).in(lang),
                           summary_line(report.tags[tag], lang));
    }
    return out;
}

// A padded column is at most this wide: a longer cell (a huge display name) is cut with "…"
// instead of widening every row of its domain.
constexpr int kMaxColumnWidth = 60;

// A cell from rules or data as the terminal shows it: controls escaped; padded columns cut.
std::string cell_text(std::string_view s, bool last) {
    std::string shown = text::for_terminal(s);
    return last ? shown : text::cut_to_width(shown, kMaxColumnWidth);
}

struct Row {
    std::vector<std::string> cells;
    Status status;
};

}  // namespace

std::string render_text(const Program& program, const RegionReport& report, const SourceMap& sources,
                        const ReportOptions& options) {
    const Lang lang = options.lang;
    std::string out;
    const std::string region = report.region.empty() ? program.plan.region : report.region;
    out += fmt::format("{}{}{}\n", program.plan.name.empty() ? "" : text::for_terminal(program.plan.name) + " — ",
                       region.empty() ? "" : text::for_terminal(region) + " — ", phrase::as_of_matched(report.as_of, report.values_used).in(lang));

    std::vector<std::string> header;
    for (const Word w : {Word::col_indicator, Word::col_year, Word::col_target, Word::col_actual, Word::col_gap,
                         Word::col_status, Word::col_progress, Word::col_rule})
        header.push_back(word(w).in(lang));
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
            const std::vector<std::string> cells = {view.tagged_name,   std::to_string(view.target.year),
                                                    view.condition.in(lang), view.actual.in(lang),
                                                    view.gap,                view.status.in(lang),
                                                    view.progress.in(lang),  rule};
            Row row{{}, v->status};
            for (std::size_t c = 0; c < cells.size(); ++c) row.cells.push_back(cell_text(cells[c], c + 1 == cells.size()));
            rows.push_back(std::move(row));
        }
        const Summary& s = report.domains[d];
        if (d < program.domains.size()) {
            const Domain& domain = program.domains[d];
            std::string leads;
            for (const auto& l : domain.leads) leads += (leads.empty() ? "" : "、") + l;
            out += "\n" + text::for_terminal(domain.name);
            if (!leads.empty()) out += text::for_terminal(phrase::domain_lead(leads).in(lang));
            out += "\n";
        } else {
            out += "\n" + word(Word::outside_domains).in(lang) + "\n";
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
        out +=
            fmt::format("  {}{}{}\n", word(Word::subtotal).in(lang), word(Word::colon).in(lang), summary_line(s, lang));
    }
    out += lead_summaries(program, report, lang);
    out += tag_summaries(program, report, lang);
    out += fmt::format("\n{}{}{}\n", word(Word::total).in(lang), word(Word::colon).in(lang),
                       summary_line(report.summary, lang));
    return out;
}

}  // namespace dabiao

namespace dabiao {

std::string render_accounting(const DataAccounting& a, Lang lang) {
    const std::size_t read = a.values_read();
    const std::vector<std::pair<std::size_t, Word>> parts = {
        {a.used, Word::data_used},
        {a.unused, Word::data_unused},
        {a.explicit_missing, Word::data_missing},
        {a.unknown, Word::data_unknown},
        {a.outside_period, Word::data_outside_period},
        {a.duplicate, Word::data_duplicate},
        {a.ignored_derived, Word::data_derived},
        {a.rejected, Word::data_invalid},
    };
    std::string list;
    for (const auto& [count, label] : parts) {
        if (count == 0 && label != Word::data_used) continue;
        list += fmt::format("{}{} {}", list.empty() ? "" : word(Word::comma).in(lang), word(label).in(lang), count);
    }
    return "\n" + phrase::data_read(read, list).in(lang) + "\n";
}

}  // namespace dabiao
