// Literal values (grammar::read_number, grammar::parse_data_value) and units (engine/units.hpp).
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/units.hpp"
#include "syntax/parse.hpp"

using namespace dabiao;

// Values are compared with ==: literals are read exactly ("1.08万" is 10800, not 10799.999…).

TEST_CASE("read_number reads the value and the unit of a literal", "[values]") {
    struct Row {
        const char* text;
        double value;
        const char* unit;
    };
    const std::vector<Row> rows = {
        {"12,500", 12500.0, ""},
        {"1,234,567", 1234567.0, ""},
        {"85%", 85.0, "%"},
        {"85％", 85.0, "%"},  // full-width percent is normalised
        {"85 %", 85.0, "%"},
        {"1‰", 1.0, "‰"},
        {"1.08万", 10800.0, ""},
        {"1.08万人次", 10800.0, "人次"},
        {"8.6万人", 86000.0, "人"},
        {"1.5亿元", 150000000.0, "元"},
        {"1,234.5万", 12345000.0, ""},
        {"91.70", 91.7, ""},
        {"0.1", 0.1, ""},
        {"6500人", 6500.0, "人"},
        {"40家", 40.0, "家"},
        {"500万元", 5000000.0, "元"},
    };
    for (const Row& row : rows) {
        INFO("text: " << row.text);
        const grammar::NumberText n = grammar::read_number(row.text);
        CHECK(n.value == row.value);
        CHECK(n.unit == row.unit);
    }
}

TEST_CASE("1.08万 is exactly 10800", "[values]") {
    // A naive 1.08 * 10000 gives 10800.000000000002; the reader must not.
    CHECK(grammar::read_number("1.08万").value == 10800.0);
    const auto v = grammar::parse_data_value("1.08万");
    REQUIRE(v.has_value());
    CHECK(v->value == 10800.0);
    CHECK(grammar::read_number("0.07万").value == 700.0);
    CHECK(grammar::read_number("4.35万").value == 43500.0);
}

TEST_CASE("parse_data_value accepts values as typed in data files", "[values]") {
    struct Row {
        const char* text;
        double value;
        const char* unit;
        std::optional<double> second;
        const char* second_unit;
    };
    const std::vector<Row> rows = {
        {"12,500", 12500.0, "", std::nullopt, ""},
        {"85%", 85.0, "%", std::nullopt, ""},
        {"85％", 85.0, "%", std::nullopt, ""},
        {" 85 % ", 85.0, "%", std::nullopt, ""},
        {"1.08万", 10800.0, "", std::nullopt, ""},
        {"1.08万人次", 10800.0, "人次", std::nullopt, ""},
        {"8.6万人", 86000.0, "人", std::nullopt, ""},
        {"91.70", 91.7, "", std::nullopt, ""},
        {"-3", -3.0, "", std::nullopt, ""},
        {"- 3", -3.0, "", std::nullopt, ""},
        {"  -2.5%", -2.5, "%", std::nullopt, ""},
        {"0", 0.0, "", std::nullopt, ""},
        {"1‰", 1.0, "‰", std::nullopt, ""},
        {"6500人", 6500.0, "人", std::nullopt, ""},
        {"1.5亿元", 150000000.0, "元", std::nullopt, ""},
        {"1,234,567", 1234567.0, "", std::nullopt, ""},
        {"2(8)", 2.0, "", 8.0, ""},
        {"2 (8)", 2.0, "", 8.0, ""},
        {"2（8）", 2.0, "", 8.0, ""},
        {"7(30个)", 7.0, "", 30.0, "个"},
    };
    for (const Row& row : rows) {
        INFO("text: [" << row.text << "]");
        const auto v = grammar::parse_data_value(row.text);
        REQUIRE(v.has_value());
        CHECK(v->value == row.value);
        CHECK(v->unit == row.unit);
        CHECK(v->second == row.second);
        CHECK(v->second_unit == row.second_unit);
    }
}

TEST_CASE("parse_data_value rejects what is not a single value", "[values]") {
    const std::vector<const char*> rejected = {
        "abc", "1,2345", "",       "  ",    "85%%",     "12,50", "1.2.3", "3.",    "-",
        "+3",  "1e5",    "85% 人", "-2(8)", "100%以上", "2(8",   "x85",   "85 85",
    };
    for (const char* text : rejected) {
        INFO("text: [" << text << "]");
        CHECK_FALSE(grammar::parse_data_value(text).has_value());
    }
}

// Was: parse_data_value decided the sign by looking at the first character that is not ' ' or
// '\t', while the grammar also accepts the full-width minus '－' (U+FF0D) and skips newlines and
// the ideographic space U+3000 before the value. The sign was then silently dropped.
//   input: "－3"        expected: -3   was: 3
//   input: "\n-3"       expected: -3   was: 3
//   input: "\u3000-3"   expected: -3   was: 3
TEST_CASE("parse_data_value keeps the sign of a full-width minus or after any blank", "[values]") {
    for (const char* text : {"－3", "\n-3", "\u3000-3", "\r\n-3"}) {
        INFO("text: [" << text << "]");
        const auto v = grammar::parse_data_value(text);
        REQUIRE(v.has_value());
        CHECK(v->value == -3.0);
    }
}

