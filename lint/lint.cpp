#include "lint/lint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "base/overloaded.hpp"
#include "base/suggest.hpp"

namespace dabiao {

namespace {

const std::vector<LintRule> kRules = {
    {"no-targets", "无目标", {"an indicator that has no target at all", "没有任何目标的指标"}},
    {"missing-years", "缺年份", {"an indicator with yearly targets that leaves a year of the period out",
                                 "逐年目标中缺少规划期内某一年的指标"}},
    {"below-baseline", "低于基线", {"a target worse than the indicator's baseline", "目标劣于指标基线"}},
    {"table-text-conflict", "表文不一致",
     {"a table target and a text target on the same indicator and year that can disagree",
      "同一指标同一年份的表格目标与文本目标可能不一致"}},
    {"exact-equality", "精确相等", {"an equality no measured value is likely to meet exactly",
                                    "实测数值难以恰好满足的相等目标"}},
    {"unused-input", "未用输入", {"an input that no formula or target reads", "没有公式或目标读取的输入数据项"}},
    {"unused-function", "未用函数", {"a function that nothing calls", "没有被调用的函数"}},
    {"stage-never-targeted", "阶段未设目标", {"a stage of a milestone indicator that no target names",
                                              "阶段性指标中没有任何目标提到的阶段"}},
    {"pragma", "指令", {"a `# dabiao: allow` pragma that names no lint, gives no reason or switches nothing off",
                        "未指明检查项、未说明理由或未关闭任何提示的 `# dabiao: allow` 指令"}},
};

const LintRule* find_rule(std::string_view name) {
    for (const LintRule& r : kRules) {
        if (r.name == name || r.name_zh == name) return &r;
    }
    return nullptr;
}

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

// One `# dabiao: allow NAME[, NAME…] -- reason` comment.
struct Pragma {
    Span span;
    FileId file = 0;
    std::size_t applies_to = 0;  // the 1-based line whose findings it switches off
    std::vector<const LintRule*> rules;
    bool used = false;
};

constexpr std::string_view kPragma = "# dabiao:";

// Reads the pragmas of one file. A pragma after code applies to its own line; a pragma on a line
// of its own to the next line that is neither blank nor only a comment.
std::vector<Pragma> read_pragmas(const SourceMap& sources, FileId file, Diagnostics& diags) {
    const SourceFile& f = sources.file(file);
    std::vector<Pragma> pragmas;
    std::vector<std::size_t> waiting;  // pragmas on lines of their own, before the next code line
    const std::size_t lines = static_cast<std::size_t>(std::ranges::count(f.text(), '\n')) + 1;
    for (std::size_t line = 1; line <= lines; ++line) {
        const std::string_view text = f.line_text(line);
        const std::string_view code = trim(text);
        const std::size_t at = text.find(kPragma);
        const bool comment_only = code.empty() || code.front() == '#';
        if (!comment_only) {
            for (const std::size_t k : waiting) pragmas[k].applies_to = line;
            waiting.clear();
        }
        if (at == std::string_view::npos) continue;
        const auto begin = static_cast<std::uint32_t>(f.line_begin(line) + at);
        const Span span{file, begin, static_cast<std::uint32_t>(f.line_begin(line) + text.size())};
        std::string_view rest = trim(text.substr(at + kPragma.size()));
        const Text form{"write it as '# dabiao: allow NAME -- reason'", "应写作“# dabiao: allow 名称 -- 理由”"};
        if (!rest.starts_with("allow ")) {
            diags.warning(span, {"[pragma] a dabiao pragma must start with 'allow'", "[pragma] dabiao 指令应以 allow 开头"},
                          form);
            continue;
        }
        rest.remove_prefix(6);
        const std::size_t dashes = rest.find("--");
        const std::string_view reason = dashes == std::string_view::npos ? "" : trim(rest.substr(dashes + 2));
        const std::string_view names = trim(rest.substr(0, dashes));
        if (reason.empty()) {
            diags.warning(span, {"[pragma] this pragma gives no reason", "[pragma] 此指令没有说明理由"},
                          {"add the reason after '--': '# dabiao: allow NAME -- reason'",
                           "在“--”之后写明理由：“# dabiao: allow 名称 -- 理由”"});
        }
        Pragma p{span, file, comment_only ? 0 : line, {}};
        std::size_t from = 0;
        while (from <= names.size()) {
            std::size_t to = names.find_first_of(", ", from);
            if (to == std::string_view::npos) to = names.size();
            const std::string_view name = names.substr(from, to - from);
            from = to + 1;
            if (name.empty()) continue;
            if (const LintRule* r = find_rule(name)) {
                p.rules.push_back(r);
                continue;
            }
            std::vector<std::string> known;
            for (const LintRule& r : kRules) {
                known.emplace_back(r.name);
                known.emplace_back(r.name_zh);
            }
            diags.warning(span,
                          {fmt::format("[pragma] there is no lint named '{}'", name),
                           fmt::format("[pragma] 没有名为“{}”的检查项", name)},
                          suggest(name, known, {"run 'dabiao lint --list' to see the lints",
                                                "运行 dabiao lint --list 查看所有检查项"}));
        }
        if (p.rules.empty()) continue;
        if (comment_only) waiting.push_back(pragmas.size());
        pragmas.push_back(std::move(p));
    }
    return pragmas;
}

// A target's value when it is a number written in the rule (not a formula).
std::optional<double> constant(const ir::ExprPtr& e) {
    if (!e) return std::nullopt;
    if (const auto* c = std::get_if<ir::Const>(&e->node)) return c->value;
    return std::nullopt;
}

bool at_least(Op op) { return op == Op::ge || op == Op::gt || op == Op::eq || op == Op::around; }
bool at_most(Op op) { return op == Op::le || op == Op::lt || op == Op::eq || op == Op::around; }

// Marks every indicator and function an expression reads.
void walk(const ir::Expr* e, std::vector<bool>& indicators, std::vector<bool>& functions) {
    if (!e) return;
    std::visit(overloaded{
                   [&](const ir::IndicatorRef& r) {
                       if (r.id < indicators.size()) indicators[r.id] = true;
                   },
                   [&](const ir::AtYear& a) {
                       walk(a.series.get(), indicators, functions);
                       walk(a.year.get(), indicators, functions);
                   },
                   [&](const ir::Unary& u) { walk(u.operand.get(), indicators, functions); },
                   [&](const ir::Binary& b) {
                       walk(b.lhs.get(), indicators, functions);
                       walk(b.rhs.get(), indicators, functions);
                   },
                   [&](const ir::CallBuiltin& c) {
                       for (const auto& a : c.args) walk(a.get(), indicators, functions);
                   },
                   [&](const ir::CallFunction& c) {
                       if (c.fn < functions.size()) functions[c.fn] = true;
                       for (const auto& a : c.args) walk(a.get(), indicators, functions);
                   },
                   [&](const ir::If& i) {
                       walk(i.condition.get(), indicators, functions);
                       walk(i.then_branch.get(), indicators, functions);
                       walk(i.else_branch.get(), indicators, functions);
                   },
                   [](const auto&) {},
               },
               e->node);
}

class Linter {
public:
    Linter(const Program& program, const SourceMap& sources, const std::set<FileId>& files, Diagnostics& diags)
        : p_(program), sources_(sources), files_(files), diags_(diags) {
        for (const FileId f : files) {
            for (Pragma& pr : read_pragmas(sources, f, diags)) pragmas_.push_back(std::move(pr));
        }
        for (const Target& t : p_.targets) by_indicator_[t.indicator].push_back(&t);
        for (auto& [id, list] : by_indicator_) {
            std::ranges::stable_sort(list, {}, &Target::year);
        }
    }

