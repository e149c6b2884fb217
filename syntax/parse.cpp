// Parsing: PEGTL builds a parse tree of the selected rules (so backtracking never leaves
// half-built AST nodes behind), then a second pass turns that tree into the AST.
#include "syntax/parse.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "syntax/errors.hpp"
#include "syntax/rules.hpp"

namespace dabiao::grammar {

namespace pegtl = tao::pegtl;

namespace {

Text split_message(std::string_view bilingual) {
    const auto nl = bilingual.find('\n');
    if (nl == std::string_view::npos) return {std::string(bilingual), {}};
    return {std::string(bilingual.substr(0, nl)), std::string(bilingual.substr(nl + 1))};
}

// Collects syntax errors while the parser recovers item by item.
struct SyntaxErrors {
    static constexpr std::size_t kMax = 25;

    FileId file;
    std::string_view text;
    Diagnostics& diags;
    std::size_t count = 0;
    std::vector<std::size_t> open_blocks = {};  // offsets of the '{' of the blocks being read

    void record(std::size_t offset, std::string_view bilingual) {
        ++count;
        const auto at = static_cast<std::uint32_t>(offset);
        diags.error(Span{file, at, at}, split_message(bilingual));
    }

    // A block whose '}' is missing: the error stands where the '}' should go; a note points at
    // the '{' and the message quotes the block's header (指标 托位数 "托位数" 单位 年).
    void record_unclosed(std::size_t open, std::size_t where) {
        ++count;
        std::size_t line_start = open;
        while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
        std::string header(text.substr(line_start, open - line_start));
        while (!header.empty() && (header.back() == ' ' || header.back() == '\t')) header.pop_back();
        std::size_t lead = 0;
        while (lead < header.size() && (header[lead] == ' ' || header[lead] == '\t')) ++lead;
        header.erase(0, lead);
        if (header.empty()) header = "{";
        const auto at = static_cast<std::uint32_t>(where);
        const auto brace = static_cast<std::uint32_t>(open);
        Diagnostic d{Severity::error, Span{file, at, at},
                     Text{"missing '}': the block of `" + header + "` is not closed",
                          "缺少 '}'：`" + header + "` 的块没有结束"},
                     Text{"add '}' where the block ends", "请在块结束处补上 '}'"}};
        d.add_note(Span{file, brace, brace + 1}, Text{"the block opened here", "块在这里开始"});
        diags.add(std::move(d));
    }

    // "expected a year after 'by'" belongs right after 'by', not at the start of the next line
    // or at a trailing comment, where the parser noticed it. When only blanks and comments lie
    // between the error and the previous token, the error moves back to that token's end.
    std::size_t after_previous_token(std::size_t offset) const {
        std::size_t pos = std::min(offset, text.size());
        if (!crosses_line(pos) && !at_line_end(pos)) return offset;
        for (;;) {
            while (pos > 0 &&
                   (text[pos - 1] == ' ' || text[pos - 1] == '\t' || text[pos - 1] == '\r' || text[pos - 1] == '\n')) {
                --pos;
            }
            std::size_t line_start = 0;
            if (const auto nl = pos > 0 ? text.rfind('\n', pos - 1) : std::string_view::npos;
                nl != std::string_view::npos) {
                line_start = nl + 1;
            }
            const std::size_t comment = comment_start(line_start, pos);
            if (comment == std::string_view::npos) return pos;
            pos = comment;
        }
    }

private:
    bool at_line_end(std::size_t pos) const {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r')) ++pos;
        return pos >= text.size() || text[pos] == '\n' || text[pos] == '#' || text.substr(pos, 2) == "//";
    }

    bool crosses_line(std::size_t pos) const {
        while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t' || text[pos - 1] == '\r')) --pos;
        return pos > 0 && text[pos - 1] == '\n';
    }

    // Where a comment starts in [begin, end) of one line, outside "…" strings; npos if none.
    std::size_t comment_start(std::size_t begin, std::size_t end) const {
        bool in_string = false;
        for (std::size_t i = begin; i < end; ++i) {
            if (text[i] == '"' && (i == begin || text[i - 1] != '\\')) in_string = !in_string;
            if (!in_string && (text[i] == '#' || text.substr(i, 2) == "//")) return i;
        }
        return std::string_view::npos;
    }
};

// Thrown when a file has so many syntax errors that more would only be noise.
struct TooManyErrors {};

constexpr std::string_view kDepthExceeded = "maximum parser rule nesting depth exceeded";

// Where to resume after a syntax error at `offset`: the start of the next line, or an
// unmatched closing brace on the error's line (so a one-line block still closes).
std::size_t resume_offset(std::string_view text, std::size_t offset) {
    int depth = 0;
    std::size_t pos = offset;
    while (pos < text.size()) {
        const char c = text[pos];
        // A line that opens a block and fails (指标 ☆托位数 … {) is skipped with its whole block:
        // the lines inside are not items of the enclosing block, and one mistake is one error.
        if (c == '\n' && depth <= 0) return pos + 1;
        if (c == '#' || text.substr(pos, 2) == "//") {
            pos = text.find('\n', pos);
            if (pos == std::string_view::npos) return text.size();
            continue;
        }
        if (c == '"') {  // braces inside a string on this line do not count
            const auto close = text.find_first_of("\"\n", pos + 1);
            if (close != std::string_view::npos && text[close] == '"') pos = close;
        }
        if (c == '{') ++depth;
        if (c == '}') {
            if (depth == 0) return pos;
            --depth;
        }
        if (text.substr(pos, 3) == "\xEF\xBD\x9B") ++depth;  // ｛
        if (text.substr(pos, 3) == "\xEF\xBD\x9D") {         // ｝
            if (depth == 0) return pos;
            --depth;
        }
        ++pos;
    }
    return text.size();
}

std::size_t end_of_line(std::string_view text, std::size_t offset) {
    const auto nl = text.find('\n', offset);
    return nl == std::string_view::npos ? text.size() : nl + 1;
}

}  // namespace

namespace rules {

// Matches one Item; on a syntax error inside it (or when no Item starts here) records the
// error, skips to where parsing can sensibly resume, and succeeds, so the enclosing
// star<> continues with the next item. The parse tree stays consistent because PEGTL's
// parse_tree control pops the nodes of every rule the exception unwinds through.
template <typename Item>
struct recover {
    using rule_t = recover;
    using subs_t = type_list<Item>;

