#include "app/driver.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <ostream>
#include <set>

#include "base/suggest.hpp"
#include "check/check.hpp"
#include "report/compare.hpp"
#include "data/data.hpp"
#include "data/readers.hpp"
#include "report/explain.hpp"
#include "report/formats.hpp"
#include "report/report.hpp"
#include "judge/verdicts.hpp"
#include "syntax/parse.hpp"

namespace dabiao {

namespace {

void print_diagnostics(const Diagnostics& diags, const SourceMap& sources, const OutputOptions& output,
                       std::ostream& err) {
    err << render_diagnostics(diags, sources, {output.lang, output.color_err});
}

// Writes `text` to the -o file through a temporary file in the same directory, flushed to
// disk and then renamed over the target: readers see the old report or the new one, never a
// truncated one, and a failed write leaves the old file as it was. Without -o, to `out`.
// Returns why the file could not be written, if it could not.
std::optional<Diagnostic> emit(const std::string& text, const OutputOptions& output, std::ostream& out) {
    if (!output.output_file) {
        out << text;
        return std::nullopt;
    }
    namespace fs = std::filesystem;
    const fs::path target(*output.output_file);
    const fs::path temp = target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
    const auto failed = [&](Text message) {
        ::unlink(temp.c_str());
        const Text unchanged{"the previous contents of the file, if any, are unchanged",
                             "该文件原有内容（如有）未被改动"};
        return Diagnostic{Severity::error, FileOnly{*output.output_file}, std::move(message), unchanged};
    };
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return failed({fmt::format("cannot create a file beside it: {}", std::strerror(errno)),
                       fmt::format("无法在同一目录创建文件：{}", std::strerror(errno))});
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            return failed({fmt::format("writing the report failed: {}", std::strerror(error)),
                           fmt::format("写入报告失败：{}", std::strerror(error))});
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const int sync_error = errno;
    const bool closed = ::close(fd) == 0;  // closed also when the sync failed
    if (!synced || !closed) {
        const int error = synced ? errno : sync_error;
        return failed({fmt::format("writing the report failed: {}", std::strerror(error)),
                       fmt::format("写入报告失败：{}", std::strerror(error))});
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        return failed({fmt::format("cannot replace the file: {}", std::strerror(errno)),
                       fmt::format("无法替换该文件：{}", std::strerror(errno))});
    }
    return std::nullopt;
}

// The end of a run that has a report: its diagnostics, the report, and then, if the -o file could
// not be written, why. That failure is rendered on its own: the others were printed already.
int finish(const std::string& report, const Diagnostics& diags, const SourceMap& sources, const OutputOptions& output,
           std::ostream& out, std::ostream& err, int exit_code) {
    print_diagnostics(diags, sources, output, err);
    if (const std::optional<Diagnostic> failure = emit(report, output, out)) {
        err << render_diagnostic(*failure, sources, {output.lang, output.color_err});
        return kBadInput;
    }
    return exit_code;
}

// A run that cannot judge: the diagnostics go to stderr and, with --format json, also to stdout
// as JSON for automation. An -o file is left untouched: a failed run never replaces a report.
int fail(const Program* program, const SourceMap& sources, Diagnostics& diags, const OutputOptions& output,
         std::ostream& out, std::ostream& err, std::string_view schema = "dabiao.verdicts/1") {
    print_diagnostics(diags, sources, output, err);
    if (output.format == "json" && !output.output_file) {
        const Program empty;
        nlohmann::ordered_json doc = render_json(program ? *program : empty, {}, sources, diags);
        doc.erase("regions");
        doc["schema"] = schema;
        if (!program) doc.erase("plan");
        out << dump_json(doc);
    }
    return kBadInput;
}

constexpr std::string_view kExplainSchema = "dabiao.explain/1";

// What every command that judges data needs: the checked program and the loaded data.
struct Prepared {
    SourceMap sources;
    Diagnostics diags;
    std::vector<ast::Module> modules;
    Program program;
    Dataset data;
};

// Stages 1–3 of the pipeline. Returns false when errors make judging impossible.
bool prepare(const CheckOptions& options, Prepared& p) {
    // 1. Parse the prelude, the rule file and its imports.
    p.modules = load_program(options.rules, options.load, p.sources, p.diags);
    if (p.diags.has_errors()) return false;

    // 2. Check: resolve names, units, years and targets.
    std::vector<const ast::Module*> module_list;
    for (const auto& m : p.modules) module_list.push_back(&m);
    p.program = check(module_list, p.sources, p.diags);
    if (p.diags.has_errors()) return false;

    // 3. Load the data, resolving its keys against the checked program.
    DataSink sink(p.program, p.sources, p.data, p.diags);
    sink.set_strict(options.strict);
    const ReadContext context{p.sources, p.program.plan.region, options.encoding};
    for (const std::string& path : options.data) {
        const auto bytes = read_file(path, kMaxDataFileBytes, p.diags);
        if (bytes) read_data_file(DataFile{path, *bytes}, context, sink, p.diags);
    }
    if (p.diags.has_errors()) return false;
    if (p.data.regions.empty()) p.data.region(p.program.plan.region, p.program.indicators.size());
    return true;
}

// Data was given but no target read any of its values: an error, never a silent pass.
void nothing_matched(const std::vector<std::string>& files, const DataAccounting& a, Diagnostics& diags) {
    const std::string names = fmt::format("{}", fmt::join(files, ", "));
    Text why{"it holds no values", "其中没有任何数值"};
    if (a.values_read() > 0) {
        std::vector<std::string> en;
        std::vector<std::string> zh;
        const auto part = [&](std::size_t n, std::string_view e, std::string_view z) {
            if (n == 0) return;
            en.push_back(fmt::format("{} {}", n, e));
            zh.push_back(fmt::format("{} 个{}", n, z));
        };
        part(a.unknown, "under keys that name no indicator", "的键不是任何指标");
        part(a.outside_period, "outside the plan's period", "在规划期之外");
        part(a.explicit_missing, "empty", "为空");
        part(a.ignored_derived, "for indicators computed by a formula", "属于由公式计算的指标");
        part(a.duplicate, "repeated", "重复");
        part(a.rejected, "rejected", "被拒绝");
        part(a.unused, "for years or indicators no target reads", "属于没有目标读取的年份或指标");
        why = {fmt::format("of {} values read, {}", a.values_read(), fmt::join(en, ", ")),
               fmt::format("共读取 {} 个值，其中 {}", a.values_read(), fmt::join(zh, "，"))};
    }
    const Location file = FileOnly{files.front()};
    Diagnostic d{Severity::error, file,
         {fmt::format("no value of the data ({}) is read by any target: {}", names, why.en),
          fmt::format("数据（{}）中没有任何值被目标读取：{}", names, why.zh)},
         {"check that the data's keys are the indicators' identifiers or display names and its years are in the "
          "plan's period (see the warnings above)",
          "请检查数据的键是否为指标的标识符或显示名称、年份是否在规划期内（见上方警告）"}};
    for (const auto& [key, closest, where] : a.unknown_keys) {
        d.notes.push_back(Note{where,
                   closest.empty() ? Text{fmt::format("key '{}' names no indicator", key),
                                          fmt::format("键“{}”不是任何指标", key)}
                                   : Text{fmt::format("key '{}' names no indicator; the closest is '{}'", key, closest),
                                          fmt::format("键“{}”不是任何指标，最接近的是“{}”", key, closest)}});
    }
    diags.add(std::move(d));
}

}  // namespace

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
    Prepared p;
    if (!prepare(options, p))
        return fail(p.modules.empty() ? nullptr : &p.program, p.sources, p.diags, options.output, out, err);

