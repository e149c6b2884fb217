// dabiao: the command line. It only turns arguments into options and calls the driver. CLI11
// parses and validates them; a bad command line is a diagnostic like any other, in the language
// --lang asks for (Chinese by default), and so is --help.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/driver.hpp"
#include "app/tools.hpp"
#include "base/suggest.hpp"
#include "lsp/server.hpp"
#include "report/formats.hpp"
#include "stdlib/builtins.hpp"

namespace {

using namespace dabiao;

// A bad command line, found by a validator below, by a command once its options are parsed, or
// translated from a CLI11 error. main() adds the pointer to the command's --help.
struct UsageError {
    Text message;
    std::string did_you_mean = {};  // a known name close to a mistyped one
};

// "a, b or c" / "a、b 或 c".
Text or_list(const std::vector<std::string>& items) {
    Text list;
    for (std::size_t k = 0; k < items.size(); ++k) {
        const bool last = k + 1 == items.size();
        list.en += (k == 0 ? "" : last ? " or " : ", ") + items[k];
        list.zh += (k == 0 ? "" : last ? " 或 " : "、") + items[k];
    }
    return list;
}

// A CLI11 validator: a value `accept` refuses is a usage error saying what `option` takes.
CLI::Validator takes(std::string option, Text expected, std::function<bool(const std::string&)> accept) {
    return CLI::Validator(
        [=](std::string& value) -> std::string {
            if (accept(value)) return {};
            throw UsageError{{fmt::format("{} takes {}, not '{}'", option, expected.en, value),
                              fmt::format("{} 的值应为{}，而不是“{}”", option, expected.zh, value)}};
        },
        "");
}

CLI::Validator one_of(std::string option, std::vector<std::string> choices) {
    const Text list = or_list(choices);
    return takes(std::move(option), {list.en, " " + list.zh},  // a space between Chinese and Latin text
                 [choices](const std::string& value) { return std::ranges::find(choices, value) != choices.end(); });
}

CLI::Validator year(std::string option) {
    return takes(std::move(option), {"a year such as 2024", "年份（如 2024）"}, [](const std::string& value) {
        return value.size() == 4 && value.find_first_not_of("0123456789") == std::string::npos;
    });
}

// A size such as 8G, 512M, 64K or a number of bytes (--max-memory); nullopt when it is none.
std::optional<std::size_t> memory_size(const std::string& value) {
    std::size_t digits = 0;
    while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
    if (digits == 0 || digits > 12) return std::nullopt;
    const std::string_view suffix = std::string_view(value).substr(digits);
    int shift = 0;
    if (suffix == "K" || suffix == "k") shift = 10;
    else if (suffix == "M" || suffix == "m") shift = 20;
    else if (suffix == "G" || suffix == "g") shift = 30;
    else if (!suffix.empty()) return std::nullopt;
    const std::size_t count = std::stoull(value.substr(0, digits));
    if (count == 0 || count > (std::numeric_limits<std::size_t>::max() >> shift)) return std::nullopt;
    return count << shift;
}

// The value of the last `--name VALUE` or `--name=VALUE`, read before parsing: usage errors and
// --help speak the language of --lang even when the command line is wrong.
std::optional<std::string> last_value(const std::vector<std::string>& args, std::string_view name) {
    std::optional<std::string> value;
    for (std::size_t k = 0; k < args.size(); ++k) {
        if (args[k] == name && k + 1 < args.size()) value = args[k + 1];
        if (args[k].starts_with(name) && args[k].size() > name.size() && args[k][name.size()] == '=')
            value = args[k].substr(name.size() + 1);
    }
    return value;
}

// --color: always, never, or auto (a terminal, unless NO_COLOR is set or TERM is dumb).
bool want_color(const std::string& mode, int fd) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return ::isatty(fd) && !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
}

// What `check` and `explain` read from the command line.
struct CheckArgs {
    CheckOptions options;
    std::string color = "auto";

    // The options with colour decided, once it is known whether the report goes to a file.
    CheckOptions resolved() const {
        CheckOptions resolved = options;
        resolved.output.color_out = want_color(color, STDOUT_FILENO) && !options.output.output_file;
        resolved.output.color_err = want_color(color, STDERR_FILENO);
        return resolved;
    }
};

