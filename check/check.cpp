// The checker's driver: the passes in the order they need each other (check/passes.hpp).
#include "check/check.hpp"

#include "check/passes.hpp"

namespace dabiao {

Program check(const std::vector<const ast::Module*>& modules, const SourceMap& sources, Diagnostics& diags) {
    using namespace checker;
    CheckContext cx(sources, diags);
    declare(cx, modules);      // every name, so that any later use finds it wherever it is declared
    confusable_names(cx);      // look-alike names, while only names are known
    define_attributes(cx);     // units before anything computes with them
    define_functions(cx);      // bodies resolved; typed at their calls
    define_values(cx);         // formulas, coverage bases, baselines (may call functions)
    check_formula_cycles(cx);  // needs every formula and function body
    type_functions(cx);        // the bodies no formula or target reached
    lower_targets(cx);         // table entries, then statements
    direction_warnings(cx);    // over all targets of an indicator
    index_leads(cx);
    for (const auto& [key, id] : cx.by_key) cx.program.keys.emplace(key, id);
    return std::move(cx.program);
}

}  // namespace dabiao
