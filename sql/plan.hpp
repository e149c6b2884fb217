// A checked program compiled to SQL (docs/sql.md): views over a long table of values (region,
// indicator, year, value) that give the verdicts `dabiao check` gives, one row per region and
// target, and the summaries per domain and per lead department. The SQL follows the judge
// (judge/verdicts.cpp) and the evaluator (judge/eval.cpp) step by step: missing stays NULL,
// comparisons are equal within a relative 1e-9, a target is due when its year is not after the
// as-of year (the latest year with data). What has no SQL form is an error naming the rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "check/program.hpp"

namespace dabiao {

enum class SqlDialect { sqlite, postgres, duckdb };

// The dialects by name, as --dialect takes them.
std::optional<SqlDialect> sql_dialect_named(std::string_view name);

struct SqlOptions {
    SqlDialect dialect = SqlDialect::sqlite;
    std::string table = "dabiao_values";  // the long table, and its columns
    std::string region_column = "region";
    std::string indicator_column = "indicator";  // an indicator's identifier (a part: "老年友好.村社")
    std::string year_column = "year";
    std::string value_column = "value";  // a number in the indicator's unit; NULL is missing
    std::optional<int> as_of;  // --as-of: later targets are not due (default: the latest year with data)
};

// The SQL script (DROP VIEW IF EXISTS / CREATE VIEW statements), or nothing when some target
// cannot be translated: each such target is an error in `diags` naming its rule and why.
std::optional<std::string> compile_sql(const Program& program, const SourceMap& sources, const SqlOptions& options,
                                       Diagnostics& diags);

}  // namespace dabiao
