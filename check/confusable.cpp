// Look-alike names: two indicators whose identifiers or display names differ in code points but
// look the same (Latin "qa" and Cyrillic "qа", a full-width "ｑａ", a CJK compatibility ideograph
// and its unified twin) are two data keys a person cannot tell apart. Compared by ICU: NFKC, then
// the confusable skeleton of Unicode TS #39 (uspoof_getSkeleton, over ICU's confusables table).
#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <map>
#include <memory>

#include "check/passes.hpp"

namespace dabiao::checker {

namespace {

struct SpoofCloser {
    void operator()(USpoofChecker* sc) const { uspoof_close(sc); }
};

// NFKC, then the skeleton; empty when ICU cannot say (then nothing is compared).
std::string skeleton(USpoofChecker* sc, const icu::Normalizer2* nfkc, const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString normalized = nfkc->normalize(icu::UnicodeString::fromUTF8(name), status);
    icu::UnicodeString shape;
    uspoof_getSkeletonUnicodeString(sc, 0, normalized, shape, &status);
    if (U_FAILURE(status)) return "";
    std::string out;
    return shape.toUTF8String(out);
}

}  // namespace

void confusable_names(CheckContext& cx) {
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<USpoofChecker, SpoofCloser> sc(uspoof_open(&status));
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || !sc || !nfkc) return;
    struct Seen {
        IndicatorId id;
        const std::string* text;
    };
    std::map<std::string, Seen> by_shape;
    for (const Indicator& i : cx.program.indicators) {
        for (const std::string* text : {&i.key, &i.name}) {
            if (text->empty()) continue;
            const std::string shape = skeleton(sc.get(), nfkc, *text);
            if (shape.empty()) continue;
            const auto [it, inserted] = by_shape.emplace(shape, Seen{i.id, text});
            if (inserted || it->second.id == i.id || *it->second.text == *text) continue;
            const Indicator& other = cx.program.indicators[it->second.id];
            cx.warning(i.span,
                       {fmt::format("'{}' looks the same as '{}' of indicator '{}' but is written with other characters",
                                    *text, *it->second.text, other.key),
                        fmt::format("“{}”与指标“{}”的“{}”看起来相同，但字符不同", *text, other.key, *it->second.text)},
                       {"use the same characters (e.g. Latin, not Cyrillic letters; unified, not compatibility "
                        "ideographs) or a clearly different name",
                        "请使用相同的字符（如拉丁字母而非西里尔字母、统一汉字而非兼容汉字），或改用明显不同的名称"},
                       {{other.span,
                         {fmt::format("indicator '{}' is declared here", other.key),
                          fmt::format("指标“{}”声明于此", other.key)}}});
        }
    }
}

}  // namespace dabiao::checker
