// Fill-in templates generated from the checked rules (`dabiao template`, docs/data.md): one sheet
// per lead department listing its indicators (identifier, name, unit, baseline, the targets for
// reference) and a column per plan year to fill, in the wide shape the data readers read back.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "check/program.hpp"

namespace dabiao {

// One row of a template: an indicator a department reports on.
struct TemplateRow {
    std::string lead;  // the sheet: a lead department, or 其他 for indicators of no domain
    const Indicator* indicator = nullptr;
    std::string targets;  // "2023: ≥ 80；2025: ≥ 85", for reference
};

// The indicators whose values come from the data (reported and input; derived ones are computed),
// grouped by lead department in declaration order; an indicator of a domain with two leads is on
// both departments' sheets.
std::vector<TemplateRow> template_rows(const Program& program);

// The header of a template's table: 指标,名称,单位,基线,目标,2023年,…
std::vector<std::string> template_header(const Program& program);

// The template as a workbook written to `path` (libxlsxwriter): a 说明 sheet in Chinese, then a
// sheet per lead department; fill cells unlocked and validated (numbers, or the list of stages),
// the rest of each sheet protected. Returns false with an error in `diags` when it cannot be written.
bool write_template_xlsx(const Program& program, const std::string& path, Diagnostics& diags);

// The template as one CSV table (a 牵头单位 column first), UTF-8 with a byte order mark for Excel.
std::string template_csv(const Program& program);

}  // namespace dabiao
