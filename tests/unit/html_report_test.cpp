// --format html as a person sees it: the page is rendered in headless Chromium (skipped, with a
// message, when /usr/bin/chromium is absent; scripts/test.sh installs it), and the DOM after its
// script ran has as many verdict rows per status as the JSON report counts, every region, hostile
// names as text, and nothing that would load from the network. A screenshot is kept in the build
// directory (html-report-*.png).
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path temp(const std::string& name) {
    return fs::temp_directory_path() / ("dabiao-html-" + std::to_string(::getpid()) + "-" + name);
}

void check_cmd(const std::string& rules, const std::string& data, const std::string& format, const fs::path& out,
               const std::string& extra = "", const std::string& env = "") {
    const std::string command = std::string("cd '") + DABIAO_SOURCE_DIR + "' && " + env + " '" + DABIAO_EXE +
                                "' check " + rules + " --data " + data + " --format " + format + " " + extra + " -o '" +
                                out.string() + "' 2>/dev/null";
    REQUIRE(WEXITSTATUS(std::system(command.c_str())) == 1);
}

// A row of a summary table as the page writes it: the name, then the four counts.
std::string summary_row(const std::string& name, const std::vector<std::size_t>& counts) {
    std::string row = "<tr><td>" + name + "</td>";
    for (const std::size_t n : counts) row += "<td class=\"n\">" + std::to_string(n) + "</td>";
    return row + "</tr>";
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("html: Chromium renders the verdicts the JSON report counts", "[formats][html][chromium]") {
    const char* chromium = "/usr/bin/chromium";
    if (!fs::exists(chromium)) {
        WARN("skipped: /usr/bin/chromium is absent (apt-get install chromium; scripts/test.sh does)");
        return;
    }
    struct Case {
        std::string name, rules, data;
    };
    for (const Case& c : {Case{"bundled", "rules/dongtou.dab", "examples/dongtou-2023-2024.json"},
                          Case{"regions", "tests/cases/formats/formats.dab", "tests/cases/formats/formats.json"}}) {
        INFO(c.name);
        const fs::path page = temp(c.name + ".html"), report = temp(c.name + ".json"), dom = temp(c.name + ".dom");
        check_cmd(c.rules, c.data, "html", page);
        check_cmd(c.rules, c.data, "json", report);
        const std::string browser = std::string(chromium) +
                                    " --headless --no-sandbox --disable-gpu --no-first-run --dump-dom 'file://" +
                                    page.string() + "' > '" + dom.string() + "' 2>/dev/null";
        REQUIRE(std::system(browser.c_str()) == 0);
        const std::string html = slurp(dom);
        REQUIRE(html.find("</html>") != std::string::npos);

        const json doc = json::parse(slurp(report));
        json regions = doc.contains("regions") ? doc["regions"] : json::array({doc});
        std::size_t met = 0, missed = 0, no_data = 0, not_due = 0;
        for (const json& r : regions) {
            met += r["summary"]["met"].get<std::size_t>();
            missed += r["summary"]["missed"].get<std::size_t>();
            no_data += r["summary"]["no_data"].get<std::size_t>();
            not_due += r["summary"]["not_due"].get<std::size_t>();
        }
        CHECK(count(html, "<tr class=\"v\" data-status=\"met\"") == met);
        CHECK(count(html, "<tr class=\"v\" data-status=\"missed\"") == missed);
        CHECK(count(html, "<tr class=\"v\" data-status=\"no_data\"") == no_data);
        CHECK(count(html, "<tr class=\"v\" data-status=\"not_due\"") == not_due);
        CHECK(count(html, "<section class=\"region\"") == regions.size());
        for (const json& r : regions) {
            // as the DOM serialiser writes attribute text
            std::string name = r["region"];
            name = std::regex_replace(name, std::regex("&"), "&amp;");
            name = std::regex_replace(name, std::regex("\""), "&quot;");
            name = std::regex_replace(name, std::regex("<"), "&lt;");
            name = std::regex_replace(name, std::regex(">"), "&gt;");
            name = std::regex_replace(name, std::regex("\x1b"), "\xE2\x90\x9B");
            CHECK(html.find("data-region=\"" + name + "\"") != std::string::npos);
        }
        CHECK(count(html, "<script") == 1);                            // ours only: names are text
        CHECK(html.find("<div class=\"controls\">") != std::string::npos);  // the script ran and showed the filters
        CHECK_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*"(https?:)?//)")));  // nothing external
        if (c.name == "regions") CHECK(html.find("&lt;script&gt;alert('x')&lt;/script&gt;占比") != std::string::npos);

        const fs::path shot = fs::path(DABIAO_BINARY_DIR) / ("html-report-" + c.name + ".png");
        const std::string screenshot = std::string(chromium) +
                                       " --headless --no-sandbox --disable-gpu --no-first-run --window-size=1280,1400 "
                                       "--screenshot='" + shot.string() + "' 'file://" + page.string() + "' >/dev/null 2>&1";
        CHECK(std::system(screenshot.c_str()) == 0);
        CHECK(fs::file_size(shot) > 10000);
        for (const fs::path& p : {page, report, dom}) fs::remove(p);
    }
}

