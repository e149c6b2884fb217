// Values during evaluation and the static types the checker gives expressions.
#pragma once

#include <string>

#include "base/diagnostics.hpp"
#include "base/ids.hpp"
#include "base/source.hpp"
#include "base/units.hpp"

namespace dabiao {

// Why a value is absent. Missing data is a state, never a zero.
struct Missing {
    enum class Why { none, no_data, undefined, out_of_range };
    Why why = Why::none;
    IndicatorId indicator = 0;  // no_data: the input that has no value... (out_of_range: the derived indicator)
    int year = 0;               // ...in this year
    Span where;                 // undefined: the expression (e.g. a division by zero)
};

struct Value {
    bool present = false;
    double number = 0;  // booleans are 0/1, stages their index
    bool is_boolean = false;
    Missing missing;

    static Value of(double v) { return Value{true, v, false, {}}; }
    static Value truth(bool b) { return Value{true, b ? 1.0 : 0.0, true, {}}; }
    static Value absent(Missing m) { return Value{false, 0, false, m}; }
};

// The checker's view of an expression.
struct Type {
    enum class Kind { number, boolean, stage, year, unknown };
    Kind kind = Kind::number;
    Unit unit;
    bool literal = false;      // a bare number: takes the unit of what it meets
    IndicatorId stage_of = 0;  // Kind::stage: whose stages

    static Type number_in(Unit u) { return Type{Kind::number, std::move(u), false, 0}; }
    static Type literal_number() { return Type{Kind::number, {}, true, 0}; }
    static Type boolean() { return Type{Kind::boolean, {}, false, 0}; }
    static Type year_type() { return Type{Kind::year, {}, false, 0}; }
    static Type unknown() { return Type{Kind::unknown, {}, true, 0}; }

    bool is_number() const { return kind == Kind::number || kind == Kind::unknown; }
    // Usable where a year is expected: a year expression or a bare number such as 2022.
    bool yearlike() const { return kind == Kind::year || kind == Kind::unknown || (kind == Kind::number && literal); }
};

// "%", "人", "a plain number", "a condition"... in English or Chinese.
std::string describe(const Type& t, Lang lang = Lang::en);

}  // namespace dabiao
