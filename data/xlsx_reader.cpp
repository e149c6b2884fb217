// Excel workbooks (.xlsx, .xlsm), read directly (see docs/data.md): a zip (libzip) of XML parts
// (expat). This file only turns each sheet into rows of cells placed as Excel names them
// ("卫健局!D7"); TableReader (data/table.hpp) reads each sheet's table as it reads a CSV's.
// Shared and inline strings, numbers, booleans, dates, percentages shown as %, formulas' saved
// values and merged cells are read. Hostile files meet limits (data/data.hpp: kMaxXlsx*): entry
// count, decompressed size, XML depth, no DTD (so no entity expansion), shared-string count.
#include <expat.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "data/readers.hpp"
#include "base/suggest.hpp"
#include "data/table.hpp"

namespace dabiao {

namespace {

// A problem that stops reading the workbook (or one part of it): where, and what.
struct XlsxError {
    std::string where;  // a part ("xl/sharedStrings.xml:3:17") or empty for the whole file
    Text message;
    Text hint;
};

const Text kResaveHint{"open the file in Excel (or WPS) and save it again as .xlsx, or save the sheet as CSV",
                       "请用 Excel（或 WPS）打开并重新保存为 .xlsx，或将工作表另存为 CSV"};

// ---------------------------------------------------------------- zip

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

class Archive {
public:
    explicit Archive(std::string_view bytes) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source) {
            zip_.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
            if (!zip_) zip_source_free(source);
        }
        if (!zip_) {
            const std::string reason = zip_error_strerror(&error);
            zip_error_fini(&error);
            throw XlsxError{"",
                            {fmt::format("this is not a readable workbook: the zip archive cannot be opened ({})", reason),
                             fmt::format("这不是可读取的工作簿：无法打开其 zip 压缩包（{}）", reason)},
                            kResaveHint};
        }
        zip_error_fini(&error);
        const zip_int64_t entries = zip_get_num_entries(zip_.get(), 0);
        if (entries < 0 || static_cast<std::uint64_t>(entries) > kMaxXlsxEntries) {
            throw XlsxError{"",
                            {fmt::format("the workbook holds {} parts, more than the {} a workbook may have", entries,
                                         kMaxXlsxEntries),
                             fmt::format("工作簿包含 {} 个部件，超过上限 {}", entries, kMaxXlsxEntries)},
                            kResaveHint};
        }
    }

    bool has(const std::string& name) const { return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0; }

    // Gives the decompressed bytes of a part to `sink` in chunks; the whole workbook's
    // decompressed bytes are bounded (a zip bomb stops at the limit, whatever its headers say).
    template <class Sink>
    void read(const std::string& name, Sink&& sink) {
        const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
        if (index < 0) {
            throw XlsxError{"",
                            {fmt::format("the workbook has no part {}", name), fmt::format("工作簿缺少部件 {}", name)},
                            kResaveHint};
        }
        std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
        if (!file) throw unreadable(name, zip_strerror(zip_.get()));
        char buffer[64 * 1024];
        for (;;) {
            const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
            if (n < 0) throw unreadable(name, zip_file_strerror(file.get()));
            if (n == 0) break;
            inflated_ += static_cast<std::size_t>(n);
            if (inflated_ > kMaxXlsxInflatedBytes) {
                throw XlsxError{name,
                                {fmt::format("the workbook decompresses to more than {} MiB; it is not a data table "
                                             "(or a zip bomb)",
                                             kMaxXlsxInflatedBytes / (1024 * 1024)),
                                 fmt::format("工作簿解压后超过 {} MiB，不是数据表（或是 zip 炸弹）",
                                             kMaxXlsxInflatedBytes / (1024 * 1024))},
                                {"split the workbook, or save the sheet with the data as CSV",
                                 "请拆分工作簿，或将数据所在的工作表另存为 CSV"}};
            }
            sink(std::string_view(buffer, static_cast<std::size_t>(n)));
        }
    }

private:
    std::unique_ptr<zip_t, ZipCloser> zip_;
    std::size_t inflated_ = 0;

    static XlsxError unreadable(const std::string& name, const char* reason) {
        return XlsxError{name,
                         {fmt::format("this part of the workbook cannot be decompressed ({})", reason),
                          fmt::format("工作簿的此部件无法解压（{}）", reason)},
                         kResaveHint};
    }
};

