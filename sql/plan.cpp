#include "sql/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/overloaded.hpp"
#include "stdlib/builtins.hpp"

namespace dabiao {

namespace {

// The judge's windows (judge/eval.cpp, data/data.hpp): years this far around the plan have no
// value; data this far before it is not read.
constexpr int kYearWindow = 50;
constexpr int kMaxYearSpan = 500;        // stdlib/builtins.cpp: the longest range of a sum
constexpr std::size_t kMaxInlining = 64;  // formulas and functions inlined into one another
constexpr std::size_t kMaxExpressionBytes = 4 * 1024 * 1024;
constexpr std::size_t kSelectsPerCompound = 200;  // SQLite allows 500 SELECTs in one compound

bool nearly_equal(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

// Why a target has no SQL form, and where in its rule.
struct Untranslatable {
    Span where;
    Text why;
};

// An expression's SQL, or its value when it needs no data (years such as `year - 1` must be).
struct Piece {
    bool constant = false;
    bool present = false;  // of a constant
    double value = 0;
    std::string sql;

    static Piece of(double v) { return {true, true, v, {}}; }
    static Piece absent() { return {true, false, 0, {}}; }
    static Piece query(std::string s) { return {false, false, 0, std::move(s)}; }
};

struct Dialect {
    std::string_view name;
    std::string_view real_type;   // the type of values
    std::string_view greatest;    // the largest of several values (SQLite: max; NULL if any is NULL)
};

const Dialect& dialect_of(SqlDialect d) {
    static const Dialect dialects[] = {
        {"sqlite", "REAL", "MAX"},
        {"postgres", "DOUBLE PRECISION", "GREATEST"},
        {"duckdb", "DOUBLE", "GREATEST"},
    };
    return dialects[static_cast<int>(d)];
}

std::string literal(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

std::string identifier(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

class Compiler {
public:
    Compiler(const Program& program, const SqlOptions& options)
        : program_(program),
          dialect_(dialect_of(options.dialect)),
          first_year_(std::min(program.plan.baseline_year, program.plan.first_year) - kYearWindow),
          last_year_(program.plan.last_year + kYearWindow) {}

    std::string number(double v) const {
        std::string text = fmt::format("{:.17g}", v);
        if (text.find_first_of(".en") == std::string::npos) text += ".0";
        return fmt::format("CAST({} AS {})", text, dialect_.real_type);
    }
    std::string null_number() const { return fmt::format("CAST(NULL AS {})", dialect_.real_type); }
    std::string sql(const Piece& p) const {
        if (!p.constant) return p.sql;
        return p.present ? number(p.value) : null_number();
    }
    // |a - b| within a relative 1e-9, as the judge compares (NULL when either is).
    std::string near(const std::string& a, const std::string& b) const {
        return fmt::format("(ABS(({0}) - ({1})) <= 1e-9 * {2}(1.0, ABS({0}), ABS({1})))", a, b, dialect_.greatest);
    }
    // A SQL condition as the evaluator's truth value: 1, 0, or NULL when it is unknown.
    std::string truth(const std::string& condition) const {
        return fmt::format("(CASE WHEN {0} THEN {1} WHEN NOT ({0}) THEN {2} END)", condition, number(1), number(0));
    }

    struct Frame {
        const std::vector<ir::ExprPtr>* args;
        const Frame* caller;
    };

    Piece expr(const ir::Expr& e, int year, const Frame* frame) {
        Piece p = std::visit(
            overloaded{
                [&](const ir::Const& c) { return Piece::of(c.value); },
                [&](const ir::IndicatorRef& r) { return indicator(e, r.id, year); },
                [&](const ir::ParamRef& r) { return expr(*frame->args->at(r.index), year, frame->caller); },
                [&](const ir::CurrentYear&) { return Piece::of(year); },
                [&](const ir::AtYear& a) {
                    const Piece at = expr(*a.year, year, frame);
                    if (!at.constant)
                        throw Untranslatable{a.year->span,
                                             {"the year it reads is computed from data", "所读取的年份由数据计算得出"}};
                    if (!at.present) return at;
                    if (at.value != std::floor(at.value) || std::abs(at.value) > 1e6) return Piece::absent();
                    return expr(*a.series, static_cast<int>(at.value), frame);
                },
                [&](const ir::Unary& u) { return unary(u, year, frame); },
                [&](const ir::Binary& b) { return binary(b, year, frame); },
                [&](const ir::CallBuiltin& c) { return builtin(e, c, year, frame); },
                [&](const ir::CallFunction& c) {
                    const Function& fn = program_.functions.at(c.fn);
                    if (++inlined_ > kMaxInlining)
                        throw Untranslatable{e.span,
                                             {fmt::format("'{}' calls itself too deeply to be written out", fn.name),
                                              fmt::format("“{}”递归过深，无法展开", fn.name)}};
                    const Frame callee{&c.args, frame};
                    Piece body = expr(*fn.body, year, &callee);
                    --inlined_;
                    return body;
                },
                [&](const ir::If& i) {
                    const Piece c = expr(*i.condition, year, frame);
                    if (c.constant) {
                        if (!c.present) return c;
                        return expr(c.value != 0 ? *i.then_branch : *i.else_branch, year, frame);
                    }
                    const std::string then_sql = sql(expr(*i.then_branch, year, frame));
                    const std::string else_sql = sql(expr(*i.else_branch, year, frame));
                    return Piece::query(fmt::format("(CASE WHEN ({0}) <> 0 THEN {1} WHEN ({0}) = 0 THEN {2} END)",
                                                    c.sql, then_sql, else_sql));
                },
            },
            e.node);
        if (!p.constant && p.sql.size() > kMaxExpressionBytes)
            throw Untranslatable{e.span, {"its SQL would be too large (more than 4 MiB)", "其 SQL 过大（超过 4 MiB）"}};
        return p;
    }

private:
    const Program& program_;
    const Dialect& dialect_;
    int first_year_;
    int last_year_;
    std::size_t inlined_ = 0;

    Piece indicator(const ir::Expr& e, IndicatorId id, int year) {
        const Indicator& i = program_.indicator(id);
        if (year < first_year_ || year > last_year_ || i.kind == IndicatorKind::group) return Piece::absent();
        if (i.kind != IndicatorKind::derived) {
            return Piece::query(fmt::format(
                "(SELECT MAX(v.value) FROM dabiao_input v WHERE v.region = r.region AND v.indicator = {} AND v.year = {})",
                literal(i.key), year));
        }
        if (++inlined_ > kMaxInlining)
            throw Untranslatable{e.span, {fmt::format("the formula of '{}' refers to itself across too many years to be "
                                                      "written out",
                                                      i.key),
                                          fmt::format("“{}”的公式跨越过多年份引用自身，无法展开", i.key)}};
        Piece p = expr(*i.formula, year, nullptr);
        --inlined_;
        return p;
    }

    Piece unary(const ir::Unary& u, int year, const Frame* frame) {
        const Piece v = expr(*u.operand, year, frame);
        if (v.constant) {
            if (!v.present) return v;
            return Piece::of(u.op == ast::UnaryOp::logical_not ? (v.value == 0 ? 1 : 0) : -v.value);
        }
        if (u.op == ast::UnaryOp::logical_not) return Piece::query(truth(fmt::format("({}) = 0", v.sql)));
        return Piece::query(fmt::format("(-({}))", v.sql));
    }

    Piece binary(const ir::Binary& b, int year, const Frame* frame) {
        using BinOp = ast::BinaryOp;
        const Piece l = expr(*b.lhs, year, frame);
        const Piece r = expr(*b.rhs, year, frame);
        if (l.constant && r.constant) return fold(b.op, l, r);
        const std::string ls = sql(l);
        const std::string rs = sql(r);
        switch (b.op) {
            case BinOp::add:
                return Piece::query(fmt::format("(({}) + ({}))", ls, rs));
            case BinOp::sub:
                return Piece::query(fmt::format("(({}) - ({}))", ls, rs));
            case BinOp::mul:
                return Piece::query(fmt::format("(({}) * ({}))", ls, rs));
            case BinOp::div:  // x / 0 is undefined: missing, as the evaluator has it
                return Piece::query(fmt::format("(({}) / NULLIF({}, 0))", ls, rs));
            case BinOp::eq:
                return Piece::query(truth(near(ls, rs)));
            case BinOp::ne:
                return Piece::query(truth(fmt::format("NOT {}", near(ls, rs))));
            case BinOp::ge:
                return Piece::query(truth(fmt::format("(({}) > ({}) OR {})", ls, rs, near(ls, rs))));
            case BinOp::le:
                return Piece::query(truth(fmt::format("(({}) < ({}) OR {})", ls, rs, near(ls, rs))));
            case BinOp::gt:
                return Piece::query(truth(fmt::format("(({}) > ({}) AND NOT {})", ls, rs, near(ls, rs))));
            case BinOp::lt:
                return Piece::query(truth(fmt::format("(({}) < ({}) AND NOT {})", ls, rs, near(ls, rs))));
            // SQL's three-valued logic is the evaluator's: false and missing is false, true or missing true.
            case BinOp::logical_and:
                return Piece::query(truth(fmt::format("(({}) <> 0 AND ({}) <> 0)", ls, rs)));
            case BinOp::logical_or:
                return Piece::query(truth(fmt::format("(({}) <> 0 OR ({}) <> 0)", ls, rs)));
        }
        return Piece::absent();
    }

    static Piece fold(ast::BinaryOp op, const Piece& l, const Piece& r) {
        using BinOp = ast::BinaryOp;
        if (op == BinOp::logical_and) {
            if ((l.present && l.value == 0) || (r.present && r.value == 0)) return Piece::of(0);
            if (!l.present || !r.present) return Piece::absent();
            return Piece::of(1);
        }
        if (op == BinOp::logical_or) {
            if ((l.present && l.value != 0) || (r.present && r.value != 0)) return Piece::of(1);
            if (!l.present || !r.present) return Piece::absent();
            return Piece::of(0);
        }
        if (!l.present) return l;
        if (!r.present) return r;
        const double a = l.value;
        const double b = r.value;
        switch (op) {
            case BinOp::add:
                return Piece::of(a + b);
            case BinOp::sub:
                return Piece::of(a - b);
            case BinOp::mul:
                return Piece::of(a * b);
            case BinOp::div:
                return b == 0 ? Piece::absent() : Piece::of(a / b);
            case BinOp::eq:
                return Piece::of(nearly_equal(a, b));
            case BinOp::ne:
                return Piece::of(!nearly_equal(a, b));
            case BinOp::ge:
                return Piece::of(a > b || nearly_equal(a, b));
            case BinOp::le:
                return Piece::of(a < b || nearly_equal(a, b));
            case BinOp::gt:
                return Piece::of(a > b && !nearly_equal(a, b));
            case BinOp::lt:
                return Piece::of(a < b && !nearly_equal(a, b));
            default:
                return Piece::absent();
        }
    }

    // The years of a range function: written in the rule (constants), never read from data.
    std::optional<std::pair<int, int>> year_range(const ir::Expr& e, const ir::CallBuiltin& c, int year,
                                                  const Frame* frame, std::optional<std::size_t> to_arg) {
        const Piece from = expr(*c.args.at(1), year, frame);
        const Piece to = to_arg && *to_arg < c.args.size() ? expr(*c.args.at(*to_arg), year, frame) : Piece::of(year);
        if (!from.constant || !to.constant)
            throw Untranslatable{e.span, {"the years of its range are computed from data", "其年份范围由数据计算得出"}};
        const auto as_year = [](const Piece& p) -> std::optional<int> {
            if (!p.present || p.value != std::floor(p.value) || std::abs(p.value) > 1e6) return std::nullopt;
            return static_cast<int>(p.value);
        };
        const auto f = as_year(from);
        const auto t = as_year(to);
        if (!f || !t || *t < *f || *t - *f > kMaxYearSpan) return std::nullopt;
        return std::pair{*f, *t};
    }

    std::string sum(const ir::CallBuiltin& c, std::pair<int, int> range, const Frame* frame) {
        std::string out;
        for (int y = range.first; y <= range.second; ++y) {
            out += (out.empty() ? "" : " + ") + fmt::format("({})", sql(expr(*c.args.at(0), y, frame)));
        }
        return "(" + out + ")";
    }

    Piece builtin(const ir::Expr& e, const ir::CallBuiltin& c, int year, const Frame* frame) {
        const std::string_view name = c.fn->names.front();
        const auto arg = [&](std::size_t index, int at) { return sql(expr(*c.args.at(index), at, frame)); };
        if (name == "min" || name == "max") {
            std::string acc = arg(0, year);
            for (std::size_t k = 1; k < c.args.size(); ++k) {
                const std::string next = arg(k, year);
                acc = fmt::format("(CASE WHEN ({0}) IS NULL OR ({1}) IS NULL THEN NULL WHEN ({1}) {2} ({0}) THEN {1} "
                                  "ELSE {0} END)",
                                  acc, next, name == "min" ? "<" : ">");
            }
            return Piece::query(acc);
        }
        if (name == "abs") return Piece::query(fmt::format("ABS({})", arg(0, year)));
        if (name == "coalesce") return Piece::query(fmt::format("COALESCE({}, {})", arg(0, year), arg(1, year)));
        if (name == "sum" || name == "cumulative" || name == "average") {
            const auto range = year_range(e, c, year, frame,
                                          name == "cumulative" && c.args.size() <= 2 ? std::nullopt
                                                                                    : std::optional<std::size_t>(2));
            if (!range) return Piece::absent();
            const std::string total = sum(c, *range, frame);
            if (name != "average") return Piece::query(total);
            return Piece::query(fmt::format("({} / {})", total, number(range->second - range->first + 1)));
        }
        if (name == "change" || name == "growth") {
            const auto range = year_range(e, c, year, frame, 2);
            if (!range) return Piece::absent();
            const std::string first = arg(0, range->first);
            const std::string last = arg(0, range->second);
            if (name == "change") return Piece::query(fmt::format("(({}) - ({}))", last, first));
            return Piece::query(fmt::format("((({}) / NULLIF({}, 0) - 1) * 100)", last, first));
        }
        if (name == "ratio" || name == "per_thousand" || name == "per_ten_thousand") {
            const int factor = name == "ratio" ? 100 : name == "per_thousand" ? 1000 : 10000;
            return Piece::query(fmt::format("(({}) / NULLIF({}, 0) * {})", arg(0, year), arg(1, year), number(factor)));
        }
        // round: SQL engines round binary fractions differently from dabiao (and from each other);
        // count: needs to know which values are conditions; cagr: POWER is not in every SQLite.
        throw Untranslatable{e.span, {fmt::format("the built-in '{}' has no SQL form that gives the same values", name),
                                      fmt::format("内置函数“{}”没有结果相同的 SQL 形式", name)}};
    }
};

// One SELECT per target, over every region: the measure, the target value and the tolerance.
std::string target_select(Compiler& compile, const Program& program, const SourceMap& sources, std::size_t index) {
    const Target& t = program.targets[index];
    const Indicator& i = program.indicator(t.indicator);
    const std::string actual = compile.sql(compile.expr(*t.measure, t.year, nullptr));
    const std::string expected = compile.sql(compile.expr(*t.value, t.year, nullptr));
    std::string tolerance = compile.number(0);
    if (t.op == Op::around) {
        tolerance = t.tolerance ? fmt::format("ABS({})", compile.sql(compile.expr(*t.tolerance, t.year, nullptr)))
                                : fmt::format("(ABS({}) * {})", expected, compile.number(t.tolerance_share));
    }
    // The sides of an around target's band: 0 both, 1 at least value − tolerance, -1 at most value + tolerance.
    const int band = t.op != Op::around || t.band == Band::both ? 0 : t.band == Band::at_least ? 1 : -1;
    const std::string step = t.rounding == Rounding::step ? compile.number(t.rounding_step) : compile.null_number();
    const std::string domain = i.domain ? literal(program.domains[*i.domain].name) : "CAST(NULL AS TEXT)";
    // A region's own target is judged in that region only; a general one not where a region's own replaces it.
    std::string regions;
    if (t.region) {
        regions = fmt::format(" WHERE r.region = {}", literal(program.regions[*t.region].name));
    } else if (!t.replaced_in.empty()) {
        std::string names;
        for (const RegionId r : t.replaced_in) names += (names.empty() ? "" : ", ") + literal(program.regions[r].name);
        regions = fmt::format(" WHERE r.region NOT IN ({})", names);
    }
    return fmt::format(
        "SELECT r.region AS region, {} AS target_index, {} AS indicator, {} AS year, {} AS op, {} AS rule, {} AS "
        "domain, {} AS staged,\n    {} AS actual,\n    {} AS expected,\n    {} AS tolerance, {} AS band, {} AS step\n"
        "  FROM dabiao_regions r{}",
        index, literal(i.key), t.year, literal(op_ascii(t.op)), literal(describe_location(t.span, sources)), domain,
        i.staged() ? 1 : 0, actual, expected, tolerance, band, step, regions);
}

}  // namespace

std::optional<SqlDialect> sql_dialect_named(std::string_view name) {
    for (const SqlDialect d : {SqlDialect::sqlite, SqlDialect::postgres, SqlDialect::duckdb})
        if (dialect_of(d).name == name) return d;
    return std::nullopt;
}

std::optional<std::string> compile_sql(const Program& program, const SourceMap& sources, const SqlOptions& options,
                                       Diagnostics& diags) {
    Compiler compile(program, options);
    const Dialect& dialect = dialect_of(options.dialect);
    std::vector<std::string> selects;
    for (std::size_t k = 0; k < program.targets.size(); ++k) {
        const Target& t = program.targets[k];
        try {
            selects.push_back(target_select(compile, program, sources, k));
        } catch (const Untranslatable& u) {
            Diagnostic d{Severity::error, t.span,
                         {fmt::format("the target of '{}' in {} cannot be written in SQL: {}",
                                      program.indicator(t.indicator).key, t.year, u.why.en),
                          fmt::format("“{}”{} 年的目标无法写成 SQL：{}", program.indicator(t.indicator).key, t.year,
                                      u.why.zh)},
                         {"judge these rules with dabiao check, or write the rule without it",
                          "请用 dabiao check 评判这些规则，或改写该规则"}};
            if (!(u.where.file == t.span.file && u.where.begin == t.span.begin))
                d.notes.push_back(Note{u.where, {"here", "位于此处"}});
            diags.add(std::move(d));
        }
    }
    if (diags.has_errors()) return std::nullopt;

    const Plan& plan = program.plan;
    // The values the judge would accept (data/data.cpp): an indicator's identifier or display name
    // (read as its identifier), not computed by a formula, in the plan's years or up to 20 before.
    std::string keys;
    std::vector<std::pair<std::string, std::string>> mapping;
    for (const auto& [key, id] : program.keys) {
        const Indicator& i = program.indicator(id);
        if (i.kind == IndicatorKind::reported || i.kind == IndicatorKind::input) mapping.emplace_back(key, i.key);
    }
    // A staged indicator's value is the name of its stage, numbered from 0 as the judge does.
    std::string stages;
    for (const Indicator& i : program.indicators) {
        if (!i.staged() || (i.kind != IndicatorKind::reported && i.kind != IndicatorKind::input)) continue;
        std::string names;
        for (std::size_t k = 0; k < i.stages.size(); ++k) names += fmt::format(" WHEN {} THEN {}", literal(i.stages[k]), k);
        stages += fmt::format(" WHEN {} THEN CASE TRIM(CAST(raw AS TEXT)){} END", literal(i.key), names);
    }
    std::sort(mapping.begin(), mapping.end());  // the same script for the same rules
    for (const auto& [key, as] : mapping) keys += fmt::format(" WHEN {} THEN {}", literal(key), literal(as));
    const std::string value_of = stages.empty() ? fmt::format("CAST(raw AS {})", dialect.real_type)
                                                : fmt::format("CASE indicator{} ELSE CAST(raw AS {}) END", stages, dialect.real_type);
    const std::string indicator_of =
        keys.empty() ? "CAST(NULL AS TEXT)" : fmt::format("CASE TRIM(CAST({} AS TEXT)){} END", identifier(options.indicator_column), keys);

    std::string out;
    out += fmt::format("-- dabiao SQL plan ({}): the verdicts of the rules over the table {}\n", dialect.name,
                       identifier(options.table));
    out += "-- One row per region and target in dabiao_verdicts; summaries in dabiao_domain_summary and\n"
           "-- dabiao_lead_summary. See docs/sql.md.\n";
    for (const char* view : {"dabiao_lead_summary", "dabiao_domain_summary", "dabiao_leads", "dabiao_verdicts",
                             "dabiao_measures", "dabiao_regions", "dabiao_as_of"})
        out += fmt::format("DROP VIEW IF EXISTS {};\n", view);
    out += "DROP TABLE IF EXISTS dabiao_input;\n";

    // A table, not a view: every measure reads it, and a view's conversions would be planned into
    // each of those reads (the bundled plan took SQLite 25 s to plan that way).
    out += fmt::format(
        "\n-- The values the judge reads, read and converted once (run the script again when they change):\n"
        "-- known indicators, years {}..{}, NULL values left out (missing).\n"
        "CREATE TABLE dabiao_input AS\nSELECT region, indicator, year, value FROM (\n"
        "  SELECT region, indicator, year, {} AS value FROM (\n"
        "    SELECT COALESCE(NULLIF(TRIM(CAST({} AS TEXT)), ''), {}) AS region,\n      {} AS indicator,\n"
        "      CAST({} AS INTEGER) AS year,\n      {} AS raw\n    FROM {}) AS given) AS read_values\n"
        "WHERE indicator IS NOT NULL AND value IS NOT NULL AND year BETWEEN {} AND {};\n"
        "CREATE INDEX dabiao_input_key ON dabiao_input (region, indicator, year);\n",
        std::min(plan.baseline_year, plan.first_year) - 20, plan.last_year, value_of, identifier(options.region_column),
        literal(plan.region), indicator_of, identifier(options.year_column), identifier(options.value_column),
        identifier(options.table), std::min(plan.baseline_year, plan.first_year) - 20, plan.last_year);
    if (options.as_of) {
        out += fmt::format("\n-- As of {0} (--as-of): later targets are not due.\nCREATE VIEW dabiao_as_of AS\nSELECT {0} "
                           "AS year;\n",
                           *options.as_of);
    } else {
        out += fmt::format(
            "\n-- As of the latest year with data (not before the baseline year), as dabiao check without --as-of.\n"
            "CREATE VIEW dabiao_as_of AS\nSELECT CASE WHEN MAX(year) > {0} THEN MAX(year) ELSE {0} END AS year FROM "
            "dabiao_input;\n",
            plan.baseline_year);
    }
    out += fmt::format(
        "\nCREATE VIEW dabiao_regions AS\nSELECT DISTINCT region FROM dabiao_input\nUNION\n"
        "SELECT {} AS region WHERE NOT EXISTS (SELECT 1 FROM dabiao_input);\n",
        literal(plan.region));

    out += "\n-- Each target's measure, target value and tolerance per region (NULL: no data).\nCREATE VIEW "
           "dabiao_measures AS\n";
    if (selects.empty()) {
        out += fmt::format(
            "SELECT region, 0 AS target_index, CAST(NULL AS TEXT) AS indicator, 0 AS year, CAST(NULL AS TEXT) AS op,\n"
            "  CAST(NULL AS TEXT) AS rule, CAST(NULL AS TEXT) AS domain, 0 AS staged, {0} AS actual, {0} AS expected, {0} AS "
            "tolerance, 0 AS band, {0} AS step\nFROM dabiao_regions WHERE 1 = 0;\n",
            compile.null_number());
    } else {
        std::vector<std::string> chunks;
        for (std::size_t k = 0; k < selects.size(); k += kSelectsPerCompound) {
            std::string chunk;
            for (std::size_t j = k; j < std::min(selects.size(), k + kSelectsPerCompound); ++j)
                chunk += (chunk.empty() ? "  " : "\n  UNION ALL\n  ") + selects[j];
            chunks.push_back(fmt::format("SELECT * FROM (\n{}\n) AS part{}", chunk, chunks.size()));
        }
        for (std::size_t c = 0; c < chunks.size(); ++c) out += (c == 0 ? "" : "\nUNION ALL\n") + chunks[c];
        out += ";\n";
    }

    const std::string a = "m.actual";
    const std::string e = "m.expected";
    const std::string tol = "m.tolerance";
    const std::string due_and_known =
        fmt::format("m.year <= o.year AND {} IS NOT NULL AND {} IS NOT NULL AND {} IS NOT NULL", a, e, tol);
    // Compared at the target's precision (精度: a step) when it states one.
    const std::string ra = fmt::format("(CASE WHEN m.step IS NULL THEN {0} ELSE ROUND({0} / m.step) * m.step END)", a);
    const std::string re = fmt::format("(CASE WHEN m.step IS NULL THEN {0} ELSE ROUND({0} / m.step) * m.step END)", e);
    const std::string low = fmt::format("({} - {})", re, tol);
    const std::string high = fmt::format("({} + {})", re, tol);
    const std::string holds = fmt::format(
        "(m.op = '>=' AND ({0} > {1} OR {2})) OR (m.op = '>' AND {0} > {1} AND NOT {2}) OR "
        "(m.op = '<=' AND ({0} < {1} OR {2})) OR (m.op = '<' AND {0} < {1} AND NOT {2}) OR "
        "(m.op = '==' AND {2}) OR (m.op = 'around' AND m.band = 0 AND (ABS({0} - {1}) < {3} OR {4})) OR "
        "(m.op = 'around' AND m.band = 1 AND ({0} > {5} OR {6})) OR (m.op = 'around' AND m.band = -1 AND ({0} < {7} OR {8}))",
        ra, re, compile.near(ra, re), tol, compile.near(fmt::format("ABS({} - {})", ra, re), tol), low,
        compile.near(ra, low), high, compile.near(ra, high));
    out += fmt::format(
        "\n-- The verdicts: status met / missed / no_data / not_due, as dabiao check gives them.\n"
        "CREATE VIEW dabiao_verdicts AS\nSELECT m.region, m.target_index, m.indicator, m.year, m.op,\n"
        "  CASE WHEN m.year > o.year THEN 'not_due'\n"
        "       WHEN {0} IS NULL OR {1} IS NULL OR {2} IS NULL THEN 'no_data'\n"
        "       WHEN {3} THEN 'met' ELSE 'missed' END AS status,\n"
        "  CASE WHEN {4} THEN {0} END AS actual,\n"
        "  CASE WHEN m.year <= o.year AND {0} IS NOT NULL AND {1} IS NOT NULL AND {2} IS NULL THEN NULL ELSE {1} END "
        "AS target,\n"
        "  CASE WHEN m.op = 'around' AND {4} THEN {2} END AS tolerance,\n"
        "  CASE WHEN {4} AND m.staged = 0 THEN CASE WHEN m.op IN ('>=', '>') THEN {7} - {8} WHEN m.op IN ('<=', '<') THEN {8} - {7}\n"
        "       WHEN m.op = '==' THEN -ABS({7} - {8}) WHEN m.band = 1 THEN {7} - ({8} - {2}) WHEN m.band = -1 THEN {8} + {2} - {7}\n"
        "       ELSE {2} - ABS({7} - {8}) END END AS gap,\n"
        "  CASE WHEN {4} AND m.staged = 0 THEN CASE WHEN m.op IN ('<=', '<') OR m.band = -1\n"
        "       THEN CASE WHEN NOT {5} AND (({1} < 0) = ({0} < 0)) THEN {1} / {0} * 100 END\n"
        "       ELSE CASE WHEN NOT {6} AND (({0} < 0) = ({1} < 0)) THEN {0} / {1} * 100 END END END AS completion,\n"
        "  m.rule, m.domain, o.year AS as_of\nFROM dabiao_measures m CROSS JOIN dabiao_as_of o;\n",
        a, e, tol, holds, due_and_known, compile.near(a, compile.number(0)), compile.near(e, compile.number(0)), ra, re);

    std::string leads;
    for (const Domain& d : program.domains) {
        for (const LeadId l : d.lead_ids)
            leads += fmt::format("{}SELECT {} AS domain, {} AS lead", leads.empty() ? "" : "\nUNION ALL\n",
                                 literal(d.name), literal(program.leads[l].name));
    }
    if (leads.empty()) leads = "SELECT CAST(NULL AS TEXT) AS domain, CAST(NULL AS TEXT) AS lead WHERE 1 = 0";
    const std::string counts =
        "SUM(CASE WHEN status = 'met' THEN 1 ELSE 0 END) AS met,\n"
        "  SUM(CASE WHEN status = 'missed' THEN 1 ELSE 0 END) AS missed,\n"
        "  SUM(CASE WHEN status = 'no_data' THEN 1 ELSE 0 END) AS no_data,\n"
        "  SUM(CASE WHEN status = 'not_due' THEN 1 ELSE 0 END) AS not_due,\n  COUNT(*) AS total";
    out += fmt::format("\n-- Per domain (NULL: indicators outside any domain) and per lead department.\n"
                       "CREATE VIEW dabiao_domain_summary AS\nSELECT region, domain,\n  {0}\n"
                       "FROM dabiao_verdicts GROUP BY region, domain;\n"
                       "\nCREATE VIEW dabiao_leads AS\n{1};\n"
                       "\nCREATE VIEW dabiao_lead_summary AS\nSELECT region, lead,\n  {0}\n"
                       "FROM dabiao_verdicts v JOIN dabiao_leads l ON l.domain = v.domain GROUP BY region, lead;\n",
                       counts, leads);
    return out;
}

}  // namespace dabiao
