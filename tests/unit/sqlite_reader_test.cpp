// --data sqlite:PATH?table=T through the real binary: values read with the data files' syntax,
// provenance PATH!T#rowid, errors naming the database and the table, hostile names quoted.
#include <nlohmann/json.hpp>

#include "tests/unit/sql_test_support.hpp"

namespace {

using namespace dabiao::sqltest;
using nlohmann::json;

const std::string kRules = R"(plan "p" { region R  baseline 2022  period 2023..2025 }
domain D lead L {
  indicator rate "rate" unit % { baseline 80  2023: 85  2024: 90  2025: 95 }
  indicator beds "beds" unit 张 { 2023: >= 12000  2024: >= 12500 }
}
)";

json verdict(const json& report, const std::string& indicator, int year) {
    for (const json& v : report["verdicts"])
        if (v["indicator"] == indicator && v["year"] == year) return v;
    FAIL("no verdict for " << indicator << " " << year);
    return {};
}

}  // namespace

TEST_CASE("sqlite: a long table read like a CSV, values with the same syntax, NULL missing", "[sqlite][data]") {
    TempDir dir("sqlite");
    dir.write("rules.dab", kRules);
    // A table name with quotes, a semicolon, SQL and Chinese: quoted, never run.
    const std::string table = "指标 \"数据\"; DROP TABLE keep; --'";
    {
        Sqlite db(dir.path / "figures.db");
        db.exec("CREATE TABLE keep (x); CREATE TABLE " + sql_identifier(table) +
                " (region TEXT, indicator TEXT, year INTEGER, value)");
        db.exec("INSERT INTO " + sql_identifier(table) +
                " VALUES ('R', 'rate', 2023, '85%'), ('R', 'rate', 2024, NULL), ('R', 'beds', 2023, '12,500'),"
                " ('R', 'beds', 2024, 12400.0), ('R', '普惠托位', 2023, 1)");
    }
    const Output r = run_dabiao(dir, "check rules.dab --format json --data " +
                                     shell_quoted("sqlite:figures.db?table=" + table));
    INFO(r.err);
    REQUIRE(r.exit_code == 1);  // 2024 misses and has no data
    const json report = json::parse(r.out);
    CHECK(verdict(report, "rate", 2023)["status"] == "met");
    CHECK(verdict(report, "rate", 2023)["actual"] == 85);
    CHECK(verdict(report, "rate", 2023)["provenance"] == "figures.db!" + table + "#1");
    CHECK(verdict(report, "rate", 2024)["status"] == "no_data");
    CHECK(verdict(report, "beds", 2023)["actual"] == 12500);
    CHECK(verdict(report, "beds", 2024)["status"] == "missed");
    CHECK(verdict(report, "beds", 2024)["provenance"] == "figures.db!" + table + "#4");
    // The unknown key is named with its row, like a CSV's.
    CHECK(r.err.find("figures.db!" + table + "#5") != std::string::npos);
    Sqlite db(dir.path / "figures.db");
    db.exec("SELECT * FROM keep");  // still there
}

TEST_CASE("sqlite: column names given in the URI (Chinese, %-encoded), no region column", "[sqlite][data]") {
    TempDir dir("sqlite");
    dir.write("rules.dab", kRules);
    {
        Sqlite db(dir.path / "f.db");
        db.exec("CREATE TABLE 报表 (指标 TEXT, \"年 份\" INTEGER, 数值 REAL)");
        db.exec("INSERT INTO 报表 VALUES ('rate', 2023, 84.5), ('beds', 2023, 12000)");
    }
    const Output r = run_dabiao(dir, "check rules.dab --format json --data " +
                                     shell_quoted("sqlite:f.db?table=报表&indicator=指标&year=年%20份&value=数值"));
    INFO(r.err);
    REQUIRE(r.exit_code == 1);
    const json report = json::parse(r.out);
    CHECK(report["region"] == "R");  // the plan's
    CHECK(verdict(report, "rate", 2023)["status"] == "missed");
    CHECK(verdict(report, "rate", 2023)["actual"] == 84.5);
    CHECK(verdict(report, "beds", 2023)["status"] == "met");
}

TEST_CASE("sqlite: errors name the database, the table and the column", "[sqlite][data]") {
    TempDir dir("sqlite");
    dir.write("rules.dab", kRules);
    {
        Sqlite db(dir.path / "f.db");
        db.exec("CREATE TABLE figures (region TEXT, indicator TEXT, yr INTEGER, value REAL)");
    }
    dir.write("not-a-db.db", "just text, long enough to be a file that SQLite refuses to read as a database");

    Output r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:f.db?table=figure"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("the database f.db has no table 'figure'") != std::string::npos);
    CHECK(r.err.find("figures") != std::string::npos);  // did you mean

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:f.db?table=figures"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("the table 'figures' of f.db has no column 'year' (the year column)") != std::string::npos);
    CHECK(r.err.find("&year=COLUMN") != std::string::npos);

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:f.db?table=figures&year=yr&region=area"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no column 'area' (the region column)") != std::string::npos);

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:missing.db?table=figures"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot read the SQLite database missing.db") != std::string::npos);
    CHECK(!fs::exists(dir.path / "missing.db"));  // opened read-only: nothing created

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:not-a-db.db?table=figures"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot read the SQLite database not-a-db.db") != std::string::npos);

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:f.db"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("does not say which table") != std::string::npos);

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:f.db?table=figures&colour=red"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown parameter 'colour'") != std::string::npos);
}

TEST_CASE("sqlite: a BLOB value is rejected with its row, never read as a number", "[sqlite][data]") {
    TempDir dir("sqlite");
    dir.write("rules.dab", kRules);
    {
        Sqlite db(dir.path / "f.db");
        db.exec("CREATE TABLE t (region TEXT, indicator TEXT, year INTEGER, value)");
        db.exec("INSERT INTO t VALUES ('R', 'rate', 2023, x'00ff'), ('R', 'rate', 2024, 91)");
    }
    const Output r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted("sqlite:f.db?table=t"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("f.db!t#1") != std::string::npos);
    CHECK(r.err.find("binary data") != std::string::npos);
}