// --lang sets `target`; `lang` is the language of the help.
void add_lang_option(CLI::App& command, Lang& target, Lang lang) {
    command
        .add_option_function<std::string>(
            "--lang", [&target](const std::string& l) { target = l == "en" ? Lang::en : Lang::zh; },
            Text{"language of the report and the messages (default: zh)", "报告与提示的语言（默认 zh）"}.in(lang))
        ->type_name("zh|en")
        ->check(one_of("--lang", {"zh", "en"}));
}

// --color sets `target` (auto, always or never); `lang` is the language of the help.
void add_color_option(CLI::App& command, std::string& target, Lang lang) {
    command.add_option("--color", target, Text{"colours (default: auto)", "彩色输出（默认 auto）"}.in(lang))
        ->type_name("auto|always|never")
        ->check(one_of("--color", {"auto", "always", "never"}));
}

// `formats`: the names --format takes.
void add_check_options(CLI::App& command, CheckArgs& args, Lang lang, const std::vector<std::string>& formats) {
    CheckOptions& o = args.options;
    command.add_option("RULES", o.rules, Text{"the rule file", "规则文件"}.in(lang))->required()->type_name("");
    command
        .add_option("--data", o.data,
                    Text{"data (JSON, or CSV for .csv/.tsv); may be repeated, the files are merged",
                         "数据文件（JSON；.csv/.tsv 为 CSV）；可多次给出，合并读取"}
                        .in(lang))
        ->type_name("FILE")
        ->allow_extra_args(false)  // one file per --data, as in `--data a.json RULES.dab`
        ->take_all();
    command
        .add_option("--as-of", o.as_of,
                    Text{"judge as of this year: later targets are not due (default: the latest year with data)",
                         "按此年份评判：更晚的目标尚未到期（默认：有数据的最近年份）"}
                        .in(lang))
        ->type_name("YEAR")
        ->check(year("--as-of"));
    command
        .add_option_function<std::string>(
            "--format", [&o](const std::string& f) { o.output.format = f; },
            Text{"the report's format (default: text)", "报告格式（默认 text）"}.in(lang))
        ->type_name(fmt::format("{}", fmt::join(formats, "|")))
        ->check(one_of("--format", formats));
    add_lang_option(command, o.output.lang, lang);
    add_color_option(command, args.color, lang);
    command.add_flag("--hide-not-due", o.hide_not_due,
                     Text{"leave targets not yet due out of the text report", "文本报告不列出尚未到期的目标"}.in(lang));
    command
        .add_option_function<std::string>(
            "--encoding", [&o](const std::string& e) { o.encoding = *parse_encoding(e); },
            Text{"encoding of CSV files (default: auto)", "CSV 文件的编码（默认 auto）"}.in(lang))
        ->type_name("auto|utf-8|gbk|gb18030")
        ->check(takes("--encoding", {"auto, utf-8, gbk or gb18030", " auto、utf-8、gbk 或 gb18030"},
                      [](const std::string& e) { return parse_encoding(e).has_value(); }));
    command
        .add_option("--sheet", o.sheet,
                    Text{"read only this sheet of each XLSX workbook (default: every sheet)",
                         "只读取每个 XLSX 工作簿中的这张工作表（默认：全部工作表）"}
                        .in(lang))
        ->type_name("NAME");
    command.add_flag("--strict", o.strict,
                     Text{"unknown indicators, values outside the plan period, duplicates and values for derived "
                          "indicators are errors",
                          "未知指标、规划期外的数值、重复数值和派生指标的数值均为错误"}
                         .in(lang));
    command
        .add_option("--stdlib", o.load.stdlib_dir,
                    Text{"where the prelude is (default: $DABIAO_STDLIB, else built in)",
                         "prelude 所在目录（默认：$DABIAO_STDLIB，否则为内置位置）"}
                        .in(lang))
        ->type_name("DIR");
    command
        .add_option("--rules-root", o.load.rules_root,
                    Text{"rules from others: imports must be relative and stay inside DIR (symlinks resolved), "
                         "regular files only",
                         "他人提供的规则：导入须为相对路径、位于 DIR 之内（解析符号链接后）且为普通文件"}
                        .in(lang))
        ->type_name("DIR");
    command
        .add_option_function<std::string>(
            "--max-memory", [&o](const std::string& size) { o.max_memory = *memory_size(size); },
            Text{"memory the data may take, e.g. 8G or 512M (default: half the machine's memory)",
                 "数据可占用的内存，如 8G 或 512M（默认：本机内存的一半）"}
                .in(lang))
        ->type_name("SIZE")
        ->check(takes("--max-memory", {"a size such as 8G, 512M or 64K", "大小（如 8G、512M 或 64K）"},
                      [](const std::string& size) { return memory_size(size).has_value(); }));
    command
        .add_option("-o,--output", o.output.output_file,
                    Text{"write the report to FILE (atomically: a failed run leaves it as it was)",
                         "将报告写入 FILE（原子写入：运行失败时原文件不变）"}
                        .in(lang))
        ->type_name("FILE");
}

