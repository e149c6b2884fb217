// Values kept in a SQLite database: `sqlite:PATH?table=T`, a table (or view) in the long form
// region, indicator, year, value, each column name configurable (`&region=地区&value=数值`).
// The rows go through the same TableReader and DataSink as a CSV's, so values are read with the
// same syntax ("12,500", "85%"; NULL is a missing value). A value's provenance is
// PATH!T#rowid. Names from the command line reach SQL only as bound parameters or as quoted
// identifiers: a table named 'x"; DROP TABLE y; --' is a table of that name, nothing more.
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "data/database_uri.hpp"
#include "data/readers.hpp"
#include "data/table.hpp"

namespace dabiao {

namespace {

struct CloseDatabase {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// "name" with every " doubled: an identifier, whatever it holds.
std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

Statement prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return nullptr;
    return Statement(statement);
}

std::vector<std::string> column_texts(sqlite3* db, const std::string& sql, const std::string& parameter = {}) {
    std::vector<std::string> out;
    const Statement s = prepare(db, sql);
    if (!s) return out;
    if (!parameter.empty()) sqlite3_bind_text(s.get(), 1, parameter.data(), static_cast<int>(parameter.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
        out.emplace_back(text ? text : "");
    }
    return out;
}

// A cell as the table reader reads it: NULL is empty (a missing value), numbers as written.
std::optional<std::string> cell_text(sqlite3_stmt* s, int column) {
    switch (sqlite3_column_type(s, column)) {
        case SQLITE_NULL:
            return std::string();
        case SQLITE_INTEGER:
            return fmt::format("{}", sqlite3_column_int64(s, column));
        case SQLITE_FLOAT:
            return fmt::format("{}", sqlite3_column_double(s, column));
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
            std::string value(text, static_cast<std::size_t>(sqlite3_column_bytes(s, column)));
            if (text::find_invalid_utf8(value)) return std::nullopt;
            return value;
        }
        default:  // a BLOB
            return std::nullopt;
    }
}

}  // namespace

bool is_sqlite_source(std::string_view source) {
    return source.starts_with("sqlite:");
}

void read_sqlite(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags) {
    const std::optional<DatabaseSource> source = parse_database_uri(file.path, "sqlite:", diags);
    if (!source) return;
    const std::string& path = source->location;
    const std::string& table = source->table;
    sqlite3* opened = nullptr;
    const int status = sqlite3_open_v2(path.c_str(), &opened, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    const Database db(opened);
    // Reading a file that is not a database fails only at the first query: ask the schema.
    const std::vector<std::string> tables =
        status == SQLITE_OK
            ? column_texts(db.get(), "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")
            : std::vector<std::string>{};
    if (status != SQLITE_OK || sqlite3_errcode(db.get()) != SQLITE_OK) {
        const std::string why = db ? sqlite3_errmsg(db.get()) : "out of memory";
        diags.error(FileOnly{path},
                    {fmt::format("cannot read the SQLite database {}: {}", path, why),
                     fmt::format("无法读取 SQLite 数据库 {}：{}", path, why)},
                    {"check the path after sqlite: (the file must exist and be a SQLite database)",
                     "请检查 sqlite: 后的路径（文件须存在且为 SQLite 数据库）"});
        return;
    }
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) {
        report_missing_table(path, table, tables, diags);
        return;
    }
    const std::vector<std::string> columns = column_texts(db.get(), "SELECT name FROM pragma_table_info(?)", table);
    const std::optional<SelectedColumns> chosen = select_columns(*source, columns, path, diags);
    if (!chosen) return;
    const std::vector<std::string>& selected = chosen->names;  // in the order of `header`
    const Row& header = chosen->header;

    std::string list;
    for (const auto& name : selected) list += ", " + quoted(name);
    // Views and tables WITHOUT ROWID have no rowid: their rows are named by their position.
    Statement rows = prepare(db.get(), "SELECT rowid" + list + " FROM " + quoted(table));
    const bool has_rowid = rows != nullptr;
    if (!rows) rows = prepare(db.get(), "SELECT NULL" + list + " FROM " + quoted(table));
    if (!rows) {
        const std::string why = sqlite3_errmsg(db.get());
        diags.error(FileOnly{path}, {fmt::format("cannot read the table '{}' of {}: {}", table, path, why),
                                     fmt::format("无法读取数据库 {} 的表“{}”：{}", path, table, why)});
        return;
    }
    TableReader reader(path, context.default_region, sink, diags);
    reader.row(header);
    std::int64_t position = 0;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(rows.get())) == SQLITE_ROW) {
        ++position;
        const std::int64_t key = has_rowid ? sqlite3_column_int64(rows.get(), 0) : position;
        const std::string place = fmt::format("{}#{}", table, key);
        Row row;
        for (std::size_t c = 0; c < selected.size(); ++c) {
            const std::optional<std::string> text = cell_text(rows.get(), static_cast<int>(c + 1));
            if (!text) {
                sink.reject(Provenance{path, place, {}, {}},
                            {fmt::format("the {} column holds binary data or text that is not UTF-8", header[c].text),
                             fmt::format("{}列中是二进制数据或非 UTF-8 文本", header[c].text)},
                            {"store values as numbers or UTF-8 text", "请以数字或 UTF-8 文本存储数值"});
                row.clear();
                break;
            }
            row.push_back(Cell{*text, place});
        }
        if (!row.empty()) reader.row(row);
    }
    if (step != SQLITE_DONE) {
        const std::string why = sqlite3_errmsg(db.get());
        diags.error(FileOnly{path}, {fmt::format("reading the table '{}' of {} stopped: {}", table, path, why),
                                     fmt::format("读取数据库 {} 的表“{}”中断：{}", path, table, why)});
    }
    reader.finish();
}

}  // namespace dabiao
