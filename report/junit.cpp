// --format junit: the verdicts as test results for CI servers (the JUnit XML that Jenkins,
// GitLab and GitHub test reporters read). One testsuite per region and domain, one testcase per
// target and year; missed is a failure, no data an error, not due skipped with its progress.
#include <fmt/format.h>

#include "base/words.hpp"
#include "report/escape.hpp"
#include "report/layout.hpp"

namespace dabiao {

namespace {

std::string attr(std::string_view s) {
    return xml_escape(s);
}

// The verdict in one line: "≥ 88% · 实际 87.2% · 差距 -0.8 · 完成率 81% · rules/x.dab:47:15".
std::string detail(const VerdictView& view, Lang lang) {
    std::string out = fmt::format("{} · {} {}", view.condition.in(lang), word(Word::col_actual).in(lang), view.actual.in(lang));
    if (view.gap != "—") out += fmt::format(" · {} {}", word(Word::col_gap).in(lang), view.gap);
    if (!view.progress.empty()) out += " · " + view.progress.in(lang);
    if (!view.missing.empty()) out += " · " + view.missing.in(lang);
    out += " · " + view.rule + view.plan_source.in(lang);
    if (view.provenance) out += fmt::format(" · {} {}", word(Word::data_sources).in(lang), *view.provenance);
    return out;
}

}  // namespace

std::string render_junit(const RunReport& run) {
    const Lang lang = run.options.lang;
    std::string suites;
    Summary all;
    for (const RegionReport& r : run.regions) {
        const auto groups = verdicts_by_domain(run, r);
        for (std::size_t d = 0; d < groups.size(); ++d) {
            if (groups[d].empty()) continue;
            Summary s;
            std::string cases;
            for (const Verdict* v : groups[d]) {
                s.count(*v);
                all.count(*v);
                const VerdictView view = view_of(run.program, *v, run.sources);
                const std::string name = fmt::format("{} {}", view.indicator.name, view.target.year);
                // The rule's file:line:column is in the message: the JUnit schema CI servers validate
                // against (tests/data/junit.xsd) has no file or line attribute on a testcase.
                cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"",
                                     attr(region_name(run.program, r) + "." + domain_title(run.program, d).in(lang)),
                                     attr(name));
                const std::string message = attr(view.status.in(lang) + " · " + detail(view, lang));
                switch (v->status) {
                    case Status::met:
                        cases += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", message);
                        break;
                    case Status::missed:
                        cases += fmt::format(">\n      <failure type=\"missed\" message=\"{}\">{}</failure>\n    </testcase>\n",
                                             message, message);
                        break;
                    case Status::no_data:
                        cases += fmt::format(">\n      <error type=\"no_data\" message=\"{}\">{}</error>\n    </testcase>\n",
                                             message, message);
                        break;
                    case Status::not_due:
                        cases += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", message);
                        break;
                }
            }
            suites += fmt::format(
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">\n{}  "
                "</testsuite>\n",
                attr(region_name(run.program, r) + " — " + domain_title(run.program, d).in(lang)), s.total(), s.missed,
                s.no_data, s.not_due, cases);
        }
    }
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"0\">\n{}</testsuites>\n",
        attr(run.program.plan.name), all.total(), all.missed, all.no_data, suites);
}

}  // namespace dabiao
