// --format html: one self-contained page (no network, no external script, font or image) that
// opens on an offline intranet and survives e-mail. Summary tiles per region, domain and lead;
// one table row per verdict coloured red/amber/green/grey, linking to its rule and showing its
// provenance on hover; a small inline SVG chart per indicator (actual values against the target
// path and the baseline); with several regions the ranked comparison and a regions × domains
// heat map. A few lines of script filter the rows; with scripts off the page is complete.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "base/words.hpp"
#include "judge/progress.hpp"
#include "report/compare.hpp"
#include "judge/eval.hpp"
#include "report/escape.hpp"
#include "report/explain.hpp"
#include "report/layout.hpp"

namespace dabiao {

namespace {

std::string esc(std::string_view s) {
    return xml_escape(s);
}

// The colour class of a verdict: green met or on track, amber behind, red missed or moving
// away, grey no data or cannot assess.
std::string_view colour(const Verdict& v) {
    switch (v.status) {
        case Status::met:
            return "green";
        case Status::missed:
            return "red";
        case Status::no_data:
            return "grey";
        case Status::not_due:
            if (!v.progress) return "grey";
            switch (v.progress->status) {
                case Progress::achieved:
                case Progress::on_track:
                    return "green";
                case Progress::needs_acceleration:
                case Progress::limited:
                    return "amber";
                case Progress::moving_away:
                    return "red";
                case Progress::cannot_assess:
                    return "grey";
            }
    }
    return "grey";
}

constexpr std::string_view kStyle = R"(
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:2px solid #ccc}h3{margin-top:1.2em}
.tiles{display:flex;gap:.8em;flex-wrap:wrap}.tile{padding:.6em 1em;border-radius:6px;min-width:7em}
.tile b{display:block;font-size:1.6em}
.green{background:#d8f0d8}.amber{background:#fbe7b5}.red{background:#f6cfcf}.grey{background:#e6e6e6}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}
th{background:#f3f3f3}td.n{text-align:right}.rule{font-family:monospace;font-size:.85em}
.charts{display:flex;flex-wrap:wrap;gap:.6em}.chart{border:1px solid #ddd;padding:.3em;width:260px;font-size:.8em}
.legend span{margin-right:.8em}.controls{margin:1em 0}details{margin:.2em 0}
details.trace pre{font-size:.85em;margin:.3em 0;white-space:pre-wrap}
@media print{@page{size:A4 landscape}.controls{display:none}tr,.chart,.tile{break-inside:avoid}body{margin:0}}
)";

// Hides the verdict rows that do not match the chosen status, domain and lead department (a row
// lists the numbers of its leads in data-leads, "0 2", so that no name needs parsing). A link
// can choose them: report.html#status=missed&lead=0.
constexpr std::string_view kScript = R"(
function dbFilter(){var s=document.getElementById('f-status').value,d=document.getElementById('f-domain').value,
l=document.getElementById('f-lead').value,t=document.getElementById('f-tag').value;
document.querySelectorAll('tr.v').forEach(function(r){r.hidden=!((!s||r.dataset.status===s)&&(!d||r.dataset.domain===d)
&&(!l||(' '+r.dataset.leads+' ').indexOf(' '+l+' ')>=0)&&(!t||(' '+r.dataset.tags+' ').indexOf(' '+t+' ')>=0));});}
document.querySelectorAll('.controls select').forEach(function(e){e.addEventListener('change',dbFilter);});
document.querySelector('.controls').hidden=false;
var dbStart=new URLSearchParams(location.hash.slice(1));
['status','domain','lead','tag'].forEach(function(k){var v=dbStart.get(k);if(v!==null)document.getElementById('f-'+k).value=v;});
dbFilter();
)";

std::string tiles(const Summary& s, Lang lang) {
    const auto tile = [&](std::string_view cls, Status st, std::size_t n) {
        return fmt::format("<div class=\"tile {}\" data-status=\"{}\"><b>{}</b>{}</div>", cls, status_key(st), n,
                           esc(status_label(st).in(lang)));
    };
    std::string progress;
    for (std::size_t p = 0; p < s.progress.size(); ++p) {
        if (s.progress[p] == 0) continue;
        progress += fmt::format("{}{} {}", progress.empty() ? "" : " · ",
                                progress_label(static_cast<Progress>(p)).in(lang), s.progress[p]);
    }
    return fmt::format("<div class=\"tiles\">{}{}{}{}</div>{}", tile("green", Status::met, s.met),
                       tile("red", Status::missed, s.missed), tile("grey", Status::no_data, s.no_data),
                       tile("amber", Status::not_due, s.not_due),
                       progress.empty() ? "" : "<p class=\"progress\">" + esc(progress) + "</p>");
}

// Actual values against the target path and the baseline, years on the axis.
std::string chart(const Program& program, const Indicator& i, const std::vector<const Verdict*>& vs, Lang lang) {
    std::map<int, double> target, actual;
    std::optional<double> base;
    int base_year = 0;
    for (const Verdict* v : vs) {
        if (v->expected) target[program.targets[v->target].year] = *v->expected;
        if (v->actual) actual[program.targets[v->target].year] = *v->actual;
        if (v->latest) actual[v->latest_year] = *v->latest;
        if (v->base) {
            base = v->base;
            base_year = v->base_year;
        }
    }
    if (target.empty() && actual.empty()) return "";
    int y0 = 9999, y1 = 0;
    double lo = 1e300, hi = -1e300;
    const auto span = [&](const std::map<int, double>& m) {
        for (const auto& [y, x] : m) {
            y0 = std::min(y0, y), y1 = std::max(y1, y);
            lo = std::min(lo, x), hi = std::max(hi, x);
        }
    };
    span(target);
    span(actual);
    if (base) {
        y0 = std::min(y0, base_year);
        lo = std::min(lo, *base), hi = std::max(hi, *base);
    }
    if (hi == lo) hi = lo + 1, lo = lo - 1;
    if (y1 == y0) ++y1;
    constexpr double W = 250, H = 120, L = 36, R = 8, T = 8, B = 20;
    const auto px = [&](int y) { return L + (W - L - R) * (y - y0) / (y1 - y0); };
    const auto py = [&](double x) { return T + (H - T - B) * (hi - x) / (hi - lo); };
    const auto line = [&](const std::map<int, double>& m, std::string_view style) {
        std::string pts, dots;
        for (const auto& [y, x] : m) {
            pts += fmt::format("{:.1f},{:.1f} ", px(y), py(x));
            dots += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" {}><title>{} {}</title></circle>", px(y),
                                py(x), style, y, esc(in_terms_of(i, x)));
        }
        return fmt::format("<polyline fill=\"none\" points=\"{}\" {}/>{}", pts, style, dots);
    };
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">"
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>",
        W, H, L, H - B, W - R, H - B);
    for (int y = y0; y <= y1; ++y)
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>", px(y), H - 6,
                           y % 100);
    svg += fmt::format("<text x=\"2\" y=\"{:.1f}\" font-size=\"9\">{}</text><text x=\"2\" y=\"{:.1f}\" font-size=\"9\">{}</text>",
                       py(hi) + 3, esc(format_number(hi)), py(lo) + 3, esc(format_number(lo)));
    if (base)
        svg += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#888\" stroke-dasharray=\"2 3\"/>",
                           L, py(*base), W - R, py(*base));
    svg += line(target, "stroke=\"#c60\" fill=\"#c60\" stroke-dasharray=\"5 3\"");
    svg += line(actual, "stroke=\"#06c\" fill=\"#06c\"");
    svg += "</svg>";
    return fmt::format("<div class=\"chart\"><div>{}</div>{}<div class=\"legend\"><span style=\"color:#06c\">● {}</span>"
                       "<span style=\"color:#c60\">- - {}</span>{}</div></div>",
                       esc(i.name), svg, esc(word(Word::col_actual).in(lang)), esc(word(Word::col_target).in(lang)),
                       base ? fmt::format("<span style=\"color:#888\">··· {}</span>", esc(word(Word::baseline).in(lang)))
                            : "");
}

