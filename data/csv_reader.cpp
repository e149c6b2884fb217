// CSV data, as departments export it from Excel (see docs/data.md): this file only cuts the text
// into cells, each with its line and column; TableReader (data/table.hpp) reads the table.
// Quoted fields, embedded commas and line breaks, CRLF, a UTF-8 byte order mark, tabs as
// separators, and GBK / GB18030 files are read.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "data/readers.hpp"
#include "data/table.hpp"

namespace dabiao {

namespace {

struct CsvError {
    std::uint32_t offset;
    Text message;
};

// RFC 4180 as Excel writes it: fields separated by commas (or tabs), optionally quoted with
// "…" where "" is a quote, quoted fields may hold separators and line breaks; rows end with
// LF or CRLF.
class CsvParser {
public:
    CsvParser(FileId file, std::string_view text) : file_(file), text_(text) { separator_ = detect_separator(); }

    // Gives every row to `table`, up to the end or up to a problem that stops reading, which is
    // returned: the rows before it are still read, so one run reports everything it can.
    std::optional<CsvError> read(TableReader& table) {
        Row row;
        try {
            while (pos_ < text_.size()) {
                next_row(row);
                table.row(row);
            }
        } catch (const CsvError& e) {
            return e;
        }
        return std::nullopt;
    }

private:
    FileId file_;
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

    // A cell's place is its first line: from its start (the opening quote of a quoted field)
    // for as many bytes as its text has there, so that the caret spans the value.
    Cell located(std::string text, std::size_t start) const {
        const std::size_t first_line = std::min(text.find('\n'), text.size());
        const auto begin = static_cast<std::uint32_t>(start);
        return Cell{std::move(text),
                    Span{file_, begin, static_cast<std::uint32_t>(begin + std::max<std::size_t>(first_line, 1))}};
    }

    Cell next_cell() {
        std::string text;
        if (pos_ < text_.size() && text_[pos_] == '"') {
            const std::size_t open = pos_++;
            for (;;) {
                if (pos_ >= text_.size()) {
                    throw CsvError{static_cast<std::uint32_t>(open),
                                   {"this quoted field is never closed", "此带引号的字段没有结束引号"}};
                }
                if (text_[pos_] == '"') {
                    if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                        text += '"';
                        pos_ += 2;
                        continue;
                    }
                    ++pos_;
                    break;
                }
                text += text_[pos_++];
                if (text.size() > kMaxCsvCellBytes) too_long(open);
            }
            while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t') && text_[pos_] != separator_)
                ++pos_;
            if (!at_row_end() && text_[pos_] != separator_) {
                throw CsvError{static_cast<std::uint32_t>(pos_),
                               {"unexpected text after a quoted field", "带引号的字段后面有多余的文字"}};
            }
            return located(std::move(text), open);
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != separator_ && !at_row_end()) ++pos_;
        if (pos_ - start > kMaxCsvCellBytes) too_long(start);
        return located(std::string(text_.substr(start, pos_ - start)), start);
    }

    void next_row(Row& row) {
        row.clear();
        for (;;) {
            row.push_back(next_cell());
            if (pos_ < text_.size() && text_[pos_] == separator_) {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
            if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            return;
        }
    }
};

}  // namespace

bool looks_like_csv(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // a UTF-8 byte order mark
    for (std::size_t pos = 0; pos < bytes.size();) {
        const std::size_t end = std::min(bytes.find('\n', pos), bytes.size());
        const std::string_view line = bytes.substr(pos, end - pos);
        if (line.find_first_not_of(" \r") != std::string_view::npos) {
            return line.find_first_of(",\t") != std::string_view::npos;
        }
        pos = end + 1;
    }
    return false;
}

void read_csv(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags) {
    auto decoded = decode(file.bytes, context.encoding);
    if (const auto* bad = std::get_if<DecodeError>(&decoded)) {
        // The raw bytes: the line is shown with the unreadable bytes as U+FFFD.
        const FileId id = context.sources.add(file.path, std::string(file.bytes));
        const auto at = static_cast<std::uint32_t>(bad->offset);
        const auto byte = static_cast<unsigned char>(file.bytes[bad->offset]);
        const std::string_view encoding =
            encoding_name(context.encoding == Encoding::detect ? Encoding::gb18030 : context.encoding);
        diags.error(Span{id, at, at},
                    {fmt::format("byte 0x{:02X} cannot be read as {}", byte, encoding),
                     fmt::format("字节 0x{:02X} 无法按 {} 读取", byte, encoding)},
                    {"save the file as UTF-8 or GBK, or name its encoding with --encoding",
                     "请将文件另存为 UTF-8 或 GBK，或用 --encoding 指明编码"});
        return;
    }
    const FileId id = context.sources.add(file.path, std::move(std::get<Decoded>(decoded).text));
    TableReader table(file.path, context.default_region, sink, diags);
    const std::optional<CsvError> stopped = CsvParser(id, context.sources.file(id).text()).read(table);
    table.finish();
    if (stopped) {
        sink.reject(Provenance{file.path, {}, Span{id, stopped->offset, stopped->offset + 1}, {}}, stopped->message,
                    {"fix the file (e.g. re-export it from Excel as CSV); the rows after this point are not read",
                     "请修正文件（如从 Excel 重新导出为 CSV）；此处之后的行未读取"});
    }
}

}  // namespace dabiao
