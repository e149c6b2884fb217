#include "report/explain.hpp"

#include <fmt/format.h>

#include <cmath>

#include "base/terminal.hpp"
#include "base/words.hpp"
#include "report/model.hpp"
#include "report/report.hpp"

namespace dabiao {

namespace {

using json = nlohmann::ordered_json;

std::string percent(double share) {
    return format_number(std::round(share * 10) / 10) + "%";
}

// The formulas and numbers behind 完成率 and the share of the way from the baseline.
std::string completion_lines(const Verdict& v, Op op, Lang lang) {
    std::string out;
    const std::string a = format_number(*v.actual);
    const std::string x = format_number(*v.expected);
    if (v.completion) {
        const bool lower = op == Op::le || op == Op::lt;
        out += phrase::completion_formula(lower, lower ? x : a, lower ? a : x, percent(*v.completion)).in(lang) + "\n";
    }
    if (v.share && v.base) {
        const std::string b = format_number(*v.base);
        out += phrase::share_formula(a, b, x, percent(*v.share), v.base_year).in(lang) + "\n";
    }
    return out;
}

std::string source_text(const SourceMap& sources, Span s) {
    const std::string& t = sources.file(s.file).text();
    std::string out = t.substr(s.begin, s.end - s.begin);
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\r' || out.back() == '\t')) {
        out.pop_back();
    }
    return out;
}

// Builds trace trees from the judge's evaluation of one target: the last evaluation of its
// measure (for a target not yet due, the one that found the latest value) and of its value.
class Tracer : public JudgeObserver {
public:
    Tracer(const SourceMap& sources, const RegionData& data) : sources_(sources), data_(data) {}

    std::vector<TraceNode> actual;
    std::vector<TraceNode> expected;
    std::optional<Provenance> base_data;

    void part(TargetPart p, int) override {
        in_base_ = p == TargetPart::base;
        if (in_base_) base_data.reset();
        roots_ = p == TargetPart::measure ? &actual : p == TargetPart::value ? &expected : nullptr;
        if (roots_) roots_->clear();  // the base and the tolerance are shown as figures, not traced
        stack_.clear();
    }