// ---------------------------------------------------------------- XML

// One element as the handlers see it: its local name (prefix dropped) and attributes.
struct Element {
    std::string_view name;
    const XML_Char** attributes;

    std::optional<std::string_view> attribute(std::string_view wanted) const {
        for (const XML_Char** a = attributes; *a; a += 2) {
            std::string_view key = a[0];
            if (const auto colon = key.rfind(':'); colon != std::string_view::npos && wanted.find(':') == std::string_view::npos)
                key.remove_prefix(colon + 1);
            if (key == wanted) return std::string_view(a[1]);
        }
        return std::nullopt;
    }
};

std::string_view local_name(const XML_Char* name) {
    std::string_view n = name;
    if (const auto colon = n.rfind(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
    return n;
}

// Parses one part with expat: no DTD (hence no entities to expand), nesting bounded, errors
// located as part:line:column. `Handler` has start(Element, depth), end(name, depth), text(sv).
template <class Handler>
void parse_part(Archive& archive, const std::string& part, Handler& handler) {
    struct State {
        Handler& handler;
        XML_Parser parser;
        std::size_t depth = 0;
        std::optional<Text> stopped;
    };
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                                          &XML_ParserFree);
    if (!parser) throw std::bad_alloc();
    State state{handler, parser.get(), 0, std::nullopt};
    XML_SetUserData(parser.get(), &state);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(parser.get(), [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto& s = *static_cast<State*>(data);
        s.stopped = Text{"a document type declaration (DTD), which workbooks never hold: entities are not expanded",
                         "含有文档类型声明（DTD），工作簿中不会出现：不展开实体"};
        XML_StopParser(s.parser, XML_FALSE);
    });
    XML_SetElementHandler(
        parser.get(),
        [](void* data, const XML_Char* name, const XML_Char** attributes) {
            auto& s = *static_cast<State*>(data);
            if (s.stopped) return;
            if (++s.depth > kMaxXmlDepth) {
                s.stopped = Text{fmt::format("XML nested deeper than {} levels", kMaxXmlDepth),
                                 fmt::format("XML 嵌套超过 {} 层", kMaxXmlDepth)};
                XML_StopParser(s.parser, XML_FALSE);
                return;
            }
            try {
                s.handler.start(Element{local_name(name), attributes}, s.depth);
            } catch (const Text& message) {
                s.stopped = message;
                XML_StopParser(s.parser, XML_FALSE);
            }
        },
        [](void* data, const XML_Char* name) {
            auto& s = *static_cast<State*>(data);
            if (s.stopped) return;
            try {
                s.handler.end(local_name(name), s.depth);
            } catch (const Text& message) {
                s.stopped = message;
                XML_StopParser(s.parser, XML_FALSE);
            }
            --s.depth;
        });
    XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int size) {
        auto& s = *static_cast<State*>(data);
        if (s.stopped) return;
        try {
            s.handler.text(std::string_view(text, static_cast<std::size_t>(size)));
        } catch (const Text& message) {
            s.stopped = message;
            XML_StopParser(s.parser, XML_FALSE);
        }
    });
    const auto fail = [&](Text message) {
        const auto line = XML_GetCurrentLineNumber(parser.get());
        const auto column = XML_GetCurrentColumnNumber(parser.get()) + 1;
        throw XlsxError{fmt::format("{}:{}:{}", part, line, column), std::move(message), kResaveHint};
    };
    const auto feed = [&](std::string_view chunk, bool last) {
        if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), last ? XML_TRUE : XML_FALSE) ==
            XML_STATUS_OK)
            return;
        if (state.stopped) fail(*state.stopped);
        const std::string reason = XML_ErrorString(XML_GetErrorCode(parser.get()));
        fail({fmt::format("broken XML: {}", reason), fmt::format("XML 格式错误：{}", reason)});
    };
    archive.read(part, [&](std::string_view chunk) { feed(chunk, false); });
    feed({}, true);
}

// ---------------------------------------------------------------- parts

struct SheetRef {
    std::string name;
    std::string rel_id;
    std::string part;
};

