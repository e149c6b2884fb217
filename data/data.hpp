// Submitted data: values per region, indicator and year, each with the place it came from.
// The readers of data files (data/readers.hpp) feed a DataSink, which resolves keys, reads
// values with the rule files' value syntax, converts units and reports every value it cannot use.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.hpp"
#include "check/program.hpp"

namespace dabiao {

// Where a value came from: a JSON pointer, or a line and column (as a Span) in a text file.
struct Provenance {
    std::string file;
    std::string pointer;
    std::optional<Span> span;
    std::string origin;  // who supplied it, when the data says so (a CSV 来源/source column)

    Location location() const;
    std::string describe(const SourceMap& sources) const;
};

struct Observation {
    double value = 0;
    Provenance source;
    // Decimals the value is written with, in the indicator's unit (2083 → 0, 2083.33 → 2, 1.08万
    // on 人 → -2); empty: exact (a number without its text, a unit converted by a factor not a power of 10).
    std::optional<int> decimals;
};

// The decimals of a value as typed ("2,083.33" → 2, "85%" → 0); empty for an exponent form.
std::optional<int> written_decimals(std::string_view typed);

struct RegionData {
    std::string region;
    std::vector<std::map<int, Observation>> values;  // by IndicatorId
    // Values the data gives as missing (null, an empty cell, "—"), where it gives them: explain
    // tells them from values the data does not give at all.
    std::map<std::pair<IndicatorId, int>, Provenance> explicit_nulls;

    const Observation* find(IndicatorId id, int year) const;
    const Provenance* explicit_null(IndicatorId id, int year) const;
    std::optional<int> latest_year() const;
};

// What happened to every value read, so that nothing is dropped silently.
struct DataAccounting {
    std::size_t accepted = 0;          // stored; after judging split into used / unused (count_use)
    std::size_t used = 0;              // read while judging some target
    std::size_t unused = 0;            // stored, but no target needed it
    std::size_t explicit_missing = 0;  // null / empty: recorded as "no data"
    std::size_t unknown = 0;           // key names no indicator
    std::size_t outside_period = 0;
    std::size_t duplicate = 0;        // the same value given twice
    std::size_t ignored_derived = 0;  // a value for an indicator computed by a formula
    std::size_t rejected = 0;         // unreadable or conflicting: an error was reported
    // The first keys that named no indicator, each with the closest indicator name ("" if none).
    struct UnknownKey {
        std::string key;
        std::string closest;
        Location where;
    };
    std::vector<UnknownKey> unknown_keys;

    // Every value read, whatever became of it (used and unused are a split of `accepted`).
    std::size_t values_read() const {
        return accepted + explicit_missing + unknown + outside_period + duplicate + ignored_derived + rejected;
    }
};

struct Dataset {
    std::vector<RegionData> regions;
    DataAccounting accounting;

