#include "report/formats.hpp"

#include "report/layout.hpp"

namespace dabiao {

namespace {

std::string render_text_run(const RunReport& run) {
    std::string text;
    for (const RegionReport& r : run.regions) text += render_text(run.program, r, run.sources, run.options);
    if (run.comparison) text += render_comparison(run.program, *run.comparison, run.options.lang);
    return text + render_accounting(run.accounting, run.options.lang);
}

std::string render_json_run(const RunReport& run) {
    return render_json_text(run.program, run.regions, run.sources, run.diags, &run.accounting, run.comparison);
}

}  // namespace

const std::vector<OutputFormat>& output_formats() {
    static const std::vector<OutputFormat> table = {
        {"text", {"aligned tables for a terminal", "终端中对齐的表格"}, render_text_run, false},
        {"json", {"verdicts for automation (schema dabiao.verdicts/1)", "供程序读取的结论（dabiao.verdicts/1）"},
         render_json_run, false},
        {"junit", {"JUnit XML test results for CI servers", "供持续集成读取的 JUnit XML 测试结果"}, render_junit, false},
        {"sarif", {"SARIF 2.1.0: diagnostics and missed targets on the rule files", "SARIF 2.1.0：规则文件上的诊断与未达标目标"},
         render_sarif, false},
        {"html", {"one self-contained web page with charts, for browsers and e-mail", "自包含的网页报告（含图表），可离线打开、邮件发送"},
         render_html, false},
        {"xlsx", {"an Excel workbook (needs -o)", "Excel 工作簿（须用 -o 指定文件）"}, render_xlsx, true},
        {"md", {"Markdown tables for documents and wikis", "可粘贴到文档和维基的 Markdown 表格"}, render_markdown, false},
        {"csv", {"one row per verdict, UTF-8 with BOM, for spreadsheets", "每条结论一行，带 BOM 的 UTF-8，供表格软件使用"},
         render_csv, false},
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
