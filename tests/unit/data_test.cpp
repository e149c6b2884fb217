// The data sink on its own: value reading, unit conversion and the memory budget of a run.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "check/check.hpp"
#include "data/data.hpp"
#include "syntax/parse.hpp"

using namespace dabiao;

namespace {

struct Fixture {
    SourceMap sources;
    Diagnostics diags;
    ast::Module module;
    Program program;

    explicit Fixture(const std::string& rules) {
        const FileId file = sources.add("rules.dab", rules);
        module = grammar::parse_module(sources, file, diags);
        program = check({&module}, sources, diags);
        REQUIRE_FALSE(diags.has_errors());
    }
};

const char* kRules = R"(plan "p" { period 2023..2027 }
indicator rate "rate" unit %
indicator people "people" unit 万人
)";

}  // namespace

TEST_CASE("data: values past the memory budget are refused with one error", "[data][limits]") {
    Fixture f(kRules);
    Dataset data;
    const Provenance at{"d.json", "/values/rate/2023-and-a-long-pointer", {}, {}};
    REQUIRE(stored_value_bytes(at) > stored_value_bytes(Provenance{"d.json", "/x", {}, {}}));  // strings count
    const std::size_t budget = 3 * stored_value_bytes(at) + 1;
    DataSink sink(f.program, f.sources, data, f.diags, budget);
    const IndicatorId rate = f.program.keys.at("rate");
    for (int year = 2023; year <= 2027; ++year) sink.number("R", rate, year, 80, at);
    CHECK(data.accounting.accepted == 3);
    CHECK(data.accounting.rejected == 2);
    REQUIRE(f.diags.error_count() == 1);
    CHECK(f.diags.all().back().message.en ==
          fmt::format("the data takes more than its memory budget of {} bytes after 3 values: the rest is not read",
                      budget));
    CHECK(f.diags.all().back().hint.en.find("--max-memory") != std::string::npos);
    CHECK(data.regions.front().find(rate, 2025) != nullptr);
    CHECK(data.regions.front().find(rate, 2026) == nullptr);
}

TEST_CASE("data: typed values are read as written and converted to the indicator's unit", "[data]") {
    Fixture f(kRules);
    Dataset data;
    DataSink sink(f.program, f.sources, data, f.diags);
    const IndicatorId rate = f.program.keys.at("rate");
    const IndicatorId people = f.program.keys.at("people");
    const Provenance at{"d.csv", "", {}, {}};
    sink.text("R", rate, 2023, "８５．５％", at);
    sink.text("R", rate, 2024, "\u3000 81 ", at);
    sink.text("R", people, 2023, "86,000人", at);
    sink.text("R", people, 2024, "8.6万", at);  // a magnitude alone counts people: 8.6 万人
    sink.text("R", people, 2025, "8.7", at, "万人");
    sink.text("R", rate, 2026, "", at);  // missing, never zero
    const RegionData& r = data.regions.front();
    CHECK(r.find(rate, 2023)->value == 85.5);
    CHECK(r.find(rate, 2024)->value == 81);
    CHECK(r.find(people, 2023)->value == Approx(8.6));
    CHECK(r.find(people, 2024)->value == Approx(8.6));
    CHECK(r.find(people, 2025)->value == Approx(8.7));
    CHECK(r.find(rate, 2026) == nullptr);
    CHECK(data.accounting.explicit_missing == 1);
    CHECK_FALSE(f.diags.has_errors());

    sink.text("R", rate, 2027, "1‰", at);  // another dimension
    CHECK(f.diags.error_count() == 1);
    CHECK(r.find(rate, 2027) == nullptr);
}