// The subcommands. Each registers its options and returns what runs it once they are parsed.
using Run = std::function<int()>;

Run check_command(CLI::App& command, Lang lang) {
    auto args = std::make_shared<CheckArgs>();
    std::vector<std::string> formats;
    for (const OutputFormat& f : output_formats()) formats.emplace_back(f.name);
    add_check_options(command, *args, lang, formats);
    command.add_flag("--explain", args->options.explain,
                     Text{"with --format html: how each verdict was judged, folded under it",
                          "与 --format html 合用：在每条结论下附上可展开的判定过程"}
                         .in(lang));
    command
        .add_option("--output-encoding", args->options.output_encoding,
                    Text{"encoding of the CSV report (default: utf-8 with a byte-order mark)",
                         "CSV 报告的编码（默认：带 BOM 的 utf-8）"}
                        .in(lang))
        ->type_name("utf-8|gbk|gb18030")
        ->check(one_of("--output-encoding", {"utf-8", "gbk", "gb18030"}));
    const Text notes{
        "Without --data, check validates the rules only. Several --data files are merged; two "
        "different values for one region, indicator and year are an error.",
        "不给 --data 时只检查规则。多个 --data 文件合并读取；同一地区、指标、年份有两个不同数值时报错。"};
    command.footer(notes.in(lang) + "\n\n" + command.get_footer());  // and the exit codes, from dabiao's
    return [args] { return run_check(args->resolved(), std::cout, std::cerr); };
}

// dabiao explain RULES.dab --data D.json (--indicator X --year Y | X Y) [--region R]
Run explain_command(CLI::App& command, Lang lang) {
    struct ExplainArgs {
        CheckArgs check;
        std::string indicator;
        std::optional<int> year;
        std::optional<std::string> region;
    };
    auto args = std::make_shared<ExplainArgs>();
    add_check_options(command, args->check, lang, {"text", "json"});
    const Text indicator{"the indicator: identifier, display name or part of it", "指标：标识符、显示名称或其一部分"};
    const Text target_year{"the year of the target", "目标年份"};
    command.add_option("--indicator", args->indicator, indicator.in(lang))->type_name("X");
    command.add_option("--year", args->year, target_year.in(lang))->type_name("YEAR")->check(year("--year"));
    command
        .add_option("--region", args->region,
                    Text{"the region, when the data has several", "地区（数据含多个地区时）"}.in(lang))
        ->type_name("R");
    command.add_option("INDICATOR", args->indicator, indicator.in(lang))->type_name("");
    command.add_option("YEAR", args->year, target_year.in(lang))->type_name("")->check(year("YEAR"));
    return [args] {
        if (args->indicator.empty() || !args->year) {
            throw UsageError{
                {"explain needs an indicator and a year: dabiao explain RULES.dab --data DATA.json "
                 "--indicator X --year 2024",
                 "explain 需要指标和年份：dabiao explain RULES.dab --data DATA.json --indicator X "
                 "--year 2024"}};
        }
        const ExplainOptions options{args->check.resolved(), args->indicator, *args->year, args->region};
        return run_explain(options, std::cout, std::cerr);
    };
}

Run ast_command(CLI::App& command, Lang lang) {
    struct AstArgs {
        std::string rules;
        OutputOptions output;
    };
    auto args = std::make_shared<AstArgs>();
    command.add_option("RULES", args->rules, Text{"the rule file", "规则文件"}.in(lang))->required()->type_name("");
    add_lang_option(command, args->output.lang, lang);
    return [args] {
        OutputOptions output = args->output;
        output.color_err = want_color("auto", STDERR_FILENO);
        return run_ast(args->rules, output, std::cout, std::cerr);
    };
}