    template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, SyntaxErrors& errors, States&&... st) {
        const auto start = in.iterator();
        std::size_t error_at = 0;
        std::string message;
        try {
            if (Control<Item>::template match<A, rewind_mode::required, Action, Control>(in, errors, st...)) {
                return true;
            }
            error_at = in.iterator().byte;
            message = unexpected_message<Item>;
        } catch (const parse_error& e) {
            in.iterator() = start;
            error_at = errors.after_previous_token(e.positions().empty() ? start.byte : e.positions().front().byte);
            message = e.message() == kDepthExceeded
                          ? "nested too deeply (parentheses, brackets or quotes): split it into named parts\n"
                            "嵌套过深（括号或引号）：请拆分为函数或派生指标"
                          : std::string(e.message());
        }
        errors.record(error_at, message);
        if (errors.count >= SyntaxErrors::kMax) throw TooManyErrors{};
        const std::string_view text(in.begin(), static_cast<std::size_t>(in.end() - in.begin()));
        const std::size_t base = static_cast<std::size_t>(in.begin() - in.iterator().data + in.iterator().byte);
        std::size_t target = resume_offset(text, error_at - base) + base;
        if (target <= in.iterator().byte) target = end_of_line(text, in.iterator().byte - base) + base;
        in.bump(target - in.iterator().byte);
        (void)Control<sp>::template match<apply_mode::nothing, rewind_mode::dontcare, Action, Control>(in, errors,
                                                                                                       st...);
        return true;
    }
};

// The '{' of a block; its offset is kept until the block's end.
struct block_open {
    using rule_t = block_open;
    using subs_t = type_list<tok<lbrace>>;

    template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, SyntaxErrors& errors, States&&... st) {
        const std::size_t open = in.iterator().byte;
        if (!Control<tok<lbrace>>::template match<A, M, Action, Control>(in, errors, st...)) return false;
        errors.open_blocks.push_back(open);
        return true;
    }
};

// The '}' of a block. When it is missing (at the end of the file, or before a line that starts
// an item of the enclosing block), records one error where the '}' should go, quoting the
// block's header, with a note at its '{', and succeeds so that the enclosing block goes on.
template <typename Item>
struct block_end {
    using rule_t = block_end;
    using subs_t = type_list<tok<block_close>>;

    template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, SyntaxErrors& errors, States&&... st) {
        const std::size_t open = errors.open_blocks.empty() ? in.iterator().byte : errors.open_blocks.back();
        if (!errors.open_blocks.empty()) errors.open_blocks.pop_back();
        if (Control<tok<block_close>>::template match<A, M, Action, Control>(in, errors, st...)) return true;
        errors.record_unclosed(open, errors.after_previous_token(in.iterator().byte));
        if (errors.count >= SyntaxErrors::kMax) throw TooManyErrors{};
        return true;
    }
};

}  // namespace rules

}  // namespace dabiao::grammar

// recover<> always consumes input when it succeeds (it skips what it cannot parse).
template <typename Name, typename Item>
struct tao::pegtl::analyze_traits<Name, dabiao::grammar::rules::recover<Item>> : tao::pegtl::analyze_any_traits<Item> {
};
// block_open consumes its '{'; block_end may consume nothing (a missing '}' is recorded).
template <typename Name>
struct tao::pegtl::analyze_traits<Name, dabiao::grammar::rules::block_open>
    : tao::pegtl::analyze_seq_traits<dabiao::grammar::rules::tok<dabiao::grammar::rules::lbrace>> {};
template <typename Name, typename Item>
struct tao::pegtl::analyze_traits<Name, dabiao::grammar::rules::block_end<Item>>
    : tao::pegtl::analyze_opt_traits<dabiao::grammar::rules::tok<dabiao::grammar::rules::block_close>> {};

