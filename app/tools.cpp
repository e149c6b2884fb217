#include "app/tools.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <sstream>

#include "base/suggest.hpp"
#include "base/words.hpp"
#include "base/terminal.hpp"
#include "check/check.hpp"
#include "data/data.hpp"
#include "data/readers.hpp"
#include "judge/progress.hpp"
#include "judge/verdicts.hpp"
#include "lint/format.hpp"
#include "lint/lint.hpp"
#include "syntax/parse.hpp"
#include "report/model.hpp"

namespace dabiao {

namespace {

namespace fs = std::filesystem;

// Parses and checks a rule file with its prelude and imports; the files the analyst wrote are
// every loaded file but the prelude.
struct Loaded {
    std::vector<ast::Module> modules;
    Program program;
    std::set<FileId> files;
};

bool load_checked(const std::string& rules, const LoadOptions& load, SourceMap& sources, Diagnostics& diags,
                  Loaded& out) {
    const std::size_t before = diags.error_count();
    out.modules = load_program(rules, load, sources, diags);
    if (diags.error_count() != before) return false;
    std::vector<const ast::Module*> list;
    for (const auto& m : out.modules) list.push_back(&m);
    out.program = check(list, sources, diags);
    for (std::size_t k = load.prelude ? 1 : 0; k < out.modules.size(); ++k) out.files.insert(out.modules[k].file);
    return diags.error_count() == before;
}

// Writes `text` to `path` through a temporary file beside it and a rename.
bool write_atomically(const std::string& path, const std::string& text, Diagnostics& diags) {
    const fs::path target(path);
    const fs::path temp = target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
    {
        std::ofstream f(temp, std::ios::binary | std::ios::trunc);
        f << text;
        f.flush();
        if (!f) {
            std::error_code ec;
            fs::remove(temp, ec);
            diags.error(FileOnly{path}, {"cannot write the file", "无法写入该文件"},
                        {"the previous contents of the file, if any, are unchanged", "该文件原有内容（如有）未被改动"});
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        diags.error(FileOnly{path}, {"cannot replace the file", "无法替换该文件"},
                    {"the previous contents of the file, if any, are unchanged", "该文件原有内容（如有）未被改动"});
        return false;
    }
    return true;
}

// ---- dabiao test ----

using json = nlohmann::ordered_json;

const char* const kStatuses[] = {"met", "missed", "no_data", "not_due"};

std::optional<Status> parse_status(const std::string& s) {
    for (int k = 0; k < 4; ++k) {
        if (s == kStatuses[k]) return static_cast<Status>(k);
    }
    return std::nullopt;
}

std::string xml_escape(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

// A test file as --update writes it: one expectation a line, so that a changed verdict is a
// one-line diff.
std::string dump_test_file(const json& doc) {
    std::string out = "{\n";
    std::size_t k = 0;
    for (const auto& [key, value] : doc.items()) {
        out += fmt::format("  {}: ", json(key).dump());
        if (key == "expect" && value.is_array() && !value.empty()) {
            out += "[\n";
            for (std::size_t e = 0; e < value.size(); ++e)
                out += fmt::format("    {}{}\n", value[e].dump(-1, ' ', false), e + 1 < value.size() ? "," : "");
            out += "  ]";
        } else {
            out += value.dump(-1, ' ', false);
        }
        out += ++k < doc.size() ? ",\n" : "\n";
    }
    return out + "}\n";
}

// One expectation's outcome.
struct Case {
    std::string name;     // "普惠托位占比 2024" (and the source label)
    std::string failure;  // empty when it passed
};

struct FileOutcome {
    std::string path;
    std::vector<Case> cases;
    bool broken = false;  // the file, its rules or its data have errors
};

// Compares two reported numbers as the reports print them.
bool same_number(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); }

class TestFile {
public:
    TestFile(const std::string& path, const TestOptions& options, SourceMap& sources, Diagnostics& diags)
        : path_(path), options_(options), sources_(sources), diags_(diags) {}

    FileOutcome run() {
        FileOutcome outcome{path_, {}, true};
        // Each step reports every mistake it finds; the run stops at the first step that cannot go on.
        if (!read() || !prepare() || !judge_all()) return outcome;
        const std::size_t before = diags_.error_count();
        expectations(outcome.cases);
        outcome.broken = diags_.has_errors();
        if (diags_.error_count() != before) return outcome;
        if (options_.update) {
            doc_["expect"] = expect_;
            if (!write_atomically(path_, dump_test_file(doc_), diags_)) outcome.broken = true;
        }
        return outcome;
    }

private:
    const std::string& path_;
    const TestOptions& options_;
    SourceMap& sources_;
    Diagnostics& diags_;
    json doc_;
    json expect_;
    Loaded loaded_;
    Dataset data_;
    std::string inline_values_;
    const RegionData* region_ = nullptr;
    RegionReport report_;

    void bad(const std::string& pointer, Text message, Text hint = {}) {
        diags_.error(DataPointer{path_, pointer}, std::move(message), std::move(hint));
    }

    fs::path beside(const std::string& relative) const { return fs::path(path_).parent_path() / relative; }

    bool read() {
        const auto text = read_file(path_, kMaxDataFileBytes, diags_);
        if (!text) return false;
        const FileId file = sources_.add(path_, *text);
        try {
            doc_ = json::parse(*text);
        } catch (const json::parse_error& e) {
            const auto at = static_cast<std::uint32_t>(std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text->size()));
            diags_.error(Span{file, at, at}, {"this test file is not valid JSON", "此测试文件不是有效的 JSON"},
                         {"see docs/tools.md for the form of a test file", "测试文件的格式见 docs/tools.zh.md"});
            return false;
        }
        if (!doc_.is_object()) {
            bad("", {"a test file holds one JSON object", "测试文件应为一个 JSON 对象"});
            return false;
        }
        static const std::set<std::string> known = {"rules", "data", "values", "region", "as_of", "expect", "comment"};
        for (const auto& [key, value] : doc_.items()) {
            if (!known.contains(key)) {
                bad("/" + key, {fmt::format("unknown field '{}'", key), fmt::format("未知的字段“{}”", key)},
                    suggest(key, {known.begin(), known.end()}));
            }
        }
        if (!doc_.contains("rules") || !doc_["rules"].is_string()) {
            bad("/rules", {"the test file names no rule file: \"rules\": \"../plan.dab\"",
                           "测试文件未指定规则文件：\"rules\": \"../plan.dab\""},
                {"paths are relative to the test file", "路径相对于测试文件所在目录"});
        }
        if (doc_.contains("data") && !doc_["data"].is_string() && !doc_["data"].is_array())
            bad("/data", {"\"data\" is a file name or a list of them", "\"data\" 应为文件名或文件名列表"});
        if (doc_.contains("as_of") && !doc_["as_of"].is_number_integer())
            bad("/as_of", {"\"as_of\" is a year such as 2024", "\"as_of\" 应为年份（如 2024）"});
        if (doc_.contains("region") && !doc_["region"].is_string())
            bad("/region", {"\"region\" is a region's name", "\"region\" 应为地区名称"});
        if (doc_.contains("values") && !doc_["values"].is_object())
            bad("/values", {"\"values\" is an object as in a data file: {\"指标\": {\"2024\": 80}}",
                            "\"values\" 应与数据文件相同：{\"指标\": {\"2024\": 80}}"});
        if (!doc_["rules"].is_string()) return false;
        expect_ = doc_.contains("expect") ? doc_["expect"] : json::array();
        if (!expect_.is_array()) bad("/expect", {"\"expect\" is a list of expectations", "\"expect\" 应为预期结果列表"});
        else if (expect_.empty() && !options_.update)
            bad("/expect", {"the test file expects nothing", "测试文件没有任何预期结果"},
                {"write the expectations, or run 'dabiao test --update' to fill them from the current results",
                 "请写出预期结果，或运行 dabiao test --update 按当前结果填写"});
        return true;
    }

    bool prepare() {
        const std::size_t before = diags_.error_count();
        if (!load_checked(beside(doc_["rules"].get<std::string>()).string(), options_.load, sources_, diags_, loaded_))
            return false;
        DataSink sink(loaded_.program, sources_, data_, diags_);
        const ReadContext context{sources_, loaded_.program.plan.region, Encoding::detect};
        std::vector<std::string> files;
        if (doc_.contains("data")) {
            if (doc_["data"].is_string()) files.push_back(doc_["data"].get<std::string>());
            for (std::size_t k = 0; doc_["data"].is_array() && k < doc_["data"].size(); ++k) {
                if (!doc_["data"][k].is_string()) {
                    bad(fmt::format("/data/{}", k), {"a data file's name is a string", "数据文件名应为字符串"});
                    return false;
                }
                files.push_back(doc_["data"][k].get<std::string>());
            }
        }
        for (const std::string& f : files) {
            const std::string p = beside(f).string();
            const auto bytes = read_file(p, data_file_limit(default_memory_budget()), diags_);
            if (bytes) read_data_file(DataFile{p, *bytes}, context, sink, diags_);
        }
        if (doc_.contains("values")) {
            json values{{"values", doc_["values"]}};
            if (doc_.contains("region")) values["region"] = doc_["region"];
            inline_values_ = values.dump();
            read_data_file(DataFile{path_ + "#/values", inline_values_}, context, sink, diags_);
        }
        if (files.empty() && !doc_.contains("values"))
            bad("", {"the test file gives no data: \"data\" or \"values\"", "测试文件没有给出数据：\"data\" 或 \"values\""});
        return diags_.error_count() == before;
    }

    bool judge_all() {
        const std::size_t before = diags_.error_count();
        if (data_.regions.empty()) data_.region(loaded_.program.plan.region, loaded_.program.indicators.size());
        region_ = &data_.regions.front();
        if (doc_.contains("region")) {
            region_ = nullptr;
            for (const RegionData& r : data_.regions) {
                if (r.region == doc_["region"].get<std::string>()) region_ = &r;
            }
        }
        if (!region_ || (!doc_.contains("region") && data_.regions.size() > 1)) {
            bad("/region", {"name one of the data's regions with \"region\"", "请用 \"region\" 指定数据中的一个地区"});
            return false;
        }
        const std::optional<int> as_of =
            doc_.contains("as_of") ? std::optional(doc_["as_of"].get<int>()) : std::optional(common_as_of(loaded_.program, data_));
        report_ = judge(loaded_.program, *region_, as_of, diags_);
        return diags_.error_count() == before;
    }

    // Every target, for --update of a file that expects nothing yet.
    void fill_all() {
        const Program& p = loaded_.program;
        for (const Target& t : p.targets) {
            json e{{"indicator", p.indicator(t.indicator).key}, {"year", t.year}};
            const bool shared = std::ranges::any_of(p.targets, [&](const Target& o) {
                return o.indicator == t.indicator && o.year == t.year && o.source != t.source;
            });
            if (!t.source.empty() || shared) e["source"] = t.source;
            bool seen = false;
            for (const auto& x : expect_) seen = seen || x == e;
            if (!seen) expect_.push_back(e);
        }
    }

    bool expectations(std::vector<Case>& cases) {
        const Program& p = loaded_.program;
        const Lang lang = options_.output.lang;
        if (expect_.empty() && options_.update) fill_all();
        for (std::size_t k = 0; k < expect_.size(); ++k) {
            json& e = expect_[k];
            const std::string at = fmt::format("/expect/{}", k);
            if (!e.is_object() || !e.contains("indicator") || !e["indicator"].is_string() || !e.contains("year") ||
                !e["year"].is_number_integer()) {
                bad(at, {"an expectation names an indicator and a year: {\"indicator\": \"X\", \"year\": 2024, "
                         "\"status\": \"met\"}",
                         "预期结果应写明指标和年份：{\"indicator\": \"X\", \"year\": 2024, \"status\": \"met\"}"});
                continue;
            }
            const std::string key = e["indicator"].get<std::string>();
            const int year = e["year"].get<int>();
            const auto id = p.keys.find(key);
            if (id == p.keys.end()) {
                std::vector<std::string> keys;
                for (const auto& [name, i] : p.keys) keys.push_back(name);
                bad(at + "/indicator", {fmt::format("unknown indicator '{}'", key), fmt::format("未知的指标“{}”", key)},
                    suggest(key, keys));
                continue;
            }
            const std::optional<std::string> source =
                e.contains("source") && e["source"].is_string() ? std::optional(e["source"].get<std::string>()) : std::nullopt;
            std::vector<const Verdict*> matched;
            for (const Verdict& v : report_.verdicts) {
                const Target& t = p.targets[v.target];
                if (t.indicator == id->second && t.year == year && (!source || t.source == *source)) matched.push_back(&v);
            }
            if (matched.empty()) {
                bad(at, {fmt::format("'{}' has no target in {}{}", key, year, source ? " in source " + *source : ""),
                         fmt::format("“{}”在 {} 年没有{}目标", key, year, source ? "出处“" + *source + "”的" : "")});
                continue;
            }
            std::optional<Status> expected;
            if (e.contains("status")) {
                expected = e["status"].is_string() ? parse_status(e["status"].get<std::string>()) : std::nullopt;
                if (!expected && !options_.update) {
                    bad(at + "/status", {"\"status\" is met, missed, no_data or not_due",
                                         "\"status\" 应为 met、missed、no_data 或 not_due"});
                    continue;
                }
            } else if (!options_.update) {
                bad(at, {"the expectation gives no \"status\"", "预期结果缺少 \"status\""});
                continue;
            }
            const std::string name = fmt::format("{} {}{}", key, year, source && !source->empty() ? " " + *source : "");
            std::string failure;
            for (const Verdict* v : matched) {
                const std::string where =
                    matched.size() > 1 ? describe_location(p.targets[v->target].span, sources_) + ": " : "";
                if (options_.update) {
                    if (matched.size() > 1 && v != matched.front() && v->status != matched.front()->status) {
                        bad(at, {"the targets of this expectation differ: add \"source\" to choose one",
                                 "此预期结果对应的多个目标结果不同：请加 \"source\" 指定其一"});
                        return false;
                    }
                    e["status"] = status_key(v->status);
                    if (e.contains("gap")) e["gap"] = v->gap ? json(report_number(*v->gap)) : json(nullptr);
                    if (e.contains("progress"))
                        e["progress"] = v->progress ? json(progress_key(v->progress->status)) : json(nullptr);
                    continue;
                }
                if (v->status != *expected) {
                    failure += fmt::format("{}{}{} {}, {} {}", failure.empty() ? "" : "; ", where,
                                           Text{"expected", "预期"}.in(lang), status_label(*expected).in(lang),
                                           Text{"got", "实际"}.in(lang), status_label(v->status).in(lang));
                }
                if (e.contains("gap")) {
                    const bool ok = e["gap"].is_null() ? !v->gap
                                                       : (e["gap"].is_number() && v->gap &&
                                                          same_number(e["gap"].get<double>(), report_number(*v->gap)));
                    if (!ok)
                        failure += fmt::format("{}{}{} {}, {} {}", failure.empty() ? "" : "; ", where,
                                               Text{"expected gap", "预期差距"}.in(lang), e["gap"].dump(),
                                               Text{"got", "实际"}.in(lang),
                                               v->gap ? fmt::format("{}", report_number(*v->gap)) : "null");
                }
                if (e.contains("progress")) {
                    const std::string got = v->progress ? std::string(progress_key(v->progress->status)) : "null";
                    const std::string want = e["progress"].is_string() ? e["progress"].get<std::string>() : "null";
                    if (got != want)
                        failure += fmt::format("{}{}{} {}, {} {}", failure.empty() ? "" : "; ", where,
                                               Text{"expected progress", "预期进度"}.in(lang), want,
                                               Text{"got", "实际"}.in(lang), got);
                }
            }
            cases.push_back({name, failure});
        }
        return true;
    }
};

std::string junit(const std::vector<FileOutcome>& files) {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::string body;
    for (const FileOutcome& f : files) {
        std::size_t failed = 0;
        std::string cases;
        for (const Case& c : f.cases) {
            cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml_escape(f.path), xml_escape(c.name));
            if (c.failure.empty()) {
                cases += "/>\n";
            } else {
                ++failed;
                cases += fmt::format(">\n      <failure message=\"{}\"/>\n    </testcase>\n", xml_escape(c.failure));
            }
        }
        if (f.broken) {
            cases += fmt::format("    <testcase classname=\"{}\" name=\"(file)\">\n      <error message=\"{}\"/>\n"
                                 "    </testcase>\n",
                                 xml_escape(f.path), "the test file, its rules or its data have errors");
        }
        body += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}  </testsuite>\n",
                            xml_escape(f.path), f.cases.size() + (f.broken ? 1 : 0), failed, f.broken ? 1 : 0, cases);
        tests += f.cases.size() + (f.broken ? 1 : 0);
        failures += failed;
        errors += f.broken ? 1 : 0;
    }
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dabiao\" tests=\"{}\" "
                       "failures=\"{}\" errors=\"{}\">\n{}</testsuites>\n",
                       tests, failures, errors, body);
}

}  // namespace

