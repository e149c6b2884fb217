#include "data/data_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace dabiao {

namespace {

struct Cell {
    std::string text;
    std::uint32_t offset = 0;  // where the cell starts in the decoded text
};

using Row = std::vector<Cell>;

struct CsvError {
    std::uint32_t offset;
    Text message;
};

// RFC 4180 as Excel writes it: fields separated by commas (or tabs), optionally quoted with
// "…" where "" is a quote, quoted fields may hold separators and line breaks; rows end with
// LF or CRLF. Blank rows are skipped.
class CsvParser {
public:
    explicit CsvParser(std::string_view text) : text_(text) { separator_ = detect_separator(); }

    // The rows up to the end, or up to a problem that stops reading (which `error` then holds):
    // the rows before it are still read, so one run reports everything it can.
    std::vector<Row> rows(std::optional<CsvError>& error) {
        std::vector<Row> out;
        try {
            while (pos_ < text_.size()) {
                Row row = next_row();
                const bool blank = std::all_of(row.begin(), row.end(), [](const Cell& c) {
                    return c.text.find_first_not_of(" \t") == std::string::npos;
                });
                if (!blank) out.push_back(std::move(row));
            }
        } catch (const CsvError& e) {
            error = e;
        }
        return out;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    char separator_ = ',';

    char detect_separator() const {
        const std::string_view first = text_.substr(0, text_.find('\n'));
        return std::count(first.begin(), first.end(), '\t') > std::count(first.begin(), first.end(), ',') ? '\t' : ',';
    }

    bool at_row_end() const {
        return pos_ >= text_.size() || text_[pos_] == '\n' ||
               (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ||
               (text_[pos_] == '\r' && pos_ + 1 == text_.size());
    }

    void too_long(std::size_t start) const {
        throw CsvError{
            static_cast<std::uint32_t>(start),
            {fmt::format("a cell longer than {} KiB; the file is probably not a data table", kMaxCsvCellBytes / 1024),
             fmt::format("单元格超过 {} KiB，文件可能不是数据表", kMaxCsvCellBytes / 1024)}};
    }

    Cell next_cell() {
        Cell cell;
        cell.offset = static_cast<std::uint32_t>(pos_);
        if (pos_ < text_.size() && text_[pos_] == '"') {
            const std::size_t open = pos_++;
            for (;;) {
                if (pos_ >= text_.size()) {
                    throw CsvError{static_cast<std::uint32_t>(open),
                                   {"this quoted field is never closed", "此带引号的字段没有结束引号"}};
                }
                if (text_[pos_] == '"') {
                    if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                        cell.text += '"';
                        pos_ += 2;
                        continue;
                    }
                    ++pos_;
                    break;
                }
                cell.text += text_[pos_++];
                if (cell.text.size() > kMaxCsvCellBytes) too_long(open);
            }
            while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t') && text_[pos_] != separator_)
                ++pos_;
            if (!at_row_end() && text_[pos_] != separator_) {
                throw CsvError{static_cast<std::uint32_t>(pos_),
                               {"unexpected text after a quoted field", "带引号的字段后面有多余的文字"}};
            }
            return cell;
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != separator_ && !at_row_end()) ++pos_;
        if (pos_ - start > kMaxCsvCellBytes) too_long(start);
        cell.text = std::string(text_.substr(start, pos_ - start));
        return cell;
    }

    Row next_row() {
        Row row;
        for (;;) {
            row.push_back(next_cell());
            if (pos_ < text_.size() && text_[pos_] == separator_) {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
            if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            return row;
        }
    }
};

std::string trimmed(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    if (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);  // a leading ideographic space
    return std::string(s);
}

enum class Column { region, indicator, year, value, unit, source, note, year_value, other };

// What a header cell names. Headers are English or Chinese; a year column is "2023" or "2023年".
std::pair<Column, int> classify(std::string name) {
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

class CsvReader {
public:
    CsvReader(FileId file, const SourceFile& source, const std::string& default_region, DataSink& sink,
              Diagnostics& diags)
        : file_(file), source_(source), default_region_(default_region), sink_(sink), diags_(diags) {}

    void read(const std::vector<Row>& rows) {
        if (rows.empty()) {
            diags_.warning(FileOnly{source_.name()}, {"the file has no rows", "文件中没有数据行"});
            return;
        }
        const Row& header = rows.front();
        std::vector<std::string> ignored;
        for (std::size_t c = 0; c < header.size(); ++c) {
            const auto [kind, year] = classify(trimmed(header[c].text));
            if (kind == Column::year_value) {
                year_columns_.emplace_back(c, year);
            } else if (kind == Column::other) {
                if (!trimmed(header[c].text).empty()) ignored.push_back(trimmed(header[c].text));
            } else if (columns_.count(kind)) {
                error(header[c], {fmt::format("a second '{}' column", trimmed(header[c].text)),
                                  fmt::format("重复的“{}”列", trimmed(header[c].text))});
                return;
            } else {
                columns_[kind] = c;
            }
        }
        const bool wide = !year_columns_.empty();
        const bool long_shape = columns_.count(Column::year) && columns_.count(Column::value);
        if (!columns_.count(Column::indicator) || (wide && long_shape) || (!wide && !long_shape)) {
            error(header.front(),
                  {"the header must name an indicator column and either year and value columns (one value per row) or "
                   "year columns such as 2023年 (the official table's shape)",
                   "表头须包含“指标”列，以及“年份”和“数值”列（每行一个数值），或“2023年”这样的年份列（官方表格形式）"},
                  {"e.g. 地区,指标,年份,数值  or  指标,单位,2022年,2023年,2024年",
                   "例如 地区,指标,年份,数值  或  指标,单位,2022年,2023年,2024年"});
            return;
        }
        if (!ignored.empty()) {
            std::string list;
            for (const auto& name : ignored) list += (list.empty() ? "" : "、") + name;
            diags_.note(span_of(header.front()),
                        {fmt::format("columns not used: {}", list), fmt::format("未使用的列：{}", list)});
        }
        for (std::size_t r = 1; r < rows.size(); ++r) {
            if (rows[r].size() != header.size()) {
                error(rows[r].front(),
                      {fmt::format("this row has {} cells but the header has {}", rows[r].size(), header.size()),
                       fmt::format("此行有 {} 个单元格，而表头有 {} 个", rows[r].size(), header.size())},
                      {"check for a missing or extra comma, or an unquoted comma inside a value",
                       "请检查是否缺少或多出逗号，或数值中的逗号没有加引号"});
                continue;
            }
            wide ? wide_row(rows[r]) : long_row(rows[r]);
        }
    }

private:
    FileId file_;
    const SourceFile& source_;
    const std::string& default_region_;
    DataSink& sink_;
    Diagnostics& diags_;
    std::map<Column, std::size_t> columns_;
    std::vector<std::pair<std::size_t, int>> year_columns_;

    Span span_of(const Cell& c) const {
        const std::string_view first_line = std::string_view(c.text).substr(0, c.text.find('\n'));
        return Span{file_, c.offset,
                    static_cast<std::uint32_t>(c.offset + std::max<std::size_t>(first_line.size(), 1))};
    }

    Provenance at(const Cell& c, const Row& row) const {
        Provenance p{source_.name(), {}, span_of(c), {}};
        if (const auto it = columns_.find(Column::source); it != columns_.end())
            p.origin = trimmed(row[it->second].text);
        return p;
    }

    void error(const Cell& c, Text message, Text hint = {}) {
        sink_.reject(Provenance{source_.name(), {}, span_of(c), {}}, std::move(message), std::move(hint));
    }

    std::string region_of(const Row& row) const {
        const auto it = columns_.find(Column::region);
        if (it == columns_.end()) return default_region_;
        const std::string region = trimmed(row[it->second].text);
        return region.empty() ? default_region_ : region;
    }

    std::string unit_of(const Row& row, const std::string& key_unit) const {
        const auto it = columns_.find(Column::unit);
        const std::string unit = it == columns_.end() ? "" : trimmed(row[it->second].text);
        return unit.empty() ? key_unit : unit;
    }

    std::size_t filled(const Row& row) const {
        std::size_t n = 0;
        for (const auto& [c, year] : year_columns_) n += trimmed(row[c].text).empty() ? 0 : 1;
        return n;
    }

    void wide_row(const Row& row) {
        const Cell& key = row[columns_.at(Column::indicator)];
        const auto match = sink_.indicator(trimmed(key.text), at(key, row), filled(row));
        if (!match) return;
        const std::string region = region_of(row);
        const std::string unit = unit_of(row, match->unit);
        for (const auto& [c, year] : year_columns_)
            sink_.text(region, match->id, year, row[c].text, at(row[c], row), unit);
    }

    void long_row(const Row& row) {
        const Cell& key = row[columns_.at(Column::indicator)];
        const Cell& value = row[columns_.at(Column::value)];
        const auto match = sink_.indicator(trimmed(key.text), at(key, row), trimmed(value.text).empty() ? 0 : 1);
        if (!match) return;
        const Cell& year_cell = row[columns_.at(Column::year)];
        const auto year = sink_.year(trimmed(year_cell.text), at(year_cell, row));
        if (!year) return;
        sink_.text(region_of(row), match->id, *year, value.text, at(value, row), unit_of(row, match->unit));
    }
};

}  // namespace

void read_csv_data(const std::string& path, std::string_view bytes, const CsvOptions& options, SourceMap& sources,
                   const std::string& default_region, DataSink& sink, Diagnostics& diags) {
    auto decoded = decode(bytes, options.encoding);
    if (const auto* bad = std::get_if<DecodeError>(&decoded)) {
        // The raw bytes: the line is shown with the unreadable bytes as U+FFFD.
        const FileId file = sources.add(path, std::string(bytes));
        const auto at = static_cast<std::uint32_t>(bad->offset);
        diags.error(
            Span{file, at, at},
            {fmt::format("byte 0x{:02X} cannot be read as {}", static_cast<unsigned char>(bytes[bad->offset]),
                         encoding_name(options.encoding == Encoding::detect ? Encoding::gb18030 : options.encoding)),
             fmt::format("字节 0x{:02X} 无法按 {} 读取", static_cast<unsigned char>(bytes[bad->offset]),
                         encoding_name(options.encoding == Encoding::detect ? Encoding::gb18030 : options.encoding))},
            {"save the file as UTF-8 or GBK, or name its encoding with --encoding",
             "请将文件另存为 UTF-8 或 GBK，或用 --encoding 指明编码"});
        return;
    }
    const FileId file = sources.add(path, std::move(std::get<Decoded>(decoded).text));
    const SourceFile& source = sources.file(file);
    std::optional<CsvError> stopped;
    const std::vector<Row> rows = CsvParser(source.text()).rows(stopped);
    CsvReader(file, source, default_region, sink, diags).read(rows);
    if (stopped) {
        sink.reject(Provenance{path, {}, Span{file, stopped->offset, stopped->offset + 1}, {}}, stopped->message,
                    {"fix the file (e.g. re-export it from Excel as CSV); the rows after this point are not read",
                     "请修正文件（如从 Excel 重新导出为 CSV）；此处之后的行未读取"});
    }
}

}  // namespace dabiao