// Standard output could not be written (a full disk, closed, a broken pipe with SIGPIPE ignored).
int lost_stdout(Lang lang) {
    const int error = errno != 0 ? errno : EIO;
    std::cerr << render_diagnostic({Severity::error, NoLocation{},
                                    {fmt::format("cannot write to standard output: {}", std::strerror(error)),
                                     fmt::format("无法写到标准输出：{}", std::strerror(error))},
                                    {"the list is lost", "列表未能输出"}},
                                   SourceMap{}, {lang, false});
    return kBadInput;
}

Run builtins_command(CLI::App&, Lang lang) {
    return [lang] {
        for (const Builtin& b : builtins()) {
            std::string names;
            for (const auto n : b.names) names += (names.empty() ? "" : " / ") + std::string(n);
            std::cout << fmt::format("{}\n    {}\n    {}\n", names, b.summary.en, b.summary.zh);
        }
        return std::cout.flush() ? kAllMet : lost_stdout(lang);
    };
}

// The tools for rule writers (docs/tools.md).
Run lint_command(CLI::App& command, Lang lang) {
    struct LintArgs {
        LintOptions options;
        std::string color = "auto";
    };
    auto args = std::make_shared<LintArgs>();
    LintOptions& o = args->options;
    command.add_option("RULES", o.rules, Text{"the rule file", "规则文件"}.in(lang))->type_name("");
    command.add_flag("--list", o.list, Text{"list the lints and their names", "列出所有检查项及其名称"}.in(lang));
    add_lang_option(command, o.output.lang, lang);
    add_color_option(command, args->color, lang);
    command.add_option("--stdlib", o.load.stdlib_dir, Text{"where the prelude is", "prelude 所在目录"}.in(lang))
        ->type_name("DIR");
    command.footer(Text{"exit codes: 0 no warnings, 1 warnings, 2 the rules have errors",
                        "退出码：0 无提示，1 有提示，2 规则有错误"}
                       .in(lang));
    return [args] {
        if (args->options.rules.empty() && !args->options.list)
            throw UsageError{{"lint needs a rule file: dabiao lint RULES.dab", "lint 需要规则文件：dabiao lint RULES.dab"}};
        LintOptions options = args->options;
        options.output.color_err = want_color(args->color, STDERR_FILENO);
        return run_lint(options, std::cout, std::cerr);
    };
}

Run test_command(CLI::App& command, Lang lang) {
    struct TestArgs {
        TestOptions options;
        std::string color = "auto";
    };
    auto args = std::make_shared<TestArgs>();
    TestOptions& o = args->options;
    command
        .add_option("PATH", o.path,
                    Text{"a test file, or a folder searched for *.test.json", "测试文件，或在其中查找 *.test.json 的目录"}.in(lang))
        ->required()
        ->type_name("");
    command.add_option("--junit", o.junit, Text{"also write the results as JUnit XML", "另将结果写成 JUnit XML"}.in(lang))
        ->type_name("FILE");
    command.add_flag("--update", o.update,
                     Text{"rewrite the expectations from the current results (review the diff)",
                          "按当前结果改写预期结果（请复核差异）"}
                         .in(lang));
    add_lang_option(command, o.output.lang, lang);
    add_color_option(command, args->color, lang);
    command.add_option("--stdlib", o.load.stdlib_dir, Text{"where the prelude is", "prelude 所在目录"}.in(lang))
        ->type_name("DIR");
    command.footer(Text{"exit codes: 0 every test passes, 1 some test fails, 2 a test file, its rules or its data have errors",
                        "退出码：0 全部通过，1 有测试失败，2 测试文件或其规则、数据有错误"}
                       .in(lang));
    return [args] {
        TestOptions options = args->options;
        options.output.color_err = want_color(args->color, STDERR_FILENO);
        return run_test(options, std::cout, std::cerr);
    };
}

