#include "report/model.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "base/words.hpp"

namespace dabiao {

Text status_label(Status s) {
    switch (s) {
        case Status::met:
            return word(Word::status_met);
        case Status::missed:
            return word(Word::status_missed);
        case Status::no_data:
            return word(Word::status_no_data);
        case Status::not_due:
            return word(Word::status_not_due);
    }
    return {};
}

std::string_view status_key(Status s) {
    switch (s) {
        case Status::met:
            return "met";
        case Status::missed:
            return "missed";
        case Status::no_data:
            return "no_data";
        case Status::not_due:
            return "not_due";
    }
    return "";
}

Text missing_text(const Program& program, const Missing& m, const SourceMap& sources) {
    switch (m.why) {
        case Missing::Why::none:
            return {};
        case Missing::Why::no_data: {
            const Indicator& i = program.indicator(m.indicator);
            return {fmt::format("no value for {} in {}", i.key, m.year), fmt::format("缺 {} {}年数据", i.key, m.year)};
        }
        case Missing::Why::out_of_range: {
            const Indicator& i = program.indicator(m.indicator);
            return {fmt::format("the formula of {} reaches back before {} without end", i.key, m.year + 1),
                    fmt::format("{} 的公式要追溯到 {} 年之前（向前追溯没有终点）", i.key, m.year + 1)};
        }
        case Missing::Why::undefined: {
            const std::string where = describe_location(m.where, sources);
            return {fmt::format("undefined ({}: e.g. a division by zero)", where),
                    fmt::format("无法计算（{}，如除以零）", where)};
        }
    }
    return {};
}

double report_number(double v) {
    return std::stod(format_number(v));
}

namespace {

// The target as the plan states it: the value (a stage by its name), its tolerance, and the
// measure when it is not the indicator itself.
Text condition_text(const Target& t, const Indicator& i, const Verdict& v) {
    std::string value;
    if (i.staged()) {
        const std::string* stage = v.expected ? i.stage_named(*v.expected) : nullptr;
        value = stage ? *stage : t.written;
    } else if (v.expected) {
        value = format_with_unit(*v.expected, i.unit);
    } else if (const auto* c = std::get_if<ir::Const>(&t.value->node)) {
        value = format_with_unit(c->value, i.unit);
    } else {
        value = t.written;
    }
    std::string out = fmt::format("{} {}", op_symbol(t.op), value);
    if (v.tolerance && v.expected) {
        // One side: the bound itself (≥ 88.2); both sides: the ± amount.
        if (t.band == Band::both) {
            out += fmt::format(" ±{}", format_number(*v.tolerance));
        } else {
            const bool at_least = t.band == Band::at_least;
            const double bound = at_least ? *v.expected - *v.tolerance : *v.expected + *v.tolerance;
            out += fmt::format(" {} {}", op_symbol(at_least ? Op::ge : Op::le), format_number(bound));
        }
    }
    Text text{out, out};
    if (t.op == Op::around) {
        const Text tolerance = tolerance_text(t, v);
        text = {fmt::format("{} ({})", out, tolerance.en), fmt::format("{}（{}）", out, tolerance.zh)};
    }
    if (t.measure_text.empty()) return text;
    return {t.measure_text.en + " " + text.en, t.measure_text.zh + " " + text.zh};
}

// 完成率 for a judged target, the progress class for one not yet due.
Text progress_text(const Verdict& v) {
    if (v.status == Status::not_due && v.progress) {
        const std::string ratio =
            v.progress->ratio ? fmt::format(" R={}", ratio_text(*v.progress->ratio)) : "";
        const Text label = progress_label(v.progress->status);
        return {label.en + ratio, label.zh + ratio};
    }
    if (v.completion) {
        const std::string rate = format_number(std::round(*v.completion * 10) / 10);
        return phrase::completion(rate);
    }
    return {};
}

}  // namespace

std::string_view tolerance_from_key(ToleranceFrom from) {
    switch (from) {
        case ToleranceFrom::standard:
            return "default";
        case ToleranceFrom::plan:
            return "plan";
        case ToleranceFrom::indicator:
            return "indicator";
        case ToleranceFrom::rule:
            return "rule";
    }
    return "";
}

std::string_view band_key(Band band) {
    switch (band) {
        case Band::both:
            return "both";
        case Band::at_least:
            return "at_least";
        case Band::at_most:
            return "at_most";
    }
    return "";
}

Text tolerance_text(const Target& t, const Verdict& v) {
    if (t.op != Op::around) return {};
    std::string amount;
    if (!t.tolerance) {
        amount = format_number(t.tolerance_share * 100) + "%";
    } else if (v.tolerance) {
        amount = format_number(*v.tolerance);
    } else if (const auto* c = std::get_if<ir::Const>(&t.tolerance->node)) {
        amount = format_number(std::abs(c->value));
    }
    return phrase::tolerance_stated(amount, phrase::tolerance_origin(tolerance_from_key(t.tolerance_from)));
}

VerdictView view_of(const Program& program, const Verdict& v, const SourceMap& sources) {
    const Target& t = program.targets[v.target];
    const Indicator& i = program.indicator(t.indicator);
    VerdictView view{v, t, i, status_label(v.status), condition_text(t, i, v), {"—", "—"}, "—", progress_text(v),
                     describe_location(t.span, sources), {}, {}, std::nullopt, {}, {}, {}, {}, i.name};
    if (i.domain) {
        view.domain = program.domains[*i.domain].name;
        view.leads = program.domains[*i.domain].leads;
    }
    for (const TagId tag : t.tags) view.tags.push_back(program.tags[tag]);
    if (!view.tags.empty()) {
        view.tag_list = fmt::format("{}", fmt::join(view.tags, "、"));
        view.tagged_name = fmt::format("{}〔{}〕", i.name, view.tag_list);
    }
    if (v.actual) {
        view.actual = {in_terms_of(i, *v.actual), in_terms_of(i, *v.actual)};
    } else if (v.latest) {  // not due yet: the latest value so far, with its year
        view.actual = {fmt::format("{} ({})", in_terms_of(i, *v.latest), v.latest_year),
                       fmt::format("{}（{}年）", in_terms_of(i, *v.latest), v.latest_year)};
    }
    if (v.gap) view.gap = (*v.gap > 0 ? "+" : "") + format_number(*v.gap);
    if (!t.source.empty()) view.plan_source = phrase::plan_source(t.source);
    if (v.status == Status::no_data) view.missing = missing_text(program, v.missing, sources);
    // > 70 with 70: the gap of 0 reads as met unless the report says why it is not.
    if (v.status == Status::missed && (t.op == Op::gt || t.op == Op::lt) && v.gap && nearly_equal(*v.gap, 0))
        view.missing = phrase::strictly(op_symbol(t.op));
    if (v.source) view.provenance = v.source->describe(sources);
    return view;
}

}  // namespace dabiao
