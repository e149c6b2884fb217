// The command line as automation uses it: exit codes, limits on hostile input, and the
// atomic -o write. Every test runs the real `dabiao` binary.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A fresh directory per test, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("dabiao-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path write(const std::string& name, const std::string& content) const {
        std::ofstream(path / name, std::ios::binary) << content;
        return path / name;
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

// Runs `dabiao ARGS` through the shell; `prefix` may set limits first (e.g. "ulimit -f 4;").
Run dabiao(const TempDir& dir, const std::string& args, const std::string& prefix = "") {
    const fs::path out = dir.path / "stdout.txt";
    const fs::path err = dir.path / "stderr.txt";
    const std::string command =
        prefix + " '" + std::string(DABIAO_EXE) + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());  // runs it with /bin/sh -c
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_all(out);
    r.err = read_all(err);
    return r;
}

const std::string kRules = R"(plan "p" { region R  baseline 2022  period 2023..2024 }
domain D lead L {
  indicator rate "rate" unit % { baseline 80  2023: 85  2024: 90 }
}
)";

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

}  // namespace

TEST_CASE("exit codes: all met 0, some missed 1, bad input 2", "[cli]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    const auto met = dir.write("met.json", R"({"values": {"rate": {"2023": 86, "2024": 90}}})");
    const auto missed = dir.write("missed.json", R"({"values": {"rate": {"2023": 86, "2024": 89.9}}})");
    const auto no_data = dir.write("nodata.json", R"({"values": {"rate": {"2023": 86, "2024": null}}})");
    const auto bad_rules = dir.write("bad.dab", "plan \"p\" { period 2023..2024 }\nrate >= 85 by\n");
    const auto bad_data = dir.write("bad.json", R"({"values": {"rate": {"2023": "eighty"}}})");

    CHECK(dabiao(dir, "check " + quoted(rules)).exit_code == 0);  // the rules alone are valid
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(met)).exit_code == 0);
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(missed)).exit_code == 1);
    // The latest year with a value is 2023; as of 2024 the null makes the 2024 target "no data".
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(no_data)).exit_code == 0);
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(no_data) + " --as-of 2024").exit_code == 1);
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(met) + " --as-of 2023").exit_code == 0);

    const Run syntax = dabiao(dir, "check " + quoted(bad_rules));
    CHECK(syntax.exit_code == 2);
    CHECK_THAT(syntax.err, Catch::Contains(":2:14: error:"));
    const Run data = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(bad_data) + " --lang en");
    CHECK(data.exit_code == 2);
    CHECK_THAT(data.err, Catch::Contains("/values/rate/2023: error: 'eighty' is not a value"));
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(dir.path / "absent.json")).exit_code == 2);
    CHECK(dabiao(dir, "check " + quoted(dir.path / "absent.dab")).exit_code == 2);
    CHECK(dabiao(dir, "check").exit_code == 2);  // usage error
    CHECK(dabiao(dir, "frobnicate").exit_code == 2);
    CHECK(dabiao(dir, "check " + quoted(rules) + " --as-of soon").exit_code == 2);
    CHECK(dabiao(dir, "--version").exit_code == 0);
}

TEST_CASE("bad input is reported as JSON too with --format json", "[cli]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", "plan \"p\" { period 2023..2024 }\nindicator a unit % { 2023: 1‰ }\n");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --format json");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("\"schema\": \"dabiao.verdicts/1\""));
    CHECK_THAT(r.out, Catch::Contains("\"severity\": \"error\""));
    CHECK_THAT(r.out, Catch::Contains("r.dab:2:28"));
}

TEST_CASE("limit: 100,000 nested parentheses in a rule file", "[cli][limits]") {
    const TempDir dir;
    const auto rules = dir.write("deep.dab", "plan \"p\" { period 2023..2024 }\nfn f(x) = " + std::string(100000, '(') +
                                                 "x" + std::string(100000, ')') + "\n");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("nested too deeply"));
}

TEST_CASE("limit: a long flat expression", "[cli][limits]") {
    const TempDir dir;
    std::string sum = "1";
    for (int k = 0; k < 100000; ++k) sum += "+1";
    const auto rules = dir.write("long.dab", "plan \"p\" { period 2023..2024 }\nfn f() = " + sum + "\n");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("expression too long or too deeply nested"));
}