Run fmt_command(CLI::App& command, Lang lang) {
    auto options = std::make_shared<FmtOptions>();
    command.add_option("FILES", options->files, Text{"rule files", "规则文件"}.in(lang))->required()->type_name("");
    command.add_flag("--check", options->check,
                     Text{"exit 1 and list the files that are not formatted; change nothing",
                          "列出格式需要调整的文件并以 1 退出；不修改文件"}
                         .in(lang));
    command.add_flag("-w,--write", options->write,
                     Text{"rewrite the files in place (atomically)", "就地改写文件（原子写入）"}.in(lang));
    command
        .add_option_function<std::string>(
            "--keywords",
            [options](const std::string& k) { options->style.keywords = k == "zh" ? KeywordStyle::zh : KeywordStyle::en; },
            Text{"write every keyword in Chinese or in English (default: as written)",
                 "关键字统一写成中文或英文（默认：保持原样）"}
                .in(lang))
        ->type_name("zh|en")
        ->check(one_of("--keywords", {"zh", "en"}));
    command
        .add_option_function<std::string>(
            "--punctuation",
            [options](const std::string& p) {
                options->style.punctuation = p == "ascii" ? PunctuationStyle::ascii : PunctuationStyle::full;
            },
            Text{"write punctuation outside strings and comments in ASCII or full-width (default: as written)",
                 "字符串和注释以外的标点统一为半角或全角（默认：保持原样）"}
                .in(lang))
        ->type_name("ascii|full")
        ->check(one_of("--punctuation", {"ascii", "full"}));
    add_lang_option(command, options->output.lang, lang);
    return [options] {
        FmtOptions o = *options;
        o.output.color_err = want_color("auto", STDERR_FILENO);
        return run_fmt(o, std::cout, std::cerr);
    };
}

// dabiao lsp: the language server for editors, on standard input and output.
Run lsp_command(CLI::App& command, Lang lang) {
    auto options = std::make_shared<lsp::LspOptions>();
    add_lang_option(command, options->lang, lang);
    command.add_option("--stdlib", options->load.stdlib_dir, Text{"where the prelude is", "prelude 所在目录"}.in(lang))
        ->type_name("DIR");
    command.footer(Text{"exit codes: 0 after the client's shutdown and exit, 1 when the input ends before them",
                        "退出码：0 客户端先后发送 shutdown 和 exit，1 输入在此之前结束"}
                       .in(lang));
    return [options] { return lsp::run_lsp(*options, std::cin, std::cout); };
}

// dabiao template RULES.dab -o 填报表.xlsx [--format csv]
Run template_command(CLI::App& command, Lang lang) {
    auto args = std::make_shared<TemplateOptions>();
    command.add_option("RULES", args->rules, Text{"the rule file", "规则文件"}.in(lang))->required()->type_name("");
    command.add_option("--format", args->format, Text{"xlsx (the default) or csv", "xlsx（默认）或 csv"}.in(lang))
        ->check(CLI::IsMember({"xlsx", "csv"}))
        ->type_name("FORMAT");
    command
        .add_option("--by", args->by,
                    Text{"one sheet per lead department (the default), per domain, or one sheet",
                         "每个牵头单位一张工作表（默认）、每个领域一张，或只用一张"}
                        .in(lang))
        ->check(one_of("--by", {"lead", "domain", "one"}))
        ->type_name("lead|domain|one");
    command
        .add_option("--regions", args->regions,
                    Text{"a 地区 column, the rows once per region: --regions 洞头区,玉环市",
                         "增加“地区”列，每个地区各一组行：--regions 洞头区,玉环市"}
                        .in(lang))
        ->type_name("R1,R2,…");
    command.add_option("-o,--output", args->output.output_file,
                       Text{"write the template to FILE", "将填报表写入 FILE"}.in(lang))
        ->type_name("FILE");
    add_lang_option(command, args->output.lang, lang);
    return [args] {
        TemplateOptions options = *args;
        options.output.color_err = want_color("auto", STDERR_FILENO);
        return run_template(options, std::cout, std::cerr);
    };
}

