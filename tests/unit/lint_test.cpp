// The linter: each lint found where it should be and not where it should not, pragmas switching
// findings off (and their own mistakes), and the seed's table-vs-text case in the bundled rules.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "syntax/loader.hpp"
#include "test_support.hpp"

using namespace dabiao;

namespace {

const char* kPlan = "规划 \"p\" { 地区 洞头区  基线年 2022  规划期 2023..2027 }\n";

struct Finding {
    std::string tag;  // "[no-targets]"
    std::size_t line = 0;
};

// Lints rule text (after kPlan, which is line 1) and returns each warning's lint tag and line.
std::vector<Finding> lint_text(const std::string& body, LintResult* result = nullptr) {
    test::Checked c(kPlan + body);
    INFO(c.rendered());
    REQUIRE_FALSE(c.diags.has_errors());
    Diagnostics found;
    const LintResult r = lint(c.program, c.sources, {c.file}, found);
    if (result) *result = r;
    std::vector<Finding> out;
    for (const Diagnostic& d : found.all()) {
        REQUIRE(d.severity == Severity::warning);
        REQUIRE(std::get_if<Span>(&d.where));
        REQUIRE_FALSE(d.hint.en.empty());
        REQUIRE_FALSE(d.hint.zh.empty());
        const std::string tag = d.message.en.substr(0, d.message.en.find(' '));
        CHECK(d.message.zh.starts_with(tag));  // the same lint named in both languages
        out.push_back({tag, c.sources.file(c.file).line_col(std::get<Span>(d.where).begin).line});
    }
    return out;
}

struct Row {
    const char* what;
    std::string body;
    std::vector<std::pair<std::string, std::size_t>> expected;  // lint tag and line, in order
};

}  // namespace

TEST_CASE("each lint fires on its case and stays quiet on the fixed one", "[lint]") {
    const std::string domain = "领域 d（牵头单位：x）{\n";
    const std::vector<Row> rows = {
        {"no targets", domain + "指标 a \"A\" 单位 %\n}\n", {{"[no-targets]", 3}}},
        {"targets: quiet", domain + "指标 a \"A\" 单位 % { 2023..2027: 50 }\n}\n", {}},
        {"an input is not an indicator without targets", domain + "输入 a \"A\" 单位 人\n指标 b \"B\" 单位 人 = a { 2027: 1 }\n}\n", {}},
        {"missing year", domain + "指标 a \"A\" 单位 % { 2023: 50  2024: 51  2026: 53  2027: 54 }\n}\n",
         {{"[missing-years]", 3}}},
        {"a table starting late is not missing years", domain + "指标 a \"A\" 单位 % { 2025: 50  2026: 51  2027: 54 }\n}\n", {}},
        {"below baseline, once per rule", domain + "指标 a \"A\" 单位 % { 基线 80\n 2023..2027: 75 }\n}\n",
         {{"[below-baseline]", 4}}},
        {"lower is better: above baseline is worse",
         domain + "指标 a \"A\" 单位 % 越低越好 { 基线 4\n 2023..2027: < 5 }\n}\n", {{"[below-baseline]", 4}}},
        {"at the baseline: quiet", domain + "指标 a \"A\" 单位 % { 基线 80\n 2023..2027: 80 }\n}\n", {}},
        {"table and text disagree",
         domain + "指标 a \"A\" 单位 % { 2023..2027: 90 }\n}\n出处 \"正文\" {\n  到2027年 a 稳定在 90%左右。\n}\n",
         {{"[table-text-conflict]", 6}}},
        {"table and text disagree on the value, whatever the tolerance",
         domain + "指标 a \"A\" 单位 % { 2023..2027: 90 }\n}\n出处 \"正文\" {\n  到2027年 a 稳定在 85%左右。\n}\n",
         {{"[table-text-conflict]", 6}}},
        {"table and text agree",
         domain + "指标 a \"A\" 单位 % { 2023..2027: 90 }\n}\n出处 \"正文\" {\n  到2027年 a 达到 90%。\n}\n", {}},
        {"exact equality with decimals", domain + "指标 a \"A\" 单位 % { 2023..2027: = 92.5 }\n}\n",
         {{"[exact-equality]", 3}}},
        {"equality with a whole number: quiet", domain + "指标 a \"A\" 单位 % { 2023..2027: = 100 }\n}\n", {}},
        {"unused input", domain + "输入 a \"A\" 单位 人\n指标 b \"B\" 单位 % { 2027: 1 }\n}\n", {{"[unused-input]", 3}}},
        {"unused function", "函数 f(x) = x + 1\n" + domain + "指标 b \"B\" 单位 % { 2027: 1 }\n}\n",
         {{"[unused-function]", 2}}},
        {"a function called only by itself is unused",
         "函数 f(x) = 如果 x > 0 则 f(x - 1) 否则 0\n" + domain + "指标 b \"B\" 单位 % { 2027: 1 }\n}\n",
         {{"[unused-function]", 2}}},
        {"used function", "函数 f(x) = x + 1\n" + domain + "输入 a \"A\" 单位 人\n指标 b \"B\" 单位 人 = f(a) { 2027: 1 }\n}\n", {}},
        {"stage never targeted", domain + "指标 s \"S\" 阶段 未开展 < 试点 < 全覆盖 { 2027: 试点 }\n}\n",
         {{"[stage-never-targeted]", 3}}},
        {"last stage targeted", domain + "指标 s \"S\" 阶段 未开展 < 试点 < 推广 { 2025: 试点  2027: 推广 }\n}\n", {}},
    };
    for (const Row& row : rows) {
        SECTION(row.what) {
            INFO(row.body);
            const std::vector<Finding> found = lint_text(row.body);
            std::vector<std::pair<std::string, std::size_t>> got;
            for (const Finding& f : found) got.emplace_back(f.tag, f.line);
            CHECK(got == row.expected);
        }
    }
}