TEST_CASE("limit: a JSON data file past the size limit", "[cli][limits]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    const fs::path big = dir.path / "big.json";
    std::ofstream(big).close();
    fs::resize_file(big, (1 << 30) + 1);  // sparse: refused before it is read
    const Run r = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(big) + " --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err,
               Catch::Contains("big.json: error: the file is 1073741825 bytes, more than the limit of 1073741824 bytes"));
    // A smaller memory budget bounds the file too.
    fs::resize_file(big, 65 * 1024 * 1024);
    const Run budget = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(big) + " --max-memory 64M --lang en");
    CHECK(budget.exit_code == 2);
    CHECK_THAT(budget.err,
               Catch::Contains("big.json: error: the file is 68157440 bytes, more than the limit of 67108864 bytes"));
}

TEST_CASE("limit: JSON nested past 64 levels", "[cli][limits]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    const auto deep =
        dir.write("deep.json", R"({"values": {"rate": )" + std::string(100000, '[') + std::string(100000, ']') + "}}");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(deep) + " --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("JSON nested deeper than 64 levels"));
    CHECK_THAT(r.err, Catch::Contains("deep.json: /values/rate/0/0/0"));  // where the nesting goes on
}

TEST_CASE("limit: a CSV with a 10 MB cell", "[cli][limits]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    const auto csv =
        dir.write("cell.csv", "指标,年份,数值\nrate,2023,\"" + std::string(10 * 1024 * 1024, '8') + "\"\n");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(csv) + " --lang en");
    CHECK(r.exit_code == 2);
    // Checked without Catch's matcher output: on failure it would print the whole stderr.
    CHECK(r.err.find("cell.csv:2:11: error: a cell longer than 64 KiB") != std::string::npos);
    CHECK(r.err.size() < 2000);  // the 10 MB line is shown as a short window around the cell
}

TEST_CASE("limit: evaluation steps of a runaway rule", "[cli][limits]") {
    const TempDir dir;
    // Doubling recursion: 2^40 calls unless stopped; the step budget stops it with a position.
    const auto rules = dir.write("steps.dab", R"(plan "p" { period 2023..2024 }
fn twice(n) = if n <= 0 then 1 else twice(n - 1) + twice(n - 1)
indicator x unit 个 = twice(40) { 2023: >= 1 }
)");
    const auto data = dir.write("d.json", R"({"values": {}})");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + " --as-of 2023 --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("evaluation stopped after 20000000 steps"));
}

TEST_CASE("the report file (-o) is replaced atomically and a failed run keeps the old one", "[cli][output]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    const auto data = dir.write("d.json", R"({"values": {"rate": {"2023": 86, "2024": 90}}})");
    const auto bad = dir.write("bad.json", R"({"values": {"rate": {"2023": "eighty"}}})");
    const fs::path report = dir.path / "report.json";
    const std::string previous = "previous report\n";
    std::ofstream(report) << previous;

    // A run that fails before judging leaves the previous report alone.
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(bad) + " --format json -o " + quoted(report))
              .exit_code == 2);
    CHECK(read_all(report) == previous);

    // A run that fails while writing (the file size limit stops the write after a few bytes;
    // SIGXFSZ is ignored so the write reports EFBIG) leaves it alone too, and no temporary file.
    const Run cut = dabiao(
        dir,
        "check " + quoted(rules) + " --data " + quoted(data) + " --format json -o " + quoted(report) + " --lang en",
        "trap '' XFSZ; ulimit -f 1;");
    CHECK(cut.exit_code == 2);
    CHECK_THAT(cut.err, Catch::Contains("writing the report failed"));
    CHECK(read_all(report) == previous);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path))
        files += entry.path().filename().string().starts_with(".report") ? 1 : 0;
    CHECK(files == 0);

    // A successful run replaces it with the whole report.
    CHECK(dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + " --format json -o " + quoted(report))
              .exit_code == 0);
    const std::string written = read_all(report);
    CHECK_THAT(written, Catch::StartsWith("{\n  \"schema\": \"dabiao.verdicts/1\""));
    CHECK_THAT(written, Catch::EndsWith("}\n"));
}

// Was: the end of a rule's text was found by a hand-written scan that knew no nested “…”
// quotes, so '#' inside them was taken for a comment and the written target was cut short.
TEST_CASE("a rule's written text keeps nested quotes with '#' inside", "[cli]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", "plan \"p\" { period 2023..2025 }\n"
                                          "指标 m \"里程碑\" 阶段 未开展 < “全“人群”#覆盖” { 2025: “全“人群”#覆盖” }\n");
    const auto data = dir.write("d.json", R"({"values": {"m": {"2025": "未开展"}}})");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + " --format json");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("\"written\": \"“全“人群”#覆盖”\""));
}

// ------------------------------------------------------------------ the command line itself