Run sql_command(CLI::App& command, Lang lang) {
    auto args = std::make_shared<SqlCommandOptions>();
    command.add_option("RULES", args->rules, Text{"the rule file", "规则文件"}.in(lang))->required()->type_name("");
    command.add_option("--dialect", args->dialect, Text{"sqlite (the default), postgres or duckdb", "sqlite（默认）、postgres 或 duckdb"}.in(lang))
        ->check(CLI::IsMember({"sqlite", "postgres", "duckdb"}))
        ->type_name("DIALECT");
    command.add_option("--table", args->sql.table, Text{"the table of values (default dabiao_values)", "数值表（默认 dabiao_values）"}.in(lang))
        ->type_name("TABLE");
    command.add_option("--region-column", args->sql.region_column, Text{"its region column (default region)", "地区列（默认 region）"}.in(lang))
        ->type_name("COLUMN");
    command.add_option("--indicator-column", args->sql.indicator_column,
                       Text{"its indicator column (default indicator)", "指标列（默认 indicator）"}.in(lang))
        ->type_name("COLUMN");
    command.add_option("--year-column", args->sql.year_column, Text{"its year column (default year)", "年份列（默认 year）"}.in(lang))
        ->type_name("COLUMN");
    command.add_option("--value-column", args->sql.value_column, Text{"its value column (default value)", "数值列（默认 value）"}.in(lang))
        ->type_name("COLUMN");
    command.add_option("-o,--output", args->output.output_file, Text{"write the SQL to FILE", "将 SQL 写入 FILE"}.in(lang))
        ->type_name("FILE");
    command
        .add_option("--as-of", args->sql.as_of,
                    Text{"judge as of this year: later targets are not due (default: the latest year with data)",
                         "按此年份评判：更晚的目标尚未到期（默认：有数据的最近年份）"}
                        .in(lang))
        ->type_name("YEAR")
        ->check(year("--as-of"));
    add_lang_option(command, args->output.lang, lang);
    return [args] {
        SqlCommandOptions options = *args;
        options.output.color_err = want_color("auto", STDERR_FILENO);
        return run_sql(options, std::cout, std::cerr);
    };
}

struct Command {
    std::string name;
    Text summary;
    Run (*define)(CLI::App& command, Lang lang);
};

const std::vector<Command> kCommands = {
    {"check", {"check the rules, and judge the data against them", "检查规则，并据此评判数据"}, check_command},
    {"explain", {"how the verdict of one target comes about", "说明某一目标的判定是如何得出的"}, explain_command},
    {"ast", {"print the syntax tree of one file", "输出一个文件的语法树"}, ast_command},
    {"builtins", {"list the built-in functions", "列出内置函数"}, builtins_command},
    {"lint", {"warn about rules that are valid but likely wrong", "提示有效但可能有误的规则"}, lint_command},
    {"fmt", {"lay rule files out canonically", "按统一格式排版规则文件"}, fmt_command},
    {"test", {"run the rule tests: expected verdicts kept beside the rules", "运行规则测试：与规则放在一起的预期判定"}, test_command},
    {"template", {"write the fill-in workbook for the departments", "生成各部门的数据填报表"}, template_command},
    {"lsp", {"the language server for editors (stdin and stdout)", "编辑器使用的语言服务器（标准输入输出）"}, lsp_command},
    {"sql", {"compile the rules to SQL over a table of values", "将规则编译为针对数值表的 SQL"}, sql_command},
};

// Help in Chinese: CLI11's own words and the headings of the option groups, set before any option
// is added. "REQUIRED" goes: CLI11 aligns the columns by bytes, and the usage line shows it anyway.
void speak_chinese(CLI::App& app) {
    const std::pair<const char*, const char*> labels[] = {
        {"Usage", "用法"}, {"OPTIONS", "选项"}, {"SUBCOMMAND", "命令"}, {"Positionals", "参数"}, {"REQUIRED", ""}};
    for (const auto& [key, zh] : labels) app.get_formatter()->label(key, zh);
    app.option_defaults()->group("选项");
}

void define_commands(CLI::App& app, Lang lang, std::map<const CLI::App*, Run>& runs) {
    if (lang == Lang::zh) speak_chinese(app);
    app.set_help_flag("-h,--help", Text{"print this help and exit", "显示此帮助并退出"}.in(lang));
    app.set_version_flag("--version", fmt::format("dabiao {}", DABIAO_VERSION),
                         Text{"print the version and exit", "显示版本并退出"}.in(lang));
    app.require_subcommand(1);
    app.option_defaults()->take_last();  // a repeated option: the last one counts
    app.footer(
        Text{"exit codes: 0 all due targets met (or rules valid), 1 some due target missed or without data,\n"
             "            2 bad input (rules, data or arguments), 3 internal error",
             "退出码：0 所有到期目标均已达成（或规则有效），1 有到期目标未达成或无数据，\n"
             "        2 输入有误（规则、数据或参数），3 内部错误"}
            .in(lang));
    for (const Command& c : kCommands) {
        CLI::App* command = app.add_subcommand(c.name, c.summary.in(lang));
        if (lang == Lang::zh) {
            command->group("命令");
            command->get_help_ptr()->group("选项");  // made before the subcommand took the defaults
        }
        runs[command] = c.define(*command, lang);
    }
}

