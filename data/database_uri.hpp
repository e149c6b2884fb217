// A database named on the command line in place of a data file: `sqlite:PATH?table=T` or
// `postgresql://…?table=T`, with the long form's column names optionally given
// (`&region=地区&indicator=指标&year=年份&value=数值`). Query values may be %-encoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "data/table.hpp"

namespace dabiao {

struct DatabaseColumn {
    std::string_view role;  // region, indicator, year, value
    std::string name;       // the column's name in the table
    bool given = false;     // named in the URI (else the default: the role's name)
};

struct DatabaseSource {
    std::string location;  // the database: a path, or a connection URI without dabiao's parameters
    std::string table;
    std::vector<DatabaseColumn> columns;  // region, indicator, year, value
};

// Splits `uri` (which starts with `scheme`); a missing table or an unknown parameter is an error.
// Parameters dabiao does not know are kept in the location when `keep_others` (libpq's own).
std::optional<DatabaseSource> parse_database_uri(std::string_view uri, std::string_view scheme, Diagnostics& diags,
                                                 bool keep_others = false);

// The database has no table `table`: an error naming `database` and listing its `tables`.
void report_missing_table(const std::string& database, const std::string& table, const std::vector<std::string>& tables,
                          Diagnostics& diags);

// The source's columns found among the table's `columns`, in the order of the roles, with the
// table reader's header row for them (a missing region column means the plan's region). Each
// other missing column is an error naming `database`; then nothing is selected.
struct SelectedColumns {
    std::vector<std::string> names;
    Row header;
};
std::optional<SelectedColumns> select_columns(const DatabaseSource& source, const std::vector<std::string>& columns,
                                              const std::string& database, Diagnostics& diags);

}  // namespace dabiao