struct WorkbookHandler {
    std::vector<SheetRef> sheets;
    bool date1904 = false;
    void start(const Element& e, std::size_t) {
        if (e.name == "sheet") {
            sheets.push_back({std::string(e.attribute("name").value_or("")), std::string(e.attribute("r:id").value_or(
                                                                                  e.attribute("id").value_or(""))),
                              ""});
        } else if (e.name == "workbookPr") {
            const auto v = e.attribute("date1904");
            date1904 = v && (*v == "1" || *v == "true");
        }
    }
    void end(std::string_view, std::size_t) {}
    void text(std::string_view) {}
};

struct RelsHandler {
    std::map<std::string, std::string> targets;
    void start(const Element& e, std::size_t) {
        if (e.name == "Relationship")
            targets[std::string(e.attribute("Id").value_or(""))] = std::string(e.attribute("Target").value_or(""));
    }
    void end(std::string_view, std::size_t) {}
    void text(std::string_view) {}
};

// How a style shows a number: as a percentage, a date, or as it is.
enum class Shown { plain, percent, date };

struct StylesHandler {
    std::map<int, std::string> custom;  // numFmtId → formatCode
    std::vector<int> formats;           // by style index: numFmtId
    bool in_cell_xfs = false;
    void start(const Element& e, std::size_t) {
        if (e.name == "numFmt") {
            custom[std::atoi(std::string(e.attribute("numFmtId").value_or("0")).c_str())] =
                std::string(e.attribute("formatCode").value_or(""));
        } else if (e.name == "cellXfs") {
            in_cell_xfs = true;
        } else if (e.name == "xf" && in_cell_xfs) {
            if (formats.size() >= kMaxXlsxStyles) throw Text{"too many cell styles", "单元格样式过多"};
            formats.push_back(std::atoi(std::string(e.attribute("numFmtId").value_or("0")).c_str()));
        }
    }
    void end(std::string_view name, std::size_t) {
        if (name == "cellXfs") in_cell_xfs = false;
    }
    void text(std::string_view) {}

    Shown shown(std::size_t style) const {
        if (style >= formats.size()) return Shown::plain;
        const int id = formats[style];
        if (id == 9 || id == 10) return Shown::percent;
        if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return Shown::date;
        const auto it = custom.find(id);
        if (it == custom.end()) return Shown::plain;
        // The format code outside quoted literals and [colour] brackets.
        bool quoted = false, bracket = false, date = false;
        for (const char c : it->second) {
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '[') bracket = true;
            if (c == ']') bracket = false;
            if (bracket) continue;
            if (c == '%') return Shown::percent;
            if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') date = true;
        }
        return date ? Shown::date : Shown::plain;
    }
};

struct SharedStringsHandler {
    std::vector<std::string> strings;
    std::string current;
    bool in_t = false;
    bool in_phonetic = false;
    std::size_t bytes = 0;
    void start(const Element& e, std::size_t) {
        if (e.name == "si") {
            if (strings.size() >= kMaxXlsxSharedStrings) {
                throw Text{fmt::format("more than {} shared strings", kMaxXlsxSharedStrings),
                           fmt::format("共享字符串超过 {} 个", kMaxXlsxSharedStrings)};
            }
            current.clear();
        } else if (e.name == "t") {
            in_t = true;
        } else if (e.name == "rPh") {
            in_phonetic = true;
        }
    }
    void end(std::string_view name, std::size_t) {
        if (name == "si") strings.push_back(std::move(current));
        if (name == "t") in_t = false;
        if (name == "rPh") in_phonetic = false;
    }
    void text(std::string_view s) {
        if (!in_t || in_phonetic) return;
        if (current.size() + s.size() > kMaxCsvCellBytes)
            throw Text{fmt::format("a string longer than {} KiB", kMaxCsvCellBytes / 1024),
                       fmt::format("字符串超过 {} KiB", kMaxCsvCellBytes / 1024)};
        current += s;
    }
};

// "D7" → {row 7, column 4} (1-based); nullopt for anything else.
std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_ref(std::string_view ref) {
    std::uint32_t column = 0, row = 0;
    std::size_t i = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) column = column * 26 + (ref[i++] - 'A' + 1);
    const std::size_t digits = i;
    while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits < 7) row = row * 10 + (ref[i++] - '0');
    if (i != ref.size() || digits == 0 || i == digits || row == 0 || row > kMaxXlsxRows || column > kMaxXlsxColumns)
        return std::nullopt;
    return std::pair{row, column};
}

