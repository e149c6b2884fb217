// One document analysed as `dabiao check` and `dabiao lint` analyse a file: loaded with its
// prelude and imports (open documents from the editor's text, not from disk), checked, linted;
// and an index of the names written in it, for hover, definition and completion.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "check/program.hpp"
#include "lsp/positions.hpp"
#include "syntax/ast.hpp"
#include "syntax/loader.hpp"

namespace dabiao::lsp {

// A name as written in a rule file.
struct Occurrence {
    enum class Kind { reference, call, declaration, parameter, import };
    Kind kind = Kind::reference;
    Span span;
    std::string text;                          // "托位数", "老年友好.村社", the import's path
    const ast::FnDecl* function = nullptr;     // the function whose body (or parameter list) holds it
};

struct Analysis {
    SourceMap sources;
    std::vector<ast::Module> modules;
    Program program;
    // What `dabiao check` reports for the file (its load or parse errors alone when there are
    // any, as check stops there), then, when the rules have no errors, what `dabiao lint` finds.
    Diagnostics diags;
    std::optional<FileId> root;  // the document's own file, once loaded
    // Every name written in every loaded file, in file order.
    std::vector<Occurrence> occurrences;
    // Each file that the document's imports bring in (the imported file, what that imports, and so
    // on), with the import written in the document that brings it (the first, when two do).
    std::map<FileId, const ast::ImportDecl*> brought_by;

    const ast::Module* root_module() const;
    const LineIndex& lines(FileId file) const;
    // The occurrence in `file` under `offset` (the innermost one; a cursor just after a name counts).
    const Occurrence* occurrence_at(FileId file, std::size_t offset) const;
    // Where an indicator, input, part or function named `text` is declared (identifier or display name).
    const Occurrence* declaration_of(const std::string& text) const;

private:
    mutable std::map<FileId, std::unique_ptr<LineIndex>> lines_;
};

// Analyses the rule file at `path` (its canonical path is the overlay's key when it is open).
std::unique_ptr<Analysis> analyze(const std::string& path, const LoadOptions& load);

// The names written in a module.
std::vector<Occurrence> occurrences_in(const ast::Module& module);

}  // namespace dabiao::lsp
