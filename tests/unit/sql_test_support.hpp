// Helpers of the database tests (sqlite_reader_test, sql_plan_test): SQLite databases built with
// the C API, and the real `dabiao` binary run in a temporary directory.
#pragma once

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dabiao::sqltest {

namespace fs = std::filesystem;

struct Output {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// 'text' for /bin/sh, whatever it holds.
inline std::string shell_quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& tag) {
        static int counter = 0;
        path = fs::temp_directory_path() / ("dabiao-" + tag + "-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    fs::path write(const std::string& name, const std::string& content) const {
        std::ofstream(path / name, std::ios::binary) << content;
        return path / name;
    }
};

// Runs `dabiao ARGS` (already quoted for the shell) in `dir`.
inline Output run_dabiao(const TempDir& dir, const std::string& args) {
    const fs::path out = dir.path / "stdout.txt";
    const fs::path err = dir.path / "stderr.txt";
    const std::string command = "cd " + shell_quoted(dir.path.string()) + " && " + shell_quoted(DABIAO_EXE) + " " +
                                args + " >" + shell_quoted(out.string()) + " 2>" + shell_quoted(err.string());
    const int status = std::system(command.c_str());
    Output r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_all(out);
    r.err = read_all(err);
    return r;
}

// A SQLite database, open for the test; statements fail the test when they fail.
class Sqlite {
public:
    explicit Sqlite(const fs::path& file) {
        REQUIRE(sqlite3_open(file.string().c_str(), &db_) == SQLITE_OK);
    }
    ~Sqlite() { sqlite3_close(db_); }
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
        INFO(sql.substr(0, 2000));
        INFO((error ? error : ""));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    }
    sqlite3* get() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// 'text' as a SQL string literal.
inline std::string sql_literal(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// "name" as a SQL identifier.
inline std::string sql_identifier(const std::string& name) {
    std::string out = "\"";
    for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The PostgreSQL server that scripts/pg-test.sh started: the directory of its socket (DABIAO_PGHOST).
inline std::string pg_host() {
    const char* host = std::getenv("DABIAO_PGHOST");
    REQUIRE(host != nullptr);
    return host;
}

// `postgresql://` naming `table` in that server's database (the user and database from PGUSER and
// PGDATABASE, which pg-test.sh sets).
inline std::string pg_uri(const std::string& table_query) {
    return "postgresql:///" + std::string(std::getenv("PGDATABASE") ? std::getenv("PGDATABASE") : "postgres") +
           "?host=" + pg_host() + "&" + table_query;
}

// Runs the SQL files through psql on that server, in order; its output (-At, fields split by |).
inline std::string psql(const TempDir& dir, const std::vector<std::string>& files, const std::string& query = {}) {
    std::string command = "PGHOST=" + shell_quoted(pg_host()) + " psql -X -q -v ON_ERROR_STOP=1 -At -F '|'";
    for (const std::string& f : files) command += " -f " + shell_quoted((dir.path / f).string());
    if (!query.empty()) command += " -c " + shell_quoted(query);
    command += " >" + shell_quoted((dir.path / "psql.out").string()) + " 2>" +
               shell_quoted((dir.path / "psql.err").string());
    const int status = std::system(command.c_str());
    INFO(read_all(dir.path / "psql.err"));
    REQUIRE(status == 0);
    return read_all(dir.path / "psql.out");
}

// Runs the SQL files, then `query`, in an in-memory DuckDB through scripts/duckdb-run.js (which
// scripts/duckdb-test.sh names in DABIAO_DUCKDB_RUN); the query's rows, fields split by |.
inline std::string duckdb(const TempDir& dir, const std::vector<std::string>& files, const std::string& query) {
    const char* runner = std::getenv("DABIAO_DUCKDB_RUN");
    REQUIRE(runner != nullptr);
    std::string command = "node " + shell_quoted(runner) + " " + shell_quoted(query);
    for (const std::string& f : files) command += " " + shell_quoted((dir.path / f).string());
    command += " >" + shell_quoted((dir.path / "duckdb.out").string()) + " 2>" +
               shell_quoted((dir.path / "duckdb.err").string());
    const int status = std::system(command.c_str());
    INFO(read_all(dir.path / "duckdb.err"));
    REQUIRE(status == 0);
    return read_all(dir.path / "duckdb.out");
}

}  // namespace dabiao::sqltest
