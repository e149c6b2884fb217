#include "check/context.hpp"

#include <algorithm>

namespace dabiao::checker {

void CheckContext::error(Span where, Text message, Text hint, std::vector<Note> notes) {
    if (reported_.emplace(where.begin + (where.file << 24), message.en).second) {
        diags.add({Severity::error, where, std::move(message), std::move(hint), std::move(notes)});
    }
}

void CheckContext::warning(Span where, Text message, Text hint, std::vector<Note> notes) {
    diags.add({Severity::warning, where, std::move(message), std::move(hint), std::move(notes)});
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

TagId CheckContext::tag_id(const std::string& name) {
    std::vector<std::string>& names = program.tags;
    const auto id = static_cast<TagId>(std::find(names.begin(), names.end(), name) - names.begin());
    if (id == names.size()) names.push_back(name);
    return id;
}

}  // namespace dabiao::checker
