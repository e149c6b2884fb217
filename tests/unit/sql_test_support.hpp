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

}  // namespace dabiao::sqltest
