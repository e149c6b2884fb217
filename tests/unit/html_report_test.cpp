// --format html as a person sees it: the page is rendered in headless Chromium (skipped, with a
// message, when /usr/bin/chromium is absent; scripts/test.sh installs it), and the DOM after its
// script ran has as many verdict rows per status as the JSON report counts, every region, hostile
// names as text, and nothing that would load from the network. A screenshot is kept in the build
// directory (html-report-*.png).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

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

void check_cmd(const std::string& rules, const std::string& data, const std::string& format, const fs::path& out) {
    const std::string command = std::string("cd '") + DABIAO_SOURCE_DIR + "' && '" + DABIAO_EXE + "' check " + rules +
                                " --data " + data + " --format " + format + " -o '" + out.string() + "' 2>/dev/null";
    REQUIRE(WEXITSTATUS(std::system(command.c_str())) == 1);
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
