#include "data/data.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/suggest.hpp"
#include "syntax/parse.hpp"

namespace dabiao {

Location Provenance::location() const {
    if (span) return *span;
    if (!pointer.empty()) return DataPointer{file, pointer};
    return FileOnly{file};
}

std::string Provenance::describe(const SourceMap& sources) const {
    std::string out = describe_location(location(), sources);
    if (!origin.empty()) out += " [" + origin + "]";
    return out;
}

std::size_t default_memory_budget() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0) return std::size_t{4} << 30;  // unknown: 4 GiB
    return static_cast<std::size_t>(static_cast<double>(pages) * static_cast<double>(page) * kDefaultMemoryShare);
}

std::size_t stored_value_bytes(const Provenance& where) {
    // A string's characters are on the heap past its small-string buffer (15 bytes in libstdc++).
    const auto heap = [](const std::string& s) { return s.size() > 15 ? s.size() + 1 : 0; };
    constexpr std::size_t map_node = 4 * sizeof(void*) + sizeof(std::pair<const int, Observation>);
    return map_node + heap(where.file) + heap(where.pointer) + heap(where.origin);
}

std::optional<double> plain_number(std::string_view typed) {
    const std::size_t start = !typed.empty() && typed.front() == '-' ? 1 : 0;
    std::size_t digits = 0;
    std::size_t dots = 0;
    for (std::size_t k = start; k < typed.size(); ++k) {
        if (typed[k] >= '0' && typed[k] <= '9') {
            ++digits;
        } else if (typed[k] == '.' && dots == 0 && k > start && k + 1 < typed.size()) {
            ++dots;
        } else {
            return std::nullopt;
        }
    }
    // Long digit strings are left to the grammar, which reports a value out of range.
    if (digits == 0 || digits > 15) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(typed.data(), typed.data() + typed.size(), value);
    if (error != std::errc{} || end != typed.data() + typed.size()) return std::nullopt;
    return value;
}

namespace {

// "512 bytes", "64.0 KiB", "8.0 GiB".
std::string memory_size_text(std::size_t bytes) {
    if (bytes < 1024) return fmt::format("{} bytes", bytes);
    double size = static_cast<double>(bytes) / 1024;
    for (const char* unit : {"KiB", "MiB"}) {
        if (size < 1024) return fmt::format("{:.1f} {}", size, unit);
        size /= 1024;
    }
    return fmt::format("{:.1f} GiB", size);
}

// Values as people type them: full-width digits and signs (８５．５％), blanks around them
// (also the ideographic space), a minus sign that is not ASCII.
std::string normalize_typed(std::string_view value) {
    std::string out;
    std::size_t content_end = 0;  // the size of `out` after its last non-blank character
    char32_t cp = 0;
    for (std::size_t i = 0; i < value.size();) {
        const std::size_t n = text::decode_utf8(value, i, cp);
        if (n == 0) {  // not UTF-8: kept, so that the value is reported as unreadable
            out += value[i++];
            content_end = out.size();
            continue;
        }
        i += n;
        const bool blank = cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0;
        if (blank && out.empty()) continue;
        if (cp >= 0xFF10 && cp <= 0xFF19) {
            out += static_cast<char>('0' + (cp - 0xFF10));
        } else if (cp == 0xFF0E) {
            out += '.';
        } else if (cp == 0xFF0C) {
            out += ',';
        } else if (cp == 0xFF0D || cp == 0x2212) {
            out += '-';
        } else if (cp == 0xFF0B) {
            out += '+';
        } else {
            text::append_utf8(out, cp);
        }
        if (!blank) content_end = out.size();
    }
    out.resize(content_end);
    return out;
}

// "普惠托位占比(%)" → {"普惠托位占比", "%"}: a trailing unit in ASCII or full-width parentheses.
std::optional<std::pair<std::string, std::string>> split_unit_suffix(std::string_view key) {
    for (const auto& [open, close] : {std::pair{std::string_view("("), std::string_view(")")},
                                      std::pair{std::string_view("（"), std::string_view("）")}}) {
        if (!key.ends_with(close)) continue;
        const auto at = key.rfind(open);
        if (at == std::string_view::npos || at == 0) continue;
        return std::pair{std::string(key.substr(0, at)),
                         std::string(key.substr(at + open.size(), key.size() - at - open.size() - close.size()))};
    }
    return std::nullopt;
}

}  // namespace

const Observation* RegionData::find(IndicatorId id, int year) const {
    if (id >= values.size()) return nullptr;
    const auto it = values[id].find(year);
    return it == values[id].end() ? nullptr : &it->second;
}

