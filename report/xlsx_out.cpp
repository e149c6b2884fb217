// --format xlsx: an Excel workbook written with libxlsxwriter. Sheets 汇总 (totals per region,
// domain and lead), 明细 (one row per verdict, numbers as numbers with the unit in the number
// format), 晾晒 when there are several regions, and 说明 (plan, as-of, diagnostics). Frozen
// header, filters, widths for Chinese text, status colours. The bytes are returned in a string,
// so -o writes them atomically like every other format.
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "judge/progress.hpp"
#include "report/compare.hpp"
#include "report/escape.hpp"
#include "report/layout.hpp"

namespace dabiao {

namespace {

class Book {
public:
    explicit Book(const std::string& path) : wb_(workbook_new(path.c_str())) {
        if (!wb_) throw std::runtime_error("cannot create the workbook");
        header_ = workbook_add_format(wb_);
        format_set_bold(header_);
        format_set_bg_color(header_, 0xF3F3F3);
        format_set_border(header_, LXW_BORDER_THIN);
        const std::pair<Status, lxw_color_t> colours[] = {
            {Status::met, 0xD8F0D8}, {Status::missed, 0xF6CFCF}, {Status::no_data, 0xE6E6E6}, {Status::not_due, 0xFBE7B5}};
        for (const auto& [s, c] : colours) {
            lxw_format* f = workbook_add_format(wb_);
            format_set_bg_color(f, c);
            status_[s] = f;
        }
    }
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;
    ~Book() {
        if (wb_) workbook_close(wb_);
    }
    lxw_error close() {
        const lxw_error e = workbook_close(wb_);
        wb_ = nullptr;
        return e;
    }

