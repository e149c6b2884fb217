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

using namespace dabiao;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

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

// Fills the template at `path` in place: each fill cell of the sheets `fill_sheet` accepts (1 is
// 说明, 2… the departments in template_rows' order) gets its value; an indicator listed on two
// sheets is filled on the first only. Returns the JSON with the same values.
nlohmann::json fill(const fs::path& path, const Bundled& plan, const std::function<bool(int)>& fill_sheet,
                    const std::map<std::string, double>& override_first = {}) {
    const std::vector<TemplateRow> rows = template_rows(plan.program);
    std::vector<std::string> leads;
    for (const TemplateRow& r : rows)
        if (std::find(leads.begin(), leads.end(), r.lead) == leads.end()) leads.push_back(r.lead);
    nlohmann::json values = nlohmann::json::object();
    std::set<IndicatorId> seen;
    int error = 0;
    zip_t* z = zip_open(path.c_str(), 0, &error);
    REQUIRE(z);
    std::list<std::string> keep;
    for (std::size_t s = 0; s < leads.size(); ++s) {
        const int sheet = static_cast<int>(s) + 2;
        const std::string part = "xl/worksheets/sheet" + std::to_string(sheet) + ".xml";
        std::vector<const Indicator*> on_sheet;
        for (const TemplateRow& r : rows)
            if (r.lead == leads[s]) on_sheet.push_back(r.indicator);
        std::map<std::size_t, bool> fills;  // row index on the sheet → this sheet fills it
        for (std::size_t r = 0; r < on_sheet.size(); ++r)
            fills[r] = fill_sheet(sheet) && seen.insert(on_sheet[r]->id).second;
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
            const int year = plan.program.plan.first_year + (m[1].str()[0] - 'F');
            REQUIRE(r < on_sheet.size());
            if (!fills[r]) {
                filled += m[0].str();
                continue;
            }
            const Indicator& i = *on_sheet[r];
            Filled v = value_for(i, year, plan);
            if (const auto o = override_first.find(i.key); o != override_first.end() && year == plan.program.plan.first_year)
                v = o->second;
            const std::string cell = "<c r=\"" + m[1].str() + m[2].str() + "\" s=\"" + m[3].str() + "\"";
            auto& json = values[i.key][std::to_string(year)];
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
    return nlohmann::json{{"values", values}};
}

// The verdicts of a `check --format json` run, without where values came from.
std::vector<std::string> verdicts(const Run& run) {
    INFO(run.err);
    const auto doc = nlohmann::json::parse(run.out);
    std::vector<std::string> out;
    for (const auto& v : doc.at("verdicts"))
        out.push_back(v.at("indicator").dump() + " " + v.at("year").dump() + " " + v.at("status").dump() + " " +
                      v.at("actual").dump() + " " + v.at("gap").dump());
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