namespace {

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("every command has its own --help, on stdout, naming its options", "[cli][usage]") {
    const TempDir dir;
    const std::vector<std::string> check_options = {"RULES",    "--data",   "--as-of",        "--format",
                                                    "--lang",   "--color",  "--hide-not-due", "--encoding",
                                                    "--strict", "--stdlib", "-o,--output"};
    std::vector<std::string> explain_options = check_options;
    explain_options.insert(explain_options.end(), {"--indicator", "--year", "--region", "INDICATOR", "YEAR"});
    const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
        {"", {"--version", "check", "explain", "ast", "builtins", "lint", "fmt", "test"}},
        {"check", check_options},
        {"explain", explain_options},
        {"ast", {"RULES", "--lang"}},
        {"builtins", {"--help"}},
        {"lint", {"RULES", "--list", "--lang", "--color", "--stdlib"}},
        {"test", {"PATH", "--junit", "--update", "--lang", "--color", "--stdlib"}},
        {"fmt", {"FILES", "--check", "-w,--write", "--lang"}},
    };
    for (const auto& [command, options] : commands) {
        INFO("dabiao " << command << " --help");
        const Run r = dabiao(dir, command + " --help");
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK_THAT(r.out, Catch::Contains("用法: dabiao " + command));
        for (const std::string& option : options) CHECK_THAT(r.out, Catch::Contains(option));
        const Run en = dabiao(dir, command + " --help --lang en");
        CHECK(en.exit_code == 0);
        CHECK_THAT(en.out, Catch::Contains("Usage: dabiao " + command));
    }
    CHECK_THAT(dabiao(dir, "check -h").out, Catch::Contains("--hide-not-due"));
}

TEST_CASE("usage errors are diagnostics, in Chinese unless --lang en, exit 2", "[cli][usage]") {
    const TempDir dir;
    const std::string rules = quoted(dir.write("r.dab", kRules));
    struct Case {
        std::string args;
        std::string zh;
        std::string en;
    };
    const std::vector<Case> cases = {
        {"check " + rules + " --formt json",
         "dabiao: error: 未知的选项“--formt”\n  提示: 是否应为“--format”？运行 dabiao check --help 查看用法\n",
         "dabiao: error: unknown option '--formt'\n  hint: did you mean '--format'? run 'dabiao check --help' to see "
         "how it is used\n"},
        {"check " + rules + " --format", "dabiao: error: --format 需要一个值\n",
         "dabiao: error: --format needs a value\n"},
        {"check " + rules + " --format xml", "dabiao: error: --format 的值应为 text、json、junit、sarif、html、xlsx、md 或 csv，而不是“xml”\n",
         "dabiao: error: --format takes text, json, junit, sarif, html, xlsx, md or csv, not 'xml'\n"},
        {"check " + rules + " --as-of soon", "dabiao: error: --as-of 的值应为年份（如 2024），而不是“soon”\n",
         "dabiao: error: --as-of takes a year such as 2024, not 'soon'\n"},
        {"check " + rules + " --color sometimes", "--color 的值应为 auto、always 或 never，而不是“sometimes”",
         "--color takes auto, always or never, not 'sometimes'"},
        {"check " + rules + " --encoding latin1", "--encoding 的值应为 auto、utf-8、gbk 或 gb18030，而不是“latin1”",
         "--encoding takes auto, utf-8, gbk or gb18030, not 'latin1'"},
        {"check", "dabiao: error: 缺少 RULES\n  提示: 运行 dabiao check --help 查看用法\n",
         "dabiao: error: missing RULES\n  hint: run 'dabiao check --help' to see how it is used\n"},
        {"check " + rules + " " + rules, "多余的参数", "unexpected argument"},
        {"explain " + rules, "explain 需要指标和年份", "explain needs an indicator and a year"},
        {"", "dabiao: error: 缺少命令：check、explain、ast、builtins、lint、fmt、test、template、lsp 或 sql\n  提示: 运行 dabiao --help 查看用法\n",
         ""},  // --lang belongs to a command
        {"chek " + rules, "dabiao: error: 未知的命令“chek”\n  提示: 是否应为“check”？运行 dabiao --help 查看用法\n",
         "dabiao: error: unknown command 'chek'\n  hint: did you mean 'check'? run 'dabiao --help' to see how it is "
         "used\n"},
        {"ast " + rules + " -o out.txt", "未知的选项“-o”", "unknown option '-o'"},
    };
    for (const Case& c : cases) {
        INFO("dabiao " << c.args);
        const Run zh = dabiao(dir, c.args);
        CHECK(zh.exit_code == 2);
        CHECK(zh.out.empty());
        CHECK_THAT(zh.err, Catch::Contains(c.zh));
        if (c.en.empty()) continue;
        const std::size_t command_end = std::min(c.args.find(' '), c.args.size());
        const Run en = dabiao(dir, c.args.substr(0, command_end) + " --lang en" + c.args.substr(command_end));
        CHECK(en.exit_code == 2);
        CHECK_THAT(en.err, Catch::Contains(c.en));
    }
    // --lang counts wherever it is, also after the mistake.
    CHECK_THAT(dabiao(dir, "check " + rules + " --formt json --lang=en").err,
               Catch::Contains("unknown option '--formt'"));
}

