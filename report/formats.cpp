#include "report/formats.hpp"

namespace dabiao {

namespace {

std::string render_text_run(const RunReport& run) {
    std::string text;
    for (const RegionReport& r : run.regions) text += render_text(run.program, r, run.sources, run.options);
    if (run.comparison) text += render_comparison(run.program, *run.comparison, run.options.lang);
    return text + render_accounting(run.accounting, run.options.lang);
}

std::string render_json_run(const RunReport& run) {
    return dump_json(render_json(run.program, run.regions, run.sources, run.diags, &run.accounting, run.comparison));
}

}  // namespace

const std::vector<OutputFormat>& output_formats() {
    static const std::vector<OutputFormat> table = {
        {"text", {"aligned tables for a terminal", "终端中对齐的表格"}, render_text_run},
        {"json", {"verdicts for automation (schema dabiao.verdicts/1)", "供程序读取的结论（dabiao.verdicts/1）"},
         render_json_run},
    };
    return table;
}

const OutputFormat* find_output_format(std::string_view name) {
    for (const OutputFormat& f : output_formats()) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

}  // namespace dabiao
