// --format md: the report as Markdown that pastes into documents and wikis: a heading per
// region and per domain, a summary table and one table row per verdict.
#include <fmt/format.h>

#include "base/words.hpp"
#include "report/compare.hpp"
#include "report/escape.hpp"
#include "report/layout.hpp"

namespace dabiao {

namespace {

std::string summary_row(std::string_view label, const Summary& s) {
    return fmt::format("| {} | {} | {} | {} | {} |\n", label, s.met, s.missed, s.no_data, s.not_due);
}

}  // namespace

std::string render_markdown(const RunReport& run) {
    const Lang lang = run.options.lang;
    const Program& program = run.program;
    std::string out = fmt::format("# {}\n\n", markdown_escape(program.plan.name));
    for (const RegionReport& r : run.regions) {
        out += fmt::format("## {} — {}\n\n", markdown_escape(region_name(program, r)), phrase::as_of(r.as_of).in(lang));
        const auto label = [&](Status s) { return status_label(s).in(lang); };
        out += fmt::format("| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|\n", word(Word::col_scope).in(lang),
                           label(Status::met), label(Status::missed), label(Status::no_data), label(Status::not_due));
        out += summary_row("**" + word(Word::scope_all).in(lang) + "**", r.summary);
        for (std::size_t d = 0; d < program.domains.size() && d < r.domains.size(); ++d)
            out += summary_row(markdown_escape(program.domains[d].name), r.domains[d]);
        for (TagId tag = 0; tag < program.tags.size() && tag < r.tags.size(); ++tag)
            out += summary_row(word(Word::col_tag).in(lang) + " " + markdown_escape(program.tags[tag]), r.tags[tag]);
        out += "\n";
        const auto groups = verdicts_by_domain(run, r);
        for (std::size_t d = 0; d < groups.size(); ++d) {
            if (groups[d].empty()) continue;
            out += "### " + markdown_escape(domain_title(program, d).in(lang));
            if (d < program.domains.size() && !program.domains[d].leads.empty()) {
                std::string leads;
                for (const std::string& l : program.domains[d].leads) leads += (leads.empty() ? "" : "、") + l;
                out += phrase::domain_lead(markdown_escape(leads)).in(lang);
            }
            out += "\n\n|";
            for (const Word w : {Word::col_indicator, Word::col_year, Word::col_target, Word::col_actual, Word::col_gap,
                                 Word::col_status, Word::col_progress, Word::col_rule})
                out += " " + word(w).in(lang) + " |";
            out += "\n";
            out += "|---|---:|---|---:|---:|---|---|---|\n";
            for (const Verdict* v : groups[d]) {
                const VerdictView view = view_of(program, *v, run.sources);
                std::string progress = view.progress.in(lang);
                if (!view.missing.empty()) progress = view.missing.in(lang);
                std::string status = view.status.in(lang);
                if (v->status == Status::missed) status = "**" + status + "**";
                out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {}{} |\n", markdown_escape(view.tagged_name),
                                   view.target.year, markdown_escape(view.condition.in(lang)),
                                   markdown_escape(view.actual.in(lang)), markdown_escape(view.gap), status,
                                   markdown_escape(progress), markdown_escape(view.rule),
                                   markdown_escape(view.plan_source.in(lang)));
            }
            out += "\n";
        }
    }
    if (run.comparison) {
        const Comparison& c = *run.comparison;
        out += "## " + phrase::comparison_due(c.as_of).in(lang) + "\n\n|";
        for (const Word w : {Word::col_rank, Word::col_region, Word::status_met, Word::status_missed,
                             Word::status_no_data, Word::col_rate})
            out += " " + word(w).in(lang) + " |";
        out += "\n";
        out += "|---:|---|---:|---:|---:|---:|\n";
        for (const Standing& s : c.overall) {
            out += fmt::format("| {} | {} | {} | {} | {} | {:.0f}% |\n", s.rank, markdown_escape(s.region), s.met,
                               s.missed, s.no_data, s.rate() * 100);
        }
        out += "\n";
    }
    return out;
}

}  // namespace dabiao