TEST_CASE("options keep their meaning: --name=value, repeated --data, the last of a repeated option", "[cli][usage]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    const auto a = dir.write("a.json", R"({"values": {"rate": {"2023": 86}}})");
    const auto b = dir.write("b.json", R"({"values": {"rate": {"2024": 89}}})");
    const Run r = dabiao(dir, "check --data=" + quoted(a) + " --data " + quoted(b) + " " + quoted(rules) +
                                  " --format text --format=json --as-of 2024");
    CHECK(r.exit_code == 1);  // both files were read: 2023 is met, 2024 missed
    CHECK_THAT(r.out, Catch::Contains("\"as_of\": 2024"));
    CHECK_THAT(r.out, Catch::Contains("\"status\": \"met\""));
    CHECK_THAT(r.out, Catch::Contains("\"status\": \"missed\""));
    // explain takes the indicator and the year as options or as arguments.
    const Run options =
        dabiao(dir, "explain " + quoted(rules) + " --data " + quoted(a) + " --indicator rate --year 2023 --lang en");
    const Run arguments = dabiao(dir, "explain " + quoted(rules) + " --data " + quoted(a) + " rate 2023 --lang en");
    CHECK(options.exit_code == 0);
    CHECK(arguments.exit_code == 0);
    CHECK(options.out == arguments.out);
    CHECK_THAT(dabiao(dir, "--version").out, Catch::StartsWith("dabiao "));
}

// Was: when the -o file could not be written, `check` printed every earlier diagnostic a second
// time with the write failure; `explain` and a check of the rules alone did not say why they failed.
TEST_CASE("a failed -o write is reported once, after the other diagnostics, each of them once", "[cli][output]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    // 'rat' is not an indicator: a warning, and the run goes on.
    const auto data = dir.write("d.json", R"({"values": {"rate": {"2023": 86, "2024": 90}, "rat": {"2023": 1}}})");
    // A target against the indicator's direction: a warning in the rules alone.
    const auto doubtful =
        dir.write("doubtful.dab", "plan \"p\" { period 2023..2024 }\nindicator rate unit % { 2023: <= 85 }\n");
    const std::string warning = "d.json: /values/rat: warning: 'rat' is not an indicator of the rules";
    const std::vector<std::pair<fs::path, std::string>> targets = {
        {dir.path / "absent" / "report.txt", "cannot create a file beside it: No such file or directory"},
        {dir.path, "cannot replace the file: Is a directory"},
    };
    for (const auto& [target, write_failure] : targets) {
        INFO("-o " << target);
        const std::string o = " -o " + quoted(target) + " --lang en";
        const Run check = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + o);
        const Run explain =
            dabiao(dir, "explain " + quoted(rules) + " --data " + quoted(data) + " --indicator rate --year 2024" + o);
        for (const Run& r : {check, explain}) {
            CHECK(r.exit_code == 2);
            CHECK(occurrences(r.err, warning) == 1);
            CHECK(occurrences(r.err, target.string() + ": error: ") == 1);
            CHECK(r.err.find(warning) < r.err.find(target.string() + ": error: " + write_failure));
        }
        const Run alone = dabiao(dir, "check " + quoted(doubtful) + o);
        CHECK(alone.exit_code == 2);
        CHECK(occurrences(alone.err, "warning: 'rate' is higher-is-better") == 1);
        CHECK(occurrences(alone.err, target.string() + ": error: " + write_failure) == 1);
    }
}

// ------------------------------------------------------------------ fuzz regressions
// The inputs libFuzzer found (tests/fuzz/regressions/, docs/fuzzing.md), run through the CLI.

namespace {

fs::path regression(const std::string& name) {
    return fs::path(DABIAO_SOURCE_DIR) / "tests/fuzz/regressions" / name;
}

}  // namespace

