#include "app/driver.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <optional>
#include <ostream>
#include <set>

#include "base/encoding.hpp"
#include "base/suggest.hpp"
#include "base/terminal.hpp"
#include "base/words.hpp"
#include "check/check.hpp"
#include "report/compare.hpp"
#include "data/data.hpp"
#include "data/readers.hpp"
#include "report/explain.hpp"
#include "report/formats.hpp"
#include "report/report.hpp"
#include "report/template.hpp"
#include "judge/plausibility.hpp"
#include "judge/verdicts.hpp"
#include "syntax/parse.hpp"

namespace dabiao {

namespace {

void print_diagnostics(const Diagnostics& diags, const SourceMap& sources, const OutputOptions& output,
                       std::ostream& err) {
    err << render_diagnostics(diags, sources, {output.lang, output.color_err});
}

// Where a failure to write the report is reported: the -o file, or standard output.
Diagnostic write_failure(const std::optional<std::string>& file, Text message, std::optional<Text> hint = {}) {
    if (file) return Diagnostic{Severity::error, FileOnly{*file}, std::move(message), hint.value_or(Text{})};
    return Diagnostic{Severity::error, NoLocation{},
                      {"cannot write the report to standard output: " + message.en, "无法将报告写到标准输出：" + message.zh},
                      hint.value_or(Text{"the report is lost; run again with -o FILE or another output",
                                         "报告未能输出；请用 -o FILE 或换一个输出位置重新运行"})};
}

Text errno_text(std::string_view en, std::string_view zh, int error) {
    return {fmt::format("{}: {}", en, std::strerror(error)), fmt::format("{}：{}", zh, std::strerror(error))};
}

// Writes all of `text` to `fd`; returns the errno of a failed write, 0 when all was written.
int write_all(int fd, std::string_view text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        written += static_cast<std::size_t>(n);
    }
    return 0;
}

// Standard output, checked: a full disk, a closed stdout or a broken pipe (with SIGPIPE ignored)
// is a failed run, not a lost report and exit 0.
std::optional<Diagnostic> write_stdout(const std::string& text, std::ostream& out) {
    errno = 0;
    out << text;
    out.flush();
    if (out.good()) return std::nullopt;
    const int error = errno != 0 ? errno : EIO;
    out.clear();
    return write_failure(std::nullopt, errno_text("writing failed", "写入失败", error));
}

// The -o target as it will be written: a symbolic link is followed to the file it names, also
// when that file does not exist yet (as the shell's `>` does).
std::optional<std::filesystem::path> resolve_output(const std::string& file, std::optional<Diagnostic>& failure) {
    namespace fs = std::filesystem;
    fs::path target(file);
    std::error_code ec;
    for (int links = 0; fs::is_symlink(target, ec); ++links) {
        const fs::path next = fs::read_symlink(target, ec);
        if (ec || links == 40) {
            failure = write_failure(file, errno_text("cannot follow the symbolic link", "无法跟随该符号链接",
                                                     ec ? ec.value() : ELOOP));
            return std::nullopt;
        }
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    return target;
}

// Writes `text` to the -o file. A regular file is replaced through a temporary file in the same
// directory, flushed to disk and then renamed over it: readers see the old report or the new one,
// never a truncated one, and a failed write leaves the old file as it was. The new file keeps the
// old one's permissions. A character device or a FIFO is written to, not replaced. A file the
// run reads (the rules, an import, the prelude, the data: the same device and inode, whatever
// its name), a file the user may not write and any other kind of file are refused.
// Without -o, to `out`. Returns why the report could not be written, if it could not.
std::optional<Diagnostic> emit(const std::string& text, const OutputOptions& output, std::ostream& out,
                               const std::vector<std::string>& inputs) {
    if (!output.output_file) return write_stdout(text, out);
    namespace fs = std::filesystem;
    std::optional<Diagnostic> failure;
    const std::optional<fs::path> resolved = resolve_output(*output.output_file, failure);
    if (!resolved) return failure;
    const fs::path& target = *resolved;
    const std::string& name = *output.output_file;
    const Text unchanged{"the previous contents of the file, if any, are unchanged", "该文件原有内容（如有）未被改动"};

    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (exists) {
        for (const std::string& input : inputs) {
            struct stat in {};
            if (::stat(input.c_str(), &in) == 0 && in.st_dev == existing.st_dev && in.st_ino == existing.st_ino)
                return write_failure(name,
                                     {fmt::format("this is '{}', which the run reads: it is not replaced", input),
                                      fmt::format("这就是本次运行读取的“{}”：不予覆盖", input)},
                                     Text{"write the report to another file", "请将报告写到另一个文件"});
        }
        if (!S_ISCHR(existing.st_mode) && !S_ISFIFO(existing.st_mode) && !S_ISREG(existing.st_mode) && !S_ISDIR(existing.st_mode))
            return write_failure(name, {"is neither a regular file nor a character device or FIFO: it is not replaced",
                                        "既不是普通文件，也不是字符设备或 FIFO：不予覆盖"});
        if (S_ISREG(existing.st_mode) && ::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0)
            return write_failure(name, errno_text("you may not write this file", "你无权写入此文件", errno), unchanged);
    }
    // A file of another owner that the user may write (e.g. through its group) is written in
    // place: a new file would change its owner. Only root can give a new file another owner.
    const bool in_place = exists && (S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode) ||
                                     (S_ISREG(existing.st_mode) && existing.st_uid != ::geteuid() && ::geteuid() != 0));
    if (in_place) {
        // A FIFO without a reader fails (ENXIO) instead of blocking.
        const int fd = ::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY |
                                                  (S_ISREG(existing.st_mode) ? O_TRUNC : 0));
        if (fd < 0) {
            const int error = errno;
            return write_failure(name, errno_text("cannot open it for writing", "无法打开以写入", error),
                                 error == ENXIO ? Text{"no program reads from this FIFO", "没有程序在读取此 FIFO"}
                                                : Text{});
        }
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        const int error = write_all(fd, text);
        const int close_error = ::close(fd) == 0 ? 0 : errno;
        if (error != 0 || close_error != 0)
            return write_failure(name, errno_text("writing the report failed", "写入报告失败",
                                                  error != 0 ? error : close_error));
        return std::nullopt;
    }

