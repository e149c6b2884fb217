#include "base/value.hpp"

namespace dabiao {

std::string describe(const Type& t, Lang lang) {
    const bool zh = lang == Lang::zh;
    switch (t.kind) {
        case Type::Kind::boolean:
            return zh ? "条件" : "a condition";
        case Type::Kind::stage:
            return zh ? "阶段" : "a stage";
        case Type::Kind::year:
            return zh ? "年份" : "a year";
        case Type::Kind::unknown:
            return zh ? "值" : "a value";
        case Type::Kind::number:
            break;
    }
    if (t.literal) return zh ? "普通数值" : "a plain number";
    const std::string n = t.unit.name();
    return n.empty() ? (zh ? "比值" : "a ratio") : n;
}

}  // namespace dabiao