    // Expressions the checker made (a target's measure) have no text of their own: they are
    // shown by what they read.
    void enter(const ir::Expr& e, int year) override {
        TraceNode node{source_text(sources_, e.span), year, std::holds_alternative<ir::Const>(e.node), {},
                       std::nullopt, std::nullopt, std::nullopt, {}};
        if (!roots_) return;
        auto& siblings = stack_.empty() ? *roots_ : stack_.back()->children;
        siblings.push_back(std::move(node));
        stack_.push_back(&siblings.back());
    }
    void leave(const ir::Expr&, int, const Value& v) override {
        if (!roots_) return;
        stack_.back()->value = v;
        stack_.pop_back();
    }
    void read(IndicatorId id, int year, const Observation* found) override {
        if (in_base_ && found) base_data = found->source;
        if (!roots_) return;
        stack_.back()->indicator = id;
        if (found) {
            stack_.back()->data = found->source;
        } else if (const Provenance* null = data_.explicit_null(id, year)) {
            stack_.back()->null_at = *null;
        }
    }

private:
    const SourceMap& sources_;
    const RegionData& data_;
    bool in_base_ = false;
    std::vector<TraceNode>* roots_ = nullptr;
    std::vector<TraceNode*> stack_;
};

// An expression as written; one the checker made (a target's measure) by what it reads and when.
std::string node_text(const TraceNode& n, const Program& program) {
    return n.text.empty() && n.indicator ? fmt::format("{}[{}]", program.indicator(*n.indicator).key, n.year) : n.text;
}

// Trace trees of real rules are small; a loop over many years is cut short in the text.
constexpr std::size_t kMaxTraceLines = 200;

std::string value_text(const Value& v, const Program& program, const SourceMap& sources, Lang lang,
                       const Indicator* of = nullptr) {
    if (!v.present) {
        return phrase::no_value(missing_text(program, v.missing, sources).in(lang)).in(lang);
    }
    if (v.is_boolean) return word(v.number != 0 ? Word::is_true : Word::is_false).in(lang);
    return of ? in_terms_of(*of, v.number) : format_number(v.number);
}

// `of`: the indicator whose value this node is (the root nodes and data lookups).
void render_node(const TraceNode& n, int depth, int root_year, const Program& program, const SourceMap& sources,
                 Lang lang, const Indicator* of, std::string& out, std::size_t& lines) {
    if (n.indicator) of = &program.indicator(*n.indicator);
    if (n.constant && depth > 1) return;
    if (++lines > kMaxTraceLines) {
        if (lines == kMaxTraceLines + 1)
            out += fmt::format("{}…\n", std::string(static_cast<std::size_t>(depth) * 2, ' '));
        return;
    }
    std::string line = std::string(static_cast<std::size_t>(depth) * 2, ' ') + node_text(n, program);
    if (n.year != root_year && !n.text.empty()) line += phrase::in_year(n.year).in(lang);
    if (n.indicator && n.null_at) {
        line += " = —   ← " + Text{"given as missing (null) at ", "数据中填为缺失（空值），位于 "}.in(lang) +
                n.null_at->describe(sources);
    } else if (n.indicator && !n.data) {
        line += " = —   ← " + word(Word::not_in_data).in(lang);
    } else {
        line += " = " + value_text(n.value, program, sources, lang, of);
        if (n.data) line += "   ← " + n.data->describe(sources);
    }
    out += text::for_terminal(line) + "\n";
    for (const TraceNode& c : n.children)
        render_node(c, depth + 1, root_year, program, sources, lang, nullptr, out, lines);
}

json node_json(const TraceNode& n, const Program& program, const SourceMap& sources) {
    json out{{"expr", node_text(n, program)}, {"year", n.year}};
    if (n.value.present) {
        out["value"] = n.value.is_boolean ? json(n.value.number != 0) : json(report_number(n.value.number));
    } else {
        out["value"] = nullptr;
    }
    if (n.indicator) out["data"] = n.data ? json(n.data->describe(sources)) : json(nullptr);
    if (n.null_at) out["null_at"] = n.null_at->describe(sources);
    json children = json::array();
    for (const TraceNode& c : n.children) {
        if (!c.constant) children.push_back(node_json(c, program, sources));
    }
    if (!children.empty()) out["children"] = std::move(children);
    return out;
}

// Which baseline progress and the share of the way are measured from: the region's own value of
// the baseline year (its data cell), or the declared 基线 (its place in the rules).
std::string baseline_line(const Program& program, const Target& t, const Explanation& e, const SourceMap& sources,
                          Lang lang) {
    const Indicator& i = program.indicator(t.indicator);
    if (t.cumulative_from || !e.verdict.base) return "";
    const std::string value = in_terms_of(i, *e.verdict.base);
    Text line;
    if (e.base_data) {
        line = {fmt::format("baseline: {} ({}), the region's own value, from {}", value, t.base_year,
                            e.base_data->describe(sources)),
                fmt::format("基线：{}（{}年），本地区自身数值，取自 {}", value, t.base_year, e.base_data->describe(sources))};
    } else if (!i.baseline) {  // a derived measure, computed in the baseline year
        line = {fmt::format("baseline: {} ({}), computed from the data of {}", value, t.base_year, t.base_year),
                fmt::format("基线：{}（{}年），由 {} 年的数据计算", value, t.base_year, t.base_year)};
    } else {
        const std::string where = describe_location(i.baseline_span, sources);
        line = {fmt::format("baseline: {} ({}), as declared at {} (the region's data has no {} value)", value,
                            t.base_year, where, t.base_year),
                fmt::format("基线：{}（{}年），采用 {} 的声明（本地区数据无 {} 年数值）", value, t.base_year, where,
                            t.base_year)};
    }
    return text::for_terminal(line.in(lang)) + "\n";
}

}  // namespace

std::vector<std::size_t> targets_of(const Program& program, IndicatorId indicator, int year) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < program.targets.size(); ++k) {
        if (program.targets[k].indicator == indicator && program.targets[k].year == year) out.push_back(k);
    }
    return out;
}

