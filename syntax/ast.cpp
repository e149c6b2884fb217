#include "syntax/ast.hpp"
#include "base/overloaded.hpp"

#include <fmt/format.h>

namespace dabiao::ast {

namespace {

std::string_view binary_symbol(BinaryOp op) {
    switch (op) {
        case BinaryOp::add:
            return "+";
        case BinaryOp::sub:
            return "-";
        case BinaryOp::mul:
            return "*";
        case BinaryOp::div:
            return "/";
        case BinaryOp::ge:
            return ">=";
        case BinaryOp::gt:
            return ">";
        case BinaryOp::le:
            return "<=";
        case BinaryOp::lt:
            return "<";
        case BinaryOp::eq:
            return "==";
        case BinaryOp::ne:
            return "!=";
        case BinaryOp::logical_and:
            return "and";
        case BinaryOp::logical_or:
            return "or";
    }
    return "?";
}

std::string_view cmp_symbol(CmpOp op) {
    switch (op) {
        case CmpOp::ge:
            return ">=";
        case CmpOp::gt:
            return ">";
        case CmpOp::le:
            return "<=";
        case CmpOp::lt:
            return "<";
        case CmpOp::eq:
            return "==";
        case CmpOp::around:
            return "~";
    }
    return "?";
}

std::string quoted(std::string_view s) {
    return fmt::format("\"{}\"", s);
}

std::string dump_condition(const Condition& c) {
    std::string out = "(cond";
    if (!c.verb.empty()) out += fmt::format(" verb={}", c.verb);
    if (c.prefix) out += fmt::format(" {}", cmp_symbol(c.prefix->op));
    if (c.special == Special::full_coverage) out += " full-coverage";
    if (c.special == Special::zero) out += " zero";
    if (c.recent_years) out += fmt::format(" last-{}-years", *c.recent_years);
    if (c.special == Special::falls_yearly) out += " falls-yearly";
    if (c.special == Special::rises_yearly) out += " rises-yearly";
    for (std::size_t k = 0; k < c.values.size(); ++k) {
        out += " " + dump(*c.values[k]);
        if (k < c.uppers.size() && c.uppers[k]) out += ".." + dump(*c.uppers[k]);
    }
    if (c.postfix) out += fmt::format(" post{}", cmp_symbol(c.postfix->op));
    if (c.tolerance) out += " +-" + dump(*c.tolerance);
    return out + ")";
}

std::string dump_years(const YearClause& y) {
    switch (y.kind) {
        case YearClause::Kind::point:
            return fmt::format("{}", y.from);
        case YearClause::Kind::every_year:
            return "every-year";
        case YearClause::Kind::range:
            return fmt::format("{}..{}", y.from ? std::to_string(y.from) : "", y.to ? std::to_string(y.to) : "");
    }
    return "";
}

class Dumper {
public:
    explicit Dumper(const SourceMap& sources) : sources_(sources) {}

    std::string module(const Module& m) {
        out_ = "(module";
        for (const auto& item : m.items) emit_item(item, 1);
        out_ += ")\n";
        return out_;
    }

private:
    const SourceMap& sources_;
    std::string out_;

    void line(int depth, std::string_view text) {
        out_ += "\n";
        out_.append(static_cast<std::size_t>(depth) * 2, ' ');
        out_ += text;
    }

    std::string at(const Span& s) const {
        const auto lc = sources_.file(s.file).line_col(s.begin);
        return fmt::format("@{}:{}", lc.line, lc.column);
    }

    void emit_item(const Item& item, int depth) {
        std::visit(overloaded{
                       [&](const PlanDecl& p) {
                           std::string s = fmt::format("(plan {}", quoted(p.name));
                           if (p.region) s += fmt::format(" region={}", p.region->text);
                           if (p.baseline_year) s += fmt::format(" baseline={}", *p.baseline_year);
                           if (p.period) s += fmt::format(" period={}..{}", p.period->first, p.period->second);
                           line(depth, s + ")");
                       },
                       [&](const DomainDecl& d) {
                           std::string leads;
                           for (const auto& l : d.leads) leads += (leads.empty() ? "" : ",") + l.text;
                           line(depth, fmt::format("(domain {} lead=[{}]", d.name.text, leads));
                           for (const auto& i : d.items) emit_item(i, depth + 1);
                           out_ += ")";
                       },
                       [&](const SourceBlock& s) {
                           line(depth, s.region ? fmt::format("(region {}", s.region->text)
                                                : fmt::format("(source {}", quoted(s.label)));
                           for (const auto& i : s.items) emit_item(i, depth + 1);
                           out_ += ")";
                       },
                       [&](const IndicatorDecl& d) { emit_indicator(d, depth); },
                       [&](const InputDecl& d) {
                           line(depth,
                                fmt::format("(input {}{}{})", d.id.text, d.display ? " " + quoted(*d.display) : "",
                                            d.unit ? " unit=" + d.unit->unit : ""));
                       },
                       [&](const FnDecl& f) {
                           std::string params;
                           for (const auto& p : f.params) params += (params.empty() ? "" : " ") + p.text;
                           line(depth, fmt::format("(fn {} ({}) {})", f.name.text, params, dump(*f.body)));
                       },
                       [&](const ImportDecl& i) { line(depth, fmt::format("(import {})", quoted(i.path))); },
                       [&](const VerbDecl& v) {
                           line(depth, fmt::format("(verb {}{}{})", v.word.text, v.op ? " " + std::string(cmp_symbol(v.op->op)) : "",
                                                   v.every_year ? " every-year" : ""));
                       },
                       [&](const TargetStmt& t) { emit_target(t, depth); },
                       [&](const TargetTable& t) {
                           const Subject& s = t.subject;
                           line(depth, fmt::format("(table {}{}", s.indicator.text, s.part ? "." + s.part->text : ""));
                           for (const TableEntry& e : t.entries) emit_entry(e, depth + 1);
                           out_ += ")";
                       },
                   },
                   item.node);
    }

