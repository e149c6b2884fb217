// The one table of built-in functions, shared by the checker (names, arity, unit rules)
// and the evaluator (implementations).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/value.hpp"

namespace dabiao {

// What a built-in sees when it runs: its arguments as series it can evaluate in any year.
class CallContext {
public:
    virtual ~CallContext() = default;
    virtual std::size_t arg_count() const = 0;
    virtual Value arg(std::size_t index, int year) = 0;
    virtual int year() const = 0;  // the year the call is evaluated in
    virtual Span span() const = 0;
    virtual void step() = 0;  // charges one unit of the evaluation budget (year loops)
};

// How an argument is used: a series evaluated in other years, a year, or a plain value.
enum class ArgKind { series, year, value };

struct TypeResult {
    std::optional<Type> type;  // empty: `error` explains why the argument units do not fit
    Text error;
};

struct Builtin {
    std::vector<std::string_view> names;  // English and Chinese
    std::vector<ArgKind> params;          // the last one repeats when `variadic`
    std::size_t min_args = 0;
    bool variadic = false;
    TypeResult (*result_type)(std::span<const Type> args);
    Value (*impl)(CallContext& call);
    Text summary;
};

const std::vector<Builtin>& builtins();
const Builtin* find_builtin(std::string_view name);

}  // namespace dabiao
