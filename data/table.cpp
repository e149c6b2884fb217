#include "data/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace dabiao {

namespace {

std::string trimmed(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    if (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);  // a leading ideographic space
    return std::string(s);
}

bool blank(const Row& row) {
    return std::all_of(row.begin(), row.end(),
                       [](const Cell& c) { return c.text.find_first_not_of(" \t") == std::string::npos; });
}

}  // namespace

// What a header cell names. Headers are English or Chinese; a year column is "2023" or "2023年".
std::pair<TableReader::Column, int> TableReader::classify(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const std::map<std::string, Column> names = {
        {"region", Column::region},  {"地区", Column::region},        {"区域", Column::region},
        {"区县", Column::region},    {"行政区", Column::region},      {"indicator", Column::indicator},
        {"指标", Column::indicator}, {"指标名称", Column::indicator}, {"year", Column::year},
        {"年份", Column::year},      {"年度", Column::year},          {"value", Column::value},
        {"数值", Column::value},     {"值", Column::value},           {"数据", Column::value},
        {"unit", Column::unit},      {"单位", Column::unit},          {"source", Column::source},
        {"来源", Column::source},    {"数据来源", Column::source},    {"note", Column::note},
        {"备注", Column::note},      {"说明", Column::note},
    };
    if (const auto it = names.find(name); it != names.end()) return {it->second, 0};
    std::string_view digits = name;
    if (digits.ends_with("年")) digits.remove_suffix(std::string_view("年").size());
    if (digits.size() == 4 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return {Column::year_value, std::stoi(std::string(digits))};
    }
    return {Column::other, 0};
}

bool TableReader::names_indicator(const Row& cells) {
    return std::any_of(cells.begin(), cells.end(),
                       [](const Cell& c) { return classify(trimmed(c.text)).first == Column::indicator; });
}

// What departments type for "no figure": a dash (ASCII, en/em dash, full-width, doubled), a
// slash, 无, 暂无.
bool TableReader::missing_mark(const Cell& cell) {
    static const std::vector<std::string_view> marks = {"-", "--", "/", "—", "——", "－", "－－", "–",
                                                        "／", "无", "暂无", "N/A", "n/a", "#N/A"};
    const std::string text = trimmed(cell.text);
    if (std::find(marks.begin(), marks.end(), text) == marks.end()) return false;
    if (missing_marks_++ == 0) first_mark_ = cell;
    return true;
}

void TableReader::row(const Row& cells) {
    if (state_ == State::bad_header || blank(cells)) return;
    if (state_ == State::before_header) {
        if (!names_indicator(cells)) {
            titles_.push_back(cells.front());  // a title, or text without a table (finish decides)
            return;
        }
        if (titles_.size() > kMaxTitleRows) {
            // Too many rows above the header for titles: the first is reported as the header it should be.
            state_ = header(Row{titles_.front()}) ? State::reading : State::bad_header;
            return;
        }
        state_ = header(cells) ? State::reading : State::bad_header;
        if (state_ == State::reading && !titles_.empty()) {
            diags_.note(at(titles_.front()).location(),
                        {fmt::format("{} title row(s) above the header skipped", titles_.size()),
                         fmt::format("跳过表头上方的 {} 行标题", titles_.size())});
        }
        return;
    }
    if (cells.size() != header_size_) {
        error(cells.front(),
              {fmt::format("this row has {} cells but the header has {}", cells.size(), header_size_),
               fmt::format("此行有 {} 个单元格，而表头有 {} 个", cells.size(), header_size_)},
              {"check for a missing or extra comma, or an unquoted comma inside a value",
               "请检查是否缺少或多出逗号，或数值中的逗号没有加引号"});
        return;
    }
    year_columns_.empty() ? long_row(cells) : wide_row(cells);
}

void TableReader::finish(bool text_only) {
    if (missing_marks_ > 0) {
        diags_.note(at(*first_mark_).location(),
                    {fmt::format("{} cell(s) holding a mark such as —, / or 无 read as missing values (no data), "
                                 "not as zero",
                                 missing_marks_),
                     fmt::format("{} 个单元格填有“—”“/”“无”等符号，按缺失（无数据）处理，不按 0 计", missing_marks_)});
    }
    if (state_ != State::before_header) return;
    if (titles_.empty()) {
        diags_.warning(FileOnly{file_}, {"the file has no rows", "文件中没有数据行"});
    } else if (text_only) {
        diags_.note(at(titles_.front()).location(),
                    {"this sheet holds text but no table (no header names an indicator column): not read",
                     "此工作表只有文字，没有数据表（没有表头含“指标”列）：不读取"});
    } else {
        // No header among the rows: the first is reported as the header it should have been.
        state_ = header(Row{titles_.front()}) ? State::reading : State::bad_header;
    }
}

