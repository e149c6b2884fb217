#include "judge/plausibility.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/suggest.hpp"
#include "judge/progress.hpp"

namespace dabiao {

namespace {

// A declared baseline and the plan region's own value of the baseline year are the same figure
// when they agree to within this share (the plan prints 4.57 for a statistic of 4.5712).
constexpr double kBaselineAgreement = 0.005;

std::string times(double factor) {
    return factor > 5000 || factor < 2e-4 ? "10⁴" : "100";
}

// The figures a value of the indicator should be near: its declared baseline and its constant,
// non-cumulative targets; zeros say nothing of a magnitude.
std::vector<double> references(const Program& program, const Indicator& i) {
    std::vector<double> refs;
    if (i.baseline && *i.baseline != 0) refs.push_back(*i.baseline);
    for (const Target& t : program.targets) {
        if (t.indicator != i.id || t.cumulative_from) continue;
        const auto* c = std::get_if<ir::Const>(&t.value->node);
        if (c && c->value != 0) refs.push_back(c->value);
    }
    return refs;
}

void scale_warnings(const Program& program, const RegionData& region, const SourceMap& sources, Diagnostics& diags) {
    for (const Indicator& i : program.indicators) {
        if (i.kind != IndicatorKind::reported || i.staged() || i.running_total) continue;
        const std::vector<double> refs = references(program, i);
        if (refs.empty() || i.id >= region.values.size()) continue;
        for (const auto& [year, o] : region.values[i.id]) {
            std::optional<double> intended;
            for (const double ref : refs) {
                const auto guess = likely_intended(o.value, ref);
                if (!guess || (intended && *guess != *intended)) {
                    intended.reset();
                    break;
                }
                intended = guess;
            }
            if (!intended) continue;
            const std::string given = format_with_unit(o.value, i.unit);
            const std::string likely = format_with_unit(*intended, i.unit);
            const std::string figures = fmt::format("{}", fmt::join(refs, ", "));
            Text message;
            if (i.unit.is_percent() && std::abs(o.value) <= 1) {
                message = {fmt::format("{} for '{}' ({}) looks like a fraction: the indicator is a percentage, so this is "
                                       "likely {}",
                                       format_number(o.value), i.key, year, likely),
                           fmt::format("“{}”{} 年的 {} 像是小数形式：该指标以 % 计，可能应为 {}", i.key, year,
                                       format_number(o.value), likely)};
            } else {
                message = {fmt::format("{} for '{}' ({}) is about {} times off its baseline and targets ({}): likely {}",
                                       given, i.key, year, times(o.value / *intended), figures, likely),
                           fmt::format("“{}”{} 年的 {} 与其基线和目标（{}）相差约 {} 倍：可能应为 {}", i.key, year,
                                       given, figures, times(o.value / *intended), likely)};
            }
            diags.warning(o.source.location(), std::move(message),
                          {fmt::format("check the unit of the cell; the value is used as given ({})",
                                       o.source.describe(sources)),
                           fmt::format("请核对该单元格的单位；数值按原样使用（{}）", o.source.describe(sources))});
        }
    }
}

// The plan region's data for the baseline year against the 基线 the rules declare for it.
void baseline_warnings(const Program& program, const RegionData& region, Diagnostics& diags) {
    if (region.region != program.plan.region) return;
    for (const Indicator& i : program.indicators) {
        if (!i.baseline || i.kind != IndicatorKind::reported) continue;
        const Observation* own = region.find(i.id, i.baseline_year);
        if (!own) continue;
        const double declared = *i.baseline;
        const bool agree = i.staged() ? own->value == declared
                                      : std::abs(own->value - declared) <= kBaselineAgreement * std::abs(declared);
        if (agree) continue;
        const std::string data_value = in_terms_of(i, own->value);
        const std::string declared_value = in_terms_of(i, declared);
        Diagnostic d{Severity::warning, own->source.location(),
                     {fmt::format("the data gives '{}' in the baseline year {} as {} for {}, but the rules declare its "
                                  "baseline as {}",
                                  i.key, i.baseline_year, data_value, region.region, declared_value),
                      fmt::format("数据中“{}”基线年 {} 的数值为 {}（{}），而规则声明的基线为 {}", i.key,
                                  i.baseline_year, data_value, region.region, declared_value)},
                     {"the data's value is used as the region's baseline; correct the one that is wrong",
                      "以数据中的数值作为该地区的基线；请更正有误的一方"},
                     {{i.baseline_span, {"the declared baseline", "规则中声明的基线"}}}};
        diags.add(std::move(d));
    }
}

// The data of a cumulative target's years, in order, from the first year given.
std::vector<const Observation*> series_of(const RegionData& region, IndicatorId id, int from, int to) {
    std::vector<const Observation*> out;
    for (int y = from; y <= to; ++y)
        if (const Observation* o = region.find(id, y)) out.push_back(o);
    return out;
}

std::string listed(const std::vector<const Observation*>& series) {
    std::vector<std::string> values;
    for (const Observation* o : series) values.push_back(format_number(o->value));
    return fmt::format("{}", fmt::join(values, ", "));
}

void running_total_warnings(const Program& program, const RegionData& region, const SourceMap& sources,
                            Diagnostics& diags) {
    std::set<IndicatorId> warned;
    for (const Target& t : program.targets) {
        if (!t.cumulative_from || warned.contains(t.indicator) || t.indicator >= region.values.size()) continue;
        const Indicator& i = program.indicator(t.indicator);
        const auto* target = std::get_if<ir::Const>(&t.value->node);
        const auto series = series_of(region, t.indicator, *t.cumulative_from, t.year);
        if (i.running_total) {
            for (std::size_t k = 1; k < series.size(); ++k) {
                if (series[k]->value >= series[k - 1]->value) continue;
                warned.insert(t.indicator);
                diags.add(Diagnostic{
                    Severity::warning, series[k]->source.location(),
                    {fmt::format("'{}' is declared as running totals (数据 累计值), but its value falls from {} to {}",
                                 i.key, format_number(series[k - 1]->value), format_number(series[k]->value)),
                     fmt::format("“{}”声明为累计值（数据 累计值），但其数值从 {} 降到 {}", i.key,
                                 format_number(series[k - 1]->value), format_number(series[k]->value))},
                    {"a total so far cannot fall; if the values are yearly amounts, remove 数据 累计值",
                     "累计值不会下降；如果这些是逐年增量，请去掉 数据 累计值"},
                    {{series[k - 1]->source.location(), {"the value before", "前一个数值"}}}});
                break;
            }
            continue;
        }
        if (!target || !looks_like_running_totals([&] {
                std::vector<double> v;
                for (const Observation* o : series) v.push_back(o->value);
                return v;
            }())) {
            continue;
        }
        double sum = 0;
        for (const Observation* o : series) sum += o->value;
        const double last = series.back()->value;
        // Only where the reading decides the verdict: summed the series meets the target and its
        // last value alone does not, or the other way round.
        if (target_holds(t.op, sum, target->value, 0) == target_holds(t.op, last, target->value, 0)) continue;
        warned.insert(t.indicator);
        diags.add(Diagnostic{
            Severity::warning, series.back()->source.location(),
            {fmt::format("the values of '{}' ({}) rise like running totals, but are summed as yearly amounts for "
                         "'{}': the sum is {}, the last value {}",
                         i.key, listed(series), t.written, format_number(sum), format_number(last)),
             fmt::format("“{}”的数值（{}）像逐年累计值，却按逐年增量求和来判定“{}”：合计 {}，最后一个值 {}", i.key,
                         listed(series), t.written, format_number(sum), format_number(last))},
            {fmt::format("if they are totals so far, declare '数据 累计值' (data running-total) in the indicator; the "
                         "first of them is at {}",
                         series.front()->source.describe(sources)),
             fmt::format("如果这些是截至当年的累计值，请在指标中声明“数据 累计值”；第一个数值位于 {}",
                         series.front()->source.describe(sources))}});
    }
}

// Regions the rules give targets of their own, against the regions of the data.
void region_warnings(const Program& program, const Dataset& data, Diagnostics& diags) {
    if (program.regions.empty()) return;
    std::vector<std::string> in_data;
    for (const RegionData& r : data.regions) in_data.push_back(r.region);
    for (const NamedRegion& named : program.regions) {
        if (std::find(in_data.begin(), in_data.end(), named.name) != in_data.end()) continue;
        const Text regions{fmt::format("the data's regions: {}", fmt::join(in_data, ", ")),
                           fmt::format("数据中的地区：{}", fmt::join(in_data, "、"))};
        diags.warning(named.span,
                      {fmt::format("the rules give region '{}' targets of its own, but the data has no region '{}'",
                                   named.name, named.name),
                       fmt::format("规则为地区“{}”规定了目标，但数据中没有地区“{}”", named.name, named.name)},
                      suggest(named.name, in_data, regions));
    }
    std::vector<std::string> general_only;
    for (const std::string& r : in_data)
        if (!program.region_id(r)) general_only.push_back(r);
    if (general_only.empty()) return;
    diags.note(NoLocation{},
               {fmt::format("regions of the data without targets of their own (地区 … {{ … }}), judged by the general "
                            "targets: {}",
                            fmt::join(general_only, ", ")),
                fmt::format("数据中以下地区没有单独的目标（地区 … {{ … }}），按通用目标评判：{}",
                            fmt::join(general_only, "、"))});
}

}  // namespace

std::optional<double> likely_intended(double value, double reference) {
    if (value == 0 || reference == 0 || (value < 0) != (reference < 0)) return std::nullopt;
    const double decades = std::log10(std::abs(value) / std::abs(reference));
    for (const int k : {2, 4}) {
        if (std::abs(decades - k) <= 0.5) return value / std::pow(10.0, k);
        if (std::abs(decades + k) <= 0.5) return value * std::pow(10.0, k);
    }
    return std::nullopt;
}

bool looks_like_running_totals(const std::vector<double>& series) {
    const std::size_t n = series.size();
    if (n < 3 || series.front() <= 0) return false;
    for (std::size_t k = 1; k < n; ++k)
        if (series[k] <= series[k - 1]) return false;
    return series.back() / series.front() >= 1 + static_cast<double>(n - 1) / 2;
}

void plausibility_warnings(const Program& program, const Dataset& data, const SourceMap& sources, Diagnostics& diags) {
    for (const RegionData& region : data.regions) {
        scale_warnings(program, region, sources, diags);
        baseline_warnings(program, region, diags);
        running_total_warnings(program, region, sources, diags);
    }
    region_warnings(program, data, diags);
}

}  // namespace dabiao