namespace dabiao::grammar {

namespace {

namespace r = rules;
using Node = pegtl::parse_tree::node;

template <typename Rule>
using depth_limited = pegtl::limit_depth<kMaxRuleDepth>;

template <typename Rule>
using control = pegtl::must_if<error_control_messages>::control<Rule>;

// Rules that become parse-tree nodes. Everything else is transparent: its selected
// descendants attach to the nearest selected ancestor.
template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        r::identifier, r::part_name, r::callee, r::indicator_id, r::input_id, r::fn_name, r::param, r::number,
        r::year_number, r::ascii_string, r::cn_string, r::corner_string, r::unit_name, r::op_ge, r::op_le, r::op_gt,
        r::op_lt, r::op_eq, r::op_around, r::post_ge, r::post_le, r::post_around, r::verb, r::verb_decl, r::verb_word,
        r::verb_every_year, r::verb_holds_level, r::tolerance_attr, r::precision_attr, r::setting_amount,
        r::full_coverage_word, r::zero_word, r::kw_higher,
        r::kw_lower, r::mul_op, r::add_op, r::cmp_op, r::kw_and, r::kw_or, r::current_year, r::respectively,
        r::every_year, r::every_year_prefix, r::plan_decl, r::plan_name, r::region_attr, r::plan_baseline,
        r::period_attr, r::domain_decl, r::domain_name, r::lead_name, r::source_block, r::source_label,
        r::region_block, r::region_block_name, r::data_attr, r::data_running_total,
        r::indicator_decl, r::indicator_display, r::unit_attr, r::direction_attr, r::stages_attr, r::stage_name,
        r::milestone_attr, r::parts_attr, r::part_decl, r::part_display, r::full_coverage_attr, r::formula_attr,
        r::baseline_attr, r::baseline_year, r::baseline_text, r::table_entry, r::entry_years, r::entry_condition,
        r::statement_condition, r::tolerance, r::pair_value, r::input_decl, r::fn_decl, r::import_decl, r::import_path,
        r::target_stmt, r::year_prefix, r::cumulative, r::subject, r::by_clause, r::in_clause, r::from_clause,
        r::to_clause, r::negation, r::logical_not, r::name_ref, r::call, r::if_expr, r::index_suffix, r::value_sign,
        r::quoted_name, r::range_high, r::falls_yearly_word, r::rises_yearly_word, r::recent_years, r::and_condition,
        r::tags_attr, r::statement_tags, r::tag_word, r::target_table, r::table_subject>,
    pegtl::parse_tree::fold_one::on<r::expr, r::or_expr, r::and_expr, r::cmp_expr, r::add_expr, r::mul_expr,
                                    r::postfix_expr>>;

// ------------------------------------------------------------------ literal reading

// Building "<digits>e<exp>" and converting once keeps literals such as 1.08万 exact (10800).
// Empty when the number is beyond what a double holds (a 310-digit number is not 0).
std::optional<double> decimal_to_double(const std::string& digits, int exponent) {
    const std::string text = digits + "e" + std::to_string(exponent);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{}) {
        // Only digits that are all zeros may underflow to an exact 0.
        if (digits.find_first_not_of('0') == std::string::npos) return 0.0;
        return std::nullopt;
    }
    return value;
}

}  // namespace

NumberText read_number(std::string_view text) {
    std::string digits;
    int exponent = 0;
    bool in_fraction = false;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits += c;
            if (in_fraction) --exponent;
        } else if (c == '.') {
            in_fraction = true;
        } else if (c != ',') {
            break;
        }
    }
    const std::string_view rest = text.substr(i);
    std::string_view unit = rest;
    NumberText out;
    if (rest.starts_with("万")) {
        out.magnitude = 4;
        unit = rest.substr(std::string_view("万").size());
    } else if (rest.starts_with("亿")) {
        out.magnitude = 8;
        unit = rest.substr(std::string_view("亿").size());
    }
    exponent += out.magnitude;
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    const auto value = decimal_to_double(digits.empty() ? "0" : digits, exponent);
    out.value = value.value_or(0);
    out.in_range = value.has_value();
    out.unit = unit == "％" ? "%" : std::string(unit);
    return out;
}

namespace {

// ------------------------------------------------------------------ parse tree → AST

class Builder {
public:
    Builder(FileId file, std::string_view text, Diagnostics& diags) : file_(file), text_(text), diags_(diags) {}

    bool failed() const { return failed_ || reported_tall_; }

    ast::Module module(const Node& root) {
        ast::Module m;
        m.file = file_;
        for (const auto& c : root.children) {
            if (auto item = build_item(*c)) m.items.push_back(std::move(*item));
        }
        return m;
    }

private:
    FileId file_;
    std::string_view text_;
    Diagnostics& diags_;
    mutable bool reported_tall_ = false;
    mutable bool failed_ = false;

    // A node's span without the blanks and comments its trailing tokens consumed, so that
    // carets and quoted rule text end at the last character that belongs to the node.
    Span span(const Node& n) const {
        return Span{file_, static_cast<std::uint32_t>(n.m_begin.byte),
                    static_cast<std::uint32_t>(content_end(n.m_begin.byte, n.m_end.byte))};
    }

    // The end of the last character in [begin, end) that is neither a blank nor in a comment,
    // using the grammar's own rules for strings (comment characters inside one are text),
    // blanks and comments.
    std::size_t content_end(std::size_t begin, std::size_t end) const {
        std::size_t last = begin;
        for (std::size_t i = begin; i < end;) {
            const auto c = static_cast<unsigned char>(text_[i]);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++i;  // the ASCII blanks of r::blank_char, without a parse per space
            } else if (!may_start_string_or_blank(c)) {
                last = ++i;  // most characters: no need to try the rules
            } else if (const std::size_t n = match_length<r::string_lit>(i, end)) {
                i = last = i + n;
            } else if (const std::size_t m = match_length<pegtl::sor<r::blank_char, r::comment>>(i, end)) {
                i += m;
            } else {
                last = ++i;
            }
        }
        return last;
    }

    // The first bytes of '"', '#', '/' and of “ 「 U+3000 U+FEFF (E2, E3, EF).
    static bool may_start_string_or_blank(unsigned char c) {
        return c == '"' || c == '#' || c == '/' || c == 0xE2 || c == 0xE3 || c == 0xEF;
    }