bool TableReader::header(const Row& cells) {
    header_size_ = cells.size();
    std::vector<std::string> ignored;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string name = trimmed(cells[c].text);
        const auto [kind, year] = classify(name);
        if (kind == Column::year_value) {
            year_columns_.emplace_back(c, year);
        } else if (kind == Column::other) {
            if (!name.empty()) ignored.push_back(name);
        } else if (columns_.count(kind)) {
            error(cells[c], {fmt::format("a second '{}' column", name), fmt::format("重复的“{}”列", name)});
            return false;
        } else {
            columns_[kind] = c;
        }
    }
    const bool wide = !year_columns_.empty();
    const bool long_shape = columns_.count(Column::year) && columns_.count(Column::value);
    if (!columns_.count(Column::indicator) || (wide && long_shape) || (!wide && !long_shape)) {
        error(cells.front(),
              {"the header must name an indicator column and either year and value columns (one value per row) or "
               "year columns such as 2023年 (the official table's shape)",
               "表头须包含“指标”列，以及“年份”和“数值”列（每行一个数值），或“2023年”这样的年份列（官方表格形式）"},
              {"e.g. 地区,指标,年份,数值  or  指标,单位,2022年,2023年,2024年",
               "例如 地区,指标,年份,数值  或  指标,单位,2022年,2023年,2024年"});
        return false;
    }
    if (!ignored.empty()) {
        std::string list;
        for (const auto& name : ignored) list += (list.empty() ? "" : "、") + name;
        diags_.note(at(cells.front()).location(),
                    {fmt::format("columns not used: {}", list), fmt::format("未使用的列：{}", list)});
    }
    return true;
}

Provenance TableReader::at(const Cell& cell) const {
    Provenance p{file_, {}, {}, {}};
    if (const auto* span = std::get_if<Span>(&cell.place)) {
        p.span = *span;
    } else {
        p.pointer = std::get<std::string>(cell.place);
    }
    return p;
}

// A value's provenance names who supplied it when the table has a source (来源) column.
Provenance TableReader::at(const Cell& cell, const Row& row) const {
    Provenance p = at(cell);
    if (const auto it = columns_.find(Column::source); it != columns_.end()) p.origin = trimmed(row[it->second].text);
    return p;
}

void TableReader::error(const Cell& cell, Text message, Text hint) {
    sink_.reject(at(cell), std::move(message), std::move(hint));
}

std::string TableReader::region_of(const Row& row) const {
    const auto it = columns_.find(Column::region);
    if (it == columns_.end()) return default_region_;
    const std::string region = trimmed(row[it->second].text);
    return region.empty() ? default_region_ : region;
}

std::string TableReader::unit_of(const Row& row, const std::string& key_unit) const {
    const auto it = columns_.find(Column::unit);
    const std::string unit = it == columns_.end() ? "" : trimmed(row[it->second].text);
    return unit.empty() ? key_unit : unit;
}

std::size_t TableReader::filled(const Row& row) const {
    std::size_t n = 0;
    for (const auto& [c, year] : year_columns_) n += trimmed(row[c].text).empty() ? 0 : 1;
    return n;
}

void TableReader::wide_row(const Row& row) {
    const Cell& key = row[columns_.at(Column::indicator)];
    const auto match = sink_.indicator(trimmed(key.text), at(key, row), filled(row));
    if (!match) return;
    const std::string region = region_of(row);
    const std::string unit = unit_of(row, match->unit);
    for (const auto& [c, year] : year_columns_) {
        if (missing_mark(row[c])) {
            sink_.missing(region, match->id, year, at(row[c], row));
        } else {
            sink_.text(region, match->id, year, row[c].text, at(row[c], row), unit);
        }
    }
}

void TableReader::long_row(const Row& row) {
    const Cell& key = row[columns_.at(Column::indicator)];
    const Cell& value = row[columns_.at(Column::value)];
    const auto match = sink_.indicator(trimmed(key.text), at(key, row), trimmed(value.text).empty() ? 0 : 1);
    if (!match) return;
    const Cell& year_cell = row[columns_.at(Column::year)];
    const auto year = sink_.year(trimmed(year_cell.text), at(year_cell, row));
    if (!year) return;
    if (missing_mark(value)) {
        sink_.missing(region_of(row), match->id, *year, at(value, row));
    } else {
        sink_.text(region_of(row), match->id, *year, value.text, at(value, row), unit_of(row, match->unit));
    }
}

}  // namespace dabiao
