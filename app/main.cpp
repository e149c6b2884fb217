// dabiao: the command line. It only turns arguments into options and calls the driver.
#include <fmt/format.h>

#include <unistd.h>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/driver.hpp"
#include "stdlib/builtins.hpp"

namespace {

using namespace dabiao;

constexpr const char* kUsage = R"(dabiao — checks published targets against submitted data (达标)

usage:
  dabiao check RULES.dab [--data DATA.json|DATA.csv]... [--as-of YEAR] [--format text|json]
                         [--lang zh|en] [--color auto|always|never] [--hide-not-due]
                         [--encoding auto|utf-8|gbk|gb18030] [--strict] [--stdlib DIR] [-o FILE]
  dabiao explain RULES.dab --data DATA.json --indicator X --year YEAR [--region R]
                         [--as-of YEAR] [--format text|json] [--lang zh|en]
                              how the verdict of one target comes about
  dabiao ast RULES.dab        print the syntax tree of one file
  dabiao builtins             list the built-in functions
  dabiao --version | --help

Without --data, `check` validates the rules only. Several --data files are merged; two
different values for one region, indicator and year are an error. --strict makes unknown
indicators, values outside the plan period, duplicates and values for derived indicators errors.
exit codes: 0 all due targets met (or rules valid), 1 some due target missed or without data,
            2 bad input (rules, data or arguments), 3 internal error
)";

struct UsageError {
    std::string message;
};

bool want_color(const std::string& mode, int fd) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    if (mode != "auto") throw UsageError{fmt::format("--color takes auto, always or never, not '{}'", mode)};
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return ::isatty(fd) && !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
}

int parse_year(const std::string& text, const std::string& what) {
    if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
        throw UsageError{fmt::format("{} takes a year such as 2024, not '{}'", what, text)};
    }
    return std::stoi(text);
}

// Splits "--name=value" and "--name value" alike.
class Args {
public:
    Args(int argc, char** argv) : argv_(argv + 1, argv + argc) {}
    bool done() const { return next_ >= argv_.size(); }
    std::string take() { return argv_[next_++]; }
    std::string value_of(const std::string& flag, std::optional<std::string>& inline_value) {
        if (inline_value) return *std::exchange(inline_value, std::nullopt);
        if (done()) throw UsageError{fmt::format("{} needs a value", flag)};
        return take();
    }

private:
    std::vector<std::string> argv_;
    std::size_t next_ = 0;
};

// Options shared by `check` and `explain`; `extra` handles a command's own options and
// positional arguments (returning false for ones it does not know).
template <typename Extra>
CheckOptions parse_check_options(Args& args, Extra extra) {
    CheckOptions options;
    std::string color = "auto";
    std::optional<std::string> rules;
    while (!args.done()) {
        std::string arg = args.take();
        std::optional<std::string> inline_value;
        if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
            inline_value = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
        }
        if (arg == "--data") {
            options.data.push_back(args.value_of(arg, inline_value));
        } else if (arg == "--as-of") {
            options.as_of = parse_year(args.value_of(arg, inline_value), arg);
        } else if (arg == "--format") {
            const std::string f = args.value_of(arg, inline_value);
            if (f != "text" && f != "json") throw UsageError{fmt::format("--format takes text or json, not '{}'", f)};
            options.output.format = f;
        } else if (arg == "--lang") {
            const std::string l = args.value_of(arg, inline_value);
            if (l != "zh" && l != "en") throw UsageError{fmt::format("--lang takes zh or en, not '{}'", l)};
            options.output.lang = l == "en" ? Lang::en : Lang::zh;
        } else if (arg == "--color") {
            color = args.value_of(arg, inline_value);
        } else if (arg == "--hide-not-due") {
            options.hide_not_due = true;
        } else if (arg == "--strict") {
            options.strict = true;
        } else if (arg == "--encoding") {
            const std::string e = args.value_of(arg, inline_value);
            const auto encoding = parse_encoding(e);
            if (!encoding) throw UsageError{fmt::format("--encoding takes auto, utf-8, gbk or gb18030, not '{}'", e)};
            options.encoding = *encoding;
        } else if (arg == "--stdlib") {
            options.load.stdlib_dir = args.value_of(arg, inline_value);
        } else if (arg == "-o" || arg == "--output") {
            options.output.output_file = args.value_of(arg, inline_value);
        } else if (extra(arg, inline_value, rules.has_value())) {
            continue;
        } else if (arg.starts_with("-") && arg != "-") {
            throw UsageError{fmt::format("unknown option '{}'", arg)};
        } else if (!rules) {
            rules = arg;
        } else {
            throw UsageError{fmt::format("one rule file is checked at a time; use import for more ('{}')", arg)};
        }
    }
    if (!rules) throw UsageError{"a rule file is needed, e.g. dabiao check RULES.dab --data DATA.json"};
    options.rules = *rules;
    options.output.color_out = want_color(color, STDOUT_FILENO) && !options.output.output_file;
    options.output.color_err = want_color(color, STDERR_FILENO);
    return options;
}

