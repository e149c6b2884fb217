// The SQL plan (dabiao sql) against the interpreter (dabiao check), on SQLite: for the bundled
// plan with its example data and for random small plans and data (fixed seeds), the plan's
// verdicts executed in SQLite must equal check's, verdict by verdict: status, actual, target.
// Both read the same values: one SQLite table, which check reads through --data sqlite:….
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <random>
#include <set>

#include "base/units.hpp"
#include "check/check.hpp"
#include "data/readers.hpp"
#include "syntax/loader.hpp"
#include "tests/unit/sql_test_support.hpp"

namespace {

using namespace dabiao::sqltest;
using nlohmann::json;

struct Row {
    std::string region;
    std::string indicator;
    int year = 0;
    std::optional<double> value;  // NULL: missing
    std::string stage;            // a staged indicator's value: its stage's name
};

void write_values(const fs::path& file, const std::vector<Row>& rows) {
    fs::remove(file);
    Sqlite db(file);
    db.exec("CREATE TABLE dabiao_values (region TEXT, indicator TEXT, year INTEGER, value)");
    sqlite3_stmt* insert = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.get(), "INSERT INTO dabiao_values VALUES (?, ?, ?, ?)", -1, &insert, nullptr) ==
            SQLITE_OK);
    for (const Row& r : rows) {
        sqlite3_reset(insert);
        sqlite3_bind_text(insert, 1, r.region.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, r.indicator.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(insert, 3, r.year);
        if (!r.stage.empty()) {
            sqlite3_bind_text(insert, 4, r.stage.c_str(), -1, SQLITE_TRANSIENT);
        } else if (r.value) {
            sqlite3_bind_double(insert, 4, *r.value);
        } else {
            sqlite3_bind_null(insert, 4);
        }
        REQUIRE(sqlite3_step(insert) == SQLITE_DONE);
    }
    sqlite3_finalize(insert);
}

struct SqlVerdict {
    std::string region;
    std::string indicator;
    int year = 0;
    std::string status;
    std::optional<double> actual;
    std::optional<double> target;
};

std::vector<SqlVerdict> run_plan(const fs::path& db_file, const std::string& plan) {
    Sqlite db(db_file);
    db.exec(plan);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.get(),
                               "SELECT region, indicator, year, status, actual, target FROM dabiao_verdicts "
                               "ORDER BY region, target_index",
                               -1, &s, nullptr) == SQLITE_OK);
    std::vector<SqlVerdict> out;
    int step = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        SqlVerdict v;
        v.region = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        v.indicator = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
        v.year = sqlite3_column_int(s, 2);
        v.status = reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
        if (sqlite3_column_type(s, 4) != SQLITE_NULL) v.actual = sqlite3_column_double(s, 4);
        if (sqlite3_column_type(s, 5) != SQLITE_NULL) v.target = sqlite3_column_double(s, 5);
        out.push_back(v);
    }
    INFO(sqlite3_errmsg(db.get()));
    REQUIRE(step == SQLITE_DONE);
    sqlite3_finalize(s);
    return out;
}

// A number of the JSON report (rounded for display by format_number) against the plan's.
void same_number(const json& reported, const std::optional<double>& computed) {
    if (reported.is_null()) {
        CHECK(!computed);
        return;
    }
    if (reported.is_string()) {  // a stage, by its name: the plan has its number
        CHECK(computed);
        return;
    }
    REQUIRE(computed);
    const double shown = std::stod(dabiao::format_number(*computed));
    CHECK(std::abs(shown - reported.get<double>()) <= 1e-9 * std::max(1.0, std::abs(shown)));
}

enum class Engine { sqlite, postgres, duckdb };

const char* dialect_of(Engine engine) {
    return engine == Engine::sqlite ? "sqlite" : engine == Engine::postgres ? "postgres" : "duckdb";
}