    if (options.data.empty()) {  // checking the rules alone
        std::size_t indicators = 0;  // each part of a paired indicator counts; inputs are counted apart
        std::size_t inputs = 0;
        for (const Indicator& i : p.program.indicators) {
            if (i.kind == IndicatorKind::input) ++inputs;
            if (i.kind == IndicatorKind::reported || i.kind == IndicatorKind::derived) ++indicators;
        }
        const bool zh = options.output.lang == Lang::zh;
        const std::string with_inputs = inputs == 0 ? ""
                                                    : (zh ? fmt::format("（另有 {} 个输入数据项）", inputs)
                                                          : fmt::format(" (and {} inputs)", inputs));
        const std::string summary = zh ? fmt::format("{}：规则有效，{} 个指标{}，{} 个目标\n", options.rules,
                                                     indicators, with_inputs, p.program.targets.size())
                                       : fmt::format("{}: rules OK, {} indicators{}, {} targets\n", options.rules,
                                                     indicators, with_inputs, p.program.targets.size());
        return finish(summary, p.diags, p.sources, options.output, out, err, kAllMet);
    }

    // 4. Evaluate every target for every region.
    const int as_of = options.as_of.value_or(common_as_of(p.program, p.data));
    std::vector<RegionReport> reports;
    for (const RegionData& region : p.data.regions) reports.push_back(judge(p.program, region, as_of, p.diags));
    count_use(p.data.accounting, reports);
    if (p.data.accounting.used == 0 && !p.diags.has_errors()) nothing_matched(options.data, p.data.accounting, p.diags);
    const std::optional<Comparison> comparison =
        reports.size() > 1 ? std::optional(compare_regions(p.program, reports)) : std::nullopt;

