#include "lsp/analysis.hpp"

#include <set>
#include <type_traits>
#include <variant>

#include "base/overloaded.hpp"
#include "check/check.hpp"
#include "lint/lint.hpp"

namespace dabiao::lsp {

namespace {

class Collector {
public:
    std::vector<Occurrence> found;

    void items(const std::vector<ast::Item>& list) {
        for (const auto& item : list) this->item(item);
    }

private:
    const ast::FnDecl* function_ = nullptr;

    void add(Occurrence::Kind kind, Span span, std::string text) {
        found.push_back({kind, span, std::move(text), function_});
    }

    void item(const ast::Item& item) {
        std::visit(overloaded{
                       [](const ast::PlanDecl&) {},
                       [&](const ast::DomainDecl& d) { items(d.items); },
                       [&](const ast::SourceBlock& s) { items(s.items); },
                       [&](const ast::IndicatorDecl& d) { indicator(d); },
                       [&](const ast::InputDecl& d) { add(Occurrence::Kind::declaration, d.id.span, d.id.text); },
                       [&](const ast::FnDecl& f) {
                           add(Occurrence::Kind::declaration, f.name.span, f.name.text);
                           function_ = &f;
                           for (const auto& p : f.params) add(Occurrence::Kind::parameter, p.span, p.text);
                           expr(f.body);
                           function_ = nullptr;
                       },
                       [&](const ast::ImportDecl& i) { add(Occurrence::Kind::import, i.path_span, i.path); },
                       [](const ast::VerbDecl&) {},  // a verb is a word of the vocabulary, not a name
                       [&](const ast::TargetStmt& t) {
                           for (const auto& s : t.subjects) {
                               add(Occurrence::Kind::reference, s.indicator.span, s.indicator.text);
                               if (s.part)
                                   add(Occurrence::Kind::reference, s.part->span, s.indicator.text + "." + s.part->text);
                           }
                           condition(t.condition);
                           for (const auto& c : t.also) condition(c);
                       },
                       [&](const ast::TargetTable& t) {
                           const ast::Subject& s = t.subject;
                           add(Occurrence::Kind::reference, s.indicator.span, s.indicator.text);
                           if (s.part) add(Occurrence::Kind::reference, s.part->span, s.indicator.text + "." + s.part->text);
                           for (const auto& e : t.entries) condition(e.condition);
                       },
                   },
                   item.node);
    }

    void indicator(const ast::IndicatorDecl& d) {
        add(Occurrence::Kind::declaration, d.id.span, d.id.text);
        for (const auto& attr : d.items) {
            std::visit(overloaded{
                           [&](const ast::PartsAttr& parts) {
                               for (const auto& p : parts.parts)
                                   add(Occurrence::Kind::declaration, p.id.span, d.id.text + "." + p.id.text);
                           },
                           [&](const ast::FullCoverageAttr& a) { expr(a.base); },
                           [&](const ast::FormulaAttr& a) { expr(a.expr); },
                           [&](const ast::BaselineAttr& a) { expr(a.value); },
                           [&](const ast::TableEntry& e) { condition(e.condition); },
                           [](const auto&) {},
                       },
                       attr);
        }
    }

    void condition(const ast::Condition& c) {
        for (const auto& v : c.values) expr(v);
        for (const auto& v : c.uppers) expr(v);
        expr(c.tolerance);
    }