const Provenance* RegionData::explicit_null(IndicatorId id, int year) const {
    const auto it = explicit_nulls.find({id, year});
    return it == explicit_nulls.end() ? nullptr : &it->second;
}

std::optional<int> RegionData::latest_year() const {
    std::optional<int> latest;
    for (const auto& years : values) {
        if (!years.empty()) latest = std::max(latest.value_or(years.rbegin()->first), years.rbegin()->first);
    }
    return latest;
}

RegionData& Dataset::region(const std::string& name, std::size_t indicator_count) {
    for (auto& r : regions) {
        if (r.region == name) return r;
    }
    regions.push_back(RegionData{name, std::vector<std::map<int, Observation>>(indicator_count), {}});
    return regions.back();
}

std::optional<DataSink::KeyMatch> DataSink::indicator(std::string_view key, const Provenance& where,
                                                      std::size_t values) {
    if (const auto it = program_.keys.find(std::string(key)); it != program_.keys.end())
        return KeyMatch{it->second, {}};
    if (const auto split = split_unit_suffix(key)) {
        if (const auto it = program_.keys.find(split->first); it != program_.keys.end()) {
            const Unit unit = parse_unit(split->second);
            // The unit in the key counts only when it is a unit of this indicator's dimension.
            return KeyMatch{it->second, same_dimension(unit, program_.indicator(it->second).unit) ? split->second : ""};
        }
    }
    data_.accounting.unknown += values;
    if (key_names_.empty()) {
        for (const auto& [k, id] : program_.keys) key_names_.push_back(k);
    }
    const std::string closest = suggested_ < kSuggestedUnknownKeys ? closest_name(key, key_names_) : "";
    ++suggested_;
    if (data_.accounting.unknown_keys.size() < kUnknownKeysKept)
        data_.accounting.unknown_keys.push_back({std::string(key), closest, where.location()});
    const Text otherwise{"use an indicator's identifier or its exact display name", "请使用指标的标识符或完整的显示名称"};
    unused(where,
           {fmt::format("'{}' is not an indicator of the rules; its values are not used", key),
            fmt::format("“{}”不是规则中的指标，其数值未被使用", key)},
           did_you_mean(closest, otherwise));
    return std::nullopt;
}

void DataSink::unused(const Provenance& where, Text message, Text hint) {
    if (strict_) {
        diags_.error(where.location(), std::move(message), std::move(hint));
    } else {
        diags_.warning(where.location(), std::move(message), std::move(hint));
    }
}

std::optional<int> DataSink::year(std::string_view key, const Provenance& where) {
    std::string_view digits = key;
    if (digits.ends_with("年")) digits.remove_suffix(std::string_view("年").size());
    const bool ok =
        digits.size() == 4 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ok) return std::stoi(std::string(digits));
    ++data_.accounting.rejected;
    diags_.error(where.location(), {fmt::format("'{}' is not a year", key), fmt::format("“{}”不是年份", key)},
                 {"year keys are written like \"2023\" or \"2023年\"", "年份键应写作 \"2023\" 或 \"2023年\""});
    return std::nullopt;
}

void DataSink::reject(const Provenance& where, Text message, Text hint) {
    ++data_.accounting.rejected;
    diags_.error(where.location(), std::move(message), std::move(hint));
}

void DataSink::missing() {
    ++data_.accounting.explicit_missing;
}

void DataSink::missing(const std::string& region, IndicatorId id, int year, const Provenance& where) {
    missing();
    data_.region(region, program_.indicators.size()).explicit_nulls.emplace(std::pair{id, year}, where);
}

bool DataSink::accepts_year(IndicatorId id, int year, const Provenance& where) {
    const Plan& plan = program_.plan;
    const Indicator& i = program_.indicator(id);
    if (i.kind == IndicatorKind::derived) {
        ++data_.accounting.ignored_derived;
        unused(where,
               {fmt::format("'{}' is computed by its formula; the submitted value is not used", i.key),
                fmt::format("“{}”由公式计算，提交的数值未被使用", i.key)},
               {"submit the formula's inputs instead", "请改为提交公式所需的输入数据"});
        return false;
    }
    if (year > plan.last_year || year < std::min(plan.baseline_year, plan.first_year) - kYearsBeforePlan) {
        ++data_.accounting.outside_period;
        unused(where, {fmt::format("{} is outside the plan period {}..{}; the value is not used", year, plan.first_year,
                                   plan.last_year),
                       fmt::format("{} 年不在规划期 {}..{} 内，该值未被使用", year, plan.first_year, plan.last_year)});
        return false;
    }
    return true;
}