    const fs::path temp = target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
    const auto failed = [&](Text message) {
        ::unlink(temp.c_str());
        return write_failure(name, std::move(message), unchanged);
    };
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) return failed(errno_text("cannot create a file beside it", "无法在同一目录创建文件", errno));
    if (exists && S_ISREG(existing.st_mode)) {
        // The old file's mode and, when root writes another's file, its owner.
        const bool kept = ::fchmod(fd, existing.st_mode & 07777) == 0 &&
                          (existing.st_uid == ::geteuid() || ::fchown(fd, existing.st_uid, existing.st_gid) == 0);
        if (!kept) {
            const int kept_error = errno;
            ::close(fd);
            return failed(errno_text("cannot keep the file's permissions", "无法保留该文件的权限", kept_error));
        }
    }
    const int error = write_all(fd, text);
    if (error != 0) {
        ::close(fd);
        return failed(errno_text("writing the report failed", "写入报告失败", error));
    }
    const bool synced = ::fsync(fd) == 0;
    const int sync_error = errno;
    const bool closed = ::close(fd) == 0;  // closed also when the sync failed
    if (!synced || !closed)
        return failed(errno_text("writing the report failed", "写入报告失败", synced ? errno : sync_error));
    if (::rename(temp.c_str(), target.c_str()) != 0)
        return failed(errno_text("cannot replace the file", "无法替换该文件", errno));
    return std::nullopt;
}

// The end of a run that has a report: its diagnostics, the report, and then, if the -o file could
// not be written, why. That failure is rendered on its own: the others were printed already.
// Every file a run reads: -o may not name one of them.
std::vector<std::string> inputs_of(const SourceMap& sources, const std::vector<std::string>& also) {
    std::vector<std::string> inputs = also;
    for (FileId id = 0; id < sources.size(); ++id) inputs.push_back(sources.file(id).name());
    return inputs;
}