    void expr(const ast::ExprPtr& e) {
        if (!e) return;
        std::visit(overloaded{
                       [&](const ast::Name& n) {
                           if (n.quoted) return;  // a stage's name
                           add(Occurrence::Kind::reference, n.name.span, n.name.text);
                           if (n.part) add(Occurrence::Kind::reference, n.part->span, n.name.text + "." + n.part->text);
                       },
                       [&](const ast::AtYear& a) {
                           expr(a.series);
                           expr(a.year);
                       },
                       [&](const ast::Unary& u) { expr(u.operand); },
                       [&](const ast::Binary& b) {
                           expr(b.lhs);
                           expr(b.rhs);
                       },
                       [&](const ast::Call& c) {
                           add(Occurrence::Kind::call, c.callee.span, c.callee.text);
                           for (const auto& a : c.args) expr(a);
                       },
                       [&](const ast::If& i) {
                           expr(i.condition);
                           expr(i.then_branch);
                           expr(i.else_branch);
                       },
                       [&](const ast::Pair& p) {
                           expr(p.first);
                           expr(p.second);
                       },
                       [](const auto&) {},
                   },
                   e->node);
    }
};

// Which import of the root brings each loaded file in (Analysis::brought_by).
void trace_imports(Analysis& a) {
    const ast::Module* root = a.root_module();
    if (!root) return;
    std::map<FileId, const ast::Module*> by_file;
    for (const auto& m : a.modules) by_file.emplace(m.file, &m);
    for (const auto& item : root->items) {
        const auto* import = std::get_if<ast::ImportDecl>(&item.node);
        if (!import) continue;
        std::vector<std::optional<FileId>> todo{import->loaded};
        while (!todo.empty()) {
            const std::optional<FileId> file = todo.back();
            todo.pop_back();
            if (!file || *file == root->file || !a.brought_by.emplace(*file, import).second) continue;
            for (const auto& inner : by_file.at(*file)->items) {
                if (const auto* next = std::get_if<ast::ImportDecl>(&inner.node)) todo.push_back(next->loaded);
            }
        }
    }
}

}  // namespace

std::vector<Occurrence> occurrences_in(const ast::Module& module) {
    Collector c;
    c.items(module.items);
    return std::move(c.found);
}

const ast::Module* Analysis::root_module() const {
    for (const auto& m : modules) {
        if (root && m.file == *root) return &m;
    }
    return nullptr;
}

const LineIndex& Analysis::lines(FileId file) const {
    auto& slot = lines_[file];
    if (!slot) slot = std::make_unique<LineIndex>(sources.file(file).text());
    return *slot;
}

const Occurrence* Analysis::occurrence_at(FileId file, std::size_t offset) const {
    const Occurrence* best = nullptr;
    for (const auto& o : occurrences) {
        if (o.span.file != file || offset < o.span.begin || offset > o.span.end) continue;
        if (!best || o.span.end - o.span.begin < best->span.end - best->span.begin) best = &o;
    }
    return best;
}

const Occurrence* Analysis::declaration_of(const std::string& text) const {
    std::string key = text;
    if (const auto it = program.keys.find(text); it != program.keys.end()) key = program.indicator(it->second).key;
    for (const auto& o : occurrences) {
        if (o.kind == Occurrence::Kind::declaration && o.text == key) return &o;
    }
    return nullptr;
}

std::unique_ptr<Analysis> analyze(const std::string& path, const LoadOptions& load) {
    auto a = std::make_unique<Analysis>();
    Diagnostics loading;
    a->modules = load_program(path, load, a->sources, loading);
    for (const auto& m : a->modules) {
        if (a->sources.file(m.file).name() == path) a->root = m.file;
        for (auto& o : occurrences_in(m)) a->occurrences.push_back(std::move(o));
    }
    trace_imports(*a);
    std::vector<const ast::Module*> list;
    for (const auto& m : a->modules) list.push_back(&m);
    // The checker also runs over a file with syntax errors (on what could be parsed), so that
    // hover and definition keep working while the analyst types; check reports only the syntax
    // errors then, and so does the server.
    Diagnostics checking;
    a->program = check(list, a->sources, checking);
    if (loading.has_errors()) {
        a->diags = std::move(loading);
        return a;
    }
    a->diags = std::move(loading);
    a->diags.append(checking);
    if (!a->diags.has_errors()) {
        std::set<FileId> files;  // the analyst's files: every loaded file but the prelude
        for (std::size_t k = load.prelude ? 1 : 0; k < a->modules.size(); ++k) files.insert(a->modules[k].file);
        lint(a->program, a->sources, files, a->diags);
    }
    return a;
}

}  // namespace dabiao::lsp
