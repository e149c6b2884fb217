// fuzz_rules: the rule-file front end on arbitrary text.
//   SourceMap → grammar::parse_module → ast::dump → dabiao::check (no prelude, no imports read)
//   → when the rules are valid: judge every target against an empty dataset (as of the latest
//     year and as of the plan's last year) and against synthetic data for every indicator,
//     render the reports and explain a few targets
//   → dabiao fmt (oracle: idempotent, the same tree) and the linter (dabiao lint) with its pragmas
//   → render every diagnostic (both languages).
#include <algorithm>

#include <cstdlib>

#include "lint/format.hpp"
#include "lint/lint.hpp"
#include "tests/fuzz/fuzz_common.hpp"

using namespace dabiao;

namespace {

// Synthetic data: a value for every reported indicator (a stage name for a staged one) in
// the plan's first years, with a few holes, and one more in the middle of the period (the
// latest data, so that the later targets are judged for progress), in two regions; so that
// evaluation reaches formulas, cumulative sums, progress assessment, the completion rate and
// the comparison of regions, not only "no data".
void synthetic_data(const Program& program, const SourceMap& sources, Dataset& data, Diagnostics& diags) {
    DataSink sink(program, sources, data, diags);
    const Plan& plan = program.plan;
    std::vector<int> years;
    const int first = std::min(plan.baseline_year, plan.first_year);
    for (int year = first; year <= std::min(plan.last_year, first + 12); ++year) years.push_back(year);
    // The middle of the period: the latest data, later targets are judged for progress (finding
    // rules-1 was a hang there on a period of 4000 years).
    const int middle = plan.first_year + (plan.last_year - plan.first_year) / 2;
    if (!years.empty() && middle > years.back()) years.push_back(middle);
    const std::string regions[] = {plan.region, "对照区"};  // two regions: the comparison too
    for (unsigned r = 0; r < 2; ++r) {
        for (const Indicator& i : program.indicators) {
            if (i.kind == IndicatorKind::derived || i.kind == IndicatorKind::group) continue;
            for (const int year : years) {
                const unsigned h = i.id * 37u + static_cast<unsigned>(year) * 11u + r * 5u;
                if (h % 7 == 3) continue;  // a hole: no data
                const Provenance where{
                    "synthetic.json", "/values/" + i.key + "/" + std::to_string(year), std::nullopt, {}};
                if (i.staged()) {
                    sink.text(regions[r], i.id, year, i.stages[h % i.stages.size()], where);
                } else {
                    sink.number(regions[r], i.id, year, static_cast<double>(h % 200) / 2.0 - 5.0, where);
                }
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    SourceMap sources;
    Diagnostics diags;
    const FileId file = sources.add("fuzz.dab", std::string(fuzz::as_text(bytes, size)));
    const ast::Module module = grammar::parse_module(sources, file, diags);
    (void)ast::dump(module, sources);

    // dabiao fmt: on text that parses, idempotent and the same tree (without positions).
    if (!diags.has_errors()) {
        const std::string formatted = format_rules(sources.file(file).text());
        if (format_rules(formatted) != formatted) std::abort();
        Diagnostics fmt_diags;
        const FileId again = sources.add("fuzz-formatted.dab", formatted);
        const ast::Module reparsed = grammar::parse_module(sources, again, fmt_diags);
        if (fmt_diags.has_errors() ||
            without_positions(ast::dump(reparsed, sources)) != without_positions(ast::dump(module, sources)))
            std::abort();
    }

    const Program program = check({&module}, sources, diags);
    if (!diags.has_errors()) {
        Diagnostics lint_diags;  // the linter and its pragmas, read from the same text
        (void)lint(program, sources, {file}, lint_diags);
        fuzz::render_all(lint_diags, sources);

        Dataset empty;
        fuzz::judge_and_report(program, empty, std::nullopt, sources, diags, size);
        Dataset empty_all_due;
        fuzz::judge_and_report(program, empty_all_due, program.plan.last_year, sources, diags, size + 1, 0);

        Dataset data;
        Diagnostics data_diags;
        synthetic_data(program, sources, data, data_diags);
        fuzz::judge_and_report(program, data, std::nullopt, sources, data_diags, size + 2);
        fuzz::render_all(data_diags, sources);
    }
    fuzz::render_all(diags, sources);
    return 0;
}
