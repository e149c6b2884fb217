#include "base/value.hpp"

#include "base/words.hpp"

namespace dabiao {

std::string describe(const Type& t, Lang lang) {
    switch (t.kind) {
        case Type::Kind::boolean:
            return word(Word::type_condition).in(lang);
        case Type::Kind::stage:
            return word(Word::type_stage).in(lang);
        case Type::Kind::year:
            return word(Word::type_year).in(lang);
        case Type::Kind::unknown:
            return word(Word::type_value).in(lang);
        case Type::Kind::number:
            break;
    }
    if (t.literal) return word(Word::type_plain_number).in(lang);
    const std::string n = t.unit.name();
    return n.empty() ? word(Word::type_ratio).in(lang) : n;
}

}  // namespace dabiao
