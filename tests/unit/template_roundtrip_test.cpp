// The Excel round trip through the real CLI: `dabiao template rules/dongtou.dab -o 填报表.xlsx`,
// the workbook filled here as a department would (numbers, stage names, — for no data), read back
// with `check --data`, and the verdicts compared with those of the same values given as JSON.
// Also two departments' workbooks merged, and a conflict between them named by both cells.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <list>
#include <map>
#include <regex>
#include <set>
#include <variant>
#include <sstream>

#include "check/check.hpp"
#include "report/template.hpp"
#include "syntax/loader.hpp"
#include "tests/unit/read_all.hpp"

using namespace dabiao;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

using dabiao::test::read_all;

const fs::path kDir = fs::temp_directory_path() / ("dabiao-roundtrip-" + std::to_string(::getpid()));

Run cli(const std::string& args) {
    const fs::path out = kDir / "stdout.txt", err = kDir / "stderr.txt";
    const std::string command = "cd '" + std::string(DABIAO_SOURCE_DIR) + "' && '" + std::string(DABIAO_EXE) + "' " +
                                args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_all(out), read_all(err)};
}

// The checked bundled plan, as the CLI checks it.
struct Bundled {
    SourceMap sources;
    Diagnostics diags;
    std::vector<ast::Module> modules;
    Program program;
    Bundled() {
        modules = load_program(std::string(DABIAO_SOURCE_DIR) + "/rules/dongtou.dab", {}, sources, diags);
        std::vector<const ast::Module*> list;
        for (const auto& m : modules) list.push_back(&m);
        program = check(list, sources, diags);
        REQUIRE_FALSE(diags.has_errors());
    }
};

// What a department types for an indicator and year: a stage name, a number in the unit of the
// template's 单位 column, or — (no data) now and then. nullopt: left empty.
using Filled = std::variant<std::monostate, double, std::string>;  // monostate: —
Filled value_for(const Indicator& i, int year, const Bundled& plan) {
    const int k = year - plan.program.plan.first_year;
    if (i.id % 7 == 0 && year == plan.program.plan.last_year) return std::monostate{};
    if (i.staged()) return i.stages[std::min<std::size_t>(static_cast<std::size_t>(k), i.stages.size() - 1)];
    return 40.0 + static_cast<double>(i.id % 50) + 0.5 * k;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (const char c : s) out += c == '<' ? "&lt;" : c == '&' ? "&amp;" : c == '>' ? "&gt;" : std::string(1, c);
    return out;
}