// Was (json-1): the "invalid JSON" message quoted the file's raw byte FF; writing the report as
// JSON then threw (invalid UTF-8) and the run ended as an internal error, exit 3.
TEST_CASE("fuzz json-1: a JSON file that is not UTF-8 is bad input, also with --format json", "[cli][fuzz]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    // As a .json file: without an extension, a file that is neither JSON nor CSV is not read at all.
    const fs::path data = dir.write("json-1-parse-error-message-not-utf8.json",
                                    read_all(regression("fuzz_json/json-1-parse-error-message-not-utf8")));
    REQUIRE(read_all(data) == "\xFF");
    const Run json = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + " --format json --lang en");
    CHECK(json.exit_code == 2);
    CHECK_THAT(json.out, Catch::Contains(R"("message": "invalid JSON: invalid literal; last read: '\\xFF'")"));
    const Run text = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + " --lang en");
    CHECK(text.exit_code == 2);
    CHECK_THAT(text.err, Catch::Contains("json-1-parse-error-message-not-utf8.json:1:1: error: invalid JSON: invalid "
                                         "literal; last read: '\\xFF'"));
}

// Was (json-2): a number beyond a double made the JSON parser throw an exception that the data
// reader did not catch: exit 3. Now an error located at the number.
TEST_CASE("fuzz json-2: a JSON number beyond a double is bad input", "[cli][fuzz]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", kRules);
    const auto data =
        dir.write("json-2-number-overflow.json", read_all(regression("fuzz_json/json-2-number-overflow")));
    const Run r = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + " --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(
                          "json-2-number-overflow.json:1:1: error: invalid JSON: number overflow parsing '1e808'"));
    CHECK_THAT(r.err, Catch::Contains("hint: numbers must fit a double"));
}

// Was (value-1, in a rule file): a literal beyond a double read as 0, a silently wrong target.
TEST_CASE("fuzz value-1: a rule literal beyond a double is an error at the literal", "[cli][fuzz]") {
    const TempDir dir;
    const auto rules = dir.write(
        "r.dab", "plan \"p\" { period 2023..2024 }\nindicator a unit 个 { 2023: >= 1" + std::string(309, '0') + " }\n");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("r.dab:2:31: error: this number is too large or too small to be represented"));
}

// Was (rules-1): a plan period of 4000 years with a cumulative target every year took longer
// than any run should (judging was cubic in the period). Periods are now at most 100 years.
TEST_CASE("fuzz rules-1: a plan period of thousands of years is refused", "[cli][fuzz]") {
    const TempDir dir;
    const auto data = dir.write("d.json", R"({"values": {"a": {"4000": 1}}})");
    const fs::path rules = regression("fuzz_rules/rules-1-cumulative-long-period-hang.dab");
    const Run r = dabiao(dir, "check " + quoted(rules) + " --data " + quoted(data) + " --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("rules-1-cumulative-long-period-hang.dab:1:12: error: the period 2001..6000 is "
                                      "4000 years long; a plan period is at most 100 years"));
}

// ------------------------------------------------------------------ hardening, second round (#10)

namespace {

// Runs a shell command in which $D is the dabiao binary; stdout and stderr as the command sets them.
Run shell(const TempDir& dir, const std::string& command) {
    const fs::path out = dir.path / "stdout.txt";
    const fs::path err = dir.path / "stderr.txt";
    const std::string full = "cd '" + dir.path.string() + "' && D='" + std::string(DABIAO_EXE) + "' && { " + command +
                             " ; } >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(full.c_str());
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_all(out);
    r.err = read_all(err);
    return r;
}

fs::file_type type_of(const fs::path& p) {
    return fs::symlink_status(p).type();
}

}  // namespace

// Was: -o replaced whatever the path named: the data file, the rule file, an import (also under
// another name) were destroyed with exit 0.
TEST_CASE("output (-o): refuses a file the run reads, whatever its name", "[cli][output]") {
    const TempDir dir;
    const auto rules = dir.write("r.dab", "import \"part.dab\"\n" + kRules);
    const auto part = dir.write("part.dab", "fn one() = 1\n");
    const std::string data_text = R"({"values": {"rate": {"2023": 86, "2024": 90}}})";
    const auto data = dir.write("d.json", data_text);
    fs::create_hard_link(data, dir.path / "hard.json");
    fs::create_symlink(part, dir.path / "link.dab");
    const std::string run = "check r.dab --data d.json --lang en -o ";
    for (const std::string output : {"d.json", "r.dab", "part.dab", "hard.json", "link.dab", "./d.json"}) {
        INFO("-o " << output);
        const std::string before = read_all(dir.path / output);
        const Run r = shell(dir, "$D " + run + output);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains(output + ": error: this is '"));
        CHECK_THAT(r.err, Catch::Contains("which the run reads: it is not replaced"));
        CHECK(read_all(dir.path / output) == before);
    }
    CHECK(read_all(data) == data_text);
    CHECK(type_of(dir.path / "link.dab") == fs::file_type::symlink);
    // Checking the rules alone: the rule file and its imports are inputs too.
    CHECK(shell(dir, "$D check r.dab -o part.dab").exit_code == 2);
    CHECK(read_all(part) == "fn one() = 1\n");
}