// The plan run by another engine: on the PostgreSQL server that scripts/pg-test.sh started
// (through psql), or in an in-memory DuckDB (scripts/duckdb-test.sh: through its Node.js package),
// over the same rows in a table whose value column is text (numbers written exactly, and stage
// names).
std::vector<SqlVerdict> run_plan_elsewhere(const TempDir& dir, const std::vector<Row>& rows, Engine engine) {
    std::string load = engine == Engine::postgres ? "BEGIN;\nDROP TABLE IF EXISTS dabiao_values CASCADE;\n" : "BEGIN;\n";
    load += "CREATE TABLE dabiao_values (region TEXT, indicator TEXT, year INTEGER, value TEXT);\n";
    for (const Row& r : rows) {
        const std::string value = !r.stage.empty() ? sql_literal(r.stage)
                                  : r.value        ? sql_literal(fmt::format("{}", *r.value))
                                                   : "NULL";
        load += fmt::format("INSERT INTO dabiao_values VALUES ({}, {}, {}, {});\n", sql_literal(r.region),
                            sql_literal(r.indicator), r.year, value);
    }
    dir.write("load.sql", load + "COMMIT;\n");
    const std::string query = "SELECT region, indicator, year, status, actual, target FROM dabiao_verdicts "
                              "ORDER BY region, target_index";
    const std::string verdicts = engine == Engine::postgres ? psql(dir, {"load.sql", "plan.sql"}, query)
                                                            : duckdb(dir, {"load.sql", "plan.sql"}, query);
    std::vector<SqlVerdict> out;
    std::istringstream lines(verdicts);
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> f;
        std::size_t start = 0;
        for (std::size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1)
            f.push_back(line.substr(start, bar - start));
        f.push_back(line.substr(start));
        REQUIRE(f.size() == 6);
        SqlVerdict v{f[0], f[1], std::stoi(f[2]), f[3], {}, {}};
        if (!f[4].empty()) v.actual = std::stod(f[4]);
        if (!f[5].empty()) v.target = std::stod(f[5]);
        out.push_back(v);
    }
    return out;
}

// Runs both on the same values and compares every verdict; returns how many were compared. On
// PostgreSQL, check reads the values from the server too (--data postgresql://…).
// `options` go to both (--as-of).
std::size_t compare(const TempDir& dir, const std::string& rules_file, const std::vector<Row>& rows,
                    Engine engine = Engine::sqlite, const std::string& options = {}) {
    write_values(dir.path / "values.db", rows);
    const Output sql =
        run_dabiao(dir, "sql " + shell_quoted(rules_file) + " --dialect " + dialect_of(engine) + " -o plan.sql" + options);
    INFO(sql.err);
    REQUIRE(sql.exit_code == 0);
    const std::vector<SqlVerdict> planned = engine == Engine::sqlite
                                                ? run_plan(dir.path / "values.db", read_all(dir.path / "plan.sql"))
                                                : run_plan_elsewhere(dir, rows, engine);

    const std::string data =
        engine == Engine::postgres ? pg_uri("table=dabiao_values") : "sqlite:values.db?table=dabiao_values";
    const Output check =
        run_dabiao(dir, "check " + shell_quoted(rules_file) + " --format json --data " + shell_quoted(data) + options);
    INFO(check.err);
    REQUIRE((check.exit_code == 0 || check.exit_code == 1));
    const json report = json::parse(check.out);
    std::vector<std::pair<std::string, json>> judged;
    // One region's report is the document itself; several are under "regions".
    const json regions = report.contains("regions") ? report["regions"] : json::array({report});
    for (const json& region : regions)
        for (const json& v : region["verdicts"]) judged.emplace_back(region["region"].get<std::string>(), v);
    std::stable_sort(judged.begin(), judged.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    REQUIRE(planned.size() == judged.size());
    for (std::size_t k = 0; k < planned.size(); ++k) {
        const SqlVerdict& p = planned[k];
        const json& v = judged[k].second;
        INFO("verdict " << k << ": " << v.dump());
        INFO("sql: " << p.region << " " << p.indicator << " " << p.year << " " << p.status);
        CHECK(p.region == judged[k].first);
        CHECK(p.indicator == v["indicator"].get<std::string>());
        CHECK(p.year == v["year"].get<int>());
        CHECK(p.status == v["status"].get<std::string>());
        same_number(v["actual"], p.actual);
        same_number(v["target"], p.target);
    }
    return planned.size();
}

// The values a data file holds, as the judge stored them (for a long table of the same values).
std::vector<Row> values_of(const std::string& rules, const std::string& data) {
    dabiao::SourceMap sources;
    dabiao::Diagnostics diags;
    const auto modules = dabiao::load_program(rules, {}, sources, diags);
    std::vector<const dabiao::ast::Module*> list;
    for (const auto& m : modules) list.push_back(&m);
    const dabiao::Program program = dabiao::check(list, sources, diags);
    REQUIRE(!diags.has_errors());
    dabiao::Dataset dataset;
    dabiao::DataSink sink(program, sources, dataset, diags);
    const std::string bytes = read_all(data);
    dabiao::read_data_file(dabiao::DataFile{data, bytes}, {sources, program.plan.region}, sink, diags);
    REQUIRE(!diags.has_errors());
    std::vector<Row> rows;
    for (const dabiao::RegionData& region : dataset.regions) {
        for (std::size_t id = 0; id < region.values.size(); ++id) {
            const dabiao::Indicator& i = program.indicator(static_cast<dabiao::IndicatorId>(id));
            for (const auto& [year, observation] : region.values[id]) {
                Row row{region.region, i.key, year, observation.value, {}};
                if (i.staged()) row.stage = i.stages.at(static_cast<std::size_t>(observation.value));
                rows.push_back(row);
            }
        }
    }
    return rows;
}

// The rows and a second region's: some values missing, some changed, a hostile name.
std::vector<Row> with_second_region(std::vector<Row> rows) {
    const std::size_t n = rows.size();
    for (std::size_t k = 0; k < n; ++k) {
        Row other = rows[k];
        other.region = "另一区'; --";
        if (k % 7 == 3) other.value.reset();
        if (k % 5 == 1 && other.value) *other.value *= 0.97;
        if (other.stage.empty() || other.value) rows.push_back(other);
    }
    return rows;
}

}  // namespace

