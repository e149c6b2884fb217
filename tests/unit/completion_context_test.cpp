// Where completion is asked for decides what it offers (lsp/completion_context.cpp).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "lsp/completion_context.hpp"

using namespace dabiao::lsp;

namespace {

struct Row {
    const char* line;  // the line up to the cursor
    CompletionContext context;
    const char* group;
};

const Row kRows[] = {
    {"", CompletionContext::anywhere, ""},
    {"  ", CompletionContext::anywhere, ""},
    {"  指", CompletionContext::anywhere, ""},
    {"  指标 托位数 \"每千人口托位数\" 单位 ", CompletionContext::unit, ""},
    {"  指标 托位数 \"每千人口托位数\" 单位 万", CompletionContext::unit, ""},
    {"  indicator beds unit ", CompletionContext::unit, ""},
    {"到2027年 托位数 ", CompletionContext::after_measure, ""},
    {"到2027年 托位数 不", CompletionContext::after_measure, ""},
    {"到2027年　托位数　", CompletionContext::after_measure, ""},  // full-width spaces
    {"by 2027 beds ", CompletionContext::after_measure, ""},
    {"到2027年 老年友好.", CompletionContext::part, "老年友好"},
    {"到2027年 老年友好.村", CompletionContext::part, "老年友好"},
    {"到2027年 未知 ", CompletionContext::anywhere, ""},
    {"# 托位数 ", CompletionContext::none, ""},
    {"  2023: 4.6  // 托位数 ", CompletionContext::none, ""},
    {"  指标 托位数 \"每千人口", CompletionContext::none, ""},
    {"  指标 托位数 “每千人口", CompletionContext::none, ""},
    {"  指标 托位数 \"每#千\" 单位 ", CompletionContext::unit, ""},  // a # inside quotes starts no comment
    {"到2027年，托位数 ", CompletionContext::after_measure, ""},
};

}  // namespace

TEST_CASE("completion_place: the context before the cursor", "[lsp]") {
    const std::set<std::string> names = {"托位数", "beds", "老年友好"};
    const auto is_indicator = [&](std::string_view w) { return names.count(std::string(w)) > 0; };
    for (const Row& row : kRows) {
        INFO(row.line);
        const CompletionPlace place = completion_place(row.line, is_indicator);
        CHECK(place.context == row.context);
        CHECK(place.group == row.group);
    }
}