// Was: a symbolic link was replaced by a file; a FIFO too; as root, /dev/full became a file.
TEST_CASE("output (-o): follows a symbolic link, writes through to devices and FIFOs, keeps permissions", "[cli][output]") {
    const TempDir dir;
    dir.write("r.dab", kRules);
    dir.write("d.json", R"({"values": {"rate": {"2023": 86, "2024": 90}}})");
    const std::string run = "$D check r.dab --data d.json --lang en --format json -o ";

    fs::create_symlink("real.json", dir.path / "link.json");  // dangling: created through the link
    CHECK(shell(dir, run + "link.json").exit_code == 0);
    CHECK(type_of(dir.path / "link.json") == fs::file_type::symlink);
    CHECK_THAT(read_all(dir.path / "real.json"), Catch::StartsWith("{\n  \"schema\""));
    std::ofstream(dir.path / "real.json") << "old";
    CHECK(shell(dir, run + "link.json").exit_code == 0);  // an existing target: replaced, the link stays
    CHECK(type_of(dir.path / "link.json") == fs::file_type::symlink);
    CHECK_THAT(read_all(dir.path / "real.json"), Catch::StartsWith("{\n  \"schema\""));

    // Permissions of the file replaced are kept.
    std::ofstream(dir.path / "private.json") << "old";
    fs::permissions(dir.path / "private.json", fs::perms::owner_read | fs::perms::owner_write);
    CHECK(shell(dir, run + "private.json").exit_code == 0);
    CHECK(fs::status(dir.path / "private.json").permissions() == (fs::perms::owner_read | fs::perms::owner_write));

    // Character devices are written to, not replaced: /dev/full says so.
    const Run full = shell(dir, run + "/dev/full");
    CHECK(full.exit_code == 2);
    CHECK_THAT(full.err, Catch::Contains("/dev/full: error: writing the report failed: No space left on device"));
    CHECK(type_of("/dev/full") == fs::file_type::character);
    CHECK(shell(dir, run + "/dev/null").exit_code == 0);
    CHECK(type_of("/dev/null") == fs::file_type::character);

    // A FIFO: written through to its reader; without a reader, an error at once, not a hang.
    REQUIRE(::mkfifo((dir.path / "fifo").c_str(), 0600) == 0);
    const Run lonely = shell(dir, run + "fifo");
    CHECK(lonely.exit_code == 2);
    CHECK_THAT(lonely.err, Catch::Contains("fifo: error: cannot open it for writing"));
    const Run read = shell(dir, "cat fifo > got.json & sleep 0.3; " + run + "fifo; wait");
    CHECK(read.exit_code == 0);
    CHECK(type_of(dir.path / "fifo") == fs::file_type::fifo);
    CHECK_THAT(read_all(dir.path / "got.json"), Catch::StartsWith("{\n  \"schema\""));
}

// Was: with stdout on /dev/full, closed, or a broken pipe with SIGPIPE ignored, the report was
// lost, nothing was said and the exit code was 0.
TEST_CASE("a failed write to standard output is an error with exit 2", "[cli][output]") {
    const TempDir dir;
    dir.write("r.dab", kRules);
    dir.write("d.json", R"({"values": {"rate": {"2023": 86, "2024": 90}}})");
    for (const std::string command : {"check r.dab --data d.json", "check r.dab --data d.json --format json",
                                      "check r.dab", "explain r.dab --data d.json rate 2023", "ast r.dab",
                                      "builtins"}) {
        for (const std::string redirect : {">/dev/full", ">&-"}) {
            INFO(command << " " << redirect);
            const Run r = shell(dir, "$D " + command + " " + redirect);
            CHECK(r.exit_code == 2);
            CHECK_THAT(r.err, Catch::Contains("标准输出"));
        }
    }
    // A pipe whose reader is gone, with SIGPIPE ignored: the child gets EPIPE.
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    ::close(fds[0]);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::signal(SIGPIPE, SIG_IGN);
        ::dup2(fds[1], STDOUT_FILENO);
        const int err = ::open((dir.path / "epipe.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(err, STDERR_FILENO);
        ::chdir(dir.path.c_str());
        ::execl(DABIAO_EXE, "dabiao", "check", "r.dab", "--data", "d.json", "--lang", "en", nullptr);
        ::_exit(127);
    }
    ::close(fds[1]);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_THAT(read_all(dir.path / "epipe.txt"),
               Catch::Contains("cannot write the report to standard output: writing failed: Broken pipe"));
}

// Was: /dev/zero as data, rules, import or to `ast` grew memory without end (the size check
// used the file size, which a device lacks); a FIFO without a writer blocked forever.
TEST_CASE("devices are refused, pipes are read with a bound and do not block without end", "[cli][limits]") {
    const TempDir dir;
    dir.write("r.dab", kRules);
    dir.write("imports-zero.dab", "import \"/dev/zero\"\n" + kRules);
    for (const std::string command : {"check r.dab --data /dev/zero", "check /dev/zero", "check /dev/urandom",
                                      "ast /dev/zero", "check imports-zero.dab"}) {
        INFO(command);
        const Run r = shell(dir, "timeout 20 $D " + command + " --lang en");
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("is a device or a socket, not a file"));
    }
    // An endless pipe stops at the limit of bytes read.
    const Run endless = shell(dir, "yes 1 | timeout 20 $D check r.dab --data /dev/stdin --max-memory 64M --lang en");
    CHECK(endless.exit_code == 2);
    CHECK_THAT(endless.err, Catch::Contains("/dev/stdin: error: the input is larger than the limit of 67108864 bytes"));
    // A pipe with a writer is read; a FIFO without one is given up after kPipeWaitSeconds.
    dir.write("d.json", R"({"values": {"rate": {"2023": 86, "2024": 90}}})");
    CHECK(shell(dir, "cat d.json | $D check r.dab --data /dev/stdin --format json").exit_code == 0);
    REQUIRE(::mkfifo((dir.path / "fifo.json").c_str(), 0600) == 0);
    const Run lonely = shell(dir, "timeout 30 $D check r.dab --data fifo.json --lang en");
    CHECK(lonely.exit_code == 2);
    CHECK_THAT(lonely.err, Catch::Contains("fifo.json: error: nothing came through the pipe for 10 seconds"));
}

