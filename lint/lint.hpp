// The linter: warnings an analyst should see before the data come in, over a checked Program.
// Each lint has a name (the table lint_rules()) and can be switched off in the rule file with a
// comment pragma on the line of the finding or the line above it:
//     # dabiao: allow 表文不一致 -- 文本写“左右”，表格写 90，以表格为准
// A pragma names the lint (English or Chinese name) and, after "--", the reason, which is
// required. Pragmas that name no lint, give no reason or switch nothing off are warnings too.
#pragma once

#include <set>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "check/program.hpp"

namespace dabiao {

struct LintRule {
    std::string_view name;     // as pragmas and messages write it: "table-text-conflict"
    std::string_view name_zh;  // the Chinese name a pragma may use instead: "表文不一致"
    Text summary;
};

// Every lint, in the order `dabiao lint --list` shows them.
const std::vector<LintRule>& lint_rules();

struct LintResult {
    std::size_t warnings = 0;    // findings reported
    std::size_t suppressed = 0;  // findings switched off by a pragma
};

// Lints `program`. Only findings in `files` are reported (the prelude is not the analyst's);
// pragmas are read from those files' text. Each finding is a warning in `diags` whose message
// starts with the lint's name in brackets.
LintResult lint(const Program& program, const SourceMap& sources, const std::set<FileId>& files, Diagnostics& diags);

}  // namespace dabiao
