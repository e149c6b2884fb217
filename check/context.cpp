#include "check/context.hpp"

#include <fmt/format.h>

namespace dabiao::checker {

void CheckContext::error(Span where, Text message, Text hint) {
    if (reported_.emplace(where.begin + (where.file << 24), message.en).second) {
        diags.error(where, std::move(message), std::move(hint));
    }
}

void CheckContext::warning(Span where, Text message, Text hint) {
    diags.warning(where, std::move(message), std::move(hint));
}

std::string CheckContext::where(Span s) const {
    const auto lc = sources.file(s.file).line_col(s.begin);
    return fmt::format("{}:{}:{}", sources.file(s.file).name(), lc.line, lc.column);
}

std::string CheckContext::source_text(Span s) const {
    const std::string& t = sources.file(s.file).text();
    std::string out = t.substr(s.begin, s.end - s.begin);
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\r' || out.back() == '\t')) {
        out.pop_back();
    }
    return out;
}

std::vector<std::string> CheckContext::indicator_names() const {
    std::vector<std::string> names;
    for (const auto& [key, id] : by_key) names.push_back(key);
    return names;
}

std::optional<IndicatorId> CheckContext::lookup_indicator(const ast::Ident& name,
                                                          const std::optional<ast::Ident>& part) const {
    const std::string key = part ? name.text + "." + part->text : name.text;
    const auto it = by_key.find(key);
    if (it == by_key.end()) return std::nullopt;
    return it->second;
}

}  // namespace dabiao::checker
