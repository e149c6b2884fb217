// Helpers for the table-driven stage tests (check_test, eval_test, builtins_test): a checked
// Program from rule text held in a string (with the prelude from stdlib/, as the CLI loads it),
// and a region's data built from (indicator key, year, value) triples through the real data
// path (DataSink), so that an evaluator can run over it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "base/value.hpp"
#include "check/check.hpp"
#include "check/program.hpp"
#include "data/data.hpp"
#include "judge/eval.hpp"
#include "syntax/ast.hpp"

namespace dabiao::test {

// The name the rule text is registered under; diagnostics say "test.dab:LINE:COL".
inline constexpr const char* kRulesFile = "test.dab";

// A diagnostic with its position resolved to a 1-based line and character column.
struct Reported {
    Severity severity = Severity::error;
    std::string en;
    std::string zh;
    std::string hint_en;
    std::string hint_zh;
    std::string file;  // empty when the diagnostic has no span
    std::size_t line = 0;
    std::size_t column = 0;
};

// Rule text parsed and checked, as `dabiao check` does it: the prelude first, then the text.
// Everything the Program's spans refer to stays alive as long as this object.
class Checked {
public:
    explicit Checked(std::string rules, bool with_prelude = true);
    Checked(const Checked&) = delete;
    Checked& operator=(const Checked&) = delete;

    SourceMap sources;
    Diagnostics diags;
    std::vector<ast::Module> modules;
    Program program;
    FileId file = 0;  // the rule text's file

    std::vector<Reported> reported() const;
    std::string rendered() const;  // every diagnostic rendered in English, for INFO

    bool has(std::string_view key) const;
    IndicatorId id(std::string_view key) const;  // fails the running test when there is no such key
    const Indicator& indicator(std::string_view key) const;
    // The targets of one indicator, ordered by year, then source label.
    std::vector<const Target*> targets_of(std::string_view key) const;
    const Function* function(std::string_view name) const;  // null when there is none
};

// One submitted value.
struct Datum {
    std::string key;  // identifier or display name, as a data file would write it
    int year = 0;
    double value = 0;
};

inline constexpr const char* kRegion = "测试区";

// The values stored for kRegion, read through DataSink::indicator and DataSink::number. Fails the
// running test if any value is not accepted (unknown key, year outside the window...).
RegionData region_data(const Checked& checked, const std::vector<Datum>& values);

// An evaluator over a checked program and some data.
class Run {
public:
    Run(const Checked& checked, const std::vector<Datum>& values, EvalLimits limits = {});
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    Value indicator(std::string_view key, int year);
    // The body of a function without parameters, evaluated in `year` (comparisons and
    // conditions, which an indicator's formula may not be, are evaluated this way).
    Value body_of(std::string_view function, int year);
    Evaluator& evaluator() { return evaluator_; }

private:
    const Checked& checked_;
    RegionData data_;
    Evaluator evaluator_;
};

// "85", "true", "missing: no data for A in 2023", "missing: undefined at 3:15"... for INFO.
std::string describe(const Value& v, const Checked& checked);

// 1-based line and character column of a span's start.
LineCol position(const Checked& checked, Span span);

}  // namespace dabiao::test