Explanation explain(const Program& program, const RegionData& data, const SourceMap& sources, std::size_t target,
                    int as_of) {
    Tracer tracer(sources, data);
    Explanation e;
    e.target = target;
    e.as_of = as_of;
    e.verdict = judge_one(program, data, target, as_of, &tracer);
    // The values the verdict used: the target year's once due, else the latest one so far.
    if (e.verdict.status != Status::not_due || e.verdict.latest) e.actual = std::move(tracer.actual);
    e.expected = std::move(tracer.expected);
    e.base_data = std::move(tracer.base_data);
    return e;
}

std::string render_explanation(const Program& program, const Explanation& e, const SourceMap& sources, Lang lang) {
    const Target& t = program.targets[e.target];
    const Indicator& i = program.indicator(t.indicator);
    const Verdict& v = e.verdict;
    const VerdictView view = view_of(program, v, sources);
    std::string out;
    out += text::for_terminal(phrase::explain_target(i.name, i.key, t.year, view.condition.in(lang)).in(lang)) + "\n";
    out += text::for_terminal(phrase::explain_rule(view.rule, t.written, t.source).in(lang)) + "\n";
    out += phrase::explain_as_of(e.as_of).in(lang) + "\n";

    std::size_t lines = 0;
    if (!e.actual.empty()) {
        const Text heading = t.year <= e.as_of ? word(Word::actual_value) : phrase::latest_value(v.latest_year);
        out += heading.in(lang) + word(Word::colon_eol).in(lang) + "\n";
        for (TraceNode n : e.actual) {
            n.text = t.measure_text.empty() ? fmt::format("{}[{}]", i.key, n.year) : t.measure_text.in(lang);
            render_node(n, 1, n.year, program, sources, lang, &i, out, lines);
        }
    }
    out += word(Word::target_value).in(lang) + word(Word::colon_eol).in(lang) + "\n";
    for (TraceNode n : e.expected) {
        n.text = t.written;
        render_node(n, 1, n.year, program, sources, lang, &i, out, lines);
    }
    out += baseline_line(program, t, e, sources, lang);

    switch (v.status) {
        case Status::met:
        case Status::missed: {
            const std::string holds = word(v.status == Status::met ? Word::holds : Word::does_not_hold).in(lang);
            // The numbers compared: rounded to the target's precision when it has one.
            const double actual = v.precision ? round_to(*v.actual, *v.precision) : *v.actual;
            const double expected = v.precision ? round_to(*v.expected, *v.precision) : *v.expected;
            if (v.precision) {
                out += phrase::compared_at_precision(format_number(*v.precision), format_number(actual),
                                                     format_number(expected))
                           .in(lang) +
                       "\n";
            }
            const double tolerance = v.tolerance.value_or(0);
            if (t.op == Op::around && t.band == Band::both) {
                out += phrase::comparison_around(format_number(actual), format_number(expected),
                                                 format_number(std::abs(actual - expected)), format_number(tolerance),
                                                 holds)
                           .in(lang) +
                       "\n";
            } else if (t.op == Op::around) {
                const bool at_least = t.band == Band::at_least;
                out += phrase::comparison_one_side(format_number(actual), op_symbol(at_least ? Op::ge : Op::le),
                                                   format_number(expected), at_least ? "−" : "+",
                                                   format_number(tolerance),
                                                   format_number(at_least ? expected - tolerance : expected + tolerance),
                                                   holds)
                           .in(lang) +
                       "\n";
            } else {
                out += phrase::comparison(in_terms_of(i, actual), op_symbol(t.op), in_terms_of(i, expected), holds)
                           .in(lang) +
                       "\n";
            }
            const std::string comma = word(Word::comma).in(lang);
            std::string verdict = word(Word::verdict).in(lang) + word(Word::colon).in(lang) + view.status.in(lang);
            if (v.gap) verdict += comma + word(Word::col_gap).in(lang) + " " + view.gap;
            if (!view.missing.empty()) verdict += comma + view.missing.in(lang);
            if (!view.progress.empty()) verdict += comma + view.progress.in(lang);
            out += verdict + "\n" + completion_lines(v, t.op, lang);
            break;
        }
        case Status::no_data:
            out += phrase::verdict_no_data(view.missing.in(lang)).in(lang) + "\n";
            break;
        case Status::not_due: {
            out += phrase::verdict_not_due(t.year, e.as_of).in(lang) + "\n";
            if (!v.progress) break;
            const ProgressAssessment& p = *v.progress;
            std::string line =
                word(Word::col_progress).in(lang) + word(Word::colon).in(lang) + progress_label(p.status).in(lang);
            if (p.status == Progress::cannot_assess && !v.base) {
                line += phrase::no_baseline(v.base_year).in(lang);
            } else if (p.status == Progress::cannot_assess && !v.latest) {
                line += phrase::no_data_after(v.base_year).in(lang);
            }
            if (v.base && v.latest) {
                line += phrase::baseline_and_latest(in_terms_of(i, *v.base), v.base_year, in_terms_of(i, *v.latest),
                                                    v.latest_year)
                            .in(lang);
            }
            if (p.ratio) {
                // the linear pace stands for any method other than the growth ratio
                const Text method =
                    method_label(p.method == ProgressMethod::growth ? ProgressMethod::growth : ProgressMethod::linear);
                line += phrase::ratio_explained(method, ratio_text(*p.ratio)).in(lang);
            }
            out += line + "\n";
            if (p.observed_rate && p.required_rate && p.ratio) {
                const auto percent = [](double rate) { return format_number(std::round(rate * 1e4) / 100); };
                out += phrase::growth_rates(percent(*p.observed_rate), v.latest_year - v.base_year,
                                            percent(*p.required_rate), t.year - v.base_year, ratio_text(*p.ratio))
                           .in(lang) +
                       "\n";
            }
            if (p.time_share && p.progress_share) {
                out += phrase::pace(format_number(std::round(*p.time_share * 100)),
                                    format_number(std::round(*p.progress_share * 100)))
                           .in(lang) +
                       "\n";
            }
            break;
        }
    }
    // Lines above that hold text from rules or data are escaped already; this catches the rest.
    return text::for_terminal_lines(out);
}

