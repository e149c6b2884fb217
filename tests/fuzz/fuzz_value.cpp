// fuzz_value: grammar::parse_data_value — the value syntax of data files ("12,500", "85%",
// "1.08万", "2(8)", "-3") — on arbitrary text, followed by what DataSink::text does with a
// parsed value: read its unit(s) and convert to an indicator's unit.
//
// Besides the sanitizers, one oracle: a value whose integer part has a non-zero digit reads
// as at least 1 in magnitude (finding value-1: more than 308 digits once read as 0).
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/units.hpp"
#include "tests/fuzz/fuzz_common.hpp"

using namespace dabiao;

namespace {

void convert(const std::string& unit) {
    static const Unit targets[] = {parse_unit("%"),    parse_unit("‰"),       parse_unit("人"),
                                   parse_unit("万人"), parse_unit("个/千人"), parse_unit("")};
    const Unit u = parse_unit(unit);
    (void)u.name();
    for (const Unit& t : targets) {
        if (same_dimension(u, t)) (void)conversion_factor(u, t);
    }
}

// Whether the first number of an ASCII-only prefix has a non-zero digit before its decimal
// point; false also when that cannot be told simply (full-width digits, comments...).
bool integer_part_nonzero(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n' || text[i] == '-'))
        ++i;
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    bool nonzero = false;
    for (; i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == ','); ++i)
        nonzero |= text[i] > '0' && text[i] <= '9';
    return nonzero;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view text = fuzz::as_text(bytes, size);
    const auto v = grammar::parse_data_value(text);
    if (!v) return 0;
    if (!v->unit.empty()) convert(v->unit);
    if (!v->second_unit.empty()) convert(v->second_unit);

    if (integer_part_nonzero(text) && !(std::abs(v->value) >= 1)) {
        std::fprintf(stderr, "fuzz_value oracle: a value with a non-zero integer part was read as %g\n", v->value);
        std::abort();
    }
    return 0;
}