// Was: with CR-only line ends a rule file whose first line is a comment was one comment ("rules
// OK, 0 indicators"), every position was on line 1, and a CSV was one header line, rows dropped.
TEST_CASE("CR-only line ends are line ends: rules, positions, comments, CSV rows", "[cli]") {
    const TempDir dir;
    std::string rules = "# a comment first\n" + kRules;
    std::replace(rules.begin(), rules.end(), '\n', '\r');
    dir.write("cr.dab", rules);
    const Run alone = shell(dir, "$D check cr.dab --lang en");
    CHECK(alone.exit_code == 0);
    CHECK(alone.out == "cr.dab: rules OK, 1 indicators, 2 targets\n");

    std::string bad = "# a comment\rplan \"p\" { period 2023..2024 }\rindicator x unit 个 { 2023: >= }\r";
    dir.write("bad.dab", bad);
    const Run error = shell(dir, "$D check bad.dab --lang en");
    CHECK(error.exit_code == 2);
    CHECK_THAT(error.err, Catch::Contains("bad.dab:3:31: error: expected a value after the comparison\n"
                                          " 3 | indicator x unit 个 { 2023: >= }\n"));

    dir.write("cr.csv", "指标,年份,数值\rrate,2023,86\rrate,2024,80\r");
    const Run csv = shell(dir, "$D check cr.dab --data cr.csv --format json");
    CHECK(csv.exit_code == 1);  // 2024 is missed: both rows were read
    CHECK_THAT(csv.out, Catch::Contains("\"status\": \"met\""));
    CHECK_THAT(csv.out, Catch::Contains("\"status\": \"missed\""));
    CHECK_THAT(csv.out, Catch::Contains("cr.dab:4:47"));
}

// Was: n*n*n with n = 1e200 was inf and "met"; x - x of it NaN and "missed"; a finite 1e305
// printed as inf and its JSON was "actual": null with "status": "met".
TEST_CASE("an overflow is an evaluation error at the rule; huge finite values print as numbers", "[cli]") {
    const TempDir dir;
    dir.write("of.dab", "plan \"p\" { period 2023..2024 }\n"
                        "indicator n unit 个 { 2023: >= 1 }\n"
                        "indicator cube unit 个 = n * n * n { 2023: >= 1 }\n"
                        "indicator nan unit 个 = n * n - n * n { 2023: <= 1 }\n");
    dir.write("of.json", R"({"values": {"n": {"2023": 1e200}}})");
    const Run r = shell(dir, "$D check of.dab --data of.json --lang en --format json");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("of.dab:3:25: error: the result is too large for a number (overflow)"));
    CHECK_THAT(r.err, Catch::Contains("of.dab:4:24: error: the result is too large for a number (overflow)"));
    CHECK(r.out.find("\"indicator\": \"cube\"") == std::string::npos);
    CHECK(r.out.find("\"indicator\": \"nan\"") == std::string::npos);

    dir.write("big.json", R"({"values": {"n": {"2023": 1e305}}})");
    const Run big = shell(dir, "$D check of.dab --data big.json --lang en --format json");
    CHECK_THAT(big.out, Catch::Contains("\"actual\": 1e+305,"));
    const Run text = shell(dir, "$D check of.dab --data big.json --lang en");
    CHECK_THAT(text.out, Catch::Contains("1e+305个"));
    CHECK(text.out.find("inf") == std::string::npos);
}