    void emit_indicator(const IndicatorDecl& d, int depth) {
        line(depth, fmt::format("(indicator {}{}", d.id.text, d.display ? " " + quoted(*d.display) : ""));
        for (const auto& item : d.items) {
            std::visit(overloaded{
                           [&](const UnitAttr& u) { line(depth + 1, fmt::format("(unit {})", u.unit)); },
                           [&](const DirectionAttr& a) {
                               line(depth + 1, a.direction == Direction::lower ? "(lower)" : "(higher)");
                           },
                           [&](const StagesAttr& s) {
                               if (s.milestone) {
                                   line(depth + 1, "(milestone)");
                                   return;
                               }
                               std::string names;
                               for (const auto& n : s.stages) names += " " + n.text;
                               line(depth + 1, fmt::format("(stages{})", names));
                           },
                           [&](const PartsAttr& p) {
                               std::string names;
                               for (const auto& n : p.parts) {
                                   names += " " + n.id.text + (n.display ? "=" + quoted(*n.display) : "");
                               }
                               line(depth + 1, fmt::format("(parts{})", names));
                           },
                           [&](const FullCoverageAttr& f) { line(depth + 1, fmt::format("(full {})", dump(*f.base))); },
                           [&](const FormulaAttr& f) { line(depth + 1, fmt::format("(= {})", dump(*f.expr))); },
                           [&](const BaselineAttr& b) {
                               std::string s = "(baseline";
                               if (b.year) s += fmt::format(" {}:", *b.year);
                               if (b.text) s += " " + quoted(*b.text);
                               if (b.bound) s += fmt::format(" {}", cmp_symbol(b.bound->op));
                               if (b.value) s += " " + dump(*b.value);
                               line(depth + 1, s + ")");
                           },
                           [&](const SettingAttr& a) {
                               line(depth + 1,
                                    fmt::format("({} {}{})",
                                                a.kind == SettingAttr::Kind::tolerance ? "tolerance" : "precision",
                                                a.value, a.unit));
                           },
                           [&](const DataAttr& a) {
                               line(depth + 1, a.running_total ? "(data running-total)" : "(data increments)");
                           },
                           [&](const TableEntry& e) { emit_entry(e, depth + 1); },
                           [&](const TagsAttr& t) {
                               std::string tags;
                               for (const auto& tag : t.tags) tags += " " + tag.text;
                               line(depth + 1, fmt::format("(tags{})", tags));
                           },
                       },
                       item);
        }
        out_ += ")";
    }

    void emit_entry(const TableEntry& e, int depth) {
        const std::string years = e.from == e.to ? std::to_string(e.from) : fmt::format("{}..{}", e.from, e.to);
        line(depth, fmt::format("(entry {} {})", years, dump_condition(e.condition)));
    }

    void emit_target(const TargetStmt& t, int depth) {
        std::string s = fmt::format("(target {}", at(t.span));
        for (const auto& y : t.years) s += " years=" + dump_years(y);
        if (t.cumulative) {
            s += " cumulative";
            if (t.cumulative->since) s += fmt::format("-since-{}", *t.cumulative->since);
        }
        for (const auto& subject : t.subjects) {
            s += " " + subject.indicator.text + (subject.part ? "." + subject.part->text : "");
        }
        if (t.respectively) s += " respectively";
        s += " " + dump_condition(t.condition);
        for (const auto& c : t.also) s += " and " + dump_condition(c);
        if (!t.tags.empty()) {
            s += " (tags";
            for (const auto& tag : t.tags) s += " " + tag.text;
            s += ")";
        }
        line(depth, s + ")");
    }
};

}  // namespace

std::string dump(const Expr& expr) {
    return std::visit(
        overloaded{
            [](const Number& n) { return fmt::format("{}{}", n.value, n.unit); },
            [](const Name& n) { return n.name.text + (n.part ? "." + n.part->text : ""); },
            [](const CurrentYear&) { return std::string("year"); },
            [](const AtYear& a) { return fmt::format("(at {} {})", dump(*a.series), dump(*a.year)); },
            [](const Unary& u) {
                return fmt::format("({} {})", u.op == UnaryOp::negate ? "neg" : "not", dump(*u.operand));
            },
            [](const Binary& b) { return fmt::format("({} {} {})", binary_symbol(b.op), dump(*b.lhs), dump(*b.rhs)); },
            [](const Call& c) {
                std::string s = "(call " + c.callee.text;
                for (const auto& a : c.args) s += " " + dump(*a);
                return s + ")";
            },
            [](const If& i) {
                return fmt::format("(if {} {} {})", dump(*i.condition), dump(*i.then_branch), dump(*i.else_branch));
            },
            [](const Pair& p) { return fmt::format("(pair {} {})", dump(*p.first), dump(*p.second)); },
        },
        expr.node);
}

std::string dump(const Module& module, const SourceMap& sources) {
    return Dumper(sources).module(module);
}

}  // namespace dabiao::ast