TEST_CASE("pragmas switch a lint off on their line or the next, and are checked themselves", "[lint]") {
    const std::string domain = "领域 d（牵头单位：x）{\n";
    const std::vector<Row> rows = {
        {"above, Chinese name", domain + "# dabiao: allow 无目标 -- 另有文件\n指标 a \"A\" 单位 %\n}\n", {}},
        {"on the line, English name", domain + "指标 a \"A\" 单位 %  # dabiao: allow no-targets -- 另有文件\n}\n", {}},
        {"above, across a blank and a comment",
         domain + "# dabiao: allow no-targets -- 另有文件\n\n# 说明\n指标 a \"A\" 单位 %\n}\n", {}},
        {"two lines above is too far: the pragma is unused",
         domain + "# dabiao: allow no-targets -- 另有文件\n指标 b \"B\" 单位 % { 2027: 1 }\n指标 a \"A\" 单位 %\n}\n",
         {{"[no-targets]", 5}, {"[pragma]", 3}}},
        {"another lint is not switched off",
         domain + "# dabiao: allow exact-equality -- 理由\n指标 a \"A\" 单位 %\n}\n", {{"[no-targets]", 4}, {"[pragma]", 3}}},
        {"no reason", domain + "# dabiao: allow no-targets\n指标 a \"A\" 单位 %\n}\n", {{"[pragma]", 3}}},
        {"unknown name", domain + "# dabiao: allow no-target -- 拼错\n指标 a \"A\" 单位 %\n}\n",
         {{"[pragma]", 3}, {"[no-targets]", 4}}},
        {"not allow", domain + "# dabiao: deny no-targets -- x\n指标 a \"A\" 单位 % { 2027: 1 }\n}\n", {{"[pragma]", 3}}},
    };
    for (const Row& row : rows) {
        SECTION(row.what) {
            INFO(row.body);
            const std::vector<Finding> found = lint_text(row.body);
            std::vector<std::pair<std::string, std::size_t>> got;
            for (const Finding& f : found) got.emplace_back(f.tag, f.line);
            CHECK(got == row.expected);
        }
    }
    LintResult result;
    lint_text(domain + "# dabiao: allow 无目标 -- 另有文件\n指标 a \"A\" 单位 %\n}\n", &result);
    CHECK(result.suppressed == 1);
    CHECK(result.warnings == 0);
}

TEST_CASE("the bundled rules: 困难群众医疗费用综合保障率 2027, ≥ 90 in the table and 90%左右 in the text", "[lint]") {
    SourceMap sources;
    Diagnostics diags;
    const std::vector<ast::Module> modules =
        load_program(std::string(DABIAO_SOURCE_DIR) + "/rules/dongtou.dab", {}, sources, diags);
    std::vector<const ast::Module*> list;
    for (const auto& m : modules) list.push_back(&m);
    const Program program = check(list, sources, diags);
    REQUIRE_FALSE(diags.has_errors());
    std::set<FileId> files;
    for (std::size_t k = 1; k < modules.size(); ++k) files.insert(modules[k].file);
    Diagnostics found;
    lint(program, sources, files, found);
    bool seen = false;
    for (const Diagnostic& d : found.all()) {
        if (!d.message.en.starts_with("[table-text-conflict]") || d.message.en.find("医疗费用保障率") == std::string::npos)
            continue;
        seen = true;
        CHECK(d.message.en.find("2027") != std::string::npos);
        CHECK(d.message.en.find("≈ 90%") != std::string::npos);
        CHECK(d.message.en.find("≥ 90%") != std::string::npos);
        // 稳定在90%左右 is at least 88.2%: looser than the table by its tolerance, not its opposite
        CHECK(d.message.en.find("looser than the table's") != std::string::npos);
        CHECK(d.message.en.find("88.2%–90%") != std::string::npos);
        const Span& text = std::get<Span>(d.where);
        CHECK(sources.file(text.file).name().ends_with("dongtou-tasks.dab"));
        REQUIRE(d.notes.size() == 1);
        CHECK(sources.file(std::get<Span>(d.notes[0].where).file).name().ends_with("rules/dongtou.dab"));
    }
    CHECK(seen);
}
