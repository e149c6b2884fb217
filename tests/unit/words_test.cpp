// The catalogue of words and phrases (base/words.hpp): every entry in both languages, and every
// phrase keeps its arguments in both. The exact wording is held by the golden tests.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/words.hpp"
#include "judge/progress.hpp"

using namespace dabiao;

TEST_CASE("words: every word of the catalogue has both languages", "[words]") {
    for (std::size_t k = 0; k < static_cast<std::size_t>(Word::count); ++k) {
        const Text& t = word(static_cast<Word>(k));
        INFO("word " << k << ": '" << t.en << "' / '" << t.zh << "'");
        CHECK_FALSE(t.en.empty());
        CHECK_FALSE(t.zh.empty());
    }
}

TEST_CASE("words: no word is in the catalogue twice", "[words]") {
    for (std::size_t a = 0; a < static_cast<std::size_t>(Word::count); ++a) {
        for (std::size_t b = a + 1; b < static_cast<std::size_t>(Word::count); ++b) {
            const Text& x = word(static_cast<Word>(a));
            const Text& y = word(static_cast<Word>(b));
            INFO("words " << a << " and " << b << ": '" << x.en << "' / '" << x.zh << "'");
            CHECK_FALSE((x.en == y.en && x.zh == y.zh));
        }
    }
}

TEST_CASE("words: every phrase has both languages and keeps its arguments in both", "[words]") {
    struct Row {
        const char* name;
        Text text;
        std::vector<std::string> arguments;  // each appears in both languages
    };
    const Text domains{"D1, D2", "D1、D2"};
    const std::vector<Row> rows = {
        {"as_of", phrase::as_of(2031), {"2031"}},
        {"in_parentheses", phrase::in_parentheses("XY"), {"XY"}},
        {"summary_counts", phrase::summary_counts(11, 12, 13, 14), {"11", "12", "13", "14"}},
        {"lead_domains", phrase::lead_domains("LEAD", domains, "SUM"), {"LEAD", "D1", "D2", "SUM"}},
        {"domain_lead", phrase::domain_lead("LEAD"), {"LEAD"}},
        {"data_read", phrase::data_read(17, "PARTS"), {"17", "PARTS"}},
        {"plan_source", phrase::plan_source("P.7"), {"P.7"}},
        {"no_value", phrase::no_value("WHY"), {"WHY"}},
        {"completion", phrase::completion("87"), {"87"}},
        {"in_year", phrase::in_year(2031), {"2031"}},
        {"explain_target", phrase::explain_target("NAME", "KEY", 2031, "COND"), {"NAME", "KEY", "2031", "COND"}},
        {"explain_rule", phrase::explain_rule("R:1", "WRITTEN", "SRC"), {"R:1", "WRITTEN", "SRC"}},
        {"explain_rule without a source", phrase::explain_rule("R:1", "WRITTEN", ""), {"R:1", "WRITTEN"}},
        {"explain_as_of", phrase::explain_as_of(2031), {"2031"}},
        {"latest_value", phrase::latest_value(2031), {"2031"}},
        {"comparison_around", phrase::comparison_around("A1", "E1", "D1", "T1", "H1"), {"A1", "E1", "D1", "T1", "H1"}},
        {"comparison", phrase::comparison("A1", "≥", "E1", "H1"), {"A1", "≥", "E1", "H1"}},
        {"verdict_no_data", phrase::verdict_no_data("MISSING"), {"MISSING"}},
        {"verdict_not_due", phrase::verdict_not_due(2031, 2029), {"2031", "2029"}},
        {"no_baseline", phrase::no_baseline(2031), {"2031"}},
        {"no_data_after", phrase::no_data_after(2031), {"2031"}},
        {"baseline_and_latest", phrase::baseline_and_latest("B1", 2021, "L1", 2029), {"B1", "2021", "L1", "2029"}},
        {"ratio_explained", phrase::ratio_explained(word(Word::method_growth), "0.77"), {"0.77", "Open SDG"}},
        {"pace", phrase::pace("41", "59"), {"41", "59"}},
        {"regions_compared", phrase::regions_compared(2031), {"2031"}},
        {"rules_ok", phrase::rules_ok("F.dab", 21, 0, 22), {"F.dab", "21", "22"}},
        {"rules_ok with inputs", phrase::rules_ok("F.dab", 21, 23, 22), {"F.dab", "21", "23", "22"}},
        {"comparison_due", phrase::comparison_due(2031), {"2031"}},
        {"verdict_summary", phrase::verdict_summary("REG", "NAME", 2031, {"ST", "ST"}, {"COND", "COND"}, {"ACT", "ACT"}),
         {"REG", "NAME", "2031", "ST", "COND", "ACT"}},
        {"gap_suffix", phrase::gap_suffix("-0.8"), {"-0.8"}},
        {"completion_formula", phrase::completion_formula(false, "N1", "D1", "R1"), {"N1", "D1", "R1"}},
        {"completion_formula lower is better", phrase::completion_formula(true, "N1", "D1", "R1"), {"N1", "D1", "R1"}},
        {"share_formula", phrase::share_formula("A1", "B1", "T1", "R1", 2021), {"A1", "B1", "T1", "R1", "2021"}},
        {"tests_updated", phrase::tests_updated(17), {"17"}},
        {"tests_summary", phrase::tests_summary(11, 12, 13, 14), {"11", "12", "13", "14"}},
        {"not_formatted", phrase::not_formatted("F.dab"), {"F.dab"}},
        {"lint_summary", phrase::lint_summary("F.dab", 17, 0), {"F.dab", "17"}},
        {"lint_summary with pragmas", phrase::lint_summary("F.dab", 17, 19), {"F.dab", "17", "19"}},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.name) {
            INFO("en: " << row.text.en << "\nzh: " << row.text.zh);
            CHECK_FALSE(row.text.en.empty());
            CHECK_FALSE(row.text.zh.empty());
            CHECK(row.text.en != row.text.zh);
            for (const std::string& a : row.arguments) {
                INFO("argument " << a);
                CHECK(row.text.en.find(a) != std::string::npos);
                CHECK(row.text.zh.find(a) != std::string::npos);
            }
        }
    }
}

TEST_CASE("words: progress classes and methods are labelled in both languages", "[words]") {
    for (const Progress p : {Progress::achieved, Progress::on_track, Progress::needs_acceleration, Progress::limited,
                             Progress::moving_away, Progress::cannot_assess}) {
        const Text t = progress_label(p);
        INFO(progress_key(p));
        CHECK_FALSE(t.en.empty());
        CHECK_FALSE(t.zh.empty());
    }
    CHECK(progress_label(Progress::on_track).zh == "进度正常");
    CHECK(method_label(ProgressMethod::growth).en == "growth ratio (Open SDG)");
    CHECK(method_label(ProgressMethod::linear).zh == "序时进度比");
    CHECK(method_label(ProgressMethod::none).empty());
}

TEST_CASE("words: bilingual formats both languages over the same arguments", "[words]") {
    const Text t = bilingual("{} of {}", "{}/{}", 3, std::string("5"));
    CHECK(t.en == "3 of 5");
    CHECK(t.zh == "3/5");
}
