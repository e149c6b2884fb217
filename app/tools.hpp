// The tools for rule writers (docs/tools.md): `dabiao lint` and `dabiao test`. Each is one
// function here and one row in app/main.cpp's command table.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/driver.hpp"
#include "lint/format.hpp"

namespace dabiao {

struct LintOptions {
    std::string rules;
    LoadOptions load;
    OutputOptions output;
    bool list = false;  // print the lints and their names instead
};

// Lints a rule file and what it imports. Exit code: 0 no warnings, 1 warnings, 2 the rules have errors.
int run_lint(const LintOptions& options, std::ostream& out, std::ostream& err);

struct TestOptions {
    std::string path;  // a test file, or a folder searched for *.test.json
    LoadOptions load;
    OutputOptions output;
    std::optional<std::string> junit;  // --junit FILE
    bool update = false;               // rewrite the expectations from the results
};

// Runs rule tests. Exit code: 0 all pass, 1 some test fails, 2 a test file or its rules/data are bad.
int run_test(const TestOptions& options, std::ostream& out, std::ostream& err);

struct FmtOptions {
    std::vector<std::string> files;
    bool check = false;  // --check: exit 1 when a file is not formatted, change nothing
    bool write = false;  // -w: rewrite the files in place (through a temporary file and a rename)
    FormatStyle style;   // --keywords, --punctuation
    OutputOptions output;
};

// Formats rule files (docs/tools.md). Without --check or -w, prints the one file formatted.
// Exit code: 0 done (or all formatted), 1 --check found files to format, 2 a file cannot be read,
// does not parse, or would not keep its syntax tree.
int run_fmt(const FmtOptions& options, std::ostream& out, std::ostream& err);

}  // namespace dabiao