int finish(const std::string& report, const Diagnostics& diags, const SourceMap& sources, const OutputOptions& output,
           std::ostream& out, std::ostream& err, int exit_code, const std::vector<std::string>& inputs) {
    print_diagnostics(diags, sources, output, err);
    if (const std::optional<Diagnostic> failure = emit(report, output, out, inputs_of(sources, inputs))) {
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
        if (const std::optional<Diagnostic> failure = write_stdout(dump_json(doc), out))
            err << render_diagnostic(*failure, sources, {output.lang, output.color_err});
    } else if (output.format == "sarif" && !output.output_file) {  // the diagnostics on the rule files
        const Program empty;
        const DataAccounting none;
        const std::vector<RegionReport> regions;
        const std::string sarif = find_output_format("sarif")->render(
            {program ? *program : empty, sources, regions, diags, none, nullptr, {output.lang, false, false}});
        if (const std::optional<Diagnostic> failure = write_stdout(sarif, out))
            err << render_diagnostic(*failure, sources, {output.lang, output.color_err});
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
    const std::size_t budget = options.max_memory.value_or(default_memory_budget());
    DataSink sink(p.program, p.sources, p.data, p.diags, budget);
    sink.set_strict(options.strict);
    const ReadContext context{p.sources, p.program.plan.region, options.encoding, options.sheet};
    for (const std::string& path : options.data) {
        if (const DataReader* database = database_reader(path)) {
            database->read(DataFile{path, {}}, context, sink, p.diags);
            continue;
        }
        const auto bytes = read_file(path, data_file_limit(budget), p.diags);
        if (bytes) read_data_file(DataFile{path, *bytes}, context, sink, p.diags);
    }
    if (p.diags.has_errors()) return false;
    if (p.data.regions.empty()) p.data.region(p.program.plan.region, p.program.indicators.size());
    if (!options.data.empty()) plausibility_warnings(p.program, p.data, p.sources, p.diags);
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

namespace {

// When the report is made: $SOURCE_DATE_EPOCH (seconds since 1970, as reproducible builds use it)
// when set, so that a report can be made again byte for byte; else now. UTC, to the minute.
std::optional<std::string> generated_time(Diagnostics& diags) {
    std::time_t when = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        const std::string_view text(epoch);
        long long seconds = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec != std::errc{} || end != text.data() + text.size() || seconds < 0 || seconds > 253402300799LL) {
            diags.error(NoLocation{},
                        {fmt::format("SOURCE_DATE_EPOCH is not a number of seconds since 1970: \"{}\"", text),
                         fmt::format("SOURCE_DATE_EPOCH 不是自 1970 年起的秒数：“{}”", text)},
                        {"set it to whole seconds, e.g. SOURCE_DATE_EPOCH=1767225600, or unset it to use the time now",
                         "请设为整数秒，如 SOURCE_DATE_EPOCH=1767225600；或取消设置以使用当前时间"});
            return std::nullopt;
        }
        when = static_cast<std::time_t>(seconds);
    }
    std::tm utc{};
    gmtime_r(&when, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", &utc);
    return std::string(buffer);
}

// The CSV report in GBK or GB18030 for Excel on a Chinese Windows. A character GBK lacks is an
// error naming the row of the verdict it is in: replacing it would change a name silently.
std::optional<std::string> encode_csv(const std::string& csv, const std::string& encoding, Diagnostics& diags) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    const std::string_view body = std::string_view(csv).substr(csv.starts_with(bom) ? bom.size() : 0);
    auto result = encode(body, encoding == "gbk" ? "GBK" : "GB18030");
    if (std::string* bytes = std::get_if<std::string>(&result)) return std::move(*bytes);
    const std::size_t at = std::get<EncodeError>(result).offset;
    const std::size_t begin = at == 0 ? 0 : [&] {
        const std::size_t eol = body.rfind('\n', at);
        return eol == std::string_view::npos ? 0 : eol + 1;
    }();
    const std::size_t eol = body.find('\r', at);
    const std::string row(body.substr(begin, eol == std::string_view::npos ? std::string_view::npos : eol - begin));
    std::size_t length = 1;
    while (at + length < body.size() && (static_cast<unsigned char>(body[at + length]) & 0xC0) == 0x80) ++length;
    const std::string character(body.substr(at, length));
    const std::size_t line = static_cast<std::size_t>(std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(begin), '\n')) + 1;
    diags.error(NoLocation{},
                {fmt::format("the CSV report cannot be written in {}: \"{}\" in row {} is not in it: {}", encoding,
                             character, line, row),
                 fmt::format("CSV 报告无法用 {} 编码写出：第 {} 行中的“{}”不在该编码中：{}", encoding, line, character,
                             row)},
                {"use --output-encoding gb18030 (holds every character, and Excel reads it as GBK) or the default utf-8",
                 "请改用 --output-encoding gb18030（可表示所有字符，Excel 按 GBK 打开）或默认的 utf-8"});
    return std::nullopt;
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
        const std::string summary =
            phrase::rules_ok(text::for_terminal(options.rules), indicators, inputs, p.program.targets.size()).in(options.output.lang) +
            "\n";
        if (options.output.format == "sarif") {  // the diagnostics (warnings) on the rule files
            const std::vector<RegionReport> regions;
            const std::string sarif = find_output_format("sarif")->render(
                {p.program, p.sources, regions, p.diags, p.data.accounting, nullptr, {options.output.lang, false, false}});
            return finish(sarif, p.diags, p.sources, options.output, out, err, kAllMet, {options.rules});
        }
        return finish(summary, p.diags, p.sources, options.output, out, err, kAllMet, {options.rules});
    }

    // 4. Evaluate every target for every region.
    const int as_of = options.as_of.value_or(common_as_of(p.program, p.data));
    std::vector<RegionReport> reports;
    RunBudget budget;  // one step budget for the run, one error per runaway rule
    for (const RegionData& region : p.data.regions)
        reports.push_back(judge(p.program, region, as_of, p.diags, {}, &budget));
    count_use(p.data.accounting, reports);
    if (p.data.accounting.used == 0 && !p.diags.has_errors()) nothing_matched(options.data, p.data.accounting, p.diags);
    const std::optional<Comparison> comparison =
        reports.size() > 1 ? std::optional(compare_regions(p.program, reports)) : std::nullopt;

    // 5. Report.
    const OutputFormat* format = find_output_format(options.output.format);
    if (format->binary && !options.output.output_file) {  // bytes would garble a terminal or a pipe
        p.diags.error(NoLocation{},
                      {fmt::format("--format {} writes a binary file, not text", format->name),
                       fmt::format("--format {} 生成的是二进制文件，不是文本", format->name)},
                      {"name the file with -o, e.g. -o report.xlsx", "请用 -o 指定文件，如 -o report.xlsx"});
        return fail(&p.program, p.sources, p.diags, options.output, out, err);
    }
    bool usage_error = false;  // options that do not go together: nothing is written
    if (options.explain && format->name != "html") {
        usage_error = true;
        p.diags.error(NoLocation{},
                      {fmt::format("--explain adds the traces to --format html, not to --format {}", format->name),
                       fmt::format("--explain 只用于 --format html，不能与 --format {} 合用", format->name)},
                      {"for one target in any format: dabiao explain RULES --data DATA --indicator X --year Y",
                       "单个目标请用：dabiao explain 规则 --data 数据 --indicator 指标 --year 年份"});
    }
    if (options.output_encoding != "utf-8" && format->name != "csv") {
        usage_error = true;
        p.diags.error(NoLocation{},
                      {fmt::format("--output-encoding is for --format csv, not --format {}", format->name),
                       fmt::format("--output-encoding 只用于 --format csv，不能与 --format {} 合用", format->name)},
                      {"leave --output-encoding out", "请去掉 --output-encoding"});
    }
    const std::optional<std::string> generated = format->name == "html" ? generated_time(p.diags) : std::string();
    if (usage_error || !generated) return fail(&p.program, p.sources, p.diags, options.output, out, err);
    RunReport run{p.program,         p.sources,
                  reports,           p.diags,
                  p.data.accounting, comparison ? &*comparison : nullptr,
                  {options.output.lang, options.output.color_out, options.hide_not_due}};
    run.generated = generated.value_or("");
    run.data_files = options.data;
    run.data = &p.data.regions;
    run.explain = options.explain;
    std::string text = format->render(run);
    if (options.output_encoding != "utf-8") {
        std::optional<std::string> encoded = encode_csv(text, options.output_encoding, p.diags);
        if (!encoded) return fail(&p.program, p.sources, p.diags, options.output, out, err);
        text = std::move(*encoded);
    }
    const bool some_not_met = std::ranges::any_of(
        reports, [](const RegionReport& r) { return r.summary.missed > 0 || r.summary.no_data > 0; });
    const int exit_code = p.diags.has_errors() ? kBadInput : some_not_met ? kSomeNotMet : kAllMet;
    std::vector<std::string> inputs = options.data;
    inputs.push_back(options.rules);
    return finish(text, p.diags, p.sources, options.output, out, err, exit_code, inputs);
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
            std::vector<std::string> names;
            for (const RegionData& r : p.data.regions) names.push_back(r.region);
            p.diags.error(NoLocation{},
                          {fmt::format("the data has no region '{}'", *options.region),
                           fmt::format("数据中没有地区“{}”", *options.region)},
                          {fmt::format("the regions: {}", fmt::join(names, ", ")),
                           fmt::format("地区：{}", fmt::join(names, "、"))});
            return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);
        }
    } else if (p.data.regions.size() > 1) {
        std::vector<std::string> names;
        for (const RegionData& r : p.data.regions) names.push_back(r.region);
        p.diags.error(NoLocation{},
                      {fmt::format("the data has {} regions: choose one with --region", names.size()),
                       fmt::format("数据包含 {} 个地区：请用 --region 指定其一", names.size())},
                      {fmt::format("the regions: {}", fmt::join(names, ", ")),
                       fmt::format("地区：{}", fmt::join(names, "、"))});
        return fail(nullptr, p.sources, p.diags, output, out, err, kExplainSchema);
    }
    const int as_of = options.check.as_of.value_or(common_as_of(p.program, p.data));

    std::string text;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    int exit_code = kAllMet;  // as check's: 1 when a target explained is missed or has no data
    try {
        for (const std::size_t t : targets) {
            if (!p.program.targets[t].applies_to(p.program.region_id(region->region))) continue;
            const Explanation e = explain(p.program, *region, p.sources, t, as_of);
            if (e.verdict.status == Status::missed || e.verdict.status == Status::no_data) exit_code = kSomeNotMet;
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
    std::vector<std::string> inputs = options.check.data;
    inputs.push_back(options.check.rules);
    return finish(text, p.diags, p.sources, output, out, err, p.diags.has_errors() ? kBadInput : exit_code, inputs);
}

int run_ast(const std::string& rules, const OutputOptions& output, std::ostream& out, std::ostream& err) {
    SourceMap sources;
    Diagnostics diags;
    const auto text = read_file(rules, kMaxRuleFileBytes, diags);
    if (!text) return fail(nullptr, sources, diags, output, out, err);
    const FileId file = sources.add(rules, *text);
    const ast::Module module = grammar::parse_module(sources, file, diags);
    if (diags.has_errors()) return fail(nullptr, sources, diags, output, out, err);
    if (const std::optional<Diagnostic> failure = write_stdout(ast::dump(module, sources), out)) {
        err << render_diagnostic(*failure, sources, {output.lang, output.color_err});
        return kBadInput;
    }
    return kAllMet;
}

// --regions 洞头区,玉环市 (commas full-width or not, or 、) → the regions, each named once.
bool template_regions(const std::string& list, std::vector<std::string>& regions, Diagnostics& diags) {
    std::string text = list;
    for (const std::string_view separator : {"，", "、"})
        for (std::size_t at; (at = text.find(separator)) != std::string::npos;) text.replace(at, separator.size(), ",");
    if (text.empty()) return true;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        std::string name = text.substr(start, end - start);
        while (!name.empty() && name.front() == ' ') name.erase(0, 1);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (name.empty()) {
            diags.error(NoLocation{}, {fmt::format("--regions {}: a region name is empty", list),
                                       fmt::format("--regions {}：有地区名称为空", list)},
                        {"list the regions separated by commas: --regions 洞头区,玉环市",
                         "请用逗号分隔各地区：--regions 洞头区,玉环市"});
            return false;
        }
        if (std::find(regions.begin(), regions.end(), name) != regions.end()) {
            diags.error(NoLocation{}, {fmt::format("--regions: {} is listed twice", name),
                                       fmt::format("--regions：{} 重复列出", name)});
            return false;
        }
        regions.push_back(name);
        if (end == text.size()) return true;
        start = end + 1;
    }
}