// --explain: how the verdict was judged, as `dabiao explain` prints it (the same Tracer over the
// same data), folded under the indicator's name.
std::string trace(const RunReport& run, std::size_t region, const Verdict& v) {
    if (!run.data || region >= run.data->size()) return "";
    const RegionReport& r = run.regions[region];
    std::string text;
    try {
        const Explanation e = explain(run.program, (*run.data)[region], run.sources, v.target, r.as_of);
        text = render_explanation(run.program, e, run.sources, run.options.lang);
    } catch (const EvalError& error) {  // the judge reported it already; the trace says where it stopped
        text = error.message.in(run.options.lang);
    }
    return fmt::format("<details class=\"trace\"><summary>{}</summary><pre>{}</pre></details>",
                       esc(word(Word::explain_trace).in(run.options.lang)), esc(text));
}

std::string region_section(const RunReport& run, const RegionReport& r, std::size_t index) {
    const Lang lang = run.options.lang;
    const Program& program = run.program;
    std::string out = fmt::format("<section class=\"region\" id=\"region-{}\" data-region=\"{}\"><h2>{} — {}</h2>",
                                  index, esc(region_name(program, r)), esc(region_name(program, r)),
                                  esc(phrase::as_of(r.as_of).in(lang)));
    out += tiles(r.summary, lang);
    // per domain and per lead department
    out += fmt::format("<table class=\"by\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                       esc(word(Word::col_domain).in(lang)), esc(word(Word::col_lead).in(lang)),
                       esc(status_label(Status::met).in(lang)),
                       esc(status_label(Status::missed).in(lang)), esc(status_label(Status::no_data).in(lang)),
                       esc(status_label(Status::not_due).in(lang)));
    for (std::size_t d = 0; d < program.domains.size() && d < r.domains.size(); ++d) {
        std::string leads;
        for (const std::string& l : program.domains[d].leads) leads += (leads.empty() ? "" : "、") + l;
        const Summary& s = r.domains[d];
        out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                           "<td class=\"n\">{}</td></tr>",
                           esc(program.domains[d].name), esc(leads), s.met, s.missed, s.no_data, s.not_due);
    }
    out += "</table>";
    // per tag (标签 约束性 ☆): the targets that carry it, across domains
    if (!program.tags.empty()) {
        out += fmt::format("<table class=\"by tags\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                           esc(word(Word::col_tag).in(lang)), esc(status_label(Status::met).in(lang)),
                           esc(status_label(Status::missed).in(lang)), esc(status_label(Status::no_data).in(lang)),
                           esc(status_label(Status::not_due).in(lang)));
        for (TagId tag = 0; tag < program.tags.size() && tag < r.tags.size(); ++tag) {
            const Summary& s = r.tags[tag];
            out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                               "<td class=\"n\">{}</td></tr>",
                               esc(program.tags[tag]), s.met, s.missed, s.no_data, s.not_due);
        }
        out += "</table>";
    }
    const auto groups = verdicts_by_domain(run, r);
    for (std::size_t d = 0; d < groups.size(); ++d) {
        if (groups[d].empty()) continue;
        const std::string domain = domain_title(program, d).in(lang);
        out += fmt::format("<h3>{}</h3><table class=\"verdicts\"><thead><tr>", esc(domain));
        for (const Word w : {Word::col_indicator, Word::col_year, Word::col_target, Word::col_actual, Word::col_gap,
                             Word::col_status, Word::col_progress, Word::col_rule})
            out += fmt::format("<th>{}</th>", esc(word(w).in(lang)));
        out += "</tr></thead><tbody>";
        std::map<IndicatorId, std::vector<const Verdict*>> by_indicator;
        std::vector<IndicatorId> order;
        for (const Verdict* v : groups[d]) {
            const VerdictView view = view_of(program, *v, run.sources);
            const IndicatorId id = view.target.indicator;
            if (!by_indicator.count(id)) order.push_back(id);
            by_indicator[id].push_back(v);
            std::string progress = view.progress.in(lang);
            if (!view.missing.empty()) progress = view.missing.in(lang);
            std::string leads, lead_ids;
            for (const std::string& l : view.leads) leads += (leads.empty() ? "" : "、") + l;
            if (view.indicator.domain)
                for (const LeadId l : program.domains[*view.indicator.domain].lead_ids)
                    lead_ids += fmt::format("{}{}", lead_ids.empty() ? "" : " ", l);
            std::string tag_ids;  // the target's tags by TagId, the values of the tag filter: "0 3"
            for (const TagId tag : view.target.tags) tag_ids += fmt::format("{}{}", tag_ids.empty() ? "" : " ", tag);
            out += fmt::format(
                "<tr class=\"v\" data-status=\"{}\" data-domain=\"{}\" data-lead=\"{}\" data-leads=\"{}\" "
                "data-tags=\"{}\"><td>{}{}</td>"
                "<td class=\"n\">{}</td>"
                "<td>{}</td><td class=\"n\"{}>{}</td><td class=\"n\">{}</td><td class=\"s {}\">{}</td><td>{}</td>"
                "<td class=\"rule\">{}{}</td></tr>",
                status_key(v->status), esc(domain), esc(leads), lead_ids, tag_ids, esc(view.indicator.name),
                run.explain ? trace(run, index, *v) : "", view.target.year,
                esc(view.condition.in(lang)), view.provenance ? " title=\"" + esc(*view.provenance) + "\"" : "",
                esc(view.actual.in(lang)), esc(view.gap), colour(*v), esc(view.status.in(lang)), esc(progress),
                esc(view.rule), esc(view.plan_source.in(lang)));
        }
        out += "</tbody></table><div class=\"charts\">";
        for (const IndicatorId id : order) {
            const Indicator& i = program.indicator(id);
            if (!i.staged()) out += chart(program, i, by_indicator[id], lang);
        }
        out += "</div>";
    }
    return out + "</section>";
}