int check_command(Args& args) {
    const CheckOptions options = parse_check_options(args, [](const std::string&, auto&, bool) { return false; });
    return run_check(options, std::cout, std::cerr);
}

// dabiao explain RULES.dab --data D.json (--indicator X --year Y | X Y) [--region R]
int explain_command(Args& args) {
    ExplainOptions options;
    std::optional<int> year;
    std::vector<std::string> positional;
    options.check = parse_check_options(
        args, [&](const std::string& arg, std::optional<std::string>& inline_value, bool have_rules) {
            if (arg == "--indicator") {
                options.indicator = args.value_of(arg, inline_value);
            } else if (arg == "--year") {
                year = parse_year(args.value_of(arg, inline_value), arg);
            } else if (arg == "--region") {
                options.region = args.value_of(arg, inline_value);
            } else if (have_rules && !arg.starts_with("-")) {
                positional.push_back(arg);
            } else {
                return false;
            }
            return true;
        });
    if (!positional.empty() && options.indicator.empty()) options.indicator = positional[0];
    if (positional.size() > 1 && !year) year = parse_year(positional[1], "the year");
    if (positional.size() > 2) throw UsageError{"explain takes one indicator and one year"};
    if (options.indicator.empty() || !year) {
        throw UsageError{
            "explain needs an indicator and a year: dabiao explain RULES.dab --data DATA.json --indicator X --year "
            "2024"};
    }
    options.year = *year;
    return run_explain(options, std::cout, std::cerr);
}

int ast_command(Args& args) {
    if (args.done()) throw UsageError{"ast needs a rule file: dabiao ast RULES.dab"};
    const std::string rules = args.take();
    if (!args.done()) throw UsageError{"ast takes one rule file"};
    OutputOptions output;
    output.color_err = want_color("auto", STDERR_FILENO);
    return run_ast(rules, output, std::cout, std::cerr);
}

int builtins_command() {
    for (const Builtin& b : builtins()) {
        std::string names;
        for (const auto n : b.names) names += (names.empty() ? "" : " / ") + std::string(n);
        std::cout << fmt::format("{}\n    {}\n    {}\n", names, b.summary.en, b.summary.zh);
    }
    return kAllMet;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        Args args(argc, argv);
        if (args.done()) {
            std::cerr << kUsage;
            return kBadInput;
        }
        const std::string command = args.take();
        if (command == "check") return check_command(args);
        if (command == "ast") return ast_command(args);
        if (command == "explain") return explain_command(args);
        if (command == "builtins") return builtins_command();
        if (command == "--version" || command == "version") {
            std::cout << "dabiao " << DABIAO_VERSION << "\n";
            return kAllMet;
        }
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kUsage;
            return kAllMet;
        }
        throw UsageError{fmt::format("unknown command '{}'", command)};
    } catch (const UsageError& e) {
        std::cerr << "dabiao: " << e.message << "\n\n" << kUsage;
        return kBadInput;
    } catch (const std::exception& e) {
        std::cerr << "dabiao: internal error: " << e.what()
                  << "\nplease report this with the command and its input files\n";
        return kInternalError;
    }
}
