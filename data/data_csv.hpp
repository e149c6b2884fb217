// CSV data, as departments export it from Excel (see docs/data.md):
//   long:  one value per row      地区,指标,年份,数值[,单位,来源,备注] (region,indicator,year,value[,unit,source,note])
//   wide:  the official table     [地区,]指标[,单位],2022年,2023年,…       (indicators as rows, years as columns)
// Quoted fields, embedded commas and line breaks, CRLF, a UTF-8 byte order mark, and GBK /
// GB18030 files are read; every problem names the file, line and column.
#pragma once

#include <string>
#include <string_view>

#include "data/data.hpp"
#include "base/encoding.hpp"

namespace dabiao {

// A cell longer than this is refused (a CSV with a 10 MB cell is a broken export, not data).
inline constexpr std::size_t kMaxCsvCellBytes = 64 * 1024;

struct CsvOptions {
    Encoding encoding = Encoding::detect;
};

// Reads one CSV file; its decoded text is registered in `sources` so that diagnostics show the
// line with a caret.
void read_csv_data(const std::string& path, std::string_view bytes, const CsvOptions& options, SourceMap& sources,
                   const std::string& default_region, DataSink& sink, Diagnostics& diags);

}  // namespace dabiao
