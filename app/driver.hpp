// The commands, each reading top to bottom like the pipeline:
// parse → check → load data → evaluate → report.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/encoding.hpp"
#include "sql/plan.hpp"
#include "syntax/loader.hpp"

namespace dabiao {

// Documented in README.md and docs/cli.md.
enum ExitCode : int {
    kAllMet = 0,         // every due target met (or, without data, the rules are valid)
    kSomeNotMet = 1,     // some due target missed or has no data
    kBadInput = 2,       // unusable rules, data or arguments: see the diagnostics
    kInternalError = 3,  // a bug in dabiao
};

struct OutputOptions {
    std::string format = "text";  // a row of output_formats(); explain and failed runs know text and json
    Lang lang = Lang::zh;
    bool color_out = false;                  // colour on stdout (a terminal)
    bool color_err = false;                  // colour on stderr
    std::optional<std::string> output_file;  // -o: written atomically
};

struct CheckOptions {
    std::string rules;
    std::vector<std::string> data;         // .csv / .tsv files are CSV, anything else JSON
    Encoding encoding = Encoding::detect;  // of CSV files
    std::optional<std::string> sheet = std::nullopt;  // --sheet: read only this sheet of each workbook
    bool strict = false;                   // unknown, out-of-period, duplicate or ignored values are errors
    std::optional<int> as_of;
    bool hide_not_due = false;
    LoadOptions load;
    OutputOptions output;
    bool explain = false;                          // --explain: each verdict's trace in the HTML report
    std::string output_encoding = "utf-8";         // --output-encoding of the CSV report: utf-8, gbk, gb18030
    std::optional<std::size_t> max_memory;         // --max-memory: bytes the data may take (default: DataSink's)
};

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct ExplainOptions {
    CheckOptions check;     // rules, data, as-of, output
    std::string indicator;  // identifier, display name or part
    int year = 0;
    std::optional<std::string> region;
};

// Explains the verdict of the target(s) of one indicator in one year.
int run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& err);

struct TemplateOptions {
    std::string rules;
    std::string format = "xlsx";  // xlsx (needs -o) or csv
    std::string by = "lead";      // --by lead|domain|one: the sheets
    std::string regions;          // --regions 洞头区,玉环市 (also ，or 、): a 地区 column
    LoadOptions load;
    OutputOptions output;  // output_file: -o
};

// Writes the fill-in template of the rules' indicators (report/template.hpp).
int run_template(const TemplateOptions& options, std::ostream& out, std::ostream& err);

struct SqlCommandOptions {
    std::string rules;
    std::string dialect = "sqlite";  // sqlite, postgres or duckdb
    SqlOptions sql;                  // the table and its columns
    LoadOptions load;
    OutputOptions output;  // output_file: -o
};

// Writes the SQL plan of the rules (sql/plan.hpp, docs/sql.md).
int run_sql(const SqlCommandOptions& options, std::ostream& out, std::ostream& err);

// Prints the AST of one file (no prelude, no imports): the grammar's view, used by tests.
int run_ast(const std::string& rules, const OutputOptions& output, std::ostream& out, std::ostream& err);

}  // namespace dabiao