std::string comparison_section(const RunReport& run) {
    const Lang lang = run.options.lang;
    const Program& program = run.program;
    const Comparison& c = *run.comparison;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < run.regions.size(); ++i) index[region_name(program, run.regions[i])] = i;
    const auto link = [&](const std::string& region) {
        const auto it = index.find(region);
        return it == index.end() ? esc(region) : fmt::format("<a href=\"#region-{}\">{}</a>", it->second, esc(region));
    };
    std::string out = fmt::format(
        "<section id=\"comparison\"><h2>{}</h2><table class=\"ranking\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th><th>{}</th></tr>",
        esc(phrase::comparison_due(c.as_of).in(lang)), esc(word(Word::col_rank).in(lang)),
        esc(word(Word::col_region).in(lang)), esc(status_label(Status::met).in(lang)),
        esc(status_label(Status::missed).in(lang)), esc(status_label(Status::no_data).in(lang)),
        esc(word(Word::col_rate).in(lang)));
    for (const Standing& s : c.overall) {
        out += fmt::format("<tr class=\"rank\"><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}"
                           "</td><td class=\"n\">{}</td><td class=\"n\">{:.0f}%</td></tr>",
                           s.rank, link(s.region), s.met, s.missed, s.no_data, s.rate() * 100);
    }
    out += fmt::format("</table><h3>{}</h3><table class=\"heat\"><tr><th></th>", esc(word(Word::share_met_by_domain).in(lang)));
    for (const Domain& d : program.domains) out += "<th>" + esc(d.name) + "</th>";
    out += "</tr>";
    for (const Standing& region : c.overall) {
        out += "<tr><th>" + link(region.region) + "</th>";
        for (std::size_t d = 0; d < program.domains.size() && d < c.domains.size(); ++d) {
            const auto it = std::find_if(c.domains[d].begin(), c.domains[d].end(),
                                         [&](const Standing& s) { return s.region == region.region; });
            if (it == c.domains[d].end() || it->due() == 0) {
                out += "<td class=\"grey\">—</td>";
                continue;
            }
            const double rate = it->rate();
            out += fmt::format("<td class=\"n {}\">{:.0f}%</td>", rate >= 0.9 ? "green" : rate >= 0.6 ? "amber" : "red",
                               rate * 100);
        }
        out += "</tr>";
    }
    return out + "</table></section>";
}

}  // namespace