// The long options of a command, for "did you mean": a one-letter option is close to all others.
std::vector<std::string> long_options(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* o : command.get_options()) {
        for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
    }
    return names;
}

// What a CLI11 error means, in both languages. CLI11 keeps what it did not recognise in
// `remaining()` and names the option in its messages as "NAME: …" or "NAME is required".
UsageError usage_error(const CLI::ParseError& e, const CLI::App& app) {
    const std::vector<std::string> rest = app.remaining(true);
    const std::vector<CLI::App*> chosen = app.get_subcommands();
    const CLI::App& command = chosen.empty() ? app : *chosen.front();
    if (!rest.empty() && rest.front().starts_with("-")) {
        const std::string option = rest.front().substr(0, rest.front().find('='));
        return {{fmt::format("unknown option '{}'", option), fmt::format("未知的选项“{}”", option)},
                option.starts_with("--") ? closest_name(option, long_options(command)) : ""};
    }
    if (chosen.empty()) {
        std::vector<std::string> names;
        for (const Command& c : kCommands) names.push_back(c.name);
        if (rest.empty()) {
            const Text list = or_list(names);
            return {{"a command is needed: " + list.en, "缺少命令：" + list.zh}};
        }
        return {{fmt::format("unknown command '{}'", rest.front()), fmt::format("未知的命令“{}”", rest.front())},
                closest_name(rest.front(), names)};
    }
    if (!rest.empty()) {
        return {{fmt::format("unexpected argument '{}'", rest.front()), fmt::format("多余的参数“{}”", rest.front())}};
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        for (const CLI::Option* o : command.get_options()) {
            if (o->get_required() && o->count() == 0) {
                return {{fmt::format("missing {}", o->get_name()), fmt::format("缺少 {}", o->get_name())}};
            }
        }
    }
    const std::string what = e.what();
    const std::string name = what.substr(0, what.find(':'));
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && command.get_option_no_throw(name)) {
        return {{fmt::format("{} needs a value", name), fmt::format("{} 需要一个值", name)}};
    }
    return {{what, "命令行有误：" + what}};
}

int report_usage_error(const UsageError& e, const CLI::App& app, Lang lang, bool color) {
    const std::vector<CLI::App*> chosen = app.get_subcommands();
    const std::string help =
        chosen.empty() ? "dabiao --help" : fmt::format("dabiao {} --help", chosen.front()->get_name());
    Text hint{fmt::format("run '{}' to see how it is used", help), fmt::format("运行 {} 查看用法", help)};
    if (!e.did_you_mean.empty()) {
        hint = {fmt::format("did you mean '{}'? {}", e.did_you_mean, hint.en),
                fmt::format("是否应为“{}”？{}", e.did_you_mean, hint.zh)};
    }
    std::cerr << render_diagnostic({Severity::error, NoLocation{}, e.message, hint}, SourceMap{}, {lang, color});
    return kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const Lang lang = last_value(args, "--lang") == "en" ? Lang::en : Lang::zh;
    CLI::App app(Text{"dabiao — checks published targets against submitted data (达标)",
                      "dabiao（达标）——对照公布的目标评判报送的数据"}
                     .in(lang),
                 "dabiao");
    std::map<const CLI::App*, Run> runs;
    try {
        define_commands(app, lang, runs);
        try {
            app.parse(argc, argv);
        } catch (const CLI::Success& e) {  // --help, --version
            return app.exit(e);
        } catch (const CLI::ParseError& e) {
            throw usage_error(e, app);
        }
        return runs.at(app.get_subcommands().front())();
    } catch (const UsageError& e) {
        return report_usage_error(e, app, lang,
                                  want_color(last_value(args, "--color").value_or("auto"), STDERR_FILENO));
    } catch (const std::exception& e) {
        std::cerr << "dabiao: internal error: " << e.what()
                  << "\nplease report this with the command and its input files\n";
        return kInternalError;
    }
}
