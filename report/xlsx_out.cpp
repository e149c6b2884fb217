// --format xlsx: an Excel workbook written with libxlsxwriter. Sheets 汇总 (totals per region,
// domain and lead), 明细 (one row per verdict, numbers as numbers with the unit in the number
// format), 晾晒 when there are several regions, and 说明 (plan, as-of, diagnostics). Frozen
// header, filters, widths for Chinese text, status colours. The bytes are returned in a string,
// so -o writes them atomically like every other format.
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/words.hpp"
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
        fit_columns();
        const lxw_error e = workbook_close(wb_);
        wb_ = nullptr;
        return e;
    }

    lxw_worksheet* sheet(const char* name) { return workbook_add_worksheet(wb_, name); }

    // A text cell; its column is made wide enough for it (fit_columns).
    void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f = nullptr) {
        const std::string clean = valid_utf8(s);
        worksheet_write_string(ws, r, c, clean.c_str(), f);
        widen(ws, c, text::display_width(clean));
    }
    // A column at least `width` display columns wide (a Chinese character is two).
    void widen(lxw_worksheet* ws, lxw_col_t c, int width) {
        std::vector<int>& widths = widths_[ws];
        if (widths.size() <= c) widths.resize(c + 1, 0);
        widths[c] = std::max(widths[c], width);
    }
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
    // Widths that fit the longest text of each column, in display columns (CJK counts two, as
    // Excel shows it), with a margin; capped so that a long note does not push the table away.
    static constexpr int kMinWidth = 6;
    static constexpr int kMaxWidth = 60;
    void fit_columns() {
        for (const auto& [ws, widths] : widths_)
            for (std::size_t c = 0; c < widths.size(); ++c)
                worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                     std::clamp(widths[c] + 2, kMinWidth, kMaxWidth), nullptr);
    }
    std::map<lxw_worksheet*, std::vector<int>> widths_;
    lxw_workbook* wb_;
    lxw_format* header_ = nullptr;
    lxw_format* percent_ = nullptr;
    std::map<Status, lxw_format*> status_;
    std::map<std::string, lxw_format*> units_;
};

// The header row, frozen; each name leaves room for the filter's drop-down button.
void headers(Book& book, lxw_worksheet* ws, const std::vector<std::string>& names) {
    for (std::size_t c = 0; c < names.size(); ++c) {
        book.text(ws, 0, static_cast<lxw_col_t>(c), names[c], book.header());
        book.widen(ws, static_cast<lxw_col_t>(c), text::display_width(names[c]) + 2);
    }
    worksheet_freeze_panes(ws, 1, 0);
}

std::vector<std::string> words(std::initializer_list<Word> ws, Lang lang) {
    std::vector<std::string> out;
    for (const Word w : ws) out.push_back(word(w).in(lang));
    return out;
}

void number_or_stage(Book& book, lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Indicator& i,
                     const std::optional<double>& v, lxw_format* unit) {
    if (!v) return;
    if (const std::string* stage = i.stage_named(*v)) return book.text(ws, r, c, *stage);
    worksheet_write_number(ws, r, c, report_number(*v), unit);
    book.widen(ws, c, text::display_width(format_number(*v) + (unit ? i.unit.name() : "")));
}

