#include "engine/driver.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <unistd.h>

#include "engine/check.hpp"
#include "engine/data.hpp"
#include "engine/report.hpp"
#include "engine/verdicts.hpp"
#include "grammar/parse.hpp"

namespace dabiao {

namespace {

void print_diagnostics(const Diagnostics& diags, const SourceMap& sources, const OutputOptions& output, std::ostream& err) {
    err << render_diagnostics(diags, sources, {output.lang, output.color_err});
}

// Writes `text` to the -o file through a temporary file and a rename, so that a failed run
// never leaves a half-written report or destroys the previous one; or to `out`.
bool emit(const std::string& text, const OutputOptions& output, std::ostream& out, Diagnostics& diags) {
    if (!output.output_file) {
        out << text;
        return true;
    }
    namespace fs = std::filesystem;
    const fs::path target(*output.output_file);
    const fs::path temp = target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
    {
        std::ofstream file(temp, std::ios::binary | std::ios::trunc);
        file << text;
        file.flush();
        if (!file) {
            std::error_code ec;
            fs::remove(temp, ec);
            diags.error(FileOnly{*output.output_file}, {"cannot write the output file", "无法写入输出文件"});
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        diags.error(FileOnly{*output.output_file}, {"cannot replace the output file", "无法替换输出文件"});
        return false;
    }
    return true;
}

// With --format json, automation gets the diagnostics as JSON too, even when nothing could be judged.
int fail(const Program* program, const SourceMap& sources, Diagnostics& diags, const OutputOptions& output,
         std::ostream& out, std::ostream& err) {
    print_diagnostics(diags, sources, output, err);
    if (output.format == Format::json) {
        const Program empty;
        Diagnostics none;
        nlohmann::ordered_json doc = render_json(program ? *program : empty, {}, sources, diags);
        doc.erase("regions");
        emit(doc.dump(2) + "\n", output, out, none);
    }
    return kBadInput;
}

}  // namespace

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
    SourceMap sources;
    Diagnostics diags;

    // 1. Parse the prelude, the rule file and its imports.
    std::vector<ast::Module> modules = load_program(options.rules, options.load, sources, diags);
    if (diags.has_errors()) return fail(nullptr, sources, diags, options.output, out, err);

    // 2. Check: resolve names, units, years and targets.
    std::vector<const ast::Module*> module_list;
    for (const auto& m : modules) module_list.push_back(&m);
    const Program program = check(module_list, sources, diags);
    if (diags.has_errors()) return fail(&program, sources, diags, options.output, out, err);

    if (options.data.empty()) {  // checking the rules alone
        print_diagnostics(diags, sources, options.output, err);
        const std::string summary =
            options.output.lang == Lang::zh
                ? fmt::format("{}：规则有效，{} 个指标，{} 个目标\n", options.rules, program.indicators.size(),
                              program.targets.size())
                : fmt::format("{}: rules OK, {} indicators, {} targets\n", options.rules, program.indicators.size(),
                              program.targets.size());
        return emit(summary, options.output, out, diags) ? kAllMet : kBadInput;
    }

    // 3. Load the data, resolving its keys against the checked program.
    Dataset data;
    DataSink sink(program, sources, data, diags);
    for (const std::string& path : options.data) {
        const auto text = read_file(path, kMaxDataFileBytes, diags);
        if (!text) continue;
        read_json_data(sources.add(path, *text), sources, program.plan.region, sink, diags);
    }
    if (diags.has_errors()) return fail(&program, sources, diags, options.output, out, err);
    if (data.regions.empty()) data.region(program.plan.region, program.indicators.size());

    // 4. Evaluate every target for every region.
    std::vector<RegionReport> reports;
    for (const RegionData& region : data.regions) reports.push_back(judge(program, region, options.as_of, diags));

    // 5. Report.
    print_diagnostics(diags, sources, options.output, err);
    std::string text;
    if (options.output.format == Format::json) {
        text = render_json(program, reports, sources, diags).dump(2) + "\n";
    } else {
        const ReportOptions report_options{options.output.lang, options.output.color_out, options.hide_not_due};
        for (const RegionReport& r : reports) text += render_text(program, r, sources, report_options);
    }
    if (!emit(text, options.output, out, diags)) {
        print_diagnostics(diags, sources, options.output, err);
        return kBadInput;
    }
    if (diags.has_errors()) return kBadInput;
    for (const RegionReport& r : reports) {
        if (r.summary.missed > 0 || r.summary.no_data > 0) return kSomeNotMet;
    }
    return kAllMet;
}

int run_ast(const std::string& rules, const OutputOptions& output, std::ostream& out, std::ostream& err) {
    SourceMap sources;
    Diagnostics diags;
    const auto text = read_file(rules, kMaxRuleFileBytes, diags);
    if (!text) return fail(nullptr, sources, diags, output, out, err);
    const FileId file = sources.add(rules, *text);
    const ast::Module module = grammar::parse_module(sources, file, diags);
    if (diags.has_errors()) return fail(nullptr, sources, diags, output, out, err);
    out << ast::dump(module, sources);
    return kAllMet;
}

}  // namespace dabiao
