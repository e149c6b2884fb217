#include "base/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace dabiao {

namespace {

std::u32string code_points(std::string_view s) {
    std::u32string out;
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = text::decode_utf8(s, i, cp);
        out += n ? cp : U'?';
        i += n ? n : 1;
    }
    return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
    const std::u32string target = code_points(name);
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(1, target.size() / 3) + 1;
    for (const auto& c : candidates) {
        if (c == name) continue;
        const std::u32string cand = code_points(c);
        // The edit distance is at least the difference in length: skip the quadratic computation
        // for candidates that cannot be closer than the best so far.
        const std::size_t apart = cand.size() > target.size() ? cand.size() - target.size() : target.size() - cand.size();
        std::size_t d = apart > best_distance ? apart : edit_distance(target, cand);
        // One name inside the other (累计城镇新增就业 / 城镇新增就业) is a strong hint too.
        const bool contains = cand.size() >= 2 && target.size() >= 2 &&
                              (target.find(cand) != std::u32string::npos || cand.find(target) != std::u32string::npos);
        if (contains) d = std::min(d, std::max<std::size_t>(1, target.size() / 3));
        if (d < best_distance || (d == best_distance && !best.empty() && c < best)) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       std::size_t count) {
    const std::u32string target = code_points(name);
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& c : candidates) {
        const std::u32string cand = code_points(c);
        const std::size_t d = edit_distance(target, cand);
        const bool shares = std::any_of(cand.begin(), cand.end(),
                                        [&](char32_t ch) { return target.find(ch) != std::u32string::npos; });
        if (c != name && shares) ranked.emplace_back(d, c);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> out;
    for (std::size_t k = 0; k < ranked.size() && out.size() < count; ++k) out.push_back(ranked[k].second);
    return out;
}

Text did_you_mean(std::string_view suggestion, Text otherwise) {
    if (suggestion.empty()) return otherwise;
    return {fmt::format("did you mean '{}'?", suggestion), fmt::format("是否应为“{}”？", suggestion)};
}

Text suggest(std::string_view name, const std::vector<std::string>& candidates, Text otherwise) {
    return did_you_mean(closest_name(name, candidates), std::move(otherwise));
}

}  // namespace dabiao
