// Rendering verdicts: aligned text for people (Chinese labels by default, colour on a
// terminal) and JSON (schema dabiao.verdicts/1) for automation.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "judge/verdicts.hpp"

namespace dabiao {

struct ReportOptions {
    Lang lang = Lang::zh;
    bool color = false;
    bool hide_not_due = false;
};

std::string render_text(const Program& program, const RegionReport& report, const SourceMap& sources,
                        const ReportOptions& options);

struct Comparison;

// The verdicts document (schema dabiao.verdicts/1). `accounting` and `comparison` are added
// when given (a run with data; a run over several regions).
nlohmann::ordered_json render_json(const Program& program, const std::vector<RegionReport>& reports,
                                   const SourceMap& sources, const Diagnostics& diags,
                                   const DataAccounting* accounting = nullptr, const Comparison* comparison = nullptr);

// The same document as JSON text, written region by region: the document of one region at a
// time is held in memory, never all of them (many regions: the text alone is the output).
std::string render_json_text(const Program& program, const std::vector<RegionReport>& reports,
                             const SourceMap& sources, const Diagnostics& diags, const DataAccounting* accounting,
                             const Comparison* comparison);

// JSON text of a report. Text from the input (a quoted key, a message that echoes the bytes of
// a broken file) may not be UTF-8; it is written with U+FFFD instead of failing the run.
std::string dump_json(const nlohmann::ordered_json& doc);

// "数据：读取 120 个值：使用 100，……": what became of every value read.
std::string render_accounting(const DataAccounting& a, Lang lang);
nlohmann::ordered_json accounting_json(const DataAccounting& a);

// Numbers in JSON: shortest form, null when missing; on a staged indicator the stage's name.
nlohmann::ordered_json number_or_null(const std::optional<double>& v);
nlohmann::ordered_json stage_or_number(const Indicator& i, const std::optional<double>& v);


}  // namespace dabiao