    // How many bytes grammar rule R matches at `pos` (not past `end`); 0 when it does not.
    template <typename R>
    std::size_t match_length(std::size_t pos, std::size_t end) const {
        pegtl::memory_input in(text_.data() + pos, end - pos, "");
        try {
            return pegtl::parse<R>(in) ? static_cast<std::size_t>(in.current() - (text_.data() + pos)) : 0;
        } catch (const pegtl::parse_error&) {  // a must<> inside R: not a match here
            return 0;
        }
    }

    template <typename T>
    static const Node* child(const Node& n) {
        for (const auto& c : n.children) {
            if (c->is_type<T>()) return c.get();
        }
        return nullptr;
    }

    template <typename T>
    static std::vector<const Node*> all(const Node& n) {
        std::vector<const Node*> out;
        for (const auto& c : n.children) {
            if (c->is_type<T>()) out.push_back(c.get());
        }
        return out;
    }

    ast::Ident ident(const Node& n) const { return {n.string(), span(n)}; }

    static int year_of(const Node& year_number) { return std::stoi(year_number.string()); }

    std::vector<int> years(const Node& n) const {
        std::vector<int> out;
        for (const Node* y : all<r::year_number>(n)) out.push_back(year_of(*y));
        return out;
    }

    // The text of a string literal without its quotes; \" \\ \n \t unescaped in "..." strings.
    static std::string string_value(const Node& n) {
        const std::string_view s = n.string_view();
        if (n.is_type<r::ascii_string>()) {
            std::string out;
            for (std::size_t i = 1; i + 1 < s.size(); ++i) {
                if (s[i] == '\\' && i + 2 < s.size()) {
                    ++i;
                    out += s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
                } else {
                    out += s[i];
                }
            }
            return out;
        }
        // “…” and 「…」: both delimiters are three bytes in UTF-8.
        return std::string(s.substr(3, s.size() - 6));
    }

    static const Node* string_child(const Node& n) {
        for (const auto& c : n.children) {
            if (c->is_type<r::ascii_string>() || c->is_type<r::cn_string>() || c->is_type<r::corner_string>()) {
                return c.get();
            }
        }
        return nullptr;
    }

    // A name written either quoted or as an identifier (region, domain, lead department, stage).
    ast::Ident name_value(const Node& n) const {
        if (const Node* s = string_child(n)) return {string_value(*s), span(*s)};
        if (const Node* id = child<r::identifier>(n)) return ident(*id);
        if (const Node* full = child<r::full_coverage_word>(n)) return ident(*full);
        return {n.has_content() ? n.string() : std::string(), span(n)};
    }

    std::optional<ast::Item> build_item(const Node& n) {
        if (n.is_type<r::plan_decl>()) return ast::Item{plan(n)};
        if (n.is_type<r::domain_decl>()) return ast::Item{domain(n)};
        if (n.is_type<r::source_block>()) return ast::Item{source(n)};
        if (n.is_type<r::region_block>()) return ast::Item{region_block(n)};
        if (n.is_type<r::indicator_decl>()) return ast::Item{indicator(n)};
        if (n.is_type<r::input_decl>()) return ast::Item{input(n)};
        if (n.is_type<r::fn_decl>()) return ast::Item{function(n)};
        if (n.is_type<r::import_decl>()) return ast::Item{import(n)};
        if (n.is_type<r::verb_decl>()) return ast::Item{verb_declaration(n)};
        if (n.is_type<r::target_stmt>()) return ast::Item{target(n)};
        if (n.is_type<r::target_table>()) return ast::Item{target_table(n)};
        return std::nullopt;  // a node of an item that failed and was recovered from
    }

    std::vector<ast::Item> items(const Node& n) {
        std::vector<ast::Item> out;
        for (const auto& c : n.children) {
            if (auto item = build_item(*c)) out.push_back(std::move(*item));
        }
        return out;
    }

    ast::PlanDecl plan(const Node& n) {
        ast::PlanDecl p;
        p.span = span(n);
        if (const Node* name = child<r::plan_name>(n)) p.name = string_value(*string_child(*name));
        for (const auto& c : n.children) {
            if (c->is_type<r::region_attr>()) {
                p.region = name_value(*c);
            } else if (c->is_type<r::plan_baseline>()) {
                p.baseline_year = years(*c).at(0);
                p.baseline_span = span(*c);
            } else if (c->is_type<r::period_attr>()) {
                const auto ys = years(*c);
                p.period = std::pair{ys.at(0), ys.at(1)};
                p.period_span = span(*c);
            } else if (c->is_type<r::tolerance_attr>()) {
                p.tolerance = setting(*c);
            }
        }
        return p;
    }

    ast::DomainDecl domain(const Node& n) {
        ast::DomainDecl d;
        d.span = span(n);
        d.name = name_value(*child<r::domain_name>(n));
        for (const Node* lead : all<r::lead_name>(n)) d.leads.push_back(name_value(*lead));
        d.items = items(n);
        return d;
    }

    ast::SourceBlock source(const Node& n) {
        ast::SourceBlock s;
        s.span = span(n);
        s.label = string_value(*string_child(*child<r::source_label>(n)));
        s.items = items(n);
        return s;
    }

    ast::SourceBlock region_block(const Node& n) {
        ast::SourceBlock s;
        s.span = span(n);
        s.region = name_value(*child<r::region_block_name>(n));
        s.items = items(n);
        return s;
    }