    LintResult run() {
        targets();
        usage();
        stages();
        for (const Pragma& pr : pragmas_) {
            if (!pr.used) {
                diags_.warning(pr.span, {"[pragma] this pragma switches nothing off", "[pragma] 此指令没有关闭任何提示"},
                               {"remove it, or move it onto the line of the warning or the line above",
                                "删除此指令，或将其移到提示所在行或其上一行"});
                ++result_.warnings;
            }
        }
        return result_;
    }

private:
    const Program& p_;
    const SourceMap& sources_;
    const std::set<FileId>& files_;
    Diagnostics& diags_;
    std::vector<Pragma> pragmas_;
    std::map<IndicatorId, std::vector<const Target*>> by_indicator_;
    LintResult result_;

    // Reports a finding unless it lies outside the linted files or a pragma switches it off.
    void report(std::string_view name, Span where, Text message, Text hint, std::vector<Note> notes = {}) {
        if (!files_.contains(where.file)) return;
        const LintRule* rule = find_rule(name);
        const std::size_t line = sources_.file(where.file).line_col(where.begin).line;
        for (Pragma& pr : pragmas_) {
            if (pr.file == where.file && pr.applies_to == line && std::ranges::find(pr.rules, rule) != pr.rules.end()) {
                pr.used = true;
                ++result_.suppressed;
                return;
            }
        }
        const std::string tag = fmt::format("[{}] ", name);
        hint.en += fmt::format("{}(to allow it: '# dabiao: allow {} -- reason' on this line or above it)",
                               hint.en.empty() ? "" : " ", name);
        hint.zh += fmt::format("{}（如确属有意：在此行或上一行写“# dabiao: allow {} -- 理由”）",
                               hint.zh.empty() ? "" : "", rule->name_zh);
        Diagnostic d{Severity::warning, where, {tag + message.en, tag + message.zh}, hint, std::move(notes)};
        diags_.add(std::move(d));
        ++result_.warnings;
    }

