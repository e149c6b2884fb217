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
#include "check/check.hpp"
#include "data/data.hpp"
#include "data/readers.hpp"
#include "judge/progress.hpp"
#include "judge/verdicts.hpp"
#include "lint/lint.hpp"
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
    out.modules = load_program(rules, load, sources, diags);
    if (diags.has_errors()) return false;
    std::vector<const ast::Module*> list;
    for (const auto& m : out.modules) list.push_back(&m);
    out.program = check(list, sources, diags);
    for (std::size_t k = load.prelude ? 1 : 0; k < out.modules.size(); ++k) out.files.insert(out.modules[k].file);
    return !diags.has_errors();
}

// Writes `text` to `path` through a temporary file beside it and a rename.
[[maybe_unused]] bool write_atomically(const std::string& path, const std::string& text, Diagnostics& diags) {
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

}  // namespace

int run_lint(const LintOptions& options, std::ostream& out, std::ostream& err) {
    const bool zh = options.output.lang == Lang::zh;
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
    const std::string suppressed =
        result.suppressed == 0
            ? ""
            : (zh ? fmt::format("，{} 条已由指令关闭", result.suppressed)
                  : fmt::format(", {} switched off by pragmas", result.suppressed));
    out << (zh ? fmt::format("{}：{} 条提示{}\n", options.rules, total, suppressed)
               : fmt::format("{}: {} warning{}{}\n", options.rules, total, total == 1 ? "" : "s", suppressed));
    return total == 0 ? kAllMet : kSomeNotMet;
}

}  // namespace dabiao