    ast::UnitAttr unit_attr(const Node& n) const {
        const Node* u = child<r::unit_name>(n);
        std::string text = u->string();
        if (text == "％") text = "%";
        return {text, span(*u)};
    }

    ast::IndicatorDecl indicator(const Node& n) {
        ast::IndicatorDecl d;
        d.span = span(n);
        d.id = ident(*child<r::indicator_id>(n));
        if (const Node* display = child<r::indicator_display>(n)) {
            d.display = string_value(*string_child(*display));
            d.display_span = span(*display);
        }
        for (const auto& c : n.children) {
            if (auto item = indicator_item(*c)) d.items.push_back(std::move(*item));
        }
        return d;
    }

    std::optional<ast::IndicatorItem> indicator_item(const Node& n) {
        if (n.is_type<r::unit_attr>()) return unit_attr(n);
        if (n.is_type<r::direction_attr>()) {
            const bool lower = child<r::kw_lower>(n) != nullptr;
            return ast::DirectionAttr{lower ? ast::Direction::lower : ast::Direction::higher, span(n)};
        }
        if (n.is_type<r::stages_attr>()) {
            ast::StagesAttr s;
            s.span = span(n);
            for (const Node* st : all<r::stage_name>(n)) s.stages.push_back(name_value(*st));
            return s;
        }
        if (n.is_type<r::milestone_attr>()) {
            ast::StagesAttr s;
            s.span = span(n);
            s.milestone = true;
            return s;
        }
        if (n.is_type<r::parts_attr>()) {
            ast::PartsAttr p;
            p.span = span(n);
            for (const Node* part : all<r::part_decl>(n)) {
                ast::PartDecl decl{ident(*child<r::identifier>(*part)), std::nullopt};
                if (const Node* display = child<r::part_display>(*part))
                    decl.display = string_value(*string_child(*display));
                p.parts.push_back(std::move(decl));
            }
            return p;
        }
        if (n.is_type<r::full_coverage_attr>()) return ast::FullCoverageAttr{expr(*last_expression(n)), span(n)};
        if (n.is_type<r::formula_attr>()) return ast::FormulaAttr{expr(*last_expression(n)), span(n)};
        if (n.is_type<r::baseline_attr>()) return baseline(n);
        if (n.is_type<r::table_entry>()) return entry(n);
        if (n.is_type<r::tolerance_attr>() || n.is_type<r::precision_attr>()) return setting(n);
        if (n.is_type<r::tags_attr>()) {
            return ast::TagsAttr{tags(n), span(n)};
        }
        if (n.is_type<r::data_attr>()) return ast::DataAttr{child<r::data_running_total>(n) != nullptr, span(n)};
        return std::nullopt;
    }

    ast::SettingAttr setting(const Node& n) const {
        ast::SettingAttr a;
        a.kind = n.is_type<r::precision_attr>() ? ast::SettingAttr::Kind::precision : ast::SettingAttr::Kind::tolerance;
        const NumberText number = read_number(child<r::setting_amount>(n)->string_view());
        a.value = number.value;
        a.unit = number.unit;
        a.magnitude = number.magnitude;
        a.span = span(n);
        return a;
    }

    ast::BaselineAttr baseline(const Node& n) {
        ast::BaselineAttr b;
        b.span = span(n);
        if (const Node* y = child<r::baseline_year>(n)) b.year = years(*y).at(0);
        if (const Node* text = child<r::baseline_text>(n)) {
            b.text = string_value(*string_child(*text));
        } else if (const Node* value = last_expression(n)) {
            b.value = expr(*value);
        }
        for (const auto& c : n.children) {
            if (const auto op = cmp_of(*c)) b.bound = ast::Cmp{*op, span(*c)};
        }
        return b;
    }

    ast::TableEntry entry(const Node& n) {
        ast::TableEntry e;
        e.span = span(n);
        const Node* years_node = child<r::entry_years>(n);
        const auto ys = years(*years_node);
        e.from = ys.at(0);
        e.to = ys.size() > 1 ? ys.at(1) : ys.at(0);
        e.years_span = span(*years_node);
        e.condition = condition(*child<r::entry_condition>(n));
        return e;
    }

    ast::InputDecl input(const Node& n) {
        ast::InputDecl d;
        d.span = span(n);
        d.id = ident(*child<r::input_id>(n));
        if (const Node* display = child<r::indicator_display>(n)) d.display = string_value(*string_child(*display));
        if (const Node* unit = child<r::unit_attr>(n)) d.unit = unit_attr(*unit);
        return d;
    }

    ast::FnDecl function(const Node& n) {
        ast::FnDecl f;
        f.span = span(n);
        f.name = ident(*child<r::fn_name>(n));
        for (const Node* p : all<r::param>(n)) f.params.push_back(ident(*p));
        f.body = expr(*last_expression(n));
        return f;
    }

    ast::ImportDecl import(const Node& n) {
        const Node* path = string_child(*child<r::import_path>(n));
        return {span(n), string_value(*path), span(*path), std::nullopt};
    }

    ast::VerbDecl verb_declaration(const Node& n) {
        ast::VerbDecl v;
        v.span = span(n);
        for (const auto& c : n.children) {
            if (c->is_type<r::verb_word>()) {
                v.word = ident(*c);
            } else if (const auto op = cmp_of(*c)) {
                v.op = ast::Cmp{*op, span(*c)};
            } else if (c->is_type<r::verb_every_year>()) {
                v.every_year = true;
            } else if (c->is_type<r::verb_holds_level>()) {
                v.holds_level = true;
            }
        }
        return v;
    }

