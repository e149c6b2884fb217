// Fill-in templates generated from the checked rules (`dabiao template`, docs/data.md): one sheet
// per lead department listing its indicators (identifier, name, unit, baseline, the targets for
// reference) and a column per plan year to fill, in the wide shape the data readers read back.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "check/program.hpp"

namespace dabiao {

// How the template's rows are split into sheets (`--by`).
enum class TemplateSheets {
    per_lead,    // one sheet per lead department (the default)
    per_domain,  // one sheet per domain
    one,         // every indicator on one sheet
};

struct TemplateLayout {
    TemplateSheets by = TemplateSheets::per_lead;
    // `--regions 洞头区,玉环市`: a 地区 column first, and the sheet's rows once per region (in this
    // order); the readers take the 地区 column as every row's region. Empty: no region column.
    std::vector<std::string> regions;
};

// One row of a template: an indicator a department reports on (for one region).
struct TemplateRow {
    std::string sheet;   // a lead department, a domain or 全部指标; 其他 for indicators of no domain
    std::string region;  // empty without --regions
    const Indicator* indicator = nullptr;
    std::string targets;  // "2023: ≥ 80；2025: ≥ 85", for reference
};

// The indicators whose values come from the data (reported and input; derived ones are computed),
// grouped into sheets as `layout.by` says in declaration order, then by region; per lead, an
// indicator of a domain with two leads is on both departments' sheets.
std::vector<TemplateRow> template_rows(const Program& program, const TemplateLayout& layout = {});

// The header of a template's table: [地区,]指标,名称,单位,基线,目标,2023年,…
std::vector<std::string> template_header(const Program& program, const TemplateLayout& layout = {});

// The template as a workbook written to `path` (libxlsxwriter): a 说明 sheet in Chinese, then a
// sheet per lead department; fill cells unlocked and validated (numbers, or the list of stages),
// the rest of each sheet protected. Returns false with an error in `diags` when it cannot be written.
bool write_template_xlsx(const Program& program, const TemplateLayout& layout, const std::string& path,
                         Diagnostics& diags);

// The template as one CSV table (a 牵头单位 or 领域 column first, as `layout.by` groups the rows;
// none for TemplateSheets::one), UTF-8 with a byte order mark for Excel. An indicator is listed
// once per region, under its first sheet.
std::string template_csv(const Program& program, const TemplateLayout& layout = {});

}  // namespace dabiao
