// The words completion offers besides the names of a program: keywords, verbs and comparator
// words in English and Chinese (as syntax/rules.hpp spells them), and common units.
#pragma once

#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"

namespace dabiao::lsp {

struct VocabularyWord {
    std::string_view text;
    Text meaning;
    bool comparator = false;  // may follow a measure, like a verb
};

const std::vector<VocabularyWord>& vocabulary();
const std::vector<std::string_view>& common_units();

}  // namespace dabiao::lsp
