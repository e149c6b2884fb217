// The output formats of `dabiao check`, in one table: adding a format is one file with its
// render function, one row in output_formats() and its test.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/compare.hpp"
#include "report/report.hpp"

namespace dabiao {

// Everything a run with data reports: the one value every format lays out.
struct RunReport {
    const Program& program;
    const SourceMap& sources;
    const std::vector<RegionReport>& regions;
    const Diagnostics& diags;
    const DataAccounting& accounting;
    const Comparison* comparison;  // several regions
    ReportOptions options;
    // The head of the file formats (HTML): when the report was made ("2026-12-02 11:25 UTC",
    // $SOURCE_DATE_EPOCH when set, so that a report can be reproduced) and the --data files.
    std::string generated = {};
    std::vector<std::string> data_files = {};
    // --explain (HTML): each verdict's trace, judged again with the explain observer over the
    // same data; regions[k] was judged over (*data)[k].
    const std::vector<RegionData>* data = nullptr;
    bool explain = false;
};

struct OutputFormat {
    std::string_view name;  // as --format names it
    Text summary;
    std::string (*render)(const RunReport& run);
    bool binary;  // bytes for a file, not text for a terminal: needs -o
};

const std::vector<OutputFormat>& output_formats();
const OutputFormat* find_output_format(std::string_view name);

}  // namespace dabiao
