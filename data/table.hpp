// Tables of values as departments keep them (see docs/data.md), read from rows of located cells
// whatever file they came from — a CSV's lines, a workbook's sheet:
//   long:  one value per row      地区,指标,年份,数值[,单位,来源,备注] (region,indicator,year,value[,unit,source,note])
//   wide:  the official table     [地区,]指标[,单位],2022年,2023年,…       (indicators as rows, years as columns)
// The first row that names an indicator column is the header; up to kMaxTitleRows rows above it
// (a title such as 表1 2023年指标完成情况) are skipped with a note. Cells holding —, /, -, 无 or
// 暂无 are missing values (a note). Every problem names the cell it is about.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "data/data.hpp"

namespace dabiao {

// Where a cell is: its text in a registered source file (a CSV cell: diagnostics show its line
// with a caret), or a reference in a file that has no text to show ("Sheet1!B3" in a workbook).
using CellPlace = std::variant<Span, std::string>;

struct Cell {
    std::string text;  // as typed, blanks included (values are read with the rule files' syntax)
    CellPlace place;
};

using Row = std::vector<Cell>;

inline constexpr std::size_t kMaxTitleRows = 5;

// Reads a table row by row, so that a reader never holds more than one row of cells.
class TableReader {
public:
    // `file` names the table's file in diagnostics; values of rows that name no region (or of a
    // table without a region column) belong to `default_region`.
    TableReader(std::string file, std::string default_region, DataSink& sink, Diagnostics& diags)
        : file_(std::move(file)), default_region_(std::move(default_region)), sink_(sink), diags_(diags) {}

    // The next row of the table. Blank rows are skipped; the first other row is the header, and
    // when the header is unusable (an error was reported) the rows after it are not read.
    void row(const Row& cells);
    // After the last row: a table without any row is reported, and so is one whose rows are all
    // titles (no header). With `text_only` (a workbook's sheet holding no number, such as a
    // 说明 sheet of notes) a table without a header is a note: there is nothing in it to read.
    void finish(bool text_only = false);

private:
    enum class Column { region, indicator, year, value, unit, source, note, year_value, other };
    enum class State { before_header, reading, bad_header };

    std::string file_;
    std::string default_region_;
    DataSink& sink_;
    Diagnostics& diags_;
    State state_ = State::before_header;
    std::size_t header_size_ = 0;
    std::map<Column, std::size_t> columns_;
    std::vector<std::pair<std::size_t, int>> year_columns_;  // column, year
    std::vector<Cell> titles_;      // the first cell of each row above the header
    std::size_t missing_marks_ = 0;  // cells holding —, /, 无…: read as missing
    std::optional<Cell> first_mark_;

    static std::pair<Column, int> classify(std::string name);
    static bool names_indicator(const Row& cells);
    bool missing_mark(const Cell& cell);
    bool header(const Row& cells);
    Provenance at(const Cell& cell) const;
    Provenance at(const Cell& cell, const Row& row) const;
    void error(const Cell& cell, Text message, Text hint = {});
    std::string region_of(const Row& row) const;
    std::string unit_of(const Row& row, const std::string& key_unit) const;
    std::size_t filled(const Row& row) const;
    void wide_row(const Row& row);
    void long_row(const Row& row);
};

}  // namespace dabiao