// Fills the template at `path` (written with `layout`) in place: each fill cell of the sheets
// `fill_sheet` accepts (1 is 说明, 2… the sheets in template_rows' order) gets its value; an
// indicator listed on two sheets is filled on the first only. Returns the JSON with the same values
// (one object per region with --regions).
nlohmann::json fill(const fs::path& path, const Bundled& plan, const std::function<bool(int)>& fill_sheet,
                    const std::map<std::string, double>& override_first = {}, const TemplateLayout& layout = {}) {
    const std::vector<TemplateRow> rows = template_rows(plan.program, layout);
    std::vector<std::string> sheets;
    for (const TemplateRow& r : rows)
        if (std::find(sheets.begin(), sheets.end(), r.sheet) == sheets.end()) sheets.push_back(r.sheet);
    std::map<std::string, nlohmann::json> values;  // region → indicator → year → value
    std::set<std::pair<std::string, IndicatorId>> seen;
    const char first_year_column = layout.regions.empty() ? 'F' : 'G';
    int error = 0;
    zip_t* z = zip_open(path.c_str(), 0, &error);
    REQUIRE(z);
    std::list<std::string> keep;
    for (std::size_t s = 0; s < sheets.size(); ++s) {
        const int sheet = static_cast<int>(s) + 2;
        const std::string part = "xl/worksheets/sheet" + std::to_string(sheet) + ".xml";
        std::vector<const TemplateRow*> on_sheet;
        for (const TemplateRow& r : rows)
            if (r.sheet == sheets[s]) on_sheet.push_back(&r);
        std::map<std::size_t, bool> fills;  // row index on the sheet → this sheet fills it
        for (std::size_t r = 0; r < on_sheet.size(); ++r)
            fills[r] = fill_sheet(sheet) && seen.insert({on_sheet[r]->region, on_sheet[r]->indicator->id}).second;
        zip_stat_t st;
        REQUIRE(zip_stat(z, part.c_str(), 0, &st) == 0);
        zip_file_t* f = zip_fopen(z, part.c_str(), 0);
        REQUIRE(f);
        std::string xml(st.size, '\0');
        REQUIRE(zip_fread(f, xml.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(f);
        static const std::regex blank(R"re(<c r="([A-Z]+)(\d+)" s="(\d+)"/>)re");
        std::string filled;
        auto begin = xml.cbegin();
        for (std::sregex_iterator it(xml.begin(), xml.end(), blank), end; it != end; ++it) {
            const std::smatch& m = *it;
            filled.append(begin, m[0].first);
            begin = m[0].second;
            const std::size_t r = std::stoul(m[2]) - 3;  // rows 1, 2: title and header
            const int year = plan.program.plan.first_year + (m[1].str()[0] - first_year_column);
            REQUIRE(r < on_sheet.size());
            if (!fills[r]) {
                filled += m[0].str();
                continue;
            }
            const Indicator& i = *on_sheet[r]->indicator;
            const std::string& region = on_sheet[r]->region;
            Filled v = value_for(i, year, plan);
            if (auto* number = std::get_if<double>(&v)) {  // each region its own values
                const auto k = std::find(layout.regions.begin(), layout.regions.end(), region) - layout.regions.begin();
                *number += 7.0 * static_cast<double>(k);
            }
            if (const auto o = override_first.find(i.key); o != override_first.end() && year == plan.program.plan.first_year)
                v = o->second;
            const std::string cell = "<c r=\"" + m[1].str() + m[2].str() + "\" s=\"" + m[3].str() + "\"";
            auto& json = values[region][i.key][std::to_string(year)];
            if (std::holds_alternative<std::monostate>(v)) {
                filled += cell + " t=\"inlineStr\"><is><t>—</t></is></c>";
                json = nullptr;
            } else if (const auto* stage = std::get_if<std::string>(&v)) {
                filled += cell + " t=\"inlineStr\"><is><t>" + xml_escape(*stage) + "</t></is></c>";
                json = *stage;
            } else {
                filled += cell + "><v>" + fmt::format("{}", std::get<double>(v)) + "</v></c>";
                json = std::get<double>(v);
            }
        }
        filled.append(begin, xml.cend());
        keep.push_back(std::move(filled));
        zip_source_t* source = zip_source_buffer(z, keep.back().data(), keep.back().size(), 0);
        REQUIRE(zip_file_add(z, part.c_str(), source, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
    if (layout.regions.empty()) return nlohmann::json{{"values", values[""]}};
    nlohmann::json regions = nlohmann::json::array();
    for (const std::string& region : layout.regions) regions.push_back({{"region", region}, {"values", values[region]}});
    return regions;
}

// The verdicts of a `check --format json` run, without where values came from.
std::vector<std::string> verdicts(const Run& run) {
    INFO(run.err);
    const auto doc = nlohmann::json::parse(run.out);
    std::vector<std::string> out;
    const auto add = [&out](const nlohmann::json& region, const std::string& name) {
        for (const auto& v : region.at("verdicts"))
            out.push_back(name + " " + v.at("indicator").dump() + " " + v.at("year").dump() + " " +
                          v.at("status").dump() + " " + v.at("actual").dump() + " " + v.at("gap").dump());
    };
    if (doc.contains("regions"))
        for (const auto& region : doc.at("regions")) add(region, region.at("region").get<std::string>());
    else
        add(doc, "");
    return out;
}

}  // namespace

TEST_CASE("round trip: template → filled workbook → check gives the verdicts of the same values as JSON",
          "[template][xlsx][roundtrip]") {
    fs::remove_all(kDir);
    fs::create_directories(kDir);
    const Bundled plan;
    const fs::path book = kDir / "填报表.xlsx";
    const Run made = cli("template rules/dongtou.dab -o '" + book.string() + "'");
    REQUIRE(made.exit_code == 0);

    SECTION("one workbook, every department's sheet filled") {
        const nlohmann::json json = fill(book, plan, [](int) { return true; });
        std::ofstream(kDir / "same.json") << json.dump();
        const Run from_xlsx = cli("check rules/dongtou.dab --data '" + book.string() + "' --format json --lang en");
        const Run from_json =
            cli("check rules/dongtou.dab --data '" + (kDir / "same.json").string() + "' --format json --lang en");
        INFO(from_xlsx.err);
        CHECK(from_xlsx.exit_code == from_json.exit_code);
        CHECK(from_xlsx.exit_code == 1);  // the values made up here miss some targets
        const auto a = verdicts(from_xlsx), b = verdicts(from_json);
        CHECK(a == b);
        CHECK(std::count_if(a.begin(), a.end(), [](const std::string& v) { return v.find("\"met\"") != std::string::npos; }) > 0);
        CHECK(std::count_if(a.begin(), a.end(), [](const std::string& v) { return v.find("\"missed\"") != std::string::npos; }) > 0);
        CHECK_THAT(from_xlsx.err, Catch::Contains("read as missing values"));  // the — cells
        CHECK_THAT(from_xlsx.err, Catch::Contains("说明!A1: note: this sheet holds text but no table"));
        const auto data = nlohmann::json::parse(from_xlsx.out).at("data");
        CHECK(data == nlohmann::json::parse(from_json.out).at("data"));
    }

    SECTION("two departments' workbooks merged, and a conflict named by both cells") {
        const fs::path second = kDir / "填报表-人力社保局.xlsx";
        fs::copy_file(book, second);
        const nlohmann::json all = fill(book, plan, [](int) { return true; });
        std::ofstream(kDir / "all.json") << all.dump();
        // The first department's sheet only; then every other sheet in a second workbook.
        fs::path first = kDir / "填报表-卫健局.xlsx";
        cli("template rules/dongtou.dab -o '" + first.string() + "'");
        fill(first, plan, [](int sheet) { return sheet == 2; });
        fill(second, plan, [](int sheet) { return sheet != 2; });
        const Run merged = cli("check rules/dongtou.dab --data '" + first.string() + "' --data '" + second.string() +
                                  "' --format json --lang en");
        const Run json = cli("check rules/dongtou.dab --data '" + (kDir / "all.json").string() + "' --format json --lang en");
        CHECK(merged.exit_code == json.exit_code);
        CHECK(verdicts(merged) == verdicts(json));

        // The second department fills the first sheet's first indicator too, with another value.
        const fs::path clash = kDir / "填报表-冲突.xlsx";
        cli("template rules/dongtou.dab -o '" + clash.string() + "'");
        const std::string key = template_rows(plan.program).front().indicator->key;
        fill(clash, plan, [](int sheet) { return sheet == 2; }, {{key, 1234.5}});
        const Run conflict = cli("check rules/dongtou.dab --data '" + first.string() + "' --data '" + clash.string() +
                                    "' --lang en");
        CHECK(conflict.exit_code == 2);
        CHECK_THAT(conflict.err, Catch::Contains(first.string()) && Catch::Contains(clash.string()));
        CHECK_THAT(conflict.err, Catch::Contains("!区卫生健康局!F3"));
    }
    fs::remove_all(kDir);
}

TEST_CASE("round trip: --by domain, --by one and --regions give the verdicts of the same values as JSON",
          "[template][xlsx][roundtrip]") {
    fs::remove_all(kDir);
    fs::create_directories(kDir);
    const Bundled plan;
    const auto round_trip = [&](const std::string& options, const TemplateLayout& layout) {
        const fs::path book = kDir / "填报表.xlsx";
        fs::remove(book);
        const Run made = cli("template rules/dongtou.dab " + options + " -o '" + book.string() + "'");
        INFO(options << "\n" << made.err);
        REQUIRE(made.exit_code == 0);
        const nlohmann::json json = fill(book, plan, [](int) { return true; }, {}, layout);
        std::ofstream(kDir / "same.json") << json.dump();
        const Run from_xlsx = cli("check rules/dongtou.dab --data '" + book.string() + "' --format json --lang en");
        const Run from_json =
            cli("check rules/dongtou.dab --data '" + (kDir / "same.json").string() + "' --format json --lang en");
        INFO(from_xlsx.err);
        CHECK(from_xlsx.exit_code == from_json.exit_code);
        CHECK(from_xlsx.exit_code == 1);
        const auto a = verdicts(from_xlsx);
        CHECK(a == verdicts(from_json));
        return a;
    };
    SECTION("one sheet per domain: a sheet per domain, every indicator once") {
        const TemplateLayout layout{TemplateSheets::per_domain, {}};
        std::set<std::string> sheets;
        for (const TemplateRow& r : template_rows(plan.program, layout)) sheets.insert(r.sheet);
        CHECK(sheets.count(plan.program.domains.front().name) == 1);
        CHECK(sheets.size() >= plan.program.domains.size() - 1);  // a domain of derived indicators only has none
        round_trip("--by domain", layout);
    }
    SECTION("one sheet") {
        const TemplateLayout layout{TemplateSheets::one, {}};
        for (const TemplateRow& r : template_rows(plan.program, layout)) CHECK(r.sheet == "全部指标");
        round_trip("--by one", layout);
    }
    SECTION("a region column: each region's verdicts from its own rows") {
        const TemplateLayout layout{TemplateSheets::per_lead, {"洞头区", "玉环市"}};
        const auto a = round_trip("--regions 洞头区，玉环市", layout);
        const auto in = [&a](const std::string& region) {
            return std::count_if(a.begin(), a.end(), [&](const std::string& v) { return v.starts_with(region + " "); });
        };
        CHECK(in("洞头区") > 0);
        CHECK(in("洞头区") == in("玉环市"));
    }
    fs::remove_all(kDir);
}

TEST_CASE("round trip: --sheet reads one sheet of the workbook; an unknown sheet lists the sheets",
          "[template][xlsx][roundtrip]") {
    fs::remove_all(kDir);
    fs::create_directories(kDir);
    const Bundled plan;
    const fs::path book = kDir / "填报表.xlsx";
    REQUIRE(cli("template rules/dongtou.dab -o '" + book.string() + "'").exit_code == 0);
    fill(book, plan, [](int) { return true; });
    // The same workbook filled on its first department's sheet only: what --sheet must read.
    const fs::path first_only = kDir / "first.xlsx";
    REQUIRE(cli("template rules/dongtou.dab -o '" + first_only.string() + "'").exit_code == 0);
    fill(first_only, plan, [](int sheet) { return sheet == 2; });
    const std::string first = template_rows(plan.program).front().sheet;

    const Run one = cli("check rules/dongtou.dab --data '" + book.string() + "' --sheet " + first + " --format json --lang en");
    const Run same = cli("check rules/dongtou.dab --data '" + first_only.string() + "' --format json --lang en");
    INFO(one.err);
    CHECK(one.exit_code == same.exit_code);
    CHECK(verdicts(one) == verdicts(same));
    const Run all = cli("check rules/dongtou.dab --data '" + book.string() + "' --format json --lang en");
    CHECK(verdicts(one) != verdicts(all));

    const Run unknown = cli("check rules/dongtou.dab --data '" + book.string() + "' --sheet 卫生健康局 --lang en");
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("the workbook has no sheet named 卫生健康局 (its sheets: 说明, " + first));
    CHECK_THAT(unknown.err, Catch::Contains("did you mean '" + first + "'?"));
    fs::remove_all(kDir);
}

TEST_CASE("round trip: the CSV template, filled, gives the verdicts of the same values as JSON",
          "[template][csv][roundtrip]") {
    fs::remove_all(kDir);
    fs::create_directories(kDir);
    const Bundled plan;
    const Run made = cli("template rules/dongtou.dab --format csv --by one");
    REQUIRE(made.exit_code == 0);
    // Rows are 指标,名称,…,目标 then an empty cell per year: the key is the first cell, the year
    // cells the trailing commas.
    const int years = plan.program.plan.last_year - plan.program.plan.first_year + 1;
    std::map<std::string, const Indicator*> by_key;
    for (const Indicator& i : plan.program.indicators) by_key[i.key] = &i;
    std::istringstream lines(made.out);
    std::string line, filled;
    nlohmann::json values = nlohmann::json::object();
    std::getline(lines, line);
    CHECK(line.starts_with("\xEF\xBB\xBF指标,名称,单位,基线,目标,"));
    filled += line + "\n";
    int rows = 0;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const Indicator& i = *by_key.at(line.substr(0, line.find(',')));
        REQUIRE(line.ends_with(std::string(static_cast<std::size_t>(years), ',')));
        line.resize(line.size() - static_cast<std::size_t>(years));
        for (int y = plan.program.plan.first_year; y <= plan.program.plan.last_year; ++y) {
            const Filled v = value_for(i, y, plan);
            auto& json = values[i.key][std::to_string(y)];
            if (std::holds_alternative<std::monostate>(v)) {
                line += ",—";
                json = nullptr;
            } else if (const auto* stage = std::get_if<std::string>(&v)) {
                line += "," + *stage;
                json = *stage;
            } else {
                line += "," + fmt::format("{}", std::get<double>(v));
                json = std::get<double>(v);
            }
        }
        filled += line + "\n";
        ++rows;
    }
    CHECK(rows > 20);
    std::ofstream(kDir / "filled.csv") << filled;
    std::ofstream(kDir / "same.json") << nlohmann::json{{"values", values}}.dump();
    const Run from_csv = cli("check rules/dongtou.dab --data '" + (kDir / "filled.csv").string() + "' --format json --lang en");
    const Run from_json = cli("check rules/dongtou.dab --data '" + (kDir / "same.json").string() + "' --format json --lang en");
    INFO(from_csv.err);
    CHECK(from_csv.exit_code == from_json.exit_code);
    CHECK(verdicts(from_csv) == verdicts(from_json));
    fs::remove_all(kDir);
}