    // ---- targets

    // 普惠托位占比 / 老年友好.村社: the indicator (or part) a statement or a region's table is about.
    ast::Subject subject(const Node& n) {
        ast::Subject s;
        s.span = span(n);
        s.indicator = ident(*child<r::identifier>(n));
        if (const Node* part = child<r::part_name>(n)) s.part = ident(*part);
        return s;
    }

    // The words after 标签 (an indicator's attribute or a statement's end).
    std::vector<ast::Ident> tags(const Node& n) {
        std::vector<ast::Ident> out;
        for (const Node* tag : all<r::tag_word>(n)) out.push_back(ident(*tag));
        return out;
    }

    ast::TargetTable target_table(const Node& n) {
        ast::TargetTable t;
        t.span = span(n);
        t.subject = subject(*child<r::table_subject>(n));
        for (const auto& c : n.children)
            if (c->is_type<r::table_entry>()) t.entries.push_back(entry(*c));
        return t;
    }

    ast::TargetStmt target(const Node& n) {
        ast::TargetStmt t;
        t.span = span(n);
        for (const auto& c : n.children) {
            if (c->is_type<r::year_prefix>()) {
                const auto ys = years(*c);
                ast::YearClause y;
                y.span = span(*c);
                y.from = ys.at(0);
                if (ys.size() > 1) {
                    y.kind = ast::YearClause::Kind::range;
                    y.to = ys.at(1);
                }
                t.years.push_back(y);
            } else if (c->is_type<r::every_year_prefix>() || c->is_type<r::every_year>()) {
                t.years.push_back({ast::YearClause::Kind::every_year, 0, 0, span(*c)});
            } else if (c->is_type<r::by_clause>() || c->is_type<r::in_clause>()) {
                t.years.push_back({ast::YearClause::Kind::point, years(*c).at(0), 0, span(*c)});
            } else if (c->is_type<r::from_clause>()) {
                t.years.push_back({ast::YearClause::Kind::range, years(*c).at(0), 0, span(*c)});
            } else if (c->is_type<r::to_clause>()) {
                t.years.push_back({ast::YearClause::Kind::range, 0, years(*c).at(0), span(*c)});
            } else if (c->is_type<r::cumulative>()) {
                ast::Cumulative cum{span(*c), std::nullopt};
                if (const auto ys = years(*c); !ys.empty()) cum.since = ys.front();
                t.cumulative = cum;
            } else if (c->is_type<r::subject>()) {
                t.subjects.push_back(subject(*c));
            } else if (c->is_type<r::respectively>()) {
                t.respectively = span(*c);
            } else if (c->is_type<r::statement_condition>()) {
                t.condition = condition(*c);
            } else if (c->is_type<r::and_condition>()) {
                t.also.push_back(condition(*child<r::statement_condition>(*c)));
            } else if (c->is_type<r::statement_tags>()) {
                t.tags = tags(*c);
            }
        }
        return t;
    }

    static std::optional<ast::CmpOp> cmp_of(const Node& n) {
        if (n.is_type<r::op_ge>() || n.is_type<r::post_ge>()) return ast::CmpOp::ge;
        if (n.is_type<r::op_le>() || n.is_type<r::post_le>()) return ast::CmpOp::le;
        if (n.is_type<r::op_gt>()) return ast::CmpOp::gt;
        if (n.is_type<r::op_lt>()) return ast::CmpOp::lt;
        if (n.is_type<r::op_eq>()) return ast::CmpOp::eq;
        if (n.is_type<r::op_around>() || n.is_type<r::post_around>()) return ast::CmpOp::around;
        return std::nullopt;
    }

    static bool is_postfix(const Node& n) {
        return n.is_type<r::post_ge>() || n.is_type<r::post_le>() || n.is_type<r::post_around>();
    }

    ast::Condition condition(const Node& n) {
        ast::Condition c;
        c.span = span(n);
        for (const auto& k : n.children) {
            if (k->is_type<r::verb>()) {
                c.verb = k->string();
                c.verb_span = span(*k);
            } else if (const auto op = cmp_of(*k)) {
                (is_postfix(*k) ? c.postfix : c.prefix) = ast::Cmp{*op, span(*k)};
            } else if (k->is_type<r::full_coverage_word>()) {
                c.special = ast::Special::full_coverage;
            } else if (k->is_type<r::zero_word>()) {
                c.special = ast::Special::zero;
            } else if (k->is_type<r::falls_yearly_word>() || k->is_type<r::rises_yearly_word>()) {
                c.special = k->is_type<r::falls_yearly_word>() ? ast::Special::falls_yearly : ast::Special::rises_yearly;
            } else if (k->is_type<r::recent_years>()) {
                c.recent_years = recent_count(k->string_view());
            } else if (k->is_type<r::tolerance>()) {
                c.tolerance = expr(*last_expression(*k));
            } else if (k->is_type<r::range_high>() && !c.uppers.empty()) {
                c.uppers.back() = expr(*last_expression(*k));
            } else if (is_expression(*k) || k->is_type<r::pair_value>()) {
                c.values.push_back(expr(*k));
                c.uppers.push_back(nullptr);
            }
        }
        return c;
    }

