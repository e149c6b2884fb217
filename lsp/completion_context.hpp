// Where the cursor is, for completion: what the text before it on its line allows to follow,
// so that a unit is offered after 单位, a part after "老年友好.", a verb or comparator after an
// indicator's name, and nothing inside a comment or a quoted name.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace dabiao::lsp {

enum class CompletionContext {
    none,           // in a comment or a quoted text
    unit,           // after 单位 / unit
    part,           // after "group." : the group's parts
    after_measure,  // after an indicator's name: verbs and comparators
    anywhere,       // names, keywords, verbs, units
};

struct CompletionPlace {
    CompletionContext context = CompletionContext::anywhere;
    std::string group;  // for CompletionContext::part: the name before the dot
};

// `line` is the cursor's line up to the cursor; `is_indicator` says whether a word names an
// indicator or input (by identifier or display name).
CompletionPlace completion_place(std::string_view line, const std::function<bool(std::string_view)>& is_indicator);

}  // namespace dabiao::lsp
