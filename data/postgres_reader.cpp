// Values kept in PostgreSQL: `postgresql://…?table=T` (libpq's own parameters, such as host= or
// sslmode=, pass through), a table or view in the long form region, indicator, year, value, each
// column name configurable (`&region=地区&value=数值`). The rows go through the same TableReader
// and DataSink as a CSV's, each column read as text (so "12,500", "85%" and true read as in a
// CSV; NULL is a missing value). A value's provenance is DATABASE!T#KEY: the row's primary key
// (its columns' values joined by ","), or its position where the table has none. Names from the
// command line reach SQL only as bound parameters or escaped identifiers; a password in the URI
// is masked in this reader's messages (reports list the --data arguments as given: keep passwords
// in PGPASSWORD or ~/.pgpass).
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "data/database_uri.hpp"
#include "data/readers.hpp"
#include "data/table.hpp"

namespace dabiao {

namespace {

struct FinishConnection {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct ClearResult {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Connection = std::unique_ptr<PGconn, FinishConnection>;
using Result = std::unique_ptr<PGresult, ClearResult>;

// The URI as messages may show it: a password (user:PASSWORD@, password=…) replaced by ***.
std::string without_password(std::string_view uri) {
    std::string out(uri);
    const std::size_t authority = out.find("://");
    const std::size_t at = out.find('@', authority == std::string::npos ? 0 : authority + 3);
    if (authority != std::string::npos && at != std::string::npos && at < out.find('/', authority + 3)) {
        const std::size_t colon = out.find(':', authority + 3);
        if (colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
    for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
        if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
        const std::size_t end = out.find('&', p);
        out.replace(p + 9, end == std::string::npos ? std::string::npos : end - p - 9, "***");
    }
    return out;
}

// Runs `sql` with text parameters; nullptr (the reason in the connection) when it fails.
Result run(PGconn* db, const std::string& sql, const std::vector<std::string>& parameters = {}) {
    std::vector<const char*> values;
    for (const auto& p : parameters) values.push_back(p.c_str());
    Result r(PQexecParams(db, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) return nullptr;
    return r;
}

std::vector<std::string> first_column(const PGresult* r) {
    std::vector<std::string> out;
    for (int k = 0; r && k < PQntuples(r); ++k) out.emplace_back(PQgetvalue(r, k, 0));
    return out;
}

std::string identifier(PGconn* db, const std::string& name) {
    char* escaped = PQescapeIdentifier(db, name.c_str(), name.size());
    std::string out = escaped ? escaped : "";
    PQfreemem(escaped);
    return out;
}

std::string joined(const std::vector<std::string>& names, std::string_view separator = ", ") {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : std::string(separator)) + n;
    return out;
}

// libpq's reason on one line (it breaks lines and indents them with tabs).
std::string error_of(PGconn* db) {
    const std::string message = db ? PQerrorMessage(db) : "out of memory";
    std::string why;
    for (const char c : message) {
        const bool blank = c == '\n' || c == '\t' || c == ' ';
        if (!blank) why += c;
        else if (!why.empty() && why.back() != ' ') why += ' ';
    }
    if (!why.empty() && why.back() == ' ') why.pop_back();
    return why;
}

}  // namespace

bool is_postgres_source(std::string_view source) {
    return source.starts_with("postgresql://") || source.starts_with("postgres://");
}

void read_postgres(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags) {
    const std::string_view scheme = file.path.starts_with("postgres://") ? "postgres://" : "postgresql://";
    // Errors in the URI name it without its password: the URI as shown is parsed for them first.
    if (!parse_database_uri(without_password(file.path), scheme, diags, true)) return;
    Diagnostics unshown;
    const std::optional<DatabaseSource> source = parse_database_uri(file.path, scheme, unshown, true);
    if (!source) return;
    const std::string& table = source->table;
    const std::string shown = without_password(source->location);
    const Connection db(PQconnectdb(source->location.c_str()));
    if (!db || PQstatus(db.get()) != CONNECTION_OK || PQsetClientEncoding(db.get(), "UTF8") != 0) {
        const std::string why = error_of(db.get());
        diags.error(FileOnly{shown},
                    {fmt::format("cannot connect to the PostgreSQL database {}: {}", shown, why),
                     fmt::format("无法连接 PostgreSQL 数据库 {}：{}", shown, why)},
                    {"check the server, the database name and the user in the URI (libpq's parameters may follow "
                     "?table=…&)",
                     "请检查 URI 中的服务器、数据库名与用户（libpq 的参数可写在 ?table=…& 之后）"});
        return;
    }
    // The database as provenance names it: its host (none for a local socket) and name.
    const std::string host = PQhost(db.get()) ? PQhost(db.get()) : "";
    const std::string database =
        fmt::format("postgresql://{}/{}", host.empty() || host.starts_with('/') ? "" : host, PQdb(db.get()));

    const std::string relation = identifier(db.get(), table);
    const Result found = run(db.get(), "SELECT to_regclass($1)::oid", {relation});
    if (!found || PQgetisnull(found.get(), 0, 0)) {
        const std::vector<std::string> tables = first_column(
            run(db.get(), "SELECT table_name FROM information_schema.tables WHERE table_schema = ANY "
                          "(current_schemas(false)) ORDER BY table_name")
                .get());
        report_missing_table(database, table, tables, diags);
        return;
    }
    const std::string oid = PQgetvalue(found.get(), 0, 0);
    const std::vector<std::string> columns = first_column(
        run(db.get(), "SELECT attname FROM pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped "
                      "ORDER BY attnum",
            {oid})
            .get());
    const std::vector<std::string> key = first_column(
        run(db.get(), "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = "
                      "ANY (i.indkey) WHERE i.indrelid = $1::oid AND i.indisprimary ORDER BY array_position(i.indkey, "
                      "a.attnum)",
            {oid})
            .get());

    const std::optional<SelectedColumns> chosen = select_columns(*source, columns, database, diags);
    if (!chosen) return;
    const std::vector<std::string>& selected = chosen->names;  // in the order of `header`
    const Row& header = chosen->header;

    std::string list;
    for (const auto& name : selected) list += fmt::format(", CAST({} AS TEXT)", identifier(db.get(), name));
    std::vector<std::string> key_columns;
    for (const auto& name : key) key_columns.push_back(fmt::format("CAST({} AS TEXT)", identifier(db.get(), name)));
    // Without a primary key, rows are named by their position (a view's rows, or a heap's).
    const std::string row_key = key.empty() ? "NULL" : joined(key_columns, " || ',' || ");
    const std::string order = key.empty() ? "" : " ORDER BY " + joined(key_columns);
    const Result rows = run(db.get(), "SELECT " + row_key + list + " FROM " + relation + order);
    if (!rows) {
        const std::string why = error_of(db.get());
        diags.error(FileOnly{database}, {fmt::format("cannot read the table '{}' of {}: {}", table, database, why),
                                         fmt::format("无法读取数据库 {} 的表“{}”：{}", database, table, why)});
        return;
    }
    TableReader reader(database, context.default_region, sink, diags);
    reader.row(header);
    for (int r = 0; r < PQntuples(rows.get()); ++r) {
        const std::string place =
            fmt::format("{}#{}", table, key.empty() ? std::to_string(r + 1) : PQgetvalue(rows.get(), r, 0));
        Row row;
        for (std::size_t c = 0; c < selected.size(); ++c) {
            const int column = static_cast<int>(c + 1);
            row.push_back(Cell{PQgetisnull(rows.get(), r, column) ? "" : PQgetvalue(rows.get(), r, column), place});
        }
        reader.row(row);
    }
    reader.finish();
}

}  // namespace dabiao