    // 5. Report.
    const OutputFormat* format = find_output_format(options.output.format);
    const RunReport run{p.program,         p.sources,
                        reports,           p.diags,
                        p.data.accounting, comparison ? &*comparison : nullptr,
                        {options.output.lang, options.output.color_out, options.hide_not_due}};
    const std::string text = format->render(run);
    const bool some_not_met = std::ranges::any_of(
        reports, [](const RegionReport& r) { return r.summary.missed > 0 || r.summary.no_data > 0; });
    const int exit_code = p.diags.has_errors() ? kBadInput : some_not_met ? kSomeNotMet : kAllMet;
    return finish(text, p.diags, p.sources, options.output, out, err, exit_code);
}

int run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& err) {
    const OutputOptions& output = options.check.output;
    Prepared p;
    if (!prepare(options.check, p)) return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);

    const auto indicator = p.program.keys.find(options.indicator);
    if (indicator == p.program.keys.end()) {
        std::vector<std::string> keys;
        for (const auto& [key, id] : p.program.keys) keys.push_back(key);
        p.diags.error(
            NoLocation{},
            {fmt::format("unknown indicator '{}'", options.indicator),
             fmt::format("未知的指标“{}”", options.indicator)},
            suggest(options.indicator, keys,
                    {"name the indicator by its identifier or its display name", "请用指标的标识符或显示名称"}));
        return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);
    }
    const std::vector<std::size_t> targets = targets_of(p.program, indicator->second, options.year);
    if (targets.empty()) {
        std::set<int> years;
        for (const Target& t : p.program.targets) {
            if (t.indicator == indicator->second) years.insert(t.year);
        }
        const std::string list = fmt::format("{}", fmt::join(years, ", "));
        p.diags.error(NoLocation{},
                      {fmt::format("'{}' has no target in {}", options.indicator, options.year),
                       fmt::format("“{}”在 {} 年没有目标", options.indicator, options.year)},
                      years.empty() ? Text{"this indicator has no targets at all", "此指标没有任何目标"}
                                    : Text{fmt::format("it has targets in {}", list),
                                           fmt::format("它在这些年份有目标：{}", list)});
        return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);
    }
    const RegionData* region = &p.data.regions.front();
    if (options.region) {
        region = nullptr;
        for (const RegionData& r : p.data.regions) {
            if (r.region == *options.region) region = &r;
        }
        if (!region) {
            p.diags.error(NoLocation{}, {fmt::format("the data has no region '{}'", *options.region),
                                         fmt::format("数据中没有地区“{}”", *options.region)});
            return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);
        }
    } else if (p.data.regions.size() > 1) {
        p.diags.error(NoLocation{}, {"the data has several regions: choose one with --region",
                                     "数据包含多个地区：请用 --region 指定其一"});
        return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);
    }
    const int as_of = options.check.as_of.value_or(common_as_of(p.program, p.data));

    std::string text;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    try {
        for (const std::size_t t : targets) {
            const Explanation e = explain(p.program, *region, p.sources, t, as_of);
            if (output.format == "json") {
                list.push_back(explanation_json(p.program, e, p.sources));
            } else {
                text += (text.empty() ? "" : "\n") + render_explanation(p.program, e, p.sources, output.lang);
            }
        }
    } catch (const EvalError& e) {
        p.diags.error(e.where, e.message);
        return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);
    }
    if (output.format == "json") {
        nlohmann::ordered_json doc{{"schema", kExplainSchema}, {"region", region->region}, {"explanations", list}};
        text = dump_json(doc);
    }
    return finish(text, p.diags, p.sources, output, out, err, kAllMet);
}

int run_ast(const std::string& rules, const OutputOptions& output, std::ostream& out, std::ostream& err) {
    SourceMap sources;
    Diagnostics diags;
    const auto text = read_file(rules, kMaxRuleFileBytes, diags);
    if (!text) return fail(nullptr, sources, diags, output, out, err);
    const FileId file = sources.add(rules, *text);
    const ast::Module module = grammar::parse_module(sources, file, diags);
    if (diags.has_errors()) return fail(nullptr, sources, diags, output, out, err);
    out << ast::dump(module, sources);
    return kAllMet;
}

}  // namespace dabiao