    std::string value_text(const Indicator& i, double v) const { return in_terms_of(i, v); }

    void targets() {
        for (const Indicator& i : p_.indicators) {
            if (i.kind == IndicatorKind::input || i.kind == IndicatorKind::group) continue;
            const auto found = by_indicator_.find(i.id);
            const bool group_targeted = i.group && by_indicator_.contains(*i.group);
            if (found == by_indicator_.end()) {
                if (!group_targeted)
                    report("no-targets", i.span,
                           {fmt::format("'{}' has no target", i.key), fmt::format("“{}”没有任何目标", i.key)},
                           {"give it targets, or declare it as an input if it only feeds formulas",
                            "为其设定目标；若它只供公式使用，请声明为输入数据项"});
                continue;
            }
            const std::vector<const Target*>& list = found->second;
            yearly(i, list);
            baseline(i, list);
            conflicts(i, list);
            equality(i, list);
        }
    }

    // The table targets of one indicator: years left out of the period. (Targets that go backwards are
    // the checker's own warning.)
    void yearly(const Indicator& i, const std::vector<const Target*>& list) {
        if (i.staged()) return;  // milestones are reached in some years, not every year
        std::vector<const Target*> table;
        for (const Target* t : list) {
            if (t->form == TargetForm::table && t->source.empty() && !t->region) table.push_back(t);
        }
        if (table.size() < 2) return;
        std::set<int> years;
        for (const Target* t : table) years.insert(t->year);
        for (int y = p_.plan.first_year; y <= p_.plan.last_year; ++y) {
            if (years.contains(y) || y < *years.begin()) continue;
            report("missing-years", i.span,
                   {fmt::format("'{}' has yearly targets but none for {}", i.key, y),
                    fmt::format("“{}”有逐年目标，但缺少 {} 年的目标", i.key, y)},
                   {"add the year to its table, or check that the plan really leaves it out",
                    "在表格中补上该年，或核实规划确实未设该年目标"});
        }
    }

    void baseline(const Indicator& i, const std::vector<const Target*>& list) {
        if (!i.baseline || i.staged()) return;
        const bool higher = i.direction == ast::Direction::higher;
        // A baseline stated as a bound (基线 80以上) is a floor (ceiling) of the real one: a target
        // below the floor is surely worse; with a bound the other way (基线 80以下) nothing is sure.
        if (i.baseline_bound && (*i.baseline_bound == Op::around || (higher ? at_most(*i.baseline_bound)
                                                                             : at_least(*i.baseline_bound))))
            return;
        const std::string base_text = i.baseline_bound ? i.baseline_written : value_text(i, *i.baseline);
        // One finding per rule: a range such as 2023..2027 states one target for each year.
        std::map<std::pair<FileId, std::uint32_t>, std::pair<std::vector<int>, const Target*>> rules;
        for (const Target* t : list) {
            const auto v = constant(t->value);
            // A region's own target is measured from that region's baseline, not the declared one.
            if (!v || t->cumulative_from || !t->measure_text.empty() || t->region) continue;
            const bool worse = higher ? (at_least(t->op) && *v < *i.baseline) : (at_most(t->op) && *v > *i.baseline);
            if (!worse) continue;
            auto& [years, first] = rules[{t->span.file, t->span.begin}];
            years.push_back(t->year);
            if (!first) first = t;
        }
        for (const auto& [where, found] : rules) {
            const auto& [years, t] = found;
            const double v = *constant(t->value);
            const std::string when = years.size() == 1 ? fmt::format("{}", years.front())
                                                       : fmt::format("{}–{}", years.front(), years.back());
            report("below-baseline", t->span,
                   {fmt::format("the target of '{}' for {} ({}) is worse than its baseline ({})", i.key, when,
                                value_text(i, v), base_text),
                    fmt::format("“{}”{} 年的目标（{}）劣于其基线（{}）", i.key, when, value_text(i, v), base_text)},
                   {"check the target and the baseline against the plan", "请与规划原文核对目标与基线"});
        }
    }

