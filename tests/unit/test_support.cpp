#include "tests/unit/test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

#include "syntax/parse.hpp"

namespace dabiao::test {

namespace {

const std::string& prelude_path() {
    static const std::string path = std::string(DABIAO_SOURCE_DIR) + "/stdlib/prelude.dab";
    return path;
}

const std::string& prelude_text() {
    static const std::string text = [] {
        std::ifstream in(prelude_path(), std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }();
    return text;
}

}  // namespace

Checked::Checked(std::string rules, bool with_prelude) {
    if (with_prelude) {
        REQUIRE_FALSE(prelude_text().empty());
        const FileId prelude = sources.add(prelude_path(), prelude_text());
        modules.push_back(grammar::parse_module(sources, prelude, diags));
    }
    file = sources.add(kRulesFile, std::move(rules));
    modules.push_back(grammar::parse_module(sources, file, diags));
    std::vector<const ast::Module*> in_order;
    for (const auto& m : modules) in_order.push_back(&m);
    program = check(in_order, sources, diags);
}

std::vector<Reported> Checked::reported() const {
    std::vector<Reported> out;
    for (const Diagnostic& d : diags.all()) {
        Reported r;
        r.severity = d.severity;
        r.en = d.message.en;
        r.zh = d.message.zh;
        r.hint_en = d.hint.en;
        r.hint_zh = d.hint.zh;
        if (const auto* span = std::get_if<Span>(&d.where)) {
            const LineCol lc = sources.file(span->file).line_col(span->begin);
            r.file = sources.file(span->file).name();
            r.line = lc.line;
            r.column = lc.column;
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::string Checked::rendered() const {
    if (diags.empty()) return "(no diagnostics)";
    return render_diagnostics(diags, sources, RenderOptions{Lang::en, false});
}

bool Checked::has(std::string_view key) const {
    return program.keys.count(std::string(key)) > 0;
}

IndicatorId Checked::id(std::string_view key) const {
    INFO("indicator key: " << key);
    const auto it = program.keys.find(std::string(key));
    REQUIRE(it != program.keys.end());
    return it->second;
}

const Indicator& Checked::indicator(std::string_view key) const {
    return program.indicator(id(key));
}

std::vector<const Target*> Checked::targets_of(std::string_view key) const {
    const IndicatorId which = id(key);
    std::vector<const Target*> out;
    for (const Target& t : program.targets) {
        if (t.indicator == which) out.push_back(&t);
    }
    std::stable_sort(out.begin(), out.end(), [](const Target* a, const Target* b) {
        return a->year != b->year ? a->year < b->year : a->source < b->source;
    });
    return out;
}

const Function* Checked::function(std::string_view name) const {
    for (const Function& f : program.functions) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

RegionData region_data(const Checked& checked, const std::vector<Datum>& values) {
    Dataset data;
    Diagnostics diags;
    DataSink sink(checked.program, checked.sources, data, diags);
    for (std::size_t k = 0; k < values.size(); ++k) {
        const Datum& d = values[k];
        const Provenance where{"test.json", "/values/" + std::to_string(k), {}, {}};
        const auto match = sink.indicator(d.key, where);
        INFO("datum: " << d.key << " " << d.year << " = " << d.value);
        REQUIRE(match.has_value());
        sink.number(kRegion, match->id, d.year, d.value, where);
    }
    INFO(render_diagnostics(diags, checked.sources, RenderOptions{Lang::en, false}));
    REQUIRE(diags.empty());
    REQUIRE(data.accounting.accepted == values.size());
    if (data.regions.empty())
        return RegionData{kRegion, std::vector<std::map<int, Observation>>(checked.program.indicators.size()), {}};
    return data.regions.front();
}

Run::Run(const Checked& checked, const std::vector<Datum>& values, EvalLimits limits)
    : checked_(checked), data_(region_data(checked, values)), evaluator_(checked.program, data_, limits) {}

Value Run::indicator(std::string_view key, int year) {
    return evaluator_.indicator(checked_.id(key), year);
}

Value Run::body_of(std::string_view function, int year) {
    INFO("function: " << function);
    const Function* f = checked_.function(function);
    REQUIRE(f != nullptr);
    REQUIRE(f->params.empty());
    REQUIRE(f->body != nullptr);
    return evaluator_.evaluate(*f->body, year);
}

LineCol position(const Checked& checked, Span span) {
    return checked.sources.file(span.file).line_col(span.begin);
}

std::string describe(const Value& v, const Checked& checked) {
    std::ostringstream out;
    if (v.present) {
        if (v.is_boolean) return v.number != 0 ? "true" : "false";
        out.precision(17);
        out << v.number;
        return out.str();
    }
    const auto key = [&](IndicatorId id) {
        return id < checked.program.indicators.size() ? checked.program.indicator(id).key : std::string("?");
    };
    switch (v.missing.why) {
        case Missing::Why::none:
            return "missing (no reason)";
        case Missing::Why::no_data:
            out << "missing: no data for " << key(v.missing.indicator) << " in " << v.missing.year;
            return out.str();
        case Missing::Why::out_of_range:
            out << "missing: out of range, " << key(v.missing.indicator) << " in " << v.missing.year;
            return out.str();
        case Missing::Why::undefined: {
            const LineCol lc = position(checked, v.missing.where);
            out << "missing: undefined at " << lc.line << ":" << lc.column;
            return out.str();
        }
    }
    return "?";
}

}  // namespace dabiao::test
