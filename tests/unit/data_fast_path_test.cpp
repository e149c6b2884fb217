// The fast path for plain ASCII numbers (plain_number, used by DataSink::text) against the value
// grammar (grammar::parse_data_value) on random text: wherever the fast path reads a number, the
// grammar reads the same number, bit for bit, with no unit and no magnitude; and a value stored
// through DataSink::text is that number.
#include <catch2/catch.hpp>

#include <bit>
#include <random>
#include <string>

#include "data/data.hpp"
#include "syntax/parse.hpp"
#include "tests/unit/test_support.hpp"

namespace dabiao {
namespace {

// Text that is often a plain number and often nearly one: digits, signs, dots, commas, blanks,
// a percent sign, 万 and a full-width digit.
std::string random_text(std::mt19937& rng) {
    static const std::vector<std::string> pieces = {"0", "1", "2", "5", "7", "9", "9", "3", "0", "8", "-", ".",
                                                    ",", " ", "%", "万", "８", "e", "+", "00", "123456789"};
    std::uniform_int_distribution<std::size_t> length(0, 12);
    std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
    std::string out;
    for (std::size_t n = length(rng); n > 0; --n) out += pieces[piece(rng)];
    return out;
}

TEST_CASE("data: the fast path for plain numbers reads what the grammar reads", "[data][differential]") {
    std::mt19937 rng(14);
    std::size_t fast = 0;
    for (int k = 0; k < 200'000; ++k) {
        const std::string text = random_text(rng);
        const std::optional<double> plain = plain_number(text);
        if (!plain) continue;
        ++fast;
        INFO("'" << text << "'");
        const std::optional<grammar::DataValue> slow = grammar::parse_data_value(text);
        REQUIRE(slow);
        CHECK(std::bit_cast<std::uint64_t>(slow->value) == std::bit_cast<std::uint64_t>(*plain));
        CHECK(slow->unit.empty());
        CHECK(slow->magnitude == 0);
        CHECK_FALSE(slow->second);
    }
    CHECK(fast > 10'000);  // the random text did exercise the fast path
    for (const char* slow_only : {"12,500", "85%", "1.08万", "８５", " 81", "81 ", "+3", ".5", "5.", "1e3", "--1", ""})
        CHECK_FALSE(plain_number(slow_only));
}

TEST_CASE("data: a plain number and the same number written otherwise store the same value", "[data]") {
    const test::Checked checked(R"(plan "p" { region 测试区  baseline 2022  period 2023..2027 }
indicator a "甲" unit % { 2023: 80 }
)");
    REQUIRE_FALSE(checked.diags.has_errors());
    Diagnostics diags;
    Dataset data;
    DataSink sink(checked.program, checked.sources, data, diags);
    const Provenance at{"d.csv", "", {}, {}};
    const IndicatorId a = checked.id("a");
    sink.text("R", a, 2023, "-1234.5678", at);     // fast
    sink.text("R", a, 2024, "－1,234.5678", at);   // the grammar
    sink.text("R", a, 2025, "0.1", at);             // fast
    sink.text("R", a, 2026, "０.1", at);            // the grammar
    REQUIRE_FALSE(diags.has_errors());
    const RegionData& r = data.regions.front();
    CHECK(r.find(a, 2023)->value == r.find(a, 2024)->value);
    CHECK(r.find(a, 2025)->value == r.find(a, 2026)->value);
    CHECK(r.find(a, 2023)->value == -1234.5678);
}

}  // namespace
}  // namespace dabiao
