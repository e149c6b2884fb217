// The fill-in template (report/template.hpp): the rows from the checked Program, written as a
// workbook with libxlsxwriter or as CSV. Read back by data/xlsx_reader.cpp and data/csv_reader.cpp.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <optional>
#include <set>

#include "base/words.hpp"
#include "report/template.hpp"

namespace dabiao {

namespace {

const char* kOtherSheet = "其他";
const char* kOneSheet = "全部指标";

std::string year_column(int year) { return fmt::format("{}年", year); }

std::string baseline_text(const Indicator& i) {
    if (!i.baseline_note.empty()) return i.baseline_note;
    if (!i.baseline) return "";
    return in_terms_of(i, *i.baseline);
}

// Excel's sheet names: at most 31 characters, none of []:*?/\ .
std::string sheet_name(std::string name) {
    for (char& c : name)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    // 31 UTF-16 units; Chinese characters are 3 bytes in UTF-8 and one unit each.
    std::size_t units = 0, at = 0;
    while (at < name.size() && units < 31) {
        const auto byte = static_cast<unsigned char>(name[at]);
        at += byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        units += byte >= 0xF0 ? 2 : 1;
    }
    return name.substr(0, std::min(at, name.size()));
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace

std::vector<TemplateRow> template_rows(const Program& program, const TemplateLayout& layout) {
    std::map<IndicatorId, std::string> targets;
    for (const Target& t : program.targets) {
        std::string& text = targets[t.indicator];
        text += (text.empty() ? "" : "；") + fmt::format("{}: {}", t.year, t.written);
    }
    const auto wanted = [](const Indicator& i) {
        return i.kind == IndicatorKind::reported || i.kind == IndicatorKind::input;
    };
    // The sheets in order, each with its indicators.
    std::vector<std::pair<std::string, std::vector<const Indicator*>>> sheets;
    std::vector<const Indicator*> other;
    switch (layout.by) {
    case TemplateSheets::per_lead:
        for (const Lead& lead : program.leads) {
            sheets.push_back({lead.name, {}});
            for (const Indicator& i : program.indicators)
                if (wanted(i) && i.domain &&
                    std::find(lead.domains.begin(), lead.domains.end(), *i.domain) != lead.domains.end())
                    sheets.back().second.push_back(&i);
        }
        for (const Indicator& i : program.indicators)
            if (wanted(i) && !(i.domain && !program.domains.at(*i.domain).lead_ids.empty())) other.push_back(&i);
        break;
    case TemplateSheets::per_domain:
        for (std::size_t d = 0; d < program.domains.size(); ++d) {
            sheets.push_back({program.domains[d].name, {}});
            for (const Indicator& i : program.indicators)
                if (wanted(i) && i.domain && *i.domain == d) sheets.back().second.push_back(&i);
        }
        for (const Indicator& i : program.indicators)
            if (wanted(i) && !i.domain) other.push_back(&i);
        break;
    case TemplateSheets::one:
        sheets.push_back({kOneSheet, {}});
        for (const Indicator& i : program.indicators)
            if (wanted(i)) sheets.back().second.push_back(&i);
        break;
    }
    if (!other.empty()) sheets.push_back({kOtherSheet, other});

    const std::vector<std::string> regions = layout.regions.empty() ? std::vector<std::string>{""} : layout.regions;
    std::vector<TemplateRow> rows;
    for (const auto& [sheet, indicators] : sheets)
        for (const std::string& region : regions)
            for (const Indicator* i : indicators) rows.push_back({sheet, region, i, targets[i->id]});
    return rows;
}

std::vector<std::string> template_header(const Program& program, const TemplateLayout& layout) {
    // The template is for the departments and is in Chinese whatever --lang says; its column words are
    // the catalogue's, the same the reports use.
    std::vector<std::string> header;
    if (!layout.regions.empty()) header.push_back(word(Word::col_region).zh);
    for (const Word w : {Word::col_indicator, Word::col_name, Word::col_unit, Word::baseline, Word::col_target})
        header.push_back(word(w).zh);
    for (int y = program.plan.first_year; y <= program.plan.last_year; ++y) header.push_back(year_column(y));
    return header;
}

bool write_template_xlsx(const Program& program, const TemplateLayout& layout, const std::string& path,
                         Diagnostics& diags) {
    lxw_workbook* book = workbook_new(path.c_str());
    if (!book) {
        diags.error(FileOnly{path}, {"cannot create the workbook", "无法创建工作簿"},
                    {"check that the folder exists and can be written", "请检查文件夹是否存在且可写"});
        return false;
    }
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(book);
    format_set_text_wrap(wrap);
    lxw_format* fill = workbook_add_format(book);
    format_set_unlocked(fill);
    format_set_bg_color(fill, 0xFFF2CC);
    format_set_border(fill, LXW_BORDER_THIN);

    // 说明: how to fill it in, in Chinese. Text only, so that the reader skips it with a note.
    lxw_worksheet* notes = workbook_add_worksheet(book, word(Word::sheet_about).zh.c_str());
    const std::vector<std::string> lines = {
        fmt::format("{}（{}）数据填报表", program.plan.name, program.plan.region),
        "填写方法：",
        layout.by == TemplateSheets::per_lead     ? "一、每个牵头单位一张工作表，请只填写浅黄色的年份单元格，其余单元格已锁定。"
        : layout.by == TemplateSheets::per_domain ? "一、每个领域一张工作表，请只填写浅黄色的年份单元格，其余单元格已锁定。"
                                                  : "一、请只填写浅黄色的年份单元格，其余单元格已锁定。",
        "二、数值按“单位”列的单位填写（如单位为“万人”，8.6万人填 8.6；单位为“%”，填 80.5 或 80.5%）。",
        "三、没有数据的年份请留空，或填“—”“/”“无”“暂无”：按缺失处理，不按 0 计。",
        "四、阶段类指标请从下拉列表中选择阶段名称。",
        layout.regions.empty() ? "五、“基线”“目标”两列仅供参考，请勿修改；请勿改动表头和“指标”列。"
                               : "五、“基线”“目标”两列仅供参考，请勿修改；请勿改动表头、“地区”列和“指标”列。",
        "六、填好后交回，由分析人员运行：dabiao check 规则.dab --data 本表.xlsx",
    };
    worksheet_set_column(notes, 0, 0, 100, wrap);
    for (std::size_t r = 0; r < lines.size(); ++r)
        worksheet_write_string(notes, static_cast<lxw_row_t>(r), 0, lines[r].c_str(), r == 0 ? bold : nullptr);

    const std::vector<TemplateRow> rows = template_rows(program, layout);
    const std::vector<std::string> header = template_header(program, layout);
    const lxw_col_t shift = layout.regions.empty() ? 0 : 1;  // the 地区 column
    std::vector<std::string> sheets;
    for (const TemplateRow& row : rows)
        if (std::find(sheets.begin(), sheets.end(), row.sheet) == sheets.end()) sheets.push_back(row.sheet);
    std::set<std::string> used_names = {word(Word::sheet_about).zh};
    std::vector<std::string> keep;  // strings libxlsxwriter reads at close
    keep.reserve(rows.size() * 2);
    for (const std::string& sheet : sheets) {
        std::string name = sheet_name(sheet);
        for (int n = 2; used_names.count(name); ++n) name = sheet_name(sheet) + std::to_string(n);
        used_names.insert(name);
        lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
        const std::string title = fmt::format("{} 数据填报表（{}）", program.plan.name, sheet);
        worksheet_write_string(ws, 0, 0, title.c_str(), bold);
        for (std::size_t c = 0; c < header.size(); ++c)
            worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
        worksheet_set_column(ws, shift, shift + 1, 22, nullptr);
        worksheet_set_column(ws, shift + 4, shift + 4, 30, nullptr);
        lxw_row_t r = 2;
        for (const TemplateRow& row : rows) {
            if (row.sheet != sheet) continue;
            const Indicator& i = *row.indicator;
            if (shift) worksheet_write_string(ws, r, 0, row.region.c_str(), nullptr);
            worksheet_write_string(ws, r, shift + 0, i.key.c_str(), nullptr);
            worksheet_write_string(ws, r, shift + 1, i.name.c_str(), nullptr);
            worksheet_write_string(ws, r, shift + 2, i.staged() ? "" : i.unit.name().c_str(), nullptr);
            worksheet_write_string(ws, r, shift + 3, baseline_text(i).c_str(), nullptr);
            worksheet_write_string(ws, r, shift + 4, row.targets.c_str(), nullptr);
            const auto first = static_cast<lxw_col_t>(shift + 5);
            const auto last = static_cast<lxw_col_t>(header.size() - 1);
            for (lxw_col_t c = first; c <= last; ++c) worksheet_write_blank(ws, r, c, fill);
            lxw_data_validation validation{};
            validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;  // —, 无 and the like stay allowed
            validation.ignore_blank = LXW_VALIDATION_ON;
            std::string stages;
            if (i.staged()) {
                for (const auto& s : i.stages) stages += (stages.empty() ? "" : ",") + s;
                validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
                keep.push_back("\"" + stages + "\"");
                validation.value_formula = keep.back().data();
            } else {
                validation.validate = LXW_VALIDATION_TYPE_DECIMAL;
                validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                validation.minimum_number = -1e15;
                validation.maximum_number = 1e15;
                keep.push_back(fmt::format("请按单位“{}”填写数值；无数据留空或填“—”", i.unit.name()));
                validation.input_message = keep.back().data();
            }
            worksheet_data_validation_range(ws, r, first, r, last, &validation);
            ++r;
        }
        worksheet_protect(ws, nullptr, nullptr);
    }
    const lxw_error closed = workbook_close(book);
    if (closed != LXW_NO_ERROR) {
        const std::string reason = lxw_strerror(closed);
        diags.error(FileOnly{path}, {fmt::format("cannot write the workbook: {}", reason),
                                     fmt::format("无法写入工作簿：{}", reason)});
        return false;
    }
    return true;
}

std::string template_csv(const Program& program, const TemplateLayout& layout) {
    const std::optional<Word> group = layout.by == TemplateSheets::per_lead     ? std::optional(Word::col_lead)
                                      : layout.by == TemplateSheets::per_domain ? std::optional(Word::col_domain)
                                                                                : std::nullopt;
    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> header = template_header(program, layout);
    if (group) header.insert(header.begin(), word(*group).zh);
    for (std::size_t c = 0; c < header.size(); ++c) out += (c ? "," : "") + header[c];
    out += "\r\n";
    std::set<std::pair<std::string, IndicatorId>> written;  // in CSV an indicator is listed once per region
    for (const TemplateRow& row : template_rows(program, layout)) {
        const Indicator& i = *row.indicator;
        if (!written.insert({row.region, i.id}).second) continue;
        std::vector<std::string> cells;
        if (group) cells.push_back(row.sheet);
        if (!layout.regions.empty()) cells.push_back(row.region);
        for (const std::string& text :
             {i.key, i.name, i.staged() ? std::string() : i.unit.name(), baseline_text(i), row.targets})
            cells.push_back(text);
        for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + csv_field(cells[c]);
        for (int y = program.plan.first_year; y <= program.plan.last_year; ++y) out += ",";
        out += "\r\n";
    }
    return out;
}

}  // namespace dabiao
