// rules/dongtou.dab against the plan's own table.
//
// tests/data/seed_table.txt is the table "表 洞头区公共服务“七优享”五年目标" copied byte for
// byte from the plan (header + 35 rows). This test reads it with its own small parser —
// independent of the dabiao grammar — and checks that the rule file, loaded and checked
// through the real API, holds every one of the 35 × 6 cells: the 2022 baseline and the
// 2023..2027 targets, with the right unit, comparison and value.
//
// The text export shifts columns: only the first row of a domain carries the domain name;
// the other rows begin with the 序号 and end with an extra empty cell "| |".
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "base/diagnostics.hpp"
#include "syntax/loader.hpp"
#include "check/program.hpp"

namespace {

using namespace dabiao;

const std::string kSourceDir = DABIAO_SOURCE_DIR;

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// "a | b | c |" → {"a", "b", "c"}; trailing empty cells (the export's "| |") are dropped.
std::vector<std::string> split_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
        const auto bar = line.find('|', start);
        cells.push_back(
            trim(std::string_view(line).substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    return cells;
}

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// A plain decimal number such as "4.57", "91.70", "12420"; nothing else.
std::optional<double> plain_number(std::string_view s) {
    if (s.empty() || s.find_first_not_of("0123456789.") != std::string_view::npos) return std::nullopt;
    if (s.front() == '.' || s.back() == '.' || std::count(s.begin(), s.end(), '.') > 1) return std::nullopt;
    return std::stod(std::string(s));
}

// What one table cell says, read independently of the rule language.
struct Cell {
    enum class Kind { number, note, full_coverage, pair } kind = Kind::number;
    enum class Cmp { reach, gt, lt, ge } cmp = Cmp::reach;
    double value = 0;
    double second = 0;     // pairs: 1(3) → value 1, second 3
    bool percent = false;  // written with a trailing %
    std::string text;
};

std::optional<Cell> parse_cell(const std::string& raw) {
    Cell c;
    c.text = raw;
    if (raw == "全覆盖") {
        c.kind = Cell::Kind::full_coverage;
        return c;
    }
    std::string_view s = raw;
    // Comparators as the table writes them.
    struct Prefix {
        std::string_view text;
        Cell::Cmp cmp;
    };
    for (const Prefix p : {Prefix{">", Cell::Cmp::gt}, Prefix{"<", Cell::Cmp::lt}, Prefix{"≧", Cell::Cmp::ge},
                           Prefix{"≥", Cell::Cmp::ge}}) {
        if (s.starts_with(p.text)) {
            c.cmp = p.cmp;
            s.remove_prefix(p.text.size());
            break;
        }
    }
    if (s.ends_with("%")) {
        c.percent = true;
        s.remove_suffix(1);
    }
    if (const auto v = plain_number(s)) {
        c.value = *v;
        return c;
    }
    // A pair such as 7(30).
    if (const auto open = s.find('(');
        open != std::string_view::npos && s.ends_with(")") && c.cmp == Cell::Cmp::reach && !c.percent) {
        const auto a = plain_number(s.substr(0, open));
        const auto b = plain_number(s.substr(open + 1, s.size() - open - 2));
        if (a && b) {
            c.kind = Cell::Kind::pair;
            c.value = *a;
            c.second = *b;
            return c;
        }
    }
    // Text without any digit is a qualitative note ("开展试点").
    if (c.cmp == Cell::Cmp::reach && !c.percent && raw.find_first_of("0123456789") == std::string::npos) {
        c.kind = Cell::Kind::note;
        return c;
    }
    return std::nullopt;
}

struct Row {
    int line = 0;
    std::string domain;
    int number = 0;                  // 序号
    std::string display;             // indicator text without the unit
    std::string unit;                // the unit in the trailing parentheses
    std::vector<std::string> cells;  // 2022 (baseline) .. 2027
};

// "每千名儿童儿科执业(助理)医生数(个)" → display "每千名儿童儿科执业(助理)医生数", unit "个".
bool split_unit(const std::string& text, std::string& display, std::string& unit) {
    if (text.empty() || text.back() != ')') return false;
    const auto open = text.rfind('(');
    if (open == std::string::npos || open == 0) return false;
    display = text.substr(0, open);
    unit = text.substr(open + 1, text.size() - open - 2);
    return !display.empty() && !unit.empty();
}

bool near(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

std::optional<double> const_value(const ir::Expr& e) {
    if (const auto* c = std::get_if<ir::Const>(&e.node)) return c->value;
    return std::nullopt;
}

// Rows whose indicator is better when lower, by the table's indicator text.
const std::set<std::string> kLowerIsBetter = {"城镇调查失业率", "重大慢病过早死亡率"};

// Lead departments of the seven domains, from section 二 (重点任务) of the plan: "(牵头单位:…)".
const std::map<std::string, std::string> kLeads = {
    {"幼有善育", "区卫生健康局"}, {"学有优教", "区教育局"}, {"劳有所得", "区人力社保局"}, {"病有良医", "区卫生健康局"},
    {"老有康养", "区民政局"},     {"住有宜居", "区住建局"}, {"弱有众扶", "区民政局"},
};

}  // namespace

TEST_CASE("rules/dongtou.dab holds every cell of the plan's table", "[seed][dongtou]") {
    // ---- the table, as the plan prints it
    const std::string table_path = kSourceDir + "/tests/data/seed_table.txt";
    std::ifstream table(table_path);
    REQUIRE(table);
    std::vector<int> years;  // from the header: 2022 (baseline), 2023..2027
    std::vector<Row> rows;
    std::string domain;
    std::string line;
    int line_no = 0;
    while (std::getline(table, line)) {
        ++line_no;
        if (trim(line).empty() || line.starts_with("#")) continue;
        std::vector<std::string> cells = split_cells(line);
        INFO("seed_table.txt line " << line_no << ": " << line);
        if (years.empty()) {
            // 领域 | 序号 | 指 标 | 2022年 | 2023年 | … | 2027年 |
            REQUIRE(cells.size() == 9);
            CHECK(cells[0] == "领域");
            CHECK(cells[1] == "序号");
            for (std::size_t k = 3; k < cells.size(); ++k) {
                REQUIRE(cells[k].ends_with("年"));
                years.push_back(std::stoi(cells[k]));
            }
            continue;
        }
        if (!all_digits(cells.at(0))) {  // the first row of a domain carries its name
            domain = cells[0];
            cells.erase(cells.begin());
        }
        REQUIRE(cells.size() == 2 + years.size());
        REQUIRE(all_digits(cells[0]));
        REQUIRE_FALSE(domain.empty());
        Row row;
        row.line = line_no;
        row.domain = domain;
        row.number = std::stoi(cells[0]);
        REQUIRE(split_unit(cells[1], row.display, row.unit));
        row.cells.assign(cells.begin() + 2, cells.end());
        rows.push_back(std::move(row));
    }
    REQUIRE(years == std::vector<int>{2022, 2023, 2024, 2025, 2026, 2027});
    REQUIRE(rows.size() == 35);
    for (std::size_t k = 0; k < rows.size(); ++k) CHECK(rows[k].number == static_cast<int>(k + 1));

    // ---- the rules, through the real API
    SourceMap sources;
    Diagnostics diags;
    const std::vector<ast::Module> modules =
        load_program(kSourceDir + "/rules/dongtou.dab", LoadOptions{}, sources, diags);
    std::vector<const ast::Module*> module_list;
    for (const auto& m : modules) module_list.push_back(&m);
    const Program program = check(module_list, sources, diags);
    {
        INFO(render_diagnostics(diags, sources, RenderOptions{}));
        REQUIRE_FALSE(diags.has_errors());
        CHECK(diags.warning_count() == 0);
    }

    const Plan& plan = program.plan;
    CHECK(plan.name == "洞头区公共服务“七优享”工程实施方案（2023—2027年）");
    CHECK(plan.region == "洞头区");
    CHECK(plan.baseline_year == years.front());
    CHECK(plan.first_year == years[1]);
    CHECK(plan.last_year == years.back());

    CHECK(program.domains.size() == kLeads.size());
    for (const Domain& d : program.domains) {
        INFO("domain " << d.name);
        REQUIRE(kLeads.count(d.name) == 1);
        CHECK(d.leads == std::vector<std::string>{kLeads.at(d.name)});
    }

    // The table's targets: those outside any source block (源自正文的目标 would carry a label).
    std::map<std::pair<IndicatorId, int>, std::vector<const Target*>> targets;
    std::size_t table_targets = 0;
    for (const Target& t : program.targets) {
        if (!t.source.empty()) continue;
        targets[{t.indicator, t.year}].push_back(&t);
        ++table_targets;
    }
    std::size_t targets_checked = 0;

    // Checks the single target of indicator `id` in `year` against one number of a cell.
    auto check_target = [&](IndicatorId id, int year, const Cell& cell, double value) -> bool {
        const Indicator& ind = program.indicator(id);
        const auto it = targets.find({id, year});
        INFO("indicator " << ind.key << ", year " << year << ", cell '" << cell.text << "'");
        CHECK(it != targets.end());
        if (it == targets.end()) return false;
        CHECK(it->second.size() == 1);
        const Target& t = *it->second.front();
        CHECK_FALSE(t.cumulative_from.has_value());
        Op expected = Op::ge;
        switch (cell.cmp) {
            case Cell::Cmp::reach:
                expected = ind.direction == ast::Direction::lower ? Op::le : Op::ge;
                break;
            case Cell::Cmp::gt:
                expected = Op::gt;
                break;
            case Cell::Cmp::lt:
                expected = Op::lt;
                break;
            case Cell::Cmp::ge:
                expected = Op::ge;
                break;
        }
        INFO("target op " << op_ascii(t.op) << ", expected " << op_ascii(expected));
        CHECK(t.op == expected);
        const auto v = t.value ? const_value(*t.value) : std::nullopt;
        CHECK(v.has_value());
        if (!v) return false;
        INFO("target value " << *v << ", expected " << value);
        CHECK(near(*v, value));
        ++targets_checked;
        return true;
    };

    std::size_t rows_matched = 0;
    for (const Row& row : rows) {
        INFO("table row " << row.number << " (seed_table.txt line " << row.line << "): " << row.display << "("
                          << row.unit << ")");
        int cells_checked = 0;
        const auto key = program.keys.find(row.display);
        CHECK(key != program.keys.end());
        if (key != program.keys.end()) {
            const Indicator& ind = program.indicator(key->second);
            CHECK(ind.name == row.display);
            CHECK(ind.kind != IndicatorKind::input);
            CHECK(ind.kind != IndicatorKind::derived);
            CHECK(ind.unit.text == row.unit);
            REQUIRE(ind.domain.has_value());
            CHECK(program.domains.at(*ind.domain).name == row.domain);
            const bool lower = kLowerIsBetter.count(row.display) > 0;
            CHECK(ind.direction == (lower ? ast::Direction::lower : ast::Direction::higher));
            ++rows_matched;

            for (std::size_t k = 0; k < row.cells.size(); ++k) {
                const int year = years[k];
                const auto cell = parse_cell(row.cells[k]);
                INFO("cell " << year << ": '" << row.cells[k] << "'");
                REQUIRE(cell.has_value());
                if (cell->percent) CHECK(row.unit == "%");
                if (year == plan.baseline_year) {
                    // ---- the baseline
                    switch (cell->kind) {
                        case Cell::Kind::number:
                            REQUIRE(cell->cmp == Cell::Cmp::reach);
                            CHECK(ind.baseline_year == year);
                            CHECK(ind.baseline_note.empty());
                            REQUIRE(ind.baseline.has_value());
                            CHECK(near(*ind.baseline, cell->value));
                            break;
                        case Cell::Kind::note:
                            CHECK_FALSE(ind.baseline.has_value());
                            CHECK(ind.baseline_note == cell->text);
                            break;
                        case Cell::Kind::pair:
                            REQUIRE(ind.kind == IndicatorKind::group);
                            REQUIRE(ind.parts.size() == 2);
                            for (int p = 0; p < 2; ++p) {
                                const Indicator& part = program.indicator(ind.parts[p]);
                                CHECK(part.unit.text == row.unit);
                                CHECK(part.baseline_year == year);
                                REQUIRE(part.baseline.has_value());
                                CHECK(near(*part.baseline, p == 0 ? cell->value : cell->second));
                            }
                            break;
                        case Cell::Kind::full_coverage:
                            FAIL("全覆盖 as a baseline is not expected");
                            break;
                    }
                    ++cells_checked;
                    continue;
                }
                // ---- a yearly target
                switch (cell->kind) {
                    case Cell::Kind::number:
                        REQUIRE(ind.kind != IndicatorKind::group);
                        if (!check_target(ind.id, year, *cell, cell->value)) continue;
                        break;
                    case Cell::Kind::pair: {
                        REQUIRE(ind.kind == IndicatorKind::group);
                        REQUIRE(ind.parts.size() == 2);
                        CHECK(targets.count({ind.id, year}) == 0);  // a group's targets live in its parts
                        const bool first = check_target(ind.parts[0], year, *cell, cell->value);
                        const bool second = check_target(ind.parts[1], year, *cell, cell->second);
                        if (!first || !second) continue;
                        break;
                    }
                    case Cell::Kind::full_coverage: {
                        const auto it = targets.find({ind.id, year});
                        CHECK(it != targets.end());
                        if (it == targets.end()) continue;
                        CHECK(it->second.size() == 1);
                        const Target& t = *it->second.front();
                        CHECK(t.op == Op::ge);
                        REQUIRE(t.value);
                        if (row.unit == "%") {
                            // 全覆盖 on a percentage: 100%.
                            const auto v = const_value(*t.value);
                            REQUIRE(v.has_value());
                            CHECK(near(*v, 100));
                        } else {
                            // 全覆盖 on a head count: covered ≥ the declared coverage base, an input.
                            const auto* ref = std::get_if<ir::IndicatorRef>(&t.value->node);
                            CHECK(ref != nullptr);
                            if (!ref) continue;
                            const Indicator& base = program.indicator(ref->id);
                            CHECK(base.kind == IndicatorKind::input);
                            CHECK(same_dimension(base.unit, ind.unit));
                            CHECK(base.unit == ind.unit);
                            REQUIRE(ind.full_coverage);
                            const auto* declared = std::get_if<ir::IndicatorRef>(&ind.full_coverage->node);
                            REQUIRE(declared != nullptr);
                            CHECK(declared->id == ref->id);
                        }
                        ++targets_checked;
                        break;
                    }
                    case Cell::Kind::note:
                        FAIL("a qualitative target cell is not expected");
                        break;
                }
                ++cells_checked;
            }
        }
        CHECK(cells_checked == static_cast<int>(years.size()));
    }
    CHECK(rows_matched == 35);
    // Every table target of the rules was accounted for by a cell: none is extra.
    CHECK(targets_checked == table_targets);
    // 34 rows × 5 years + the paired row 25 × 5 years × 2 parts.
    CHECK(targets_checked == 34 * 5 + 5 * 2);
}

TEST_CASE("the seed-table cell reader reads the table's notations", "[seed]") {
    const auto gt = parse_cell(">5.55");
    REQUIRE(gt);
    CHECK(gt->cmp == Cell::Cmp::gt);
    CHECK(gt->value == 5.55);
    const auto ge = parse_cell("≧12500");
    REQUIRE(ge);
    CHECK(ge->cmp == Cell::Cmp::ge);
    CHECK(ge->value == 12500);
    const auto pct = parse_cell("66.67%");
    REQUIRE(pct);
    CHECK(pct->percent);
    CHECK(pct->value == 66.67);
    const auto pair = parse_cell("7(30)");
    REQUIRE(pair);
    CHECK(pair->kind == Cell::Kind::pair);
    CHECK(pair->second == 30);
    const auto note = parse_cell("开展试点");
    REQUIRE(note);
    CHECK(note->kind == Cell::Kind::note);
    CHECK_FALSE(parse_cell("5.5.5"));
    CHECK_FALSE(parse_cell(">"));
}