int run_test(const TestOptions& options, std::ostream& out, std::ostream& err) {
    const Lang lang = options.output.lang;
    const RenderOptions render{lang, options.output.color_err};
    std::vector<std::string> paths;
    std::error_code ec;
    if (fs::is_directory(options.path, ec)) {
        for (auto it = fs::recursive_directory_iterator(options.path, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (it->is_regular_file() && it->path().filename().string().ends_with(".test.json"))
                paths.push_back(it->path().string());
        }
        std::ranges::sort(paths);
        if (paths.empty()) {
            SourceMap none;
            err << render_diagnostic({Severity::error, FileOnly{options.path},
                                      {"no test files (*.test.json) in this folder", "此目录中没有测试文件（*.test.json）"},
                                      {"see docs/tools.md for how to write one", "测试文件的写法见 docs/tools.zh.md"}},
                                     none, render);
            return kBadInput;
        }
    } else {
        paths.push_back(options.path);
    }
    std::vector<FileOutcome> outcomes;
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t broken = 0;
    for (const std::string& path : paths) {
        SourceMap sources;
        Diagnostics diags;
        FileOutcome o = TestFile(path, options, sources, diags).run();
        Diagnostics errors;  // a test reports errors only: the rules' warnings are lint's business
        for (const Diagnostic& d : diags.all()) {
            if (d.severity == Severity::error) errors.add(d);
        }
        err << render_diagnostics(errors, sources, render);
        for (const Case& c : o.cases) {
            const bool ok = c.failure.empty() || options.update;
            (ok ? passed : failed) += 1;
            if (!options.update)
                out << fmt::format("{} {}: {}{}\n", ok ? "PASS" : "FAIL", text::for_terminal(path), text::for_terminal(c.name),
                                   ok ? "" : " — " + text::for_terminal_lines(c.failure));
        }
        if (o.broken) {
            ++broken;
            out << fmt::format("{} {}\n", "ERROR", path);
        } else if (options.update) {
            out << fmt::format("{} {}: {}\n", Text{"updated", "已更新"}.in(lang), path,
                               phrase::tests_updated(o.cases.size()).in(lang));
        }
        outcomes.push_back(std::move(o));
    }
    out << phrase::tests_summary(paths.size(), passed, failed, broken).in(lang) << "\n";
    if (options.junit) {
        Diagnostics diags;
        if (!write_atomically(*options.junit, junit(outcomes), diags)) {
            err << render_diagnostics(diags, SourceMap{}, render);
            return kBadInput;
        }
    }
    if (broken > 0) return kBadInput;
    return failed > 0 ? kSomeNotMet : kAllMet;
}

int run_fmt(const FmtOptions& options, std::ostream& out, std::ostream& err) {
    const Lang lang = options.output.lang;
    const RenderOptions render{lang, options.output.color_err};
    if (!options.check && !options.write && options.files.size() != 1) {
        SourceMap none;
        err << render_diagnostic({Severity::error, NoLocation{},
                                  {"fmt prints one file: give --check or -w for several", "fmt 只能输出一个文件：多个文件请用 --check 或 -w"},
                                  {"dabiao fmt --check FILES..., or dabiao fmt -w FILES...", "dabiao fmt --check 文件…，或 dabiao fmt -w 文件…"}},
                                 none, render);
        return kBadInput;
    }
    bool unformatted = false;
    bool bad = false;
    for (const std::string& path : options.files) {
        SourceMap sources;
        Diagnostics diags;
        const auto text = read_file(path, kMaxRuleFileBytes, diags);
        if (!text) {
            err << render_diagnostics(diags, sources, render);
            bad = true;
            continue;
        }
        // A file that does not parse is not formatted: its errors come first.
        const FileId before_file = sources.add(path, *text);
        const ast::Module before = grammar::parse_module(sources, before_file, diags);
        if (diags.has_errors()) {
            err << render_diagnostics(diags, sources, render);
            bad = true;
            continue;
        }
        const std::string formatted = format_rules(*text, options.style);
        const FileId after_file = sources.add(path + " (formatted)", formatted);
        const ast::Module after = grammar::parse_module(sources, after_file, diags);
        if (diags.has_errors() || without_positions(ast::dump(before, sources)) != without_positions(ast::dump(after, sources))) {
            err << render_diagnostic({Severity::error, FileOnly{path},
                                      {"formatting would change the meaning of this file: it is left as it is",
                                       "格式化会改变此文件的含义：文件保持不变"},
                                      {"please report this with the file", "请附上此文件报告此问题"}},
                                     sources, render);
            bad = true;
            continue;
        }
        if (options.check) {
            if (formatted != *text) {
                unformatted = true;
                out << phrase::not_formatted(path).in(lang) << "\n";
            }
        } else if (options.write) {
            if (formatted != *text && !write_atomically(path, formatted, diags)) {
                err << render_diagnostics(diags, sources, render);
                bad = true;
            }
        } else {
            out << formatted;
        }
    }
    return bad ? kBadInput : unformatted ? kSomeNotMet : kAllMet;
}

int run_lint(const LintOptions& options, std::ostream& out, std::ostream& err) {
    if (options.list) {
        for (const LintRule& r : lint_rules()) {
            out << fmt::format("{} ({})\n    {}\n", r.name, r.name_zh, r.summary.in(options.output.lang));
        }
        return kAllMet;
    }
    SourceMap sources;
    Diagnostics diags;
    Loaded loaded;
    const RenderOptions render{options.output.lang, options.output.color_err};
    if (!load_checked(options.rules, options.load, sources, diags, loaded)) {
        err << render_diagnostics(diags, sources, render);
        return kBadInput;
    }
    Diagnostics found;
    const LintResult result = lint(loaded.program, sources, loaded.files, found);
    err << render_diagnostics(diags, sources, render);  // the checker's own warnings first
    err << render_diagnostics(found, sources, render);
    const std::size_t total = result.warnings + diags.warning_count();
    out << phrase::lint_summary(options.rules, total, result.suppressed).in(options.output.lang) << "\n";
    return total == 0 ? kAllMet : kSomeNotMet;
}

}  // namespace dabiao
