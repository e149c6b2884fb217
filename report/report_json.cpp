#include <fmt/format.h>

#include "report/compare.hpp"
#include "report/model.hpp"
#include "report/report.hpp"

namespace dabiao {

namespace {

using json = nlohmann::ordered_json;

json summary_json(const Summary& s) {
    json progress = json::object();
    for (std::size_t p = 0; p < s.progress.size(); ++p)
        progress[std::string(progress_key(static_cast<Progress>(p)))] = s.progress[p];
    return json{
        {"met", s.met}, {"missed", s.missed}, {"no_data", s.no_data}, {"not_due", s.not_due}, {"progress", progress}};
}

json verdict_json(const Program& program, const Verdict& v, const SourceMap& sources) {
    const VerdictView view = view_of(program, v, sources);
    const Target& t = view.target;
    const Indicator& i = view.indicator;
    json leads = json::array();
    json domain = nullptr;
    if (i.domain) {
        domain = program.domains[*i.domain].name;
        for (const auto& l : program.domains[*i.domain].leads) leads.push_back(l);
    }
    json out{{"indicator", i.key},
             {"name", i.name},
             {"domain", domain},
             {"lead", leads},
             {"year", t.year},
             {"op", op_ascii(t.op)},
             {"target", stage_or_number(i, v.expected)},
             {"actual", stage_or_number(i, v.actual)},
             {"unit", i.unit.name()},
             {"status", status_key(v.status)},
             {"gap", number_or_null(v.gap)},
             {"rule", view.rule},
             {"written", t.written}};
    if (t.op == Op::around) {
        // The band's sides, its width and where the width comes from (a share of the target value, or an amount).
        if (v.tolerance) out["tolerance"] = report_number(*v.tolerance);
        out["band"] = band_key(t.band);
        out["tolerance_from"] = tolerance_from_key(t.tolerance_from);
        if (!t.tolerance) out["tolerance_share"] = report_number(t.tolerance_share);
    }
    if (v.precision) out["precision"] = report_number(*v.precision);
    if (v.base) {
        out["base"] = stage_or_number(i, v.base);
        out["base_year"] = v.base_year;
        // 基线 80以上: the baseline is a bound; "base" is the bound's value.
        if (i.baseline_bound && !t.cumulative_from) {
            out["base_bound"] = op_ascii(*i.baseline_bound);
            out["base_written"] = i.baseline_written;
        }
    }
    if (!view.tags.empty()) out["tags"] = view.tags;
    if (v.status != Status::not_due && !i.staged()) {
        out["completion"] = number_or_null(v.completion);
        out["share_from_base"] = number_or_null(v.share);
    }
    if (v.status == Status::not_due && v.progress) {
        const ProgressAssessment& p = *v.progress;
        json progress{{"status", progress_key(p.status)},
                      {"method", p.method == ProgressMethod::none ? json(nullptr) : json(method_key(p.method))},
                      {"ratio", number_or_null(p.ratio)},
                      {"latest", stage_or_number(i, v.latest)},
                      {"latest_year", v.latest ? json(v.latest_year) : json(nullptr)},
                      {"time_share", number_or_null(p.time_share)},
                      {"progress_share", number_or_null(p.progress_share)}};
        out["progress"] = std::move(progress);
    }
    if (t.cumulative_from) out["cumulative_from"] = *t.cumulative_from;
    if (!t.source.empty()) out["plan_source"] = t.source;
    if (view.provenance) out["provenance"] = *view.provenance;
    if (v.missing.why == Missing::Why::no_data) {
        out["missing"] = json{{"indicator", program.indicator(v.missing.indicator).key}, {"year", v.missing.year}};
    } else if (v.missing.why == Missing::Why::out_of_range) {
        out["missing"] = json{{"out_of_range", program.indicator(v.missing.indicator).key}, {"year", v.missing.year}};
    } else if (v.missing.why == Missing::Why::undefined) {
        out["missing"] = json{{"undefined", describe_location(v.missing.where, sources)}};
    }
    return out;
}

json region_json(const Program& program, const RegionReport& r, const SourceMap& sources) {
    json verdicts = json::array();
    for (const Verdict& v : r.verdicts) verdicts.push_back(verdict_json(program, v, sources));
    json domains = json::array();
    for (std::size_t d = 0; d < program.domains.size(); ++d) {
        domains.push_back(json{{"name", program.domains[d].name},
                               {"lead", program.domains[d].leads},
                               {"summary", summary_json(r.domains[d])}});
    }
    json leads = json::array();
    for (LeadId l = 0; l < program.leads.size(); ++l) {
        json led = json::array();
        for (const DomainId d : program.leads[l].domains) led.push_back(program.domains[d].name);
        leads.push_back(
            json{{"lead", program.leads[l].name}, {"domains", std::move(led)}, {"summary", summary_json(r.leads[l])}});
    }
    json region{{"region", r.region.empty() ? program.plan.region : r.region},
                {"as_of", r.as_of},
                {"verdicts", std::move(verdicts)},
                {"summary", summary_json(r.summary)},
                {"domains", std::move(domains)},
                {"leads", std::move(leads)}};
    if (!program.tags.empty()) {
        json tags = json::array();
        for (TagId tag = 0; tag < program.tags.size(); ++tag)
            tags.push_back(json{{"tag", program.tags[tag]}, {"summary", summary_json(r.tags[tag])}});
        region["tags"] = std::move(tags);
    }
    return region;
}

}  // namespace

json number_or_null(const std::optional<double>& v) {
    return v ? json(report_number(*v)) : json(nullptr);
}

json stage_or_number(const Indicator& i, const std::optional<double>& v) {
    if (const std::string* stage = v ? i.stage_named(*v) : nullptr) return *stage;
    return number_or_null(v);
}

std::string dump_json(const nlohmann::ordered_json& doc) {
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

nlohmann::ordered_json accounting_json(const DataAccounting& a) {
    return json{{"values_read", a.values_read()},
                {"used", a.used},
                {"unused", a.unused},  // stored but not read while judging
                {"missing", a.explicit_missing},
                {"unknown_indicator", a.unknown},
                {"outside_period", a.outside_period},
                {"duplicate", a.duplicate},
                {"derived_ignored", a.ignored_derived},
                {"invalid", a.rejected}};
}

nlohmann::ordered_json render_json(const Program& program, const std::vector<RegionReport>& reports,
                                   const SourceMap& sources, const Diagnostics& diags, const DataAccounting* accounting,
                                   const Comparison* comparison) {
    json out{{"schema", "dabiao.verdicts/1"}, {"plan", program.plan.name}};
    if (reports.size() == 1) {
        const json region = region_json(program, reports.front(), sources);
        for (const auto& [key, value] : region.items()) out[key] = value;
    } else {
        json regions = json::array();
        for (const RegionReport& r : reports) regions.push_back(region_json(program, r, sources));
        out["regions"] = std::move(regions);
    }
    if (accounting) out["data"] = accounting_json(*accounting);
    if (comparison) out["comparison"] = comparison_json(program, *comparison);
    const auto location = [&](const Location& where) {
        return std::holds_alternative<NoLocation>(where) ? json(nullptr) : json(describe_location(where, sources));
    };
    json list = json::array();
    for (const Diagnostic& d : diags.all()) {
        json notes = json::array();
        for (const Note& n : d.notes) {
            notes.push_back(
                json{{"location", location(n.where)}, {"message", n.message.en}, {"message_zh", n.message.zh}});
        }
        list.push_back(json{{"severity", severity_word(d.severity)},
                            {"location", location(d.where)},
                            {"message", d.message.en},
                            {"message_zh", d.message.zh},
                            {"hint", d.hint.en},
                            {"hint_zh", d.hint.zh},
                            {"notes", std::move(notes)}});
    }
    out["diagnostics"] = std::move(list);
    return out;
}

std::string render_json_text(const Program& program, const std::vector<RegionReport>& reports,
                             const SourceMap& sources, const Diagnostics& diags, const DataAccounting* accounting,
                             const Comparison* comparison) {
    if (reports.size() < 2) return dump_json(render_json(program, reports, sources, diags, accounting, comparison));
    // The document without regions holds `"regions": []` (its third member, after the plan's
    // name, where a quote inside a string is escaped); the regions are spliced in there, each
    // indented as the members of an array inside the top object are.
    const std::string rest = dump_json(render_json(program, {}, sources, diags, accounting, comparison));
    constexpr std::string_view empty = "\"regions\": []";
    const std::size_t at = rest.find(empty);
    std::string out = rest.substr(0, at);
    out += "\"regions\": [";
    for (std::size_t r = 0; r < reports.size(); ++r) {
        const std::string region = region_json(program, reports[r], sources)
                                       .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        // Regions are about the same size: room for all of them once the first is known.
        if (r == 0) out.reserve(rest.size() + (region.size() + region.size() / 8) * reports.size());
        out += r == 0 ? "\n    " : ",\n    ";
        std::size_t from = 0;
        for (std::size_t eol = region.find('\n'); eol != std::string::npos; eol = region.find('\n', from)) {
            out.append(region, from, eol + 1 - from);
            out += "    ";
            from = eol + 1;
        }
        out.append(region, from);
    }
    out += "\n  ]";
    out.append(rest, at + empty.size());
    return out;
}

}  // namespace dabiao