json explanation_json(const Program& program, const Explanation& e, const SourceMap& sources) {
    const Target& t = program.targets[e.target];
    const Indicator& i = program.indicator(t.indicator);
    const Verdict& v = e.verdict;
    const VerdictView view = view_of(program, v, sources);
    json actual = json::array();
    for (TraceNode n : e.actual) {
        n.text = t.measure_text.empty() ? fmt::format("{}[{}]", i.key, n.year) : t.measure_text.en;
        actual.push_back(node_json(n, program, sources));
    }
    json expected = json::array();
    for (TraceNode n : e.expected) {
        n.text = t.written;
        expected.push_back(node_json(n, program, sources));
    }
    json out{{"indicator", i.key},
             {"name", i.name},
             {"year", t.year},
             {"as_of", e.as_of},
             {"rule", view.rule},
             {"written", t.written},
             {"status", status_key(v.status)},
             {"target", stage_or_number(i, v.expected)},
             {"actual", stage_or_number(i, v.actual)},
             {"gap", number_or_null(v.gap)},
             {"trace", json{{"actual", std::move(actual)}, {"target", std::move(expected)}}}};
    if (t.op == Op::around) {
        out["band"] = band_key(t.band);
        out["tolerance"] = number_or_null(v.tolerance);
        out["tolerance_from"] = tolerance_from_key(t.tolerance_from);
        out["tolerance_text"] = tolerance_text(t, v).en;
    }
    if (v.precision) out["precision"] = report_number(*v.precision);
    if (v.base && !t.cumulative_from) {
        out["base"] = report_number(*v.base);
        out["base_year"] = t.base_year;
        out["base_from"] = e.base_data  ? json(e.base_data->describe(sources))
                           : i.baseline ? json(describe_location(i.baseline_span, sources))
                                        : json("computed");
    }
    if (v.progress && v.status == Status::not_due) {
        out["progress"] =
            json{{"status", progress_key(v.progress->status)},
                 {"ratio", number_or_null(v.progress->ratio)},
                 {"observed_growth_rate", number_or_null(v.progress->observed_rate)},
                 {"required_growth_rate", number_or_null(v.progress->required_rate)}};
    }
    return out;
}

}  // namespace dabiao