std::string column_name(std::uint32_t column) {
    std::string name;
    for (; column > 0; column = (column - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
    return name;
}

// A number as the rules' syntax reads it: no exponent, no trailing zeros.
std::string plain_number(double value) {
    if (!std::isfinite(value)) return "#NUM!";
    std::string s = fmt::format("{:.15g}", value);
    if (s.find('e') == std::string::npos) return s;
    s = fmt::format("{:.{}f}", value, std::abs(value) < 1 ? 20 : 6);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// An Excel date serial as 2023-05-01.
std::string date_text(double serial, bool date1904) {
    long days = static_cast<long>(std::floor(serial)) + (date1904 ? 1462 : 0);
    if (days < 1 || days > 2958465) return plain_number(serial);
    if (days > 59) --days;  // Excel's 1900-02-29, which never was
    // Days since 1899-12-31 → civil date (Howard Hinnant's algorithm, from 1970-01-01).
    long z = days - 25568 + 719468 - 1;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

// The cells of one sheet, kept sparse by row, then given to a TableReader row by row.
struct SheetHandler {
    SheetHandler(const std::vector<std::string>& strings, const StylesHandler& style_table, bool in_1904)
        : shared(strings), styles(style_table), date1904(in_1904) {}
    const std::vector<std::string>& shared;
    const StylesHandler& styles;
    bool date1904;
    std::map<std::uint32_t, std::map<std::uint32_t, std::string>> cells;  // row → column → text
    std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, std::pair<std::uint32_t, std::uint32_t>>> merges;
    std::vector<std::string> unsaved_formulas;  // cells with a formula but no saved value
    std::size_t count = 0;
    bool has_number = false;  // a sheet of text only (说明) may hold no table

    // The cell being read.
    std::uint32_t row = 0, column = 0, next_row = 1, next_column = 1;
    std::string type;
    std::size_t style = 0;
    std::string value;
    bool has_value = false, has_formula = false, in_value = false, in_inline = false;

    void start(const Element& e, std::size_t) {
        if (e.name == "row") {
            if (const auto r = e.attribute("r")) {
                const long n = std::atol(std::string(*r).c_str());
                if (n < 1 || n > static_cast<long>(kMaxXlsxRows))
                    throw Text{fmt::format("a row number out of range: {}", *r), fmt::format("行号超出范围：{}", *r)};
                next_row = static_cast<std::uint32_t>(n);
            }
            row = next_row++;
            next_column = 1;
        } else if (e.name == "c") {
            if (const auto r = e.attribute("r")) {
                const auto at = parse_ref(*r);
                if (!at) throw Text{fmt::format("a cell reference that is not one: {}", *r),
                                    fmt::format("无效的单元格引用：{}", *r)};
                row = at->first;
                column = at->second;
            } else {
                column = next_column;
            }
            if (column > kMaxXlsxColumns) throw Text{"more columns than Excel has", "列数超过 Excel 的上限"};
            next_column = column + 1;
            type = std::string(e.attribute("t").value_or("n"));
            style = static_cast<std::size_t>(std::atol(std::string(e.attribute("s").value_or("0")).c_str()));
            value.clear();
            has_value = has_formula = false;
        } else if (e.name == "v" || (e.name == "t" && in_inline)) {
            in_value = true;
            has_value = true;
        } else if (e.name == "is") {
            in_inline = true;
        } else if (e.name == "f") {
            has_formula = true;
        } else if (e.name == "mergeCell") {
            const std::string ref(e.attribute("ref").value_or(""));
            const auto colon = ref.find(':');
            const auto from = parse_ref(std::string_view(ref).substr(0, colon));
            const auto to = colon == std::string::npos ? from : parse_ref(std::string_view(ref).substr(colon + 1));
            if (!from || !to) throw Text{fmt::format("a merged range that is not one: {}", ref),
                                         fmt::format("无效的合并区域：{}", ref)};
            if (merges.size() >= kMaxXlsxMerges) throw Text{"too many merged ranges", "合并区域过多"};
            merges.push_back({*from, *to});
        }
    }

    void end(std::string_view name, std::size_t) {
        if (name == "v" || name == "t") in_value = false;
        if (name == "is") in_inline = false;
        if (name != "c") return;
        if (!has_value) {
            if (has_formula) unsaved_formulas.push_back(column_name(column) + std::to_string(row));
            return;
        }
        std::string text;
        if (type == "s") {
            const long index = std::atol(value.c_str());
            if (index < 0 || static_cast<std::size_t>(index) >= shared.size())
                throw Text{fmt::format("a shared string that does not exist: {}", value),
                           fmt::format("共享字符串不存在：{}", value)};
            text = shared[static_cast<std::size_t>(index)];
        } else if (type == "b") {
            text = value == "1" ? "是" : "否";
        } else if (type == "n") {
            has_number = true;
            char* end_ptr = nullptr;
            const double number = std::strtod(value.c_str(), &end_ptr);
            if (value.empty() || *end_ptr != '\0') {
                text = value;  // reported as unreadable by the sink, with its cell
            } else {
                switch (styles.shown(style)) {
                    case Shown::percent: text = plain_number(number * 100) + "%"; break;
                    case Shown::date: text = date_text(number, date1904); break;
                    case Shown::plain: text = plain_number(number); break;
                }
            }
        } else {
            text = value;  // str, inlineStr, e (#DIV/0!: reported as unreadable), d (ISO dates)
        }
        if (++count > kMaxXlsxCells)
            throw Text{fmt::format("more than {} cells in a sheet", kMaxXlsxCells),
                       fmt::format("工作表的单元格超过 {} 个", kMaxXlsxCells)};
        cells[row][column] = std::move(text);
    }

    void text(std::string_view s) {
        if (!in_value) return;
        if (value.size() + s.size() > kMaxCsvCellBytes)
            throw Text{fmt::format("a cell longer than {} KiB", kMaxCsvCellBytes / 1024),
                       fmt::format("单元格超过 {} KiB", kMaxCsvCellBytes / 1024)};
        value += s;
    }
};

// "worksheets/sheet1.xml" (relative to xl/) or "/xl/worksheets/sheet1.xml" → the part's name.
std::string part_of(std::string_view target) {
    if (target.starts_with("/")) return std::string(target.substr(1));
    std::string part = "xl/" + std::string(target);
    // "../" in a target: drop it with the folder before it.
    for (std::size_t at; (at = part.find("/../")) != std::string::npos;) {
        const std::size_t folder = part.rfind('/', at == 0 ? 0 : at - 1);
        part.erase(folder == std::string::npos ? 0 : folder + 1, at + 4 - (folder == std::string::npos ? 0 : folder + 1));
    }
    return part;
}

void read_sheet(Archive& archive, const SheetRef& sheet, const std::vector<std::string>& shared,
                const StylesHandler& styles, bool date1904, const DataFile& file, const ReadContext& context,
                DataSink& sink, Diagnostics& diags) {
    SheetHandler handler(shared, styles, date1904);
    parse_part(archive, sheet.part, handler);

    // A merged range reads as its top-left cell's value in every cell it covers.
    for (const auto& [from, to] : handler.merges) {
        const auto row_it = handler.cells.find(from.first);
        if (row_it == handler.cells.end()) continue;
        const auto cell_it = row_it->second.find(from.second);
        if (cell_it == row_it->second.end()) continue;
        const std::string text = cell_it->second;
        const std::uint64_t area = std::uint64_t(to.first - std::min(from.first, to.first) + 1) *
                                   (to.second - std::min(from.second, to.second) + 1);
        if (handler.count + area > kMaxXlsxCells)
            throw XlsxError{sheet.part,
                            {fmt::format("merged ranges covering more than {} cells", kMaxXlsxCells),
                             fmt::format("合并区域覆盖的单元格超过 {} 个", kMaxXlsxCells)},
                            kResaveHint};
        handler.count += area;
        for (std::uint32_t r = from.first; r <= to.first; ++r)
            for (std::uint32_t c = from.second; c <= to.second; ++c) handler.cells[r].emplace(c, text);
    }

    std::uint32_t width = 0;
    for (const auto& [r, row] : handler.cells)
        if (!row.empty()) width = std::max(width, row.rbegin()->first);
    if (std::uint64_t(width) * handler.cells.size() > kMaxXlsxCells * 4) {
        throw XlsxError{sheet.part,
                        {fmt::format("sheet {} spans {} columns by {} rows, too large a table", sheet.name, width,
                                     handler.cells.size()),
                         fmt::format("工作表 {} 有 {} 列 × {} 行，表格过大", sheet.name, width, handler.cells.size())},
                        {"delete the stray cells far to the right, or save the data as CSV",
                         "请删除远处右侧的零散单元格，或将数据另存为 CSV"}};
    }
    for (const std::string& cell : handler.unsaved_formulas) {
        sink.reject(Provenance{file.path, sheet.name + "!" + cell, {}, {}},
                    {"this cell holds a formula whose value was never saved", "此单元格的公式没有保存计算结果"},
                    {"open the workbook in Excel and save it, so that formulas' values are saved with it",
                     "请用 Excel 打开工作簿并保存，使公式的计算结果随文件保存"});
    }

    if (handler.cells.empty()) return;  // an empty sheet (Sheet2, Sheet3 of a new workbook) holds no table
    TableReader table(file.path, context.default_region, sink, diags);
    Row row;
    for (const auto& [r, cells] : handler.cells) {
        row.clear();
        for (std::uint32_t c = 1; c <= width; ++c) {
            const auto it = cells.find(c);
            row.push_back(Cell{it == cells.end() ? std::string() : it->second,
                               sheet.name + "!" + column_name(c) + std::to_string(r)});
        }
        table.row(row);
    }
    table.finish(!handler.has_number);
}

void read_workbook(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags) {
    Archive archive(file.bytes);

    WorkbookHandler workbook;
    parse_part(archive, "xl/workbook.xml", workbook);
    RelsHandler rels;
    if (archive.has("xl/_rels/workbook.xml.rels")) parse_part(archive, "xl/_rels/workbook.xml.rels", rels);
    std::vector<std::string> shared;
    if (archive.has("xl/sharedStrings.xml")) {
        SharedStringsHandler handler;
        parse_part(archive, "xl/sharedStrings.xml", handler);
        shared = std::move(handler.strings);
    }
    StylesHandler styles;
    if (archive.has("xl/styles.xml")) parse_part(archive, "xl/styles.xml", styles);

    if (workbook.sheets.empty()) {
        throw XlsxError{"xl/workbook.xml", {"the workbook has no sheets", "工作簿中没有工作表"}, kResaveHint};
    }
    for (SheetRef& sheet : workbook.sheets) {
        const auto it = rels.targets.find(sheet.rel_id);
        sheet.part = it == rels.targets.end() ? "" : part_of(it->second);
        if (sheet.part.empty() || !archive.has(sheet.part)) {
            throw XlsxError{"xl/workbook.xml",
                            {fmt::format("the part of sheet {} is missing", sheet.name),
                             fmt::format("工作表 {} 的部件缺失", sheet.name)},
                            kResaveHint};
        }
    }
    if (context.sheet) {
        std::vector<std::string> names;
        for (const SheetRef& sheet : workbook.sheets) names.push_back(sheet.name);
        if (std::find(names.begin(), names.end(), *context.sheet) == names.end()) {
            const std::string list = fmt::format("{}", fmt::join(names, ", "));
            const std::string zh_list = fmt::format("{}", fmt::join(names, "、"));
            throw XlsxError{"",
                            {fmt::format("the workbook has no sheet named {} (its sheets: {})", *context.sheet, list),
                             fmt::format("工作簿中没有名为 {} 的工作表（现有工作表：{}）", *context.sheet, zh_list)},
                            suggest(*context.sheet, names,
                                    {"name one of its sheets with --sheet", "请用 --sheet 指定其中一张工作表"})};
        }
    }
    for (const SheetRef& sheet : workbook.sheets)
        if (!context.sheet || sheet.name == *context.sheet)
            read_sheet(archive, sheet, shared, styles, workbook.date1904, file, context, sink, diags);
}

}  // namespace

bool looks_like_xlsx(std::string_view bytes) {
    return bytes.starts_with("PK\x03\x04") && bytes.find("xl/workbook.xml") != std::string_view::npos;
}

void read_xlsx(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags) {
    try {
        read_workbook(file, context, sink, diags);
    } catch (const XlsxError& e) {
        const Location where = e.where.empty() ? Location(FileOnly{file.path}) : Location(DataPointer{file.path, e.where});
        diags.error(where, e.message, e.hint);
    }
}

}  // namespace dabiao
