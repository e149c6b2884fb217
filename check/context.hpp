// What the checker's passes share (internal to check/): the program being built, the symbol
// tables the declarations fill, and the way a pass reports a problem.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/value.hpp"
#include "check/program.hpp"
#include "syntax/ast.hpp"

namespace dabiao::checker {

// What encloses a declaration or a statement: its domain, its source block (出处) and its region block (地区).
struct Scope {
    std::optional<DomainId> domain;
    std::string source;
    std::optional<ast::Ident> region;
    std::vector<TagId> tags;  // a statement's own tags (… 标签 约束性)
};

// An indicator whose name is known; its attributes, values and table targets come in later passes.
struct PendingIndicator {
    const ast::IndicatorDecl* decl = nullptr;
    IndicatorId id = 0;
    Scope scope;
};

// A target statement, lowered to targets once every indicator is defined.
struct PendingStatement {
    const ast::TargetStmt* stmt = nullptr;
    Scope scope;
};

struct PendingTable {  // a region's table of targets (地区 X { 指标 { 2025: 80 } })
    const ast::TargetTable* table = nullptr;
    Scope scope;
};

// What a verb of the vocabulary (动词 declarations) means: its comparator (none: reach, in the
// indicator's direction) and whether it holds every year up to the target year (保持).
struct VerbMeaning {
    std::optional<ast::CmpOp> op;
    bool every_year = false;
    bool holds_level = false;  // its 左右 is a band on both sides of the value
    Span span;
};

struct CheckContext {
    CheckContext(const SourceMap& source_map, Diagnostics& diagnostics) : sources(source_map), diags(diagnostics) {}

    const SourceMap& sources;
    Diagnostics& diags;
    Program program;
    bool have_plan = false;

    // Symbol tables, filled by the declare pass.
    std::unordered_map<std::string, IndicatorId> by_key;  // ids and display names
    std::unordered_map<std::string, DomainId> domains_by_name;
    std::unordered_map<std::string, FunctionId> functions_by_name;
    std::vector<const ast::FnDecl*> fn_decls;  // by FunctionId
    std::vector<PendingIndicator> indicators;
    std::vector<PendingStatement> statements;
    std::vector<PendingTable> tables;
    std::map<std::string, VerbMeaning> verbs;  // the verb vocabulary, from every loaded file

    // Function bodies are typed once per distinct argument typing, whichever pass reaches them.
    std::map<std::string, Type> instantiations;
    std::vector<FunctionId> instantiating;

    // An error is reported once per place and message, however many calls of a function lead there.
    // A note points at another place the problem concerns (where a name was first declared...).
    void error(Span where, Text message, Text hint = {}, std::vector<Note> notes = {});
    void warning(Span where, Text message, Text hint = {}, std::vector<Note> notes = {});

    // The source text of a span without trailing blanks.
    std::string source_text(Span s) const;
    Indicator& ind(IndicatorId id) { return program.indicators[id]; }
    std::vector<std::string> indicator_names() const;
    std::optional<IndicatorId> lookup_indicator(const ast::Ident& name, const std::optional<ast::Ident>& part) const;
    // The id of a tag (Program::tags), given the first time the tag is seen.
    TagId tag_id(const std::string& name);

private:
    std::set<std::pair<std::uint32_t, std::string>> reported_;
};

}  // namespace dabiao::checker