    RegionData& region(const std::string& name, std::size_t indicator_count);
};

// Limits for data files (also enforced against malicious input).
// A data file is held whole while it is read: at most 1 GiB, and no more than the run's memory
// budget (data_file_limit), so a national CSV of 3,000 counties (~140 MB) is read in one run.
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{1} << 30;
inline constexpr std::size_t kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxCsvCellBytes = 64 * 1024;  // a longer cell is a broken export, not data
// Workbooks (data/xlsx_reader.cpp): zip bombs, billion laughs and other hostile files stop here.
inline constexpr std::size_t kMaxXlsxEntries = 10'000;                    // parts in the zip
inline constexpr std::size_t kMaxXlsxInflatedBytes = 256 * 1024 * 1024;  // all parts decompressed
inline constexpr std::size_t kMaxXmlDepth = 64;                           // workbooks nest about 6 deep
inline constexpr std::size_t kMaxXlsxSharedStrings = 1'000'000;
inline constexpr std::size_t kMaxXlsxStyles = 65'536;
inline constexpr std::size_t kMaxXlsxCells = 1'000'000;  // cells holding a value, per sheet
inline constexpr std::size_t kMaxXlsxMerges = 100'000;
inline constexpr std::uint32_t kMaxXlsxRows = 1'048'576;  // Excel's own bounds
inline constexpr std::uint32_t kMaxXlsxColumns = 16'384;
inline constexpr std::size_t kUnknownKeysKept = 5;  // DataAccounting::unknown_keys
// "Did you mean" is computed for this many unknown keys per run (each compares against every
// indicator name); later ones get the general hint, so 10⁵ unknown keys stay linear.
inline constexpr std::size_t kSuggestedUnknownKeys = 100;

// The memory the data of one run may take (--max-memory): by default this share of the
// machine's physical memory. Each stored value counts what it holds: the value, its entry in
// its region's table and where it came from (stored_value_bytes).
inline constexpr double kDefaultMemoryShare = 0.5;
std::size_t default_memory_budget();
inline std::size_t data_file_limit(std::size_t memory_budget) { return std::min(kMaxDataFileBytes, memory_budget); }
std::size_t stored_value_bytes(const Provenance& where);

// The fast path of DataSink::text: a plain ASCII number as most exports write it ("81.2",
// "-3", "12500"), read without the value grammar; nullopt for anything else (which the grammar
// reads: "12,500", "85%", "1.08万", full-width digits, blanks). Where it answers, the answer
// equals the grammar's (tests/unit/data_fast_path_test.cpp compares them on random text).
std::optional<double> plain_number(std::string_view typed);

// Years a data value may have: the plan's years and up to this many years before them
// (earlier years feed x[2020]-style references and growth methods).
inline constexpr int kYearsBeforePlan = 20;

class DataSink {
public:
    DataSink(const Program& program, const SourceMap& sources, Dataset& data, Diagnostics& diags,
             std::size_t max_memory = default_memory_budget())
        : program_(program), sources_(sources), data_(data), diags_(diags), max_memory_(max_memory) {}

    struct KeyMatch {
        IndicatorId id = 0;
        std::string unit;  // from a key written as in the official table: "普惠托位占比(%)"
    };
    // Resolves a data key: an identifier or display name, also followed by its unit in
    // parentheses as the official table writes it. An unknown key is reported with a
    // suggestion and its `values` are counted as unknown.
    std::optional<KeyMatch> indicator(std::string_view key, const Provenance& where, std::size_t values = 1);
    // Reads a year key such as "2023" or "2023年"; reports anything else.
    std::optional<int> year(std::string_view key, const Provenance& where);

    // `decimals`: as Observation::decimals.
    void number(const std::string& region, IndicatorId id, int year, double value, const Provenance& where,
                std::optional<int> decimals = std::nullopt);
    // A value as typed ("12,500", "85%", "１.０８万"); `unit` is the unit it is in when it
    // says none itself (a CSV unit column, or the unit in the key).
    void text(const std::string& region, IndicatorId id, int year, std::string_view value, const Provenance& where,
              std::string_view unit = {});
    void boolean(const std::string& region, IndicatorId id, int year, bool value, const Provenance& where);
    void pair(const std::string& region, IndicatorId id, int year, double first, double second,
              const Provenance& where);
    // An explicitly missing value (null, an empty cell): counted, never stored as a number.
    void missing();
    // The same, for a known region, indicator and year: also kept with its place for explain.
    void missing(const std::string& region, IndicatorId id, int year, const Provenance& where);
    void reject(const Provenance& where, Text message, Text hint = {});
    // A warning, or with --strict an error, for data that is read but not used.
    void unused(const Provenance& where, Text message, Text hint = {});
    void set_strict(bool strict) { strict_ = strict; }

private:
    const Program& program_;
    const SourceMap& sources_;
    Dataset& data_;
    Diagnostics& diags_;
    std::size_t max_memory_;
    std::size_t stored_bytes_ = 0;  // of the values accepted so far (stored_value_bytes)
    // Where each region is in data_.regions: one look-up per value, not a search through every
    // region (thousands of counties).
    std::unordered_map<std::string, std::size_t> region_index_;
    bool strict_ = false;
    bool full_reported_ = false;
    std::vector<std::string> key_names_;  // the program's keys, for suggestions; filled once
    std::size_t suggested_ = 0;           // unknown keys given a suggestion so far

    bool accepts_year(IndicatorId id, int year, const Provenance& where);
    RegionData& region(const std::string& name);
    void store(const std::string& region, IndicatorId id, int year, double value, const Provenance& where,
               std::optional<int> decimals = std::nullopt);
};

}  // namespace dabiao
