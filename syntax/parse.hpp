// The front end's public face: text in, AST and diagnostics out. No PEGTL type appears here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "syntax/ast.hpp"
#include "base/diagnostics.hpp"

namespace dabiao::grammar {

// Deepest nesting of grammar rules the parser follows before it reports "nested too deeply"
// (an expression costs about a dozen levels per parenthesis), keeping the stack bounded.
inline constexpr std::size_t kMaxRuleDepth = 2000;

// Highest expression tree the parser builds (a chain a+b+c counts one level per operator).
inline constexpr int kMaxExpressionHeight = 256;

// Parses one rule file. Syntax errors are added to `diags`; the parser recovers at the next
// line (or block item), so one run reports the syntax errors of every item.
ast::Module parse_module(const SourceMap& sources, FileId file, Diagnostics& diags);

// A value typed in a data file, read with the rule files' literal syntax:
// "12,500", "85%", "1.08万", "6500人", "-3", "2(8)".
struct DataValue {
    double value = 0;
    std::string unit;              // "%", "‰", "人"... or empty
    int magnitude = 0;             // 4 for 万, 8 for 亿 (already applied to `value`)
    std::optional<double> second;  // the count in parentheses of a paired value
    std::string second_unit;
};
std::optional<DataValue> parse_data_value(std::string_view text);

// The number and unit of a literal the grammar has already accepted (also used for data).
struct NumberText {
    double value = 0;
    std::string unit;
    int magnitude = 0;
    bool in_range = true;  // false: too large (or too small) for a double; `value` is meaningless
};
NumberText read_number(std::string_view text);

// Problems PEGTL's grammar analyzer finds (rules that can loop without consuming input). 0 is healthy.
std::size_t analyze_grammar();

}  // namespace dabiao::grammar