TEST_CASE("sql: the bundled plan's verdicts in SQLite equal check's", "[sql]") {
    TempDir dir("sql");
    const std::string rules = std::string(DABIAO_SOURCE_DIR) + "/rules/dongtou.dab";
    std::vector<Row> rows = values_of(rules, std::string(DABIAO_SOURCE_DIR) + "/examples/dongtou-2023-2024.json");
    REQUIRE(rows.size() > 50);
    CHECK(compare(dir, rules, rows) > 100);
    CHECK(compare(dir, rules, with_second_region(rows)) > 200);
}

namespace {

// A random plan: reported indicators with targets of every operator (also around, with and
// without a tolerance), derived indicators (arithmetic, functions of the prelude, earlier years,
// conditions), cumulative targets and every-year targets, over two domains with three leads.
std::string random_rules(std::mt19937& rng, std::vector<std::string>& reported) {
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const auto value = [&] { return 40 + pick(40); };
    std::string rules = "plan \"随机\" { region 甲区  baseline 2022  period 2023..2025 }\n";
    const char* ops[] = {">=", ">", "<=", "<", "=="};
    std::string cells[2];
    for (int k = 0; k < 4; ++k) {
        const std::string name = "指标" + std::to_string(k);
        reported.push_back(name);
        std::string targets;
        for (int year = 2023; year <= 2025; ++year) {
            const int kind = pick(8);
            if (kind < 5) {
                targets += fmt::format("  {}: {} {}", year, ops[kind], value());
            } else if (kind == 5) {
                targets += fmt::format("  {}: {} 左右 ± {}", year, value(), 1 + pick(5));
            } else if (kind == 6) {
                targets += fmt::format("  {}: {} 左右", year, value());
            }
        }
        cells[k % 2] += fmt::format("  indicator {} \"{}名\" unit 个 {}{{ baseline {}{} }}\n", name, name,
                                    pick(2) ? "lower " : "", value(), targets);
    }
    const char* formulas[] = {"指标0 + 指标1",
                              "指标2 - 指标3 * 2",
                              "max(指标0, 指标3)",
                              "min(指标1, 指标2, 指标0)",
                              "prev(指标1)",
                              "指标0[2022] + 指标1",
                              "sum(指标2, 2023, year)",
                              "average(指标3, year - 1, year)",
                              "if 指标0 > 指标1 then 指标0 else 指标1 / 2",
                              "abs(指标2 - 指标3)",
                              "change(指标0, 2022, year)",
                              "指标0 / (指标1 - 指标1)"};
    for (int k = 0; k < 3; ++k) {
        const std::string formula = formulas[pick(static_cast<int>(std::size(formulas)))];
        cells[k % 2] += fmt::format("  indicator 派生{} \"派生{}名\" unit 个 = {} {{ {}: {} {} }}\n", k, k, formula,
                                    2023 + pick(3), ops[pick(5)], value());
    }
    rules += "domain 甲 lead 局一 {\n" + cells[0] + "}\n";
    rules += "domain 乙 lead 局二、局三 {\n" + cells[1] + "}\n";
    // Quoted from the plan's text: targets beside the table's for the same years.
    rules += fmt::format("source \"文中\" {{\n  cumulative 指标{} >= {} by 2025\n", pick(4), 100 + pick(100));
    rules += fmt::format("  指标{} >= {} every year\n}}\n", pick(4), value());
    return rules;
}

std::vector<Row> random_values(std::mt19937& rng, const std::vector<std::string>& reported) {
    std::vector<Row> rows;
    const int last_year = 2023 + static_cast<int>(rng() % 3);  // as of 2023, 2024 or 2025
    for (const char* region : {"甲区", "乙区"}) {
        for (const std::string& name : reported) {
            for (int year = 2022; year <= last_year; ++year) {
                const unsigned roll = rng() % 10;
                if (roll == 0) continue;                                      // no row
                if (roll == 1) rows.push_back({region, name, year, {}, {}});  // NULL
                else rows.push_back({region, name, year, 40.0 + static_cast<double>(rng() % 4000) / 100.0, {}});
            }
        }
    }
    return rows;
}

}  // namespace

