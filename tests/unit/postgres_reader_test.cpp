// --data postgresql://…?table=T through the real binary, on the server that scripts/pg-test.sh
// starts (ctest sql/postgres; hidden otherwise): values read with the data files' syntax,
// provenance DATABASE!T#KEY, errors naming the database and the table, hostile names quoted, no
// password in any message.
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

TEST_CASE("postgres: a long table read like a CSV, provenance by primary key, hostile names", "[.][postgres]") {
    TempDir dir("pg-reader");
    dir.write("rules.dab", kRules);
    const std::string table = "指标 \"数据\"; DROP TABLE keep; --'";
    dir.write("load.sql", "DROP TABLE IF EXISTS keep, " + sql_identifier(table) + ";\nCREATE TABLE keep (x int);\n" +
                              "CREATE TABLE " + sql_identifier(table) +
                              " (id int PRIMARY KEY, region text, indicator text, year int, value text);\n"
                              "INSERT INTO " + sql_identifier(table) +
                              " VALUES (11, 'R', 'rate', 2023, '85%'), (12, 'R', 'rate', 2024, NULL), "
                              "(13, 'R', 'beds', 2023, '12,500'), (14, 'R', 'beds', 2024, '12400'), "
                              "(15, 'R', '普惠托位', 2023, '1');\n");
    psql(dir, {"load.sql"});
    const Output r =
        run_dabiao(dir, "check rules.dab --format json --data " + shell_quoted(pg_uri("table=" + table)));
    INFO(r.err);
    REQUIRE(r.exit_code == 1);  // 2024 misses and has no data
    const json report = json::parse(r.out);
    const std::string database = "postgresql:///" + std::string(std::getenv("PGDATABASE"));
    CHECK(verdict(report, "rate", 2023)["status"] == "met");
    CHECK(verdict(report, "rate", 2023)["actual"] == 85);
    CHECK(verdict(report, "rate", 2023)["provenance"] == database + "!" + table + "#11");
    CHECK(verdict(report, "rate", 2024)["status"] == "no_data");
    CHECK(verdict(report, "beds", 2023)["actual"] == 12500);
    CHECK(verdict(report, "beds", 2024)["status"] == "missed");
    CHECK(verdict(report, "beds", 2024)["provenance"] == database + "!" + table + "#14");
    CHECK(r.err.find(database + "!" + table + "#15") != std::string::npos);  // the unknown key, with its row
    psql(dir, {}, "SELECT count(*) FROM keep");                                  // still there
}

TEST_CASE("postgres: column names given in the URI (Chinese, %-encoded), no key, no region column",
          "[.][postgres]") {
    TempDir dir("pg-reader");
    dir.write("rules.dab", kRules);
    dir.write("load.sql", "DROP TABLE IF EXISTS 报表;\nCREATE TABLE 报表 (指标 text, \"年 份\" int, 数值 double precision);\n"
                          "INSERT INTO 报表 VALUES ('rate', 2023, 84.5), ('beds', 2023, 12000);\n");
    psql(dir, {"load.sql"});
    const Output r = run_dabiao(dir, "check rules.dab --format json --data " +
                                     shell_quoted(pg_uri("table=报表&indicator=指标&year=年%20份&value=数值")));
    INFO(r.err);
    REQUIRE(r.exit_code == 1);
    const json report = json::parse(r.out);
    CHECK(report["region"] == "R");  // the plan's
    CHECK(verdict(report, "rate", 2023)["status"] == "missed");
    CHECK(verdict(report, "rate", 2023)["actual"] == 84.5);
    CHECK(verdict(report, "beds", 2023)["status"] == "met");
    CHECK(verdict(report, "beds", 2023)["provenance"].get<std::string>().ends_with("!报表#2"));  // by position
}

TEST_CASE("postgres: errors name the database, the table and the column, never the password", "[.][postgres]") {
    TempDir dir("pg-reader");
    dir.write("rules.dab", kRules);
    dir.write("load.sql", "DROP TABLE IF EXISTS figures;\nCREATE TABLE figures (region text, indicator text, yr int, "
                          "value text);\n");
    psql(dir, {"load.sql"});

    Output r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted(pg_uri("table=figure")));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("has no table 'figure'") != std::string::npos);
    CHECK(r.err.find("figures") != std::string::npos);  // did you mean

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted(pg_uri("table=figures")));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("the table 'figures' of postgresql:///") != std::string::npos);
    CHECK(r.err.find("has no column 'year' (the year column)") != std::string::npos);

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted(pg_uri("table=figures&year=yr&region=area")));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no column 'area' (the region column)") != std::string::npos);

    r = run_dabiao(dir, "check rules.dab --lang en --data " +
                            shell_quoted("postgresql://someone:s3cret@/nodb?host=" + (dir.path / "none").string() +
                                         "&table=figures&password=an0ther"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot connect to the PostgreSQL database postgresql://someone:***@/nodb") != std::string::npos);
    CHECK(r.err.find("s3cret") == std::string::npos);
    CHECK(r.err.find("an0ther") == std::string::npos);

    r = run_dabiao(dir, "check rules.dab --lang en --data " + shell_quoted(pg_uri("")));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("does not say which table") != std::string::npos);
}