RegionData& DataSink::region(const std::string& name) {
    // The index is checked against the regions, which others may have added to or reordered.
    const auto it = region_index_.find(name);
    if (it != region_index_.end() && it->second < data_.regions.size() && data_.regions[it->second].region == name)
        return data_.regions[it->second];
    RegionData& r = data_.region(name, program_.indicators.size());
    region_index_[name] = static_cast<std::size_t>(&r - data_.regions.data());
    return r;
}

std::optional<int> written_decimals(std::string_view typed) {
    if (typed.find_first_of("eE") != std::string_view::npos) return std::nullopt;
    const std::size_t point = typed.find('.');
    if (point == std::string_view::npos) return 0;
    int decimals = 0;
    for (std::size_t k = point + 1; k < typed.size() && typed[k] >= '0' && typed[k] <= '9'; ++k) ++decimals;
    return decimals;
}

void DataSink::store(const std::string& region_name, IndicatorId id, int year, double value, const Provenance& where,
                     std::optional<int> decimals) {
    RegionData& r = region(region_name);
    auto& years = r.values[id];
    if (const auto it = years.find(year); it != years.end()) {
        if (it->second.value == value) {
            ++data_.accounting.duplicate;
            unused(where, {fmt::format("the same value for '{}' in {} is also given at {}", program_.indicator(id).key,
                                       year, it->second.source.describe(sources_)),
                           fmt::format("“{}”{} 年的同一数值也出现在 {}", program_.indicator(id).key, year,
                                       it->second.source.describe(sources_))});
            return;
        }
        reject(where,
               {fmt::format("two different values for '{}' in {} ({}): {} here and {} at {}",
                            program_.indicator(id).key, year, region_name, fmt::format("{}", value),
                            fmt::format("{}", it->second.value), it->second.source.describe(sources_)),
                fmt::format("“{}”{} 年（{}）有两个不同的数值：此处为 {}，{} 处为 {}", program_.indicator(id).key, year,
                            region_name, fmt::format("{}", value), it->second.source.describe(sources_),
                            fmt::format("{}", it->second.value))},
               {"keep the correct one; values are never overwritten silently", "请保留正确的数值；数值不会被静默覆盖"});
        return;
    }
    const std::size_t bytes = stored_value_bytes(where);
    if (stored_bytes_ + bytes > max_memory_) {
        ++data_.accounting.rejected;
        if (!full_reported_) {
            full_reported_ = true;
            const std::string budget = memory_size_text(max_memory_);
            diags_.error(where.location(),
                         {fmt::format("the data takes more than its memory budget of {} after {} values: the rest "
                                      "is not read",
                                      budget, data_.accounting.accepted),
                          fmt::format("数据超出内存预算 {}（已读 {} 个数值）：其余未读取", budget,
                                      data_.accounting.accepted)},
                         {"raise the budget with --max-memory (e.g. --max-memory 8G), or split the data into several "
                          "runs",
                          "请用 --max-memory 提高预算（如 --max-memory 8G），或将数据拆分为多次运行"});
        }
        return;
    }
    stored_bytes_ += bytes;
    ++data_.accounting.accepted;
    years.emplace(year, Observation{value, where, decimals});
}

void DataSink::number(const std::string& region, IndicatorId id, int year, double value, const Provenance& where,
                      std::optional<int> decimals) {
    const Indicator& i = program_.indicator(id);
    if (i.kind == IndicatorKind::group) {
        reject(where, {fmt::format("'{}' has parts: give a paired value such as \"2(8)\" or [2, 8]", i.key),
                       fmt::format("“{}”有分项：请给出成对值，如 \"2(8)\" 或 [2, 8]", i.key)});
        return;
    }
    if (i.staged()) {
        reject(where, {fmt::format("'{}' is a staged indicator: give the stage's name", i.key),
                       fmt::format("“{}”是阶段指标：请给出阶段名称", i.key)});
        return;
    }
    if (!accepts_year(id, year, where)) return;
    store(region, id, year, value, where, decimals);
}

void DataSink::pair(const std::string& region, IndicatorId id, int year, double first, double second,
                    const Provenance& where) {
    const Indicator& i = program_.indicator(id);
    if (i.kind != IndicatorKind::group || i.parts.size() != 2) {
        reject(where, {fmt::format("a paired value, but '{}' has no parts", i.key),
                       fmt::format("成对值，但“{}”没有分项", i.key)});
        return;
    }
    if (!accepts_year(id, year, where)) return;
    store(region, i.parts[0], year, first, where);
    store(region, i.parts[1], year, second, where);
}