// Was (fuzz finding value-1, tests/fuzz/regressions/fuzz_value/): std::from_chars reports a number
// beyond a double as out of range and leaves its output alone, so "1" and 309 zeros read as 0.
TEST_CASE("a number beyond what a double holds is refused, not read as 0", "[values][fuzz]") {
    std::ifstream in(
        std::string(DABIAO_SOURCE_DIR) + "/tests/fuzz/regressions/fuzz_value/value-1-310-digits-read-as-zero",
        std::ios::binary);
    REQUIRE(in);
    const std::string found((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(found == "1" + std::string(309, '0'));
    CHECK_FALSE(grammar::parse_data_value(found).has_value());
    CHECK_FALSE(grammar::read_number(found).in_range);

    const std::string tiny = "0." + std::string(400, '0') + "1";  // underflows: not 0 either
    CHECK_FALSE(grammar::parse_data_value(tiny).has_value());
    CHECK_FALSE(grammar::parse_data_value("2(" + found + ")").has_value());  // the second of a pair

    // Within range: still read, and a long run of zeros is exactly 0.
    const auto large = grammar::parse_data_value("1" + std::string(307, '0'));
    REQUIRE(large.has_value());
    CHECK(large->value == 1e307);
    const auto zero = grammar::parse_data_value("0." + std::string(400, '0'));
    REQUIRE(zero.has_value());
    CHECK(zero->value == 0.0);
}

TEST_CASE("units: magnitudes convert within a dimension", "[units]") {
    const Unit wan_ren = parse_unit("万人");
    const Unit ren = parse_unit("人");
    CHECK(same_dimension(wan_ren, ren));
    CHECK(wan_ren.scale == 4);
    CHECK(ren.scale == 0);
    CHECK(conversion_factor(wan_ren, ren) == 10000.0);
    CHECK(conversion_factor(ren, wan_ren) == Approx(0.0001));
    CHECK_FALSE(wan_ren == ren);  // same dimension, different scale
    CHECK(wan_ren.name() == "万人");

    CHECK(same_dimension(parse_unit("亿元"), parse_unit("万元")));
    CHECK(conversion_factor(parse_unit("亿元"), parse_unit("万元")) == 10000.0);
    CHECK(same_dimension(parse_unit("万人次"), parse_unit("人次")));
    CHECK_FALSE(same_dimension(parse_unit("人次"), parse_unit("人")));
    CHECK_FALSE(same_dimension(parse_unit("人"), parse_unit("个")));
}

TEST_CASE("units: % and ‰ are dimensions of their own", "[units]") {
    const Unit percent = parse_unit("%");
    const Unit permille = parse_unit("‰");
    CHECK(percent.is_percent());
    CHECK_FALSE(percent.is_permille());
    CHECK(permille.is_permille());
    CHECK_FALSE(permille.is_percent());
    CHECK_FALSE(same_dimension(percent, permille));
    CHECK_FALSE(percent.dimensionless());
    CHECK(parse_unit("％") == percent);
    CHECK(parse_unit("％").is_percent());
    CHECK_FALSE(same_dimension(percent, parse_unit("")));
    CHECK(parse_unit("").dimensionless());
}

TEST_CASE("units: per-thousand units such as 个/千人", "[units]") {
    const Unit per_thousand = parse_unit("个/千人");
    const Unit per_person = parse_unit("个/人");
    CHECK(same_dimension(per_thousand, per_person));
    CHECK(per_thousand.dims == std::map<std::string, int>{{"个", 1}, {"人", -1}});
    CHECK(per_thousand.scale == -3);
    // 5.5 beds per thousand people is 0.0055 beds per person.
    CHECK(conversion_factor(per_thousand, per_person) == Approx(0.001));
    CHECK(conversion_factor(per_person, per_thousand) == Approx(1000.0));
    CHECK_FALSE(same_dimension(per_thousand, parse_unit("个")));
    CHECK(per_thousand.name() == "个/千人");

    const Unit per_ten_thousand = parse_unit("台/万人");
    CHECK(per_ten_thousand.scale == -4);
    CHECK(conversion_factor(per_thousand, parse_unit("个/万人")) == Approx(10.0));

    // Dividing counts: 个 / 千人 computed equals the declared unit.
    CHECK(divide(parse_unit("个"), parse_unit("千人")) == per_thousand);
    CHECK(multiply(per_thousand, parse_unit("千人")) == parse_unit("个"));
}

TEST_CASE("units: large counts are shown in 万 and 亿, as Chinese reports write them", "[units]") {
    struct Row {
        double value;
        const char* unit;
        const char* shown;
    };
    const Row rows[] = {
        {10000000, "张", "1000万张"},  {10300000, "张", "1030万张"},  {99999, "人", "99999人"},
        {100000, "人", "10万人"},      {123456789, "元", "1.2346亿元"}, {-2500000, "元", "-250万元"},
        {2.4, "万人", "2.4万人"},      {25000, "万人", "25000万人"},  // a magnitude in the unit stays as written
        {250000, "%", "250000%"},      {150000, "元/人", "150000元/人"}, {3000000, "", "300万"},
    };
    for (const Row& r : rows) {
        INFO(r.value << " " << r.unit);
        CHECK(dabiao::format_with_unit(r.value, dabiao::parse_unit(r.unit)) == r.shown);
    }
}