std::string render_html(const RunReport& run) {
    const Lang lang = run.options.lang;
    const Program& program = run.program;
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        "<meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{}</style></head><body>\n",
        word(Word::language_tag).in(lang), esc(program.plan.name), kStyle);
    std::string regions;
    for (const RegionReport& r : run.regions) regions += (regions.empty() ? "" : "、") + region_name(program, r);
    std::string files;
    for (const std::string& f : run.data_files) files += (files.empty() ? "" : word(Word::name_comma).in(lang)) + f;
    const std::string colon = word(Word::colon).in(lang);
    out += fmt::format("<header><h1>{}</h1><p>{}{}{} · {}{}{}</p><p class=\"meta\">{}{}<time>{}</time> · {}{}"
                       "<span class=\"sources\">{}</span></p></header>\n",
                       esc(program.plan.name), esc(word(Word::regions).in(lang)), colon, esc(regions),
                       esc(word(Word::as_of_year).in(lang)), colon, run.regions.empty() ? 0 : run.regions.front().as_of,
                       esc(word(Word::generated).in(lang)), colon, esc(run.generated),
                       esc(word(Word::data_sources).in(lang)), colon, esc(files));
    // The filters: hidden until the script shows them, so a page without scripts shows no dead controls.
    out += fmt::format("<div class=\"controls\" hidden><label>{} <select id=\"f-status\"><option value=\"\">{}</option>",
                       esc(word(Word::col_status).in(lang)), esc(word(Word::scope_all).in(lang)));
    for (const Status s : {Status::met, Status::missed, Status::no_data, Status::not_due})
        out += fmt::format("<option value=\"{}\">{}</option>", status_key(s), esc(status_label(s).in(lang)));
    out += fmt::format("</select></label> <label>{} <select id=\"f-domain\"><option value=\"\">{}</option>",
                       esc(word(Word::col_domain).in(lang)), esc(word(Word::scope_all).in(lang)));
    for (std::size_t d = 0; d <= program.domains.size(); ++d) {
        const std::string name = domain_title(program, d).in(lang);
        out += fmt::format("<option value=\"{}\">{}</option>", esc(name), esc(name));
    }
    out += fmt::format("</select></label> <label>{} <select id=\"f-lead\"><option value=\"\">{}</option>",
                       esc(word(Word::col_lead).in(lang)), esc(word(Word::scope_all).in(lang)));
    for (std::size_t l = 0; l < program.leads.size(); ++l)
        out += fmt::format("<option value=\"{}\">{}</option>", l, esc(program.leads[l].name));
    out += "</select></label>";
    // The tags (标签 约束性 ☆) of the program's targets, by TagId, as the lead filter does.
    if (const std::vector<std::string>& tags = program.tags; !tags.empty()) {
        out += fmt::format(" <label>{} <select id=\"f-tag\"><option value=\"\">{}</option>",
                           esc(word(Word::col_tag).in(lang)), esc(word(Word::scope_all).in(lang)));
        for (std::size_t k = 0; k < tags.size(); ++k)
            out += fmt::format("<option value=\"{}\">{}</option>", k, esc(tags[k]));
        out += "</select></label>";
    } else {
        out += "<select id=\"f-tag\" hidden><option value=\"\"></option></select>";
    }
    out += "</div>\n";
    if (run.comparison) out += comparison_section(run) + "\n";
    for (std::size_t i = 0; i < run.regions.size(); ++i) out += region_section(run, run.regions[i], i) + "\n";
    out += fmt::format("<script>{}</script></body></html>\n", kScript);
    return out;
}

}  // namespace dabiao