// The rules alone, for the commands that read no data (template, sql).
static bool prepare_rules(const std::string& rules, const LoadOptions& load, const OutputOptions& output, Prepared& p) {
    CheckOptions check;
    check.rules = rules;
    check.load = load;
    check.output = output;
    return prepare(check, p);
}

int run_template(const TemplateOptions& options, std::ostream& out, std::ostream& err) {
    Prepared p;
    if (!prepare_rules(options.rules, options.load, options.output, p))
        return fail(nullptr, p.sources, p.diags, options.output, out, err);
    TemplateLayout layout;
    layout.by = options.by == "domain" ? TemplateSheets::per_domain
                : options.by == "one"  ? TemplateSheets::one
                                       : TemplateSheets::per_lead;
    if (!template_regions(options.regions, layout.regions, p.diags))
        return fail(nullptr, p.sources, p.diags, options.output, out, err);
    if (options.format == "csv") return finish(template_csv(p.program, layout), p.diags, p.sources, options.output, out, err, kAllMet, {options.rules});
    if (!options.output.output_file) {
        p.diags.error(NoLocation{}, {"a workbook is not written to the terminal: name the file with -o 填报表.xlsx",
                                     "工作簿不能输出到终端：请用 -o 填报表.xlsx 指定文件"},
                      {"or use --format csv", "或使用 --format csv"});
        return fail(nullptr, p.sources, p.diags, options.output, out, err);
    }
    // Written beside nothing the user sees, then put in place as -o files are: atomically.
    namespace fs = std::filesystem;
    const fs::path temp = fs::temp_directory_path() / fmt::format("dabiao-template-{}.xlsx", ::getpid());
    if (!write_template_xlsx(p.program, layout, temp.string(), p.diags)) {
        ::unlink(temp.c_str());
        return fail(nullptr, p.sources, p.diags, options.output, out, err);
    }
    const auto bytes = read_file(temp.string(), kMaxDataFileBytes, p.diags);
    ::unlink(temp.c_str());
    if (!bytes) return fail(nullptr, p.sources, p.diags, options.output, out, err);
    return finish(*bytes, p.diags, p.sources, options.output, out, err, kAllMet, {options.rules});
}

int run_sql(const SqlCommandOptions& options, std::ostream& out, std::ostream& err) {
    Prepared p;
    if (!prepare_rules(options.rules, options.load, options.output, p))
        return fail(nullptr, p.sources, p.diags, options.output, out, err);
    SqlOptions sql = options.sql;
    const std::optional<SqlDialect> dialect = sql_dialect_named(options.dialect);
    if (!dialect) {  // the command line checks the name; a caller of this function may not
        p.diags.error(NoLocation{}, {fmt::format("unknown SQL dialect '{}'", options.dialect),
                                     fmt::format("未知的 SQL 方言“{}”", options.dialect)},
                      {"use sqlite, postgres or duckdb", "请使用 sqlite、postgres 或 duckdb"});
        return fail(nullptr, p.sources, p.diags, options.output, out, err);
    }
    sql.dialect = *dialect;
    const std::optional<std::string> plan = compile_sql(p.program, p.sources, sql, p.diags);
    if (!plan) return fail(nullptr, p.sources, p.diags, options.output, out, err);
    return finish(*plan, p.diags, p.sources, options.output, out, err, kAllMet, {options.rules});
}

}  // namespace dabiao