TEST_CASE("sql: random plans and data, the same verdicts in SQLite as check's", "[sql]") {
    TempDir dir("sql");
    std::size_t compared = 0;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        std::mt19937 rng(seed);
        std::vector<std::string> reported;
        const std::string rules = random_rules(rng, reported);
        dir.write("rules.dab", rules);
        INFO("seed " << seed << "\n" << rules);
        compared += compare(dir, "rules.dab", random_values(rng, reported));
    }
    CHECK(compared > 200);
}

namespace {

// The bundled plan and the random plans in another engine, which its script provides.
void compare_everything(Engine engine) {
    TempDir dir("sql-other");
    const std::string rules = std::string(DABIAO_SOURCE_DIR) + "/rules/dongtou.dab";
    const std::vector<Row> rows =
        values_of(rules, std::string(DABIAO_SOURCE_DIR) + "/examples/dongtou-2023-2024.json");
    CHECK(compare(dir, rules, with_second_region(rows), engine) > 200);
    std::size_t compared = 0;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        std::mt19937 rng(seed);
        std::vector<std::string> reported;
        const std::string random = random_rules(rng, reported);
        dir.write("rules.dab", random);
        INFO("seed " << seed << "\n" << random);
        compared += compare(dir, "rules.dab", random_values(rng, reported), engine);
    }
    CHECK(compared > 200);
}

}  // namespace

// Run by scripts/pg-test.sh (ctest sql/postgres), which starts the server: hidden otherwise.
TEST_CASE("sql: on PostgreSQL, the bundled plan and random plans give check's verdicts", "[.][postgres]") {
    compare_everything(Engine::postgres);
}

// Run by scripts/duckdb-test.sh (ctest sql/duckdb), which installs DuckDB: hidden otherwise.
TEST_CASE("sql: in DuckDB, the bundled plan and random plans give check's verdicts", "[.][duckdb]") {
    compare_everything(Engine::duckdb);
}

TEST_CASE("sql: --as-of, the same verdicts in SQLite as check's", "[sql]") {
    TempDir dir("sql");
    const std::string rules = std::string(DABIAO_SOURCE_DIR) + "/rules/dongtou.dab";
    const std::vector<Row> rows =
        with_second_region(values_of(rules, std::string(DABIAO_SOURCE_DIR) + "/examples/dongtou-2023-2024.json"));
    for (const int year : {2022, 2023, 2025}) {
        INFO("--as-of " << year);
        CHECK(compare(dir, rules, rows, Engine::sqlite, " --as-of " + std::to_string(year)) > 200);
        CHECK(read_all(dir.path / "plan.sql").find("SELECT " + std::to_string(year) + " AS year") != std::string::npos);
    }
}

TEST_CASE("sql: what has no SQL form is an error naming the rule and why", "[sql]") {
    TempDir dir("sql");
    dir.write("rules.dab", R"(plan "p" { region R  baseline 2022  period 2023..2024 }
indicator a "a" unit 个 { 2023: >= 1 }
indicator b "b" unit 个 = round(a, 1) { 2024: >= 2 }
)");
    const Output r = run_dabiao(dir, "sql rules.dab --lang en");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("rules.dab:3:") != std::string::npos);
    CHECK(r.err.find("the target of 'b' in 2024 cannot be written in SQL: the built-in 'round' has no SQL form") !=
          std::string::npos);
}

TEST_CASE("sql: hostile names in rules and options are quoted", "[sql]") {
    TempDir dir("sql");
    dir.write("rules.dab", R"(plan "p'; DROP TABLE keep; --" { region "R'x"  baseline 2022  period 2023..2024 }
domain "D'); DROP TABLE keep; --" lead "L\"'" {
  indicator a "a'; --" unit 个 { 2023: >= 1 }
}
)");
    {
        Sqlite db(dir.path / "v.db");
        db.exec("CREATE TABLE keep (x); CREATE TABLE \"数值\"\"; DROP TABLE keep; --\" (\"地区'\" TEXT, 指标 TEXT, "
                "\"年\"\"\" INTEGER, 值 REAL)");
        db.exec("INSERT INTO \"数值\"\"; DROP TABLE keep; --\" VALUES ('R''x', 'a''; --', 2023, 2)");
    }
    const Output r = run_dabiao(dir, "sql rules.dab -o plan.sql --table " + shell_quoted("数值\"; DROP TABLE keep; --") +
                                     " --region-column " + shell_quoted("地区'") + " --indicator-column 指标" +
                                     " --year-column " + shell_quoted("年\"") + " --value-column 值");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    Sqlite db(dir.path / "v.db");
    db.exec(read_all(dir.path / "plan.sql"));
    db.exec("SELECT * FROM keep");
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.get(), "SELECT region, status, actual FROM dabiao_verdicts", -1, &s, nullptr) ==
            SQLITE_OK);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "R'x");
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 1))) == "met");
    CHECK(sqlite3_column_double(s, 2) == 2);
    sqlite3_finalize(s);
}
