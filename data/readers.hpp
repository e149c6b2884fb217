// Data files: one reader per format, chosen by the file's extension or else by its content
// (docs/data.md). Adding a format is one file (its sniff and read functions, declared below),
// one row in data_readers(), its test and its fuzz target.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/encoding.hpp"
#include "base/source.hpp"
#include "data/data.hpp"

namespace dabiao {

// One data file as given on the command line.
struct DataFile {
    std::string path;        // as diagnostics name the file
    std::string_view bytes;  // its contents, as read (at most kMaxDataFileBytes)
};

// What a reader needs besides the file; the same for every file of a run.
struct ReadContext {
    SourceMap& sources;                    // a text file is registered here, so that diagnostics show its lines
    std::string default_region;            // the region of values whose file names none: the plan's
    Encoding encoding = Encoding::detect;  // of text tables (--encoding)
    std::optional<std::string> sheet = std::nullopt;  // --sheet: the one sheet of a workbook to read (else every sheet)
};

// Text formats never hold control bytes: a file that does (a workbook or a UTF-16 file named
// .csv) is refused before its reader sees it, so that no raw bytes of it reach the terminal.
enum class Content { text, binary };

using ReadFunction = void (*)(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags);

struct DataReader {
    std::string_view name;                     // how messages name the format: "CSV"
    std::vector<std::string_view> extensions;  // lower case, with the dot: ".csv"
    Content content;
    bool (*sniff)(std::string_view bytes);  // whether a file whose extension names no format is in this one
    ReadFunction read;
    // A database named by a URI ("sqlite:PATH?table=T"): no file is read first, `bytes` is empty.
    bool (*names_database)(std::string_view source) = nullptr;
};

// Every format, in the order their sniffs are tried.
const std::vector<DataReader>& data_readers();

// The reader of a file: the one its extension names (in any case), else the first whose sniff
// accepts the contents (for a text format, only text); nullptr when no reader knows the file.
const DataReader* choose_reader(const DataFile& file);

// The offset of the first control byte (other than tab, line and page breaks) in `bytes`, which
// text in UTF-8 or GB18030 never holds.
std::optional<std::size_t> find_binary_byte(std::string_view bytes);

// The reader of a database named by a URI, or nullptr when `source` is a file's path.
const DataReader* database_reader(std::string_view source);

// Reads a file with its reader. A file no reader knows, and binary contents under the name of a
// text format, are errors naming the file and the formats read.
void read_data_file(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags);

// The formats, one file each.
// data/json_reader.cpp: an object or an array (after blanks and a byte order mark).
bool looks_like_json(std::string_view bytes);
void read_json(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags);
// data/csv_reader.cpp: text whose first line that is not blank holds a comma or a tab.
bool looks_like_csv(std::string_view bytes);
void read_csv(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags);
// data/xlsx_reader.cpp: a zip whose parts include xl/workbook.xml; every sheet is a table.
bool looks_like_xlsx(std::string_view bytes);
void read_xlsx(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags);
// data/sqlite_reader.cpp: sqlite:PATH?table=T, the long form (docs/data.md).
bool is_sqlite_source(std::string_view source);
void read_sqlite(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags);
// data/postgres_reader.cpp: postgresql://…?table=T, the long form (docs/data.md).
bool is_postgres_source(std::string_view source);
void read_postgres(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags);

}  // namespace dabiao