    lxw_worksheet* sheet(const char* name) { return workbook_add_worksheet(wb_, name); }
    // A number format that shows the unit after the number: General"个".
    lxw_format* unit_format(const std::string& unit) {
        if (unit.empty()) return nullptr;
        auto [it, added] = units_.try_emplace(unit, nullptr);
        if (added) {
            std::string clean;
            for (const char c : valid_utf8(unit))
                if (c != '"' && c != '\\') clean += c;
            it->second = workbook_add_format(wb_);
            format_set_num_format(it->second, fmt::format("General\"{}\"", clean).c_str());
        }
        return it->second;
    }
    lxw_format* header() const { return header_; }
    lxw_format* percent() {
        if (!percent_) {
            percent_ = workbook_add_format(wb_);
            format_set_num_format(percent_, "0%");
        }
        return percent_;
    }
    lxw_format* status(Status s) { return status_[s]; }

private:
    lxw_workbook* wb_;
    lxw_format* header_ = nullptr;
    lxw_format* percent_ = nullptr;
    std::map<Status, lxw_format*> status_;
    std::map<std::string, lxw_format*> units_;
};

void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f = nullptr) {
    worksheet_write_string(ws, r, c, valid_utf8(s).c_str(), f);
}

void headers(Book& book, lxw_worksheet* ws, const std::vector<std::string>& names, const std::vector<double>& widths) {
    for (std::size_t c = 0; c < names.size(); ++c) {
        text(ws, 0, static_cast<lxw_col_t>(c), names[c], book.header());
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
}

void number_or_stage(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Indicator& i, const std::optional<double>& v,
                     lxw_format* unit) {
    if (!v) return;
    if (const std::string* stage = i.stage_named(*v)) return text(ws, r, c, *stage);
    worksheet_write_number(ws, r, c, report_number(*v), unit);
}

void write(Book& book, const RunReport& run) {
    const Lang lang = run.options.lang;
    const bool zh = lang == Lang::zh;
    const Program& program = run.program;

    lxw_worksheet* summary = book.sheet(zh ? "汇总" : "Summary");
    lxw_worksheet* detail = book.sheet(zh ? "明细" : "Verdicts");
    lxw_worksheet* ranking = run.comparison ? book.sheet(zh ? "晾晒" : "Comparison") : nullptr;
    lxw_worksheet* about = book.sheet(zh ? "说明" : "About");

    // 汇总: per region, the whole plan, each domain and each lead department.
    headers(book, summary,
            {zh ? "地区" : "region", zh ? "范围" : "scope", zh ? "名称" : "name", status_label(Status::met).in(lang),
             status_label(Status::missed).in(lang), status_label(Status::no_data).in(lang),
             status_label(Status::not_due).in(lang)},
            {14, 10, 30, 8, 8, 8, 8});
    lxw_row_t row = 1;
    const auto summary_row = [&](const std::string& region, std::string_view scope, const std::string& name,
                                 const Summary& s) {
        text(summary, row, 0, region);
        text(summary, row, 1, scope);
        text(summary, row, 2, name);
        worksheet_write_number(summary, row, 3, static_cast<double>(s.met), book.status(Status::met));
        worksheet_write_number(summary, row, 4, static_cast<double>(s.missed), book.status(Status::missed));
        worksheet_write_number(summary, row, 5, static_cast<double>(s.no_data), book.status(Status::no_data));
        worksheet_write_number(summary, row, 6, static_cast<double>(s.not_due), book.status(Status::not_due));
        ++row;
    };
    for (const RegionReport& r : run.regions) {
        const std::string& region = region_name(program, r);
        summary_row(region, zh ? "全部" : "all", program.plan.name, r.summary);
        for (std::size_t d = 0; d < program.domains.size() && d < r.domains.size(); ++d)
            summary_row(region, zh ? "领域" : "domain", program.domains[d].name, r.domains[d]);
        for (std::size_t l = 0; l < program.leads.size() && l < r.leads.size(); ++l)
            summary_row(region, zh ? "牵头单位" : "lead", program.leads[l].name, r.leads[l]);
    }
    worksheet_autofilter(summary, 0, 0, row - 1, 6);

    // 明细: one row per verdict.
    headers(book, detail,
            {zh ? "地区" : "region", zh ? "领域" : "domain", zh ? "牵头单位" : "lead", zh ? "指标" : "indicator",
             zh ? "指标名称" : "name", zh ? "年份" : "year", zh ? "目标条件" : "condition", zh ? "目标值" : "target",
             zh ? "实际值" : "actual", zh ? "单位" : "unit", zh ? "差距" : "gap", zh ? "完成率(%)" : "completion (%)",
             zh ? "状态" : "status", zh ? "状态代码" : "status_key", zh ? "进度" : "progress", zh ? "说明" : "note",
             zh ? "规则" : "rule", zh ? "数据来源" : "provenance"},
            {12, 12, 14, 14, 36, 7, 16, 10, 10, 6, 8, 10, 9, 10, 18, 24, 30, 40});
    row = 1;
    for (const RegionReport& r : run.regions) {
        for (const auto& group : verdicts_by_domain(run, r)) {
            for (const Verdict* v : group) {
                const VerdictView view = view_of(program, *v, run.sources);
                const Indicator& i = view.indicator;
                lxw_format* unit = book.unit_format(i.unit.name());
                std::string leads;
                for (const std::string& l : view.leads) leads += (leads.empty() ? "" : "、") + l;
                text(detail, row, 0, region_name(program, r));
                text(detail, row, 1, view.domain);
                text(detail, row, 2, leads);
                text(detail, row, 3, i.key);
                text(detail, row, 4, i.name);
                worksheet_write_number(detail, row, 5, view.target.year, nullptr);
                text(detail, row, 6, view.condition.in(lang));
                number_or_stage(detail, row, 7, i, v->expected, unit);
                number_or_stage(detail, row, 8, i, v->actual, unit);
                text(detail, row, 9, i.unit.name());
                if (v->gap) worksheet_write_number(detail, row, 10, report_number(*v->gap), unit);
                if (v->completion && v->status != Status::not_due)
                    worksheet_write_number(detail, row, 11, report_number(*v->completion), nullptr);
                text(detail, row, 12, view.status.in(lang), book.status(v->status));
                text(detail, row, 13, status_key(v->status));
                text(detail, row, 14, view.progress.in(lang));
                text(detail, row, 15, view.missing.in(lang) + view.plan_source.in(lang));
                text(detail, row, 16, view.rule);
                text(detail, row, 17, view.provenance.value_or(""));
                ++row;
            }
        }
    }
    worksheet_autofilter(detail, 0, 0, row > 1 ? row - 1 : 1, 17);

    if (ranking) {
        headers(book, ranking,
                {zh ? "名次" : "rank", zh ? "地区" : "region", status_label(Status::met).in(lang),
                 status_label(Status::missed).in(lang), status_label(Status::no_data).in(lang),
                 zh ? "达标率" : "rate"},
                {6, 16, 8, 8, 8, 8});
        lxw_format* percent = book.percent();
        row = 1;
        for (const Standing& s : run.comparison->overall) {
            worksheet_write_number(ranking, row, 0, static_cast<double>(s.rank), nullptr);
            text(ranking, row, 1, s.region);
            worksheet_write_number(ranking, row, 2, static_cast<double>(s.met), nullptr);
            worksheet_write_number(ranking, row, 3, static_cast<double>(s.missed), nullptr);
            worksheet_write_number(ranking, row, 4, static_cast<double>(s.no_data), nullptr);
            worksheet_write_number(ranking, row, 5, s.rate(), percent);
            ++row;
        }
    }

    // 说明: the plan, the as-of year and the run's diagnostics.
    worksheet_set_column(about, 0, 0, 16, nullptr);
    worksheet_set_column(about, 1, 1, 80, nullptr);
    row = 0;
    const auto line = [&](std::string_view key, const std::string& value) {
        text(about, row, 0, key, book.header());
        text(about, row, 1, value);
        ++row;
    };
    line(zh ? "方案" : "plan", program.plan.name);
    std::string regions;
    for (const RegionReport& r : run.regions) regions += (regions.empty() ? "" : "、") + region_name(program, r);
    line(zh ? "地区" : "regions", regions);
    line(zh ? "截至年份" : "as of", run.regions.empty() ? "" : std::to_string(run.regions.front().as_of));
    for (const Diagnostic& d : run.diags.all())
        line(severity_word(d.severity), describe_location(d.where, run.sources) + ": " + d.message.in(lang));
}

}  // namespace

std::string render_xlsx(const RunReport& run) {
    namespace fs = std::filesystem;
    char name[] = "/tmp/dabiao-xlsx-XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
    ::close(fd);
    const fs::path path = std::string(name) + ".xlsx";
    ::unlink(name);
    lxw_error error = LXW_NO_ERROR;
    {
        Book book(path.string());
        write(book, run);
        error = book.close();
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    in.close();
    fs::remove(path);
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(fmt::format("writing the workbook failed: {}", lxw_strerror(error)));
    return bytes.str();
}

}  // namespace dabiao