// Was: after one rule exhausted the step budget every later rule failed with the same error at
// its own place; failures were de-duplicated by offset alone, so a runaway rule in the main
// file at the offset of one in an import was never reported and its target vanished.
TEST_CASE("a runaway rule fails alone; failures are told apart by file and offset", "[cli][limits]") {
    const TempDir dir;
    const std::string runaway = "fn twice(n) = if n <= 0 then 1 else twice(n - 1) + twice(n - 1)\n";
    dir.write("steps.dab", "plan \"p\" { period 2023..2024 }\n" + runaway +
                               "indicator x unit 个 = twice(40) { 2023: >= 1 }\n"
                               "indicator y unit 个 = 1 + 1 { 2023: >= 1 }\n");
    dir.write("d.json", R"({"values": {}})");
    const Run r = shell(dir, "$D check steps.dab --data d.json --as-of 2023 --lang en --format json");
    CHECK(r.exit_code == 2);
    CHECK(occurrences(r.err, "evaluation stopped after 20000000 steps") == 1);
    CHECK_THAT(r.out, Catch::Contains("\"indicator\": \"y\""));  // the innocent rule is judged

    // The same runaway function at the same offset in the main file and in an import.
    const auto runaway_named = [](const std::string& name) {
        return "fn " + name + "(n) = if n <= 0 then 1 else " + name + "(n - 1) + " + name + "(n - 1)\n";
    };
    const std::string head = "plan \"p\" { period 2023..2024 }\n";
    std::string pad = "fn pad() = 0";
    pad.resize(head.size() - 1, ' ');  // a first line as long as the plan's
    dir.write("a.dab", pad + "\n" + runaway_named("twice_a") + "indicator a unit 个 = twice_a(40) { 2023: >= 1 }\n");
    dir.write("main.dab", head + runaway_named("twice_m") +
                              "indicator m unit 个 = twice_m(40) { 2023: >= 1 }\nimport \"a.dab\"\n");
    const Run both = shell(dir, "$D check main.dab --data d.json --as-of 2023 --lang en");
    CHECK(both.exit_code == 2);
    CHECK(occurrences(both.err, "evaluation stopped after 20000000 steps") == 2);
    CHECK_THAT(both.err, Catch::Contains("main.dab:2:"));
    CHECK_THAT(both.err, Catch::Contains("a.dab:2:"));
}

// Was: JSON numbers below the smallest normal double were read as 0 (or imprecisely).
TEST_CASE("JSON numbers too small for a double are refused at their place", "[cli]") {
    const TempDir dir;
    dir.write("r.dab", kRules);
    dir.write("tiny.json", R"({"values": {"rate": {"2023": 1e-400, "2024": 4.9e-324}, "note": "1e-999"}})");
    const Run r = shell(dir, "$D check r.dab --data tiny.json --lang en");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("tiny.json:1:30: error: the number 1e-400 is too small to be represented"));
    CHECK_THAT(r.err, Catch::Contains("tiny.json:1:46: error: the number 4.9e-324 is too small"));
    CHECK(occurrences(r.err, "is too small to be represented") == 2);  // "1e-999" in a string is text
    dir.write("zero.json", R"({"values": {"rate": {"2023": 0.0e-400, "2024": -0}}})");
    CHECK(shell(dir, "$D check r.dab --data zero.json --as-of 2024").exit_code == 1);  // zeros are zeros
}

// Was: explain exited 0 when the target it explained was missed.
TEST_CASE("explain has check's exit codes", "[cli]") {
    const TempDir dir;
    dir.write("r.dab", kRules);
    dir.write("d.json", R"({"values": {"rate": {"2023": 86, "2024": 89}}})");
    CHECK(shell(dir, "$D explain r.dab --data d.json rate 2023").exit_code == 0);
    CHECK(shell(dir, "$D explain r.dab --data d.json rate 2024").exit_code == 1);
    CHECK(shell(dir, "$D explain r.dab --data d.json rate 2024 --format json").exit_code == 1);
    dir.write("none.json", R"({"values": {"rate": {"2023": 86, "2024": null}}})");
    CHECK(shell(dir, "$D explain r.dab --data none.json rate 2024 --as-of 2024").exit_code == 1);
}