void write(Book& book, const RunReport& run) {
    const Lang lang = run.options.lang;
    const Program& program = run.program;

    lxw_worksheet* summary = book.sheet(word(Word::sheet_summary).in(lang).c_str());
    lxw_worksheet* detail = book.sheet(word(Word::sheet_verdicts).in(lang).c_str());
    lxw_worksheet* ranking = run.comparison ? book.sheet(word(Word::sheet_comparison).in(lang).c_str()) : nullptr;
    lxw_worksheet* about = book.sheet(word(Word::sheet_about).in(lang).c_str());

    // 汇总: per region, the whole plan, each domain and each lead department.
    headers(book, summary,
            words({Word::col_region, Word::col_scope, Word::col_name, Word::status_met, Word::status_missed,
                   Word::status_no_data, Word::status_not_due},
                  lang));
    lxw_row_t row = 1;
    const auto summary_row = [&](const std::string& region, std::string_view scope, const std::string& name,
                                 const Summary& s) {
        book.text(summary, row, 0, region);
        book.text(summary, row, 1, scope);
        book.text(summary, row, 2, name);
        worksheet_write_number(summary, row, 3, static_cast<double>(s.met), book.status(Status::met));
        worksheet_write_number(summary, row, 4, static_cast<double>(s.missed), book.status(Status::missed));
        worksheet_write_number(summary, row, 5, static_cast<double>(s.no_data), book.status(Status::no_data));
        worksheet_write_number(summary, row, 6, static_cast<double>(s.not_due), book.status(Status::not_due));
        ++row;
    };
    for (const RegionReport& r : run.regions) {
        const std::string& region = region_name(program, r);
        summary_row(region, word(Word::scope_all).in(lang), program.plan.name, r.summary);
        for (std::size_t d = 0; d < program.domains.size() && d < r.domains.size(); ++d)
            summary_row(region, word(Word::col_domain).in(lang), program.domains[d].name, r.domains[d]);
        for (std::size_t l = 0; l < program.leads.size() && l < r.leads.size(); ++l)
            summary_row(region, word(Word::col_lead).in(lang), program.leads[l].name, r.leads[l]);
        for (TagId tag = 0; tag < program.tags.size() && tag < r.tags.size(); ++tag)
            summary_row(region, word(Word::col_tag).in(lang), program.tags[tag], r.tags[tag]);
    }
    worksheet_autofilter(summary, 0, 0, row - 1, 6);

    // 明细: one row per verdict.
    headers(book, detail,
            words({Word::col_region, Word::col_domain, Word::col_lead, Word::col_indicator, Word::col_indicator_name,
                   Word::col_year, Word::col_condition, Word::col_target_value, Word::col_actual_value, Word::col_unit,
                   Word::col_gap, Word::col_completion, Word::col_status, Word::col_status_key, Word::col_progress,
                   Word::col_note, Word::col_rule, Word::col_provenance, Word::col_tag},
                  lang));
    row = 1;
    for (const RegionReport& r : run.regions) {
        for (const auto& group : verdicts_by_domain(run, r)) {
            for (const Verdict* v : group) {
                const VerdictView view = view_of(program, *v, run.sources);
                const Indicator& i = view.indicator;
                lxw_format* unit = book.unit_format(i.unit.name());
                std::string leads;
                for (const std::string& l : view.leads) leads += (leads.empty() ? "" : "、") + l;
                book.text(detail, row, 0, region_name(program, r));
                book.text(detail, row, 1, view.domain);
                book.text(detail, row, 2, leads);
                book.text(detail, row, 3, i.key);
                book.text(detail, row, 4, i.name);
                worksheet_write_number(detail, row, 5, view.target.year, nullptr);
                book.text(detail, row, 6, view.condition.in(lang));
                number_or_stage(book, detail, row, 7, i, v->expected, unit);
                number_or_stage(book, detail, row, 8, i, v->actual, unit);
                book.text(detail, row, 9, i.unit.name());
                if (v->gap) worksheet_write_number(detail, row, 10, report_number(*v->gap), unit);
                if (v->completion && v->status != Status::not_due)
                    worksheet_write_number(detail, row, 11, report_number(*v->completion), nullptr);
                book.text(detail, row, 12, view.status.in(lang), book.status(v->status));
                book.text(detail, row, 13, status_key(v->status));
                book.text(detail, row, 14, view.progress.in(lang));
                book.text(detail, row, 15, view.missing.in(lang) + view.plan_source.in(lang));
                book.text(detail, row, 16, view.rule);
                book.text(detail, row, 17, view.provenance.value_or(""));
                book.text(detail, row, 18, view.tag_list);
                ++row;
            }
        }
    }
    worksheet_autofilter(detail, 0, 0, row > 1 ? row - 1 : 1, 18);

    if (ranking) {
        headers(book, ranking,
                words({Word::col_rank, Word::col_region, Word::status_met, Word::status_missed, Word::status_no_data,
                       Word::col_rate},
                      lang));
        lxw_format* percent = book.percent();
        row = 1;
        for (const Standing& s : run.comparison->overall) {
            worksheet_write_number(ranking, row, 0, static_cast<double>(s.rank), nullptr);
            book.text(ranking, row, 1, s.region);
            worksheet_write_number(ranking, row, 2, static_cast<double>(s.met), nullptr);
            worksheet_write_number(ranking, row, 3, static_cast<double>(s.missed), nullptr);
            worksheet_write_number(ranking, row, 4, static_cast<double>(s.no_data), nullptr);
            worksheet_write_number(ranking, row, 5, s.rate(), percent);
            ++row;
        }
    }

    // 说明: the plan, the as-of year and the run's diagnostics.
    row = 0;
    const auto line = [&](std::string_view key, const std::string& value) {
        book.text(about, row, 0, key, book.header());
        book.text(about, row, 1, value);
        ++row;
    };
    line(word(Word::plan).in(lang), program.plan.name);
    std::string regions;
    for (const RegionReport& r : run.regions) regions += (regions.empty() ? "" : "、") + region_name(program, r);
    line(word(Word::regions).in(lang), regions);
    line(word(Word::as_of_year).in(lang), run.regions.empty() ? "" : std::to_string(run.regions.front().as_of));
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