namespace {

// The DOM Chromium has after the page's script ran, for `url` (a file:// URL, maybe with a #hash).
std::string dom_of(const std::string& url, const fs::path& dom) {
    const std::string browser = std::string("/usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run "
                                            "--dump-dom '") + url + "' > '" + dom.string() + "' 2>/dev/null";
    REQUIRE(std::system(browser.c_str()) == 0);
    return slurp(dom);
}

struct Row {
    std::string status;
    std::vector<std::string> leads;
    bool hidden;
};

std::vector<Row> verdict_rows(const std::string& html) {
    std::vector<Row> rows;
    const std::regex tr(R"re(<tr class="v"[^>]*>)re"), status(R"re(data-status="([a-z_]+)")re"),
        leads(R"re(data-leads="([0-9 ]*)")re");
    for (std::sregex_iterator it(html.begin(), html.end(), tr), end; it != end; ++it) {
        const std::string tag = it->str();
        std::smatch m, l;
        REQUIRE(std::regex_search(tag, m, status));
        REQUIRE(std::regex_search(tag, l, leads));
        Row row{m[1], {}, tag.find(" hidden") != std::string::npos};
        std::istringstream ids(l[1].str());
        for (std::string id; ids >> id;) row.leads.push_back(id);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

TEST_CASE("html: filters by lead department and status; --explain folds each verdict's trace", "[formats][html][chromium]") {
    if (!fs::exists("/usr/bin/chromium")) {
        WARN("skipped: /usr/bin/chromium is absent (apt-get install chromium; scripts/test.sh does)");
        return;
    }
    struct Case {
        std::string name, rules, data;
    };
    for (const Case& c : {Case{"bundled", "rules/dongtou.dab", "examples/dongtou-2023-2024.json"},
                          Case{"regions", "tests/cases/formats/formats.dab", "tests/cases/formats/formats.json"}}) {
        INFO(c.name);
        const fs::path page = temp(c.name + "-x.html"), dom = temp(c.name + "-x.dom");
        check_cmd(c.rules, c.data, "html", page, "--explain", "SOURCE_DATE_EPOCH=86400");
        const std::string source = slurp(page);
        // the head: when (from SOURCE_DATE_EPOCH) and from which data
        CHECK(source.find("<time>1970-01-02 00:00 UTC</time>") != std::string::npos);
        CHECK(source.find("<span class=\"sources\">" + c.data + "</span>") != std::string::npos);

        // with scripts off the page is complete: every row shown, a trace under each verdict
        const std::vector<Row> all = verdict_rows(source);
        REQUIRE_FALSE(all.empty());
        CHECK(count(source, "<details class=\"trace\">") == all.size());

        // #status=missed&lead=0: the rows shown are exactly the missed ones led by department 0
        const std::string html = dom_of("file://" + page.string() + "#status=missed&lead=0", dom);
        REQUIRE(html.find("</html>") != std::string::npos);
        const std::vector<Row> rows = verdict_rows(html);
        REQUIRE(rows.size() == all.size());
        std::size_t shown = 0, led = 0;
        for (const Row& r : rows) {
            const bool lead0 = std::find(r.leads.begin(), r.leads.end(), "0") != r.leads.end();
            led += lead0;
            CHECK(r.hidden == !(r.status == "missed" && lead0));
            shown += !r.hidden;
        }
        CHECK(led > 0);
        CHECK(led < rows.size());  // the filter hides some rows for their lead alone
        CHECK(html.find("<select id=\"f-lead\">") != std::string::npos);
        CHECK(count(html, "<details class=\"trace\">") == rows.size());
        CHECK(count(html, "<script") == 1);  // the traces hold the rules' and data's text as text
        if (c.name == "regions") {
            CHECK(html.find("&lt;script&gt;alert('x')&lt;/script&gt;占比") != std::string::npos);
            CHECK(html.find("<b>鹿城区</b>") == std::string::npos);
        }
        for (const fs::path& p : {page, dom}) fs::remove(p);
    }
}

// Tags (标签): a table of the verdicts by tag with the JSON's counts, and the tag filter: with
// #tag=K exactly the rows whose target carries tag K are shown.
TEST_CASE("html: the table by tag and the tag filter", "[formats][html]") {
    const std::string rules = "tests/cases/targets/statement_tags.dab", data = "tests/cases/targets/statement_tags.json";
    const fs::path page = temp("tags.html"), report = temp("tags.json"), dom = temp("tags.dom");
    check_cmd(rules, data, "html", page);
    check_cmd(rules, data, "json", report);
    const std::string source = slurp(page);
    const json doc = json::parse(slurp(report));
    REQUIRE(doc["tags"].size() == 4);
    const std::size_t table = source.find("<table class=\"by tags\">");
    REQUIRE(table != std::string::npos);
    const std::string rows = source.substr(table, source.find("</table>", table) - table);
    for (const json& t : doc["tags"]) {
        const json& s = t["summary"];
        INFO(t["tag"]);
        CHECK(rows.find(summary_row(t["tag"].get<std::string>(), {s["met"].get<std::size_t>(), s["missed"].get<std::size_t>(),
                                                            s["no_data"].get<std::size_t>(), s["not_due"].get<std::size_t>()})) !=
              std::string::npos);
    }
    if (!fs::exists("/usr/bin/chromium")) {
        WARN("skipped the filter: /usr/bin/chromium is absent (apt-get install chromium; scripts/test.sh does)");
        return;
    }
    // 省定 is tag 1 (tags are numbered in the order the rules first name them): one row carries it.
    const std::string html = dom_of("file://" + page.string() + "#tag=1", dom);
    const std::regex tr(R"re(<tr class="v"[^>]*data-tags="([0-9 ]*)"[^>]*>)re");
    std::size_t shown = 0, rows_seen = 0;
    for (std::sregex_iterator it(html.begin(), html.end(), tr), end; it != end; ++it) {
        ++rows_seen;
        const std::string tag = it->str();
        std::istringstream ids((*it)[1].str());
        bool has = false;
        for (std::string id; ids >> id;) has = has || id == "1";
        CHECK((tag.find(" hidden") == std::string::npos) == has);
        shown += has;
    }
    CHECK(rows_seen == 6);
    CHECK(shown == 1);
    for (const fs::path& p : {page, report, dom}) fs::remove(p);
}