    // 近3年 / 近三年 → 3.
    static int recent_count(std::string_view text) {
        text.remove_prefix(std::string_view("近").size());
        text.remove_suffix(std::string_view("年").size());
        static constexpr std::string_view kDigits[] = {"二", "三", "四", "五", "六", "七", "八", "九", "十"};
        for (std::size_t k = 0; k < std::size(kDigits); ++k) {
            if (text == kDigits[k]) return static_cast<int>(k) + 2;
        }
        int n = 0;
        std::from_chars(text.data(), text.data() + text.size(), n);
        return n;
    }

    // ---- expressions

    static bool is_expression(const Node& n) {
        return n.is_type<r::expr>() || n.is_type<r::or_expr>() || n.is_type<r::and_expr>() ||
               n.is_type<r::cmp_expr>() || n.is_type<r::add_expr>() || n.is_type<r::mul_expr>() ||
               n.is_type<r::postfix_expr>() || n.is_type<r::negation>() || n.is_type<r::logical_not>() ||
               n.is_type<r::number>() || n.is_type<r::name_ref>() || n.is_type<r::call>() || n.is_type<r::if_expr>() ||
               n.is_type<r::current_year>() || n.is_type<r::pair_value>() || n.is_type<r::quoted_name>();
    }

    static const Node* last_expression(const Node& n) {
        for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
            if (is_expression(**it)) return it->get();
        }
        return nullptr;
    }

    static std::vector<const Node*> expressions(const Node& n) {
        std::vector<const Node*> out;
        for (const auto& c : n.children) {
            if (is_expression(*c)) out.push_back(c.get());
        }
        return out;
    }

    ast::ExprPtr make(const Node& n, auto node) const {
        return std::make_unique<ast::Expr>(ast::Expr{span(n), std::move(node)});
    }

    void fail(Span where, Text message) const {
        failed_ = true;
        diags_.error(where, std::move(message));
    }

    // Later passes (and destructors) walk expressions recursively; a flat chain such as
    // 1+1+…+1 parses without nesting but would build a deep tree, so building stops as soon
    // as an expression gets too high (building itself recurses only as deep as the parse
    // tree, which the grammar bounds).
    bool too_tall(int height, Span where) const {
        if (height <= kMaxExpressionHeight) return false;
        if (!reported_tall_) {
            reported_tall_ = true;
            diags_.error(
                where,
                {fmt::format("expression too long or too deeply nested (more than {} levels)", kMaxExpressionHeight),
                 fmt::format("表达式过长或嵌套过深（超过 {} 层）", kMaxExpressionHeight)},
                {"split it into named parts: a function or a derived indicator", "请拆分为函数或派生指标"});
        }
        return true;
    }

    static ast::BinaryOp binary_op(const Node& op) {
        const std::string_view s = op.string_view();
        if (op.is_type<r::kw_and>()) return ast::BinaryOp::logical_and;
        if (op.is_type<r::kw_or>()) return ast::BinaryOp::logical_or;
        if (op.is_type<r::mul_op>()) return s == "*" || s == "×" ? ast::BinaryOp::mul : ast::BinaryOp::div;
        if (op.is_type<r::add_op>()) return s == "+" ? ast::BinaryOp::add : ast::BinaryOp::sub;
        // cmp_op
        if (s == ">=" || s == "≥" || s == "≧" || s == "＞＝") return ast::BinaryOp::ge;
        if (s == "<=" || s == "≤" || s == "≦" || s == "＜＝") return ast::BinaryOp::le;
        if (s == "==" || s == "＝＝") return ast::BinaryOp::eq;
        if (s == "!=" || s == "≠") return ast::BinaryOp::ne;
        if (s == ">" || s == "＞") return ast::BinaryOp::gt;
        return ast::BinaryOp::lt;
    }

    ast::ExprPtr expr(const Node& n) const {
        int height = 0;
        ast::ExprPtr e = expr(n, height);
        if (too_tall(height, e->span)) return make(n, ast::Number{0, "0", {}, 0});
        return e;
    }

    // Builds the expression of `n`; `height` receives the height of the built tree.
    ast::ExprPtr expr(const Node& n, int& height) const {
        height = 1;
        // Each child's height raises this node's; `sub` builds a child and tracks that.
        const auto sub = [&](const Node& child) {
            int h = 0;
            ast::ExprPtr e = expr(child, h);
            height = std::max(height, h + 1);
            return e;
        };
        if (n.is_type<r::number>()) {
            const NumberText num = read_number(n.string_view());
            if (!num.in_range)
                fail(span(n),
                     {"this number is too large or too small to be represented", "此数值过大或过小，无法表示"});
            return make(n, ast::Number{num.value, n.string(), num.unit, num.magnitude});
        }
        if (n.is_type<r::name_ref>()) {
            ast::Name name{ident(*child<r::identifier>(n)), std::nullopt};
            if (const Node* part = child<r::part_name>(n)) name.part = ident(*part);
            return make(n, std::move(name));
        }
        if (n.is_type<r::current_year>()) return make(n, ast::CurrentYear{});
        if (n.is_type<r::quoted_name>())
            return make(n, ast::Name{ast::Ident{string_value(*string_child(n)), span(n)}, std::nullopt, true});
        if (n.is_type<r::call>()) {
            ast::Call call{ident(*child<r::callee>(n)), {}};
            for (const Node* arg : expressions(n)) call.args.push_back(sub(*arg));
            return make(n, std::move(call));
        }
        if (n.is_type<r::if_expr>()) {
            const auto parts = expressions(n);
            return make(n, ast::If{sub(*parts.at(0)), sub(*parts.at(1)), sub(*parts.at(2))});
        }
        if (n.is_type<r::negation>()) return make(n, ast::Unary{ast::UnaryOp::negate, sub(*last_expression(n))});
        if (n.is_type<r::logical_not>())
            return make(n, ast::Unary{ast::UnaryOp::logical_not, sub(*last_expression(n))});
        if (n.is_type<r::pair_value>()) {
            const auto parts = expressions(n);
            return make(n, ast::Pair{sub(*parts.at(0)), sub(*parts.at(1))});
        }
        if (n.is_type<r::postfix_expr>()) {
            ast::ExprPtr result = sub(*n.children.at(0));
            for (std::size_t i = 1; i < n.children.size(); ++i) {
                const Node& index = *n.children[i];
                if (too_tall(++height, result->span)) return make(n, ast::Number{0, "0", {}, 0});
                Span s = result->span;
                s.end = static_cast<std::uint32_t>(index.m_end.byte);
                result = std::make_unique<ast::Expr>(
                    ast::Expr{s, ast::AtYear{std::move(result), sub(*last_expression(index))}});
            }
            return result;
        }
        // A left-associative chain: operand (op operand)*; every operator adds a level.
        ast::ExprPtr result = sub(*n.children.at(0));
        for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
            ast::ExprPtr rhs = sub(*n.children[i + 1]);
            if (too_tall(++height, result->span)) return make(n, ast::Number{0, "0", {}, 0});
            Span s = result->span;
            s.end = rhs->span.end;
            result = std::make_unique<ast::Expr>(
                ast::Expr{s, ast::Binary{binary_op(*n.children[i]), std::move(result), std::move(rhs)}});
        }
        return result;
    }
};

}  // namespace

