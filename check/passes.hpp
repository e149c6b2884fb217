// The checker's passes (internal to check/), file by file; check/check.cpp runs them in order.
// Besides its entry points, a pass offers here what later passes reuse.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "check/context.hpp"

namespace dabiao::checker {

// declare.cpp — every name first, so that later passes can refer to anything declared anywhere:
// the plan header, domains with their leads, indicators with their parts, inputs, functions.
void declare(CheckContext& cx, const std::vector<const ast::Module*>& modules);
// Each lead department once, with the domains it leads.
void index_leads(CheckContext& cx);

// confusable.cpp — a warning for indicators whose names differ only in look-alike characters.
void confusable_names(CheckContext& cx);

// attributes.cpp — what an indicator is: unit, direction and stages (the parts of a paired
// indicator take their group's), then its values: formula, full-coverage base, baseline.
void define_attributes(CheckContext& cx);
void define_values(CheckContext& cx);
// A value compared with indicator `id`, converted to its unit; null after an error.
ir::ExprPtr fit_value(CheckContext& cx, ir::ExprPtr expr, const Type& t, IndicatorId id, Span span);
// The stage `e` names on staged indicator `id`; nothing after an error.
std::optional<int> stage_index(CheckContext& cx, const ast::Expr& e, IndicatorId id);
// An indicator's unit as messages name it.
std::string unit_label(const Indicator& i);

// resolve.cpp — expressions: names become indicators, parameters and functions (AST → IR),
// then their types, where the unit rules apply.
ir::ExprPtr resolve(CheckContext& cx, const ast::Expr& e, const std::vector<std::string>* params);
Type type_of(CheckContext& cx, const ir::Expr& e, std::span<const Type> params);
Type literal_type(const std::string& unit, double value);
void define_functions(CheckContext& cx);
// Bodies are typed at their calls; a function nobody calls is typed here with unknown arguments.
void type_functions(CheckContext& cx);

// cycles.cpp — derived indicators that need each other in the same year.
void check_formula_cycles(CheckContext& cx);

// targets.cpp — table entries and statements become Targets (one per indicator and year),
// with duplicates, conflicts and targets against the indicator's direction reported.
void lower_targets(CheckContext& cx);
void direction_warnings(CheckContext& cx);

}  // namespace dabiao::checker