void DataSink::boolean(const std::string& region, IndicatorId id, int year, bool value, const Provenance& where) {
    const Indicator& i = program_.indicator(id);
    if (!i.staged() || i.stages.size() != 2) {
        reject(where, {fmt::format("true/false only fits a milestone, but '{}' is not one", i.key),
                       fmt::format("true/false 只适用于里程碑指标，而“{}”不是", i.key)});
        return;
    }
    if (!accepts_year(id, year, where)) return;
    store(region, id, year, value ? 1 : 0, where);
}

void DataSink::text(const std::string& region, IndicatorId id, int year, std::string_view typed,
                    const Provenance& where, std::string_view unit_hint) {
    const Indicator& i = program_.indicator(id);
    if (unit_hint.empty() && !i.staged()) {
        if (const std::optional<double> plain = plain_number(typed)) {
            number(region, id, year, *plain, where, written_decimals(typed));
            return;
        }
    }
    const std::string normalized = normalize_typed(typed);
    const std::string_view value = normalized;
    if (value.empty()) {
        missing(region, id, year, where);
        return;
    }
    if (i.staged()) {
        const auto it = std::find(i.stages.begin(), i.stages.end(), value);
        if (it == i.stages.end()) {
            std::string list;
            for (const auto& s : i.stages) list += (list.empty() ? "" : "、") + s;
            reject(where, {fmt::format("'{}' is not a stage of '{}' ({})", value, i.key, list),
                           fmt::format("“{}”不是“{}”的阶段（{}）", value, i.key, list)});
            return;
        }
        if (!accepts_year(id, year, where)) return;
        store(region, id, year, static_cast<double>(it - i.stages.begin()), where);
        return;
    }
    const auto parsed = grammar::parse_data_value(value);
    if (!parsed) {
        reject(where, {fmt::format("'{}' is not a value", value), fmt::format("“{}”不是有效数值", value)},
               {"write numbers as 81.2, \"81.2%\", \"12,500\" or \"1.08万\"; use null for a missing value",
                "数值可写作 81.2、\"81.2%\"、\"12,500\" 或 \"1.08万\"；缺失请写 null"});
        return;
    }
    // Convert a value written with a unit (85%, 8.6万人) into the indicator's unit.
    const auto convert = [&](double v, std::string unit) -> std::optional<double> {
        if (unit.empty()) unit = unit_hint;
        // "8.61万" on a 万人 indicator is 8.61万 people: a magnitude alone counts in the base unit.
        if (unit.empty() && parsed->magnitude > 0) return v * std::pow(10.0, -i.unit.scale);
        if (unit.empty()) return v;
        const Unit u = parse_unit(unit);
        if (same_dimension(u, i.unit)) return v * conversion_factor(u, i.unit);
        const std::string expected = i.unit.name().empty() ? "a plain number" : i.unit.name();
        reject(where, {fmt::format("'{}' is in {}, but '{}' is measured in {}", value, u.name(), i.key, expected),
                       fmt::format("“{}”的单位是 {}，而“{}”以 {} 计", value, u.name(), i.key, expected)});
        return std::nullopt;
    };
    if (parsed->second) {
        if (i.kind != IndicatorKind::group) {
            reject(where, {fmt::format("a paired value, but '{}' has no parts", i.key),
                           fmt::format("成对值，但“{}”没有分项", i.key)});
            return;
        }
        const auto a = convert(parsed->value, parsed->unit);
        const auto b = convert(*parsed->second, parsed->second_unit);
        if (a && b) pair(region, id, year, *a, *b, where);
        return;
    }
    if (const auto v = convert(parsed->value, parsed->unit)) {
        // Decimals in the indicator's unit: a conversion by a power of ten moves them (1.08万 → 10800 at hundreds).
        std::optional<int> decimals = written_decimals(value);
        const double factor = parsed->value == 0 ? 1 : *v / parsed->value;
        const double shift = std::log10(std::abs(factor));
        if (decimals && std::abs(shift - std::round(shift)) < 1e-9) {
            *decimals -= parsed->magnitude + static_cast<int>(std::round(shift));
        } else {
            decimals.reset();
        }
        number(region, id, year, *v, where, decimals);
    }
}

}  // namespace dabiao