ast::Module parse_module(const SourceMap& sources, FileId file, Diagnostics& diags) {
    const SourceFile& f = sources.file(file);
    if (const auto bad = text::find_invalid_utf8(f.text())) {
        const auto at = static_cast<std::uint32_t>(*bad);
        diags.error(Span{file, at, at + 1},
                    {fmt::format("invalid UTF-8 (byte 0x{:02X}); rule files must be saved as UTF-8",
                                 static_cast<unsigned char>(f.text()[*bad])),
                     fmt::format("无效的 UTF-8 字节 0x{:02X}；规则文件须保存为 UTF-8 编码",
                                 static_cast<unsigned char>(f.text()[*bad]))},
                    {"re-save the file as UTF-8 (e.g. iconv -f GBK -t UTF-8)",
                     "请将文件另存为 UTF-8（如 iconv -f GBK -t UTF-8）"});
        return ast::Module{file, {}};
    }
    // A NUL would cut a path or a name short where it meets C APIs (import "b.dab\0evil" is b.dab).
    if (const auto nul = f.text().find('\0'); nul != std::string::npos) {
        const auto at = static_cast<std::uint32_t>(nul);
        diags.error(Span{file, at, at + 1},
                    {"NUL character (U+0000) in a rule file", "规则文件中含有 NUL 字符（U+0000）"},
                    {"remove it; rule files are text", "请删除该字符；规则文件应为纯文本"});
        return ast::Module{file, {}};
    }
    pegtl::memory_input<> in(f.text(), f.name());
    SyntaxErrors errors{file, f.text(), diags};
    try {
        const auto root = pegtl::parse_tree::parse<r::file, selector, depth_limited, control>(in, errors);
        if (!root || errors.count > 0) return ast::Module{file, {}};
        Builder builder(file, f.text(), diags);
        ast::Module module = builder.module(*root);
        if (builder.failed()) return ast::Module{file, {}};
        return module;
    } catch (const TooManyErrors&) {
        diags.note(FileOnly{f.name()},
                   {"too many syntax errors; stopped reading this file", "语法错误过多，已停止读取此文件"});
    } catch (const pegtl::parse_error& e) {
        const std::size_t at = e.positions().empty() ? 0 : e.positions().front().byte;
        errors.record(at, e.message() == kDepthExceeded ? "nested too deeply\n嵌套过深" : std::string(e.message()));
    }
    return ast::Module{file, {}};
}

std::optional<DataValue> parse_data_value(std::string_view text) {
    pegtl::memory_input<> in(text.data(), text.size(), "value");
    try {
        const auto root = pegtl::parse_tree::parse<r::value_text, selector>(in);
        if (!root) return std::nullopt;
        DataValue out;
        const Node* pair = nullptr;
        for (const auto& c : root->children) {
            if (c->is_type<r::pair_value>()) pair = c.get();
        }
        const Node& first = pair ? *pair->children.at(0) : *root->children.back();
        const NumberText a = read_number(first.string_view());
        if (!a.in_range) return std::nullopt;
        out.value = a.value;
        out.unit = a.unit;
        out.magnitude = a.magnitude;
        if (pair) {
            const NumberText b = read_number(pair->children.at(1)->string_view());
            if (!b.in_range) return std::nullopt;
            out.second = b.value;
            out.second_unit = b.unit;
        } else if (root->children.front()->is_type<r::value_sign>()) {
            out.value = -out.value;
        }
        return out;
    } catch (const pegtl::parse_error&) {
        return std::nullopt;
    }
}

std::size_t analyze_grammar() {
    return pegtl::analyze<r::file>(-1) + pegtl::analyze<r::value_text>(-1);
}

}  // namespace dabiao::grammar