    // A table target and a text target for one year that differ in comparison or value.
    void conflicts(const Indicator& i, const std::vector<const Target*>& list) {
        for (const Target* text : list) {
            if (text->form != TargetForm::statement || text->cumulative_from || !text->measure_text.empty()) continue;
            for (const Target* table : list) {
                if (table->form != TargetForm::table || table->year != text->year || table->cumulative_from ||
                    table->region != text->region)
                    continue;
                const auto a = constant(table->value);
                const auto b = constant(text->value);
                if (!a || !b || (table->op == text->op && *a == *b)) continue;
                const std::string said_table = fmt::format("{} {}", op_symbol(table->op), value_text(i, *a));
                const std::string said_text = fmt::format("{} {}", op_symbol(text->op), value_text(i, *b));
                if (const auto bound = one_sided_bound(*text); bound && *a == *b &&
                    ((text->band == Band::at_least && table->op == Op::ge) ||
                     (text->band == Band::at_most && table->op == Op::le))) {
                    // "About 90%" on the same side as the table's "≥ 90%": they agree but for the tolerance.
                    const std::string between = fmt::format("{}–{}", value_text(i, std::min(*bound, *a)),
                                                            value_text(i, std::max(*bound, *a)));
                    report("table-text-conflict", text->span,
                           {fmt::format("the text's '{}' for '{}' in {} is looser than the table's '{}': a value in {} "
                                        "meets the text and misses the table",
                                        said_text, i.key, text->year, said_table, between),
                            fmt::format("“{}”{} 年：文本“{}”比表格“{}”宽松：{} 之间的数值文本达标、表格未达标",
                                        i.key, text->year, said_text, said_table, between)},
                           {"if the table's value is the plan's, the text's 左右 only allows its tolerance; keep both "
                            "if both are reported",
                            "如以表格数值为准，文本的“左右”只放宽容差；两者都需报告时可同时保留"},
                           {{table->span, {"the table's target", "表格中的目标"}}});
                    continue;
                }
                report("table-text-conflict", text->span,
                       {fmt::format("the text says '{}' for '{}' in {}, the table '{}': a value can meet one and "
                                    "miss the other",
                                    said_text, i.key, text->year, said_table),
                        fmt::format("“{}”{} 年：文本要求“{}”，表格要求“{}”：同一数值可能一个达标、一个未达标",
                                    i.key, text->year, said_text, said_table)},
                       {"check which one the plan means; keep both only if both must hold",
                        "请核实规划本意；只有两者都须满足时才同时保留"},
                       {{table->span, {"the table's target", "表格中的目标"}}});
            }
        }
    }

    // The bound of a one-sided around target with a constant value and tolerance (90 − 1.8); none otherwise.
    static std::optional<double> one_sided_bound(const Target& t) {
        if (t.op != Op::around || t.band == Band::both) return std::nullopt;
        const auto value = constant(t.value);
        if (!value) return std::nullopt;
        const auto amount = t.tolerance ? constant(t.tolerance) : std::optional(std::abs(*value) * t.tolerance_share);
        if (!amount) return std::nullopt;
        return t.band == Band::at_least ? *value - std::abs(*amount) : *value + std::abs(*amount);
    }

