// The diagnostics of the JSON report: every field in both languages, and the notes of a
// diagnostic as objects of their own.
#include <catch2/catch.hpp>

#include "report/report.hpp"

using namespace dabiao;

TEST_CASE("JSON diagnostics carry the hint in both languages and their notes", "[report][json][notes]") {
    SourceMap sources;
    const std::string first = "plan \"一\" {}\n";
    const std::string second = "plan \"二\" {}\n";
    const FileId file = sources.add("j.dab", first + second);
    const auto second_at = static_cast<std::uint32_t>(first.size());
    Diagnostic d{Severity::error, Span{file, second_at, second_at + 4}, Text{"a second plan", "重复的规划声明"},
                 Text{"remove this one", "请删除此处"}};
    d.add_note(Span{file, 0, 4}, Text{"the plan is declared here", "规划已在此声明"});
    Diagnostics diags;
    diags.add(d);
    diags.warning(NoLocation{}, Text{"no notes", "没有注记"});

    const nlohmann::ordered_json out = render_json(Program{}, {}, sources, diags);
    const auto& list = out.at("diagnostics");
    REQUIRE(list.size() == 2);
    const auto& error = list.at(0);
    CHECK(error.at("location") == "j.dab:2:1");
    CHECK(error.at("message") == "a second plan");
    CHECK(error.at("message_zh") == "重复的规划声明");
    CHECK(error.at("hint") == "remove this one");
    CHECK(error.at("hint_zh") == "请删除此处");
    REQUIRE(error.at("notes").size() == 1);
    CHECK(error.at("notes").at(0) == nlohmann::ordered_json{{"location", "j.dab:1:1"},
                                                            {"message", "the plan is declared here"},
                                                            {"message_zh", "规划已在此声明"}});
    const auto& warning = list.at(1);
    CHECK(warning.at("location").is_null());
    CHECK(warning.at("hint_zh") == "");
    CHECK(warning.at("notes") == nlohmann::ordered_json::array());
}
