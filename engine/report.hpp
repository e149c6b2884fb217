// Rendering verdicts: aligned text for people (Chinese labels by default, colour on a
// terminal) and JSON (schema dabiao.verdicts/1) for automation.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/diagnostics.hpp"
#include "engine/verdicts.hpp"

namespace dabiao {

struct ReportOptions {
    Lang lang = Lang::zh;
    bool color = false;
    bool hide_not_due = false;
};

std::string render_text(const Program& program, const RegionReport& report, const SourceMap& sources,
                        const ReportOptions& options);

nlohmann::ordered_json render_json(const Program& program, const std::vector<RegionReport>& reports, const SourceMap& sources,
                           const Diagnostics& diags);

// Shared wording for both renderers.
std::string_view status_label(Status s, Lang lang);
std::string_view status_key(Status s);  // "met", "missed", "no_data", "not_due"
std::string format_number(double v);    // shortest form, rounded to 10 significant digits
std::string format_with_unit(double v, const Unit& unit);
std::string target_text(const Program& program, const Target& t, const Verdict& v, Lang lang);
std::string missing_text(const Program& program, const Missing& m, const SourceMap& sources, Lang lang);

}  // namespace dabiao