    void equality(const Indicator& i, const std::vector<const Target*>& list) {
        if (i.staged()) return;
        std::map<std::pair<FileId, std::uint32_t>, std::vector<const Target*>> rules;  // one finding per rule
        for (const Target* t : list) {
            const auto v = constant(t->value);
            if (t->op == Op::eq && v && *v != std::floor(*v)) rules[{t->span.file, t->span.begin}].push_back(t);
        }
        for (const auto& [where, found] : rules) {
            const Target* t = found.front();
            const std::string when = found.size() == 1 ? fmt::format("{}", t->year)
                                                       : fmt::format("{}–{}", t->year, found.back()->year);
            const std::string v = value_text(i, *constant(t->value));
            report("exact-equality", t->span,
                   {fmt::format("the target of '{}' for {} asks for exactly {}", i.key, when, v),
                    fmt::format("“{}”{} 年的目标要求恰好等于 {}", i.key, when, v)},
                   {"a measured value is rarely exactly this: use 不低于 / 不高于, or 左右 with a tolerance",
                    "实测数值很少恰好相等：请用“不低于”“不高于”，或带容差的“左右”"});
        }
    }

    void usage() {
        std::vector<bool> read(p_.indicators.size(), false);
        std::vector<bool> called(p_.functions.size(), false);
        for (const Indicator& i : p_.indicators) {
            walk(i.formula.get(), read, called);
            walk(i.full_coverage.get(), read, called);
        }
        for (const Target& t : p_.targets) {
            for (const auto* e : {t.measure.get(), t.value.get(), t.tolerance.get(), t.base.get()})
                walk(e, read, called);
        }
        // A function counts as called only when something outside it calls it.
        for (std::size_t f = 0; f < p_.functions.size(); ++f) {
            std::vector<bool> inner(p_.functions.size(), false);
            walk(p_.functions[f].body.get(), read, inner);
            for (std::size_t g = 0; g < inner.size(); ++g) {
                if (inner[g] && g != f) called[g] = true;
            }
        }
        for (const Indicator& i : p_.indicators) {
            if (i.kind != IndicatorKind::input || read[i.id]) continue;
            report("unused-input", i.span,
                   {fmt::format("no formula or target reads the input '{}'", i.key),
                    fmt::format("没有公式或目标读取输入数据项“{}”", i.key)},
                   {"remove it, or use it in the formula it was meant for", "删除它，或在应使用它的公式中引用它"});
        }
        for (std::size_t f = 0; f < p_.functions.size(); ++f) {
            if (called[f]) continue;
            const Function& fn = p_.functions[f];
            report("unused-function", fn.span,
                   {fmt::format("nothing calls the function '{}'", fn.name),
                    fmt::format("没有任何地方调用函数“{}”", fn.name)},
                   {"remove it, or call it where it was meant to be used", "删除它，或在应使用它的地方调用它"});
        }
    }

    void stages() {
        for (const Indicator& i : p_.indicators) {
            if (!i.staged()) continue;
            std::set<double> named;
            if (const auto found = by_indicator_.find(i.id); found != by_indicator_.end()) {
                for (const Target* t : found->second) {
                    if (const auto v = constant(t->value)) named.insert(*v);
                }
            }
            if (named.empty()) continue;  // no-targets says it already
            const double highest = *named.rbegin();
            // A stage after the last one targeted: the plan never asks to reach it.
            for (std::size_t k = 0; k < i.stages.size(); ++k) {
                if (static_cast<double>(k) <= highest) continue;
                report("stage-never-targeted", i.span,
                       {fmt::format("no target of '{}' reaches its stage '{}'", i.key, i.stages[k]),
                        fmt::format("“{}”没有任何目标达到阶段“{}”", i.key, i.stages[k])},
                       {"drop the stage, or add the target that reaches it", "删除该阶段，或补上达到该阶段的目标"});
            }
        }
    }
};

}  // namespace

const std::vector<LintRule>& lint_rules() { return kRules; }

LintResult lint(const Program& program, const SourceMap& sources, const std::set<FileId>& files, Diagnostics& diags) {
    const std::size_t before = diags.warning_count();
    LintResult result = Linter(program, sources, files, diags).run();
    result.warnings = diags.warning_count() - before;
    return result;
}

}  // namespace dabiao
