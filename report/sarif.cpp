// --format sarif: SARIF 2.1.0 for code hosts and editors, which show the results on the rule
// files. The run's diagnostics are results, and so are missed targets (rule dabiao/missed) and
// targets without data (dabiao/no-data), each at the rule that states the target.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/words.hpp"
#include "report/escape.hpp"
#include "report/layout.hpp"

namespace dabiao {

namespace {

using json = nlohmann::ordered_json;

// A SARIF location; columns count code points (run.columnKind says so), as our spans do.
json physical(const Location& where, const SourceMap& sources) {
    if (const Span* span = std::get_if<Span>(&where)) {
        const SourceFile& file = sources.file(span->file);
        const LineCol begin = file.line_col(span->begin);
        const LineCol end = file.line_col(span->end);
        return json{{"physicalLocation",
                     {{"artifactLocation", {{"uri", valid_utf8(file.name())}}},
                      {"region",
                       {{"startLine", begin.line},
                        {"startColumn", begin.column},
                        {"endLine", end.line},
                        {"endColumn", end.column}}}}}};
    }
    if (const DataPointer* p = std::get_if<DataPointer>(&where)) {
        return json{{"physicalLocation", {{"artifactLocation", {{"uri", valid_utf8(p->file)}}}}},
                    {"logicalLocations", json::array({{{"fullyQualifiedName", valid_utf8(p->pointer)}}})}};
    }
    if (const FileOnly* f = std::get_if<FileOnly>(&where))
        return json{{"physicalLocation", {{"artifactLocation", {{"uri", valid_utf8(f->file)}}}}}};
    return nullptr;
}

json message(const Text& t, Lang lang) {
    return json{{"text", valid_utf8(t.in(lang))}};
}

}  // namespace

std::string render_sarif(const RunReport& run) {
    const Lang lang = run.options.lang;
    json results = json::array();
    for (const Diagnostic& d : run.diags.all()) {
        json result{{"ruleId", "dabiao/diagnostic"}, {"level", severity_word(d.severity)}, {"message", message(d.message, lang)}};
        if (json where = physical(d.where, run.sources); !where.is_null()) result["locations"] = json::array({where});
        json related = json::array();
        for (const Note& n : d.notes) {
            json r = physical(n.where, run.sources);
            if (r.is_null()) r = json::object();
            r["message"] = message(n.message, lang);
            related.push_back(std::move(r));
        }
        if (!related.empty()) result["relatedLocations"] = std::move(related);
        if (!d.hint.empty()) result["properties"] = {{"hint", valid_utf8(d.hint.in(lang))}};
        results.push_back(std::move(result));
    }
    for (const RegionReport& r : run.regions) {
        for (const Verdict& v : r.verdicts) {
            if (v.status != Status::missed && v.status != Status::no_data) continue;
            const VerdictView view = view_of(run.program, v, run.sources);
            std::string text = phrase::verdict_summary(region_name(run.program, r), view.indicator.name,
                                                       view.target.year, view.status, view.condition, view.actual)
                                   .in(lang);
            if (view.gap != "—") text += phrase::gap_suffix(view.gap).in(lang);
            if (!view.missing.empty()) text += phrase::in_parentheses(view.missing.in(lang)).in(lang);
            json result{{"ruleId", v.status == Status::missed ? "dabiao/missed" : "dabiao/no-data"},
                        {"level", v.status == Status::missed ? "error" : "warning"},
                        {"message", {{"text", valid_utf8(text)}}},
                        {"locations", json::array({physical(view.target.span, run.sources)})}};
            json properties{{"region", valid_utf8(region_name(run.program, r))},
                            {"indicator", valid_utf8(view.indicator.key)},
                            {"year", view.target.year},
                            {"status", status_key(v.status)}};
            if (view.provenance) properties["provenance"] = valid_utf8(*view.provenance);
            result["properties"] = std::move(properties);
            results.push_back(std::move(result));
        }
    }
    const auto rule = [](std::string_view id, Text name, Text help) {
        return json{{"id", id},
                    {"name", name.en},
                    {"shortDescription", {{"text", name.zh + " / " + name.en}}},
                    {"help", {{"text", help.zh + "\n" + help.en}}}};
    };
    json rules = json::array(
        {rule("dabiao/diagnostic", {"Diagnostic", "诊断"}, {"a problem in the rules or the data", "规则或数据中的问题"}),
         rule("dabiao/missed", {"TargetMissed", "未达标"},
              {"the actual value does not meet the target the rule states", "实际值未达到规则所写的目标"}),
         rule("dabiao/no-data", {"TargetNoData", "缺数据"},
              {"the target is due but the data needed to judge it is missing", "目标已到期，但缺少判断所需的数据"})});
    json doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs",
              json::array({{{"tool",
                             {{"driver",
                               {{"name", "dabiao"}, {"rules", std::move(rules)}}}}},
                            {"columnKind", "unicodeCodePoints"},
                            {"results", std::move(results)}}})}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dabiao
