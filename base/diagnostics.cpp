#include "base/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "base/terminal.hpp"
#include "base/words.hpp"

namespace dabiao {

void Diagnostics::add(Diagnostic d) {
    if (d.severity == Severity::error) ++errors_;
    if (d.severity == Severity::warning) ++warnings_;
    list_.push_back(std::move(d));
}

void Diagnostics::error(Location where, Text message, Text hint) {
    add({Severity::error, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(Location where, Text message, Text hint) {
    add({Severity::warning, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::note(Location where, Text message, Text hint) {
    add({Severity::note, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
    for (const auto& d : other.all()) add(d);
}

std::string_view severity_word(Severity s) {
    switch (s) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

namespace {

struct Style {
    bool on;
    std::string wrap(std::string_view code, std::string_view s) const {
        return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
    }
};

std::string_view severity_color(Severity s) {
    switch (s) {
        case Severity::error:
            return "1;31";
        case Severity::warning:
            return "1;33";
        case Severity::note:
            return "1;36";
    }
    return "1";
}

// Replaces tabs (so that the caret line can be computed from display widths alone), bytes that
// are not UTF-8 (shown as U+FFFD, one column each, as display_width counts them) and control
// characters (escaped visibly: the caret line is measured on the escaped text).
std::string printable(std::string_view line) {
    std::string out;
    char32_t cp = 0;
    for (std::size_t i = 0; i < line.size();) {
        const std::size_t n = text::decode_utf8(line, i, cp);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            i += 1;
        } else if (cp == '\t') {
            out += "    ";
            i += 1;
        } else {
            out += text::for_terminal(line.substr(i, n));
            i += n;
        }
    }
    return out;
}

// At most this many bytes of a source line are shown around a diagnostic's span.
constexpr std::size_t kShownLineBytes = 240;

// Cuts `pos` back to the start of a UTF-8 character.
std::size_t char_start(std::string_view s, std::size_t pos) {
    while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
    return pos;
}

struct Window {
    std::string shown;
    std::size_t begin;  // the span within `shown`
    std::size_t end;
};

// The part of a long line around [begin, end), with "…" where it was cut.
Window window(std::string_view line, std::size_t begin, std::size_t end) {
    if (line.size() <= kShownLineBytes) return {std::string(line), begin, end};
    const std::size_t from = char_start(line, begin > kShownLineBytes / 3 ? begin - kShownLineBytes / 3 : 0);
    const std::size_t to = char_start(line, std::min(line.size(), from + kShownLineBytes));
    std::string shown =
        (from > 0 ? "…" : "") + std::string(line.substr(from, to - from)) + (to < line.size() ? "…" : "");
    const std::size_t offset = from > 0 ? std::string_view("…").size() : 0;
    const std::size_t span_begin = begin - from + offset;
    const std::size_t span_end = std::min(end, to) - from + offset;
    return {std::move(shown), span_begin, std::max(span_begin, span_end)};
}

}  // namespace

std::string describe_location(const Location& where, const SourceMap& sources) {
    return std::visit(
        [&](const auto& loc) -> std::string {
            using T = std::decay_t<decltype(loc)>;
            if constexpr (std::is_same_v<T, Span>) {
                const SourceFile& f = sources.file(loc.file);
                const LineCol lc = f.line_col(loc.begin);
                return fmt::format("{}:{}:{}", f.name(), lc.line, lc.column);
            } else if constexpr (std::is_same_v<T, DataPointer>) {
                // A JSON pointer follows "file: "; a workbook's cell joins as Excel writes it: 表.xlsx!Sheet!D7.
                if (!loc.pointer.empty() && !loc.pointer.starts_with('/')) return fmt::format("{}!{}", loc.file, loc.pointer);
                return fmt::format("{}: {}", loc.file, loc.pointer.empty() ? "/" : loc.pointer);
            } else if constexpr (std::is_same_v<T, FileOnly>) {
                return loc.file;
            } else {
                return "dabiao";
            }
        },
        where);
}

namespace {

// `file:line:col: severity: message`, then for a span its source line and a caret line under it.
std::string located_message(const Location& where, Severity severity, const Text& message, const SourceMap& sources,
                            const RenderOptions& options) {
    const Style style{options.color};
    std::string out = fmt::format("{}: {}: {}\n", style.wrap("1", text::for_terminal(describe_location(where, sources))),
                                  style.wrap(severity_color(severity), severity_word(severity)),
                                  style.wrap("1", text::for_terminal_lines(message.in(options.lang))));
    if (const auto* span = std::get_if<Span>(&where)) {
        const SourceFile& f = sources.file(span->file);
        const LineCol lc = f.line_col(span->begin);
        const std::string_view line = f.line_text(lc.line);
        const std::uint32_t line_start = f.line_begin(lc.line);
        const std::size_t begin_in_line = std::min<std::size_t>(span->begin - line_start, line.size());
        // The underline covers the span's part on its first line, at least one column.
        std::size_t end_in_line = span->end > span->begin ? span->end - line_start : begin_in_line;
        end_in_line = std::clamp(end_in_line, begin_in_line, line.size());
        // A long line (a minified file, a huge CSV cell) is shown as a window around the span.
        const auto [shown, shown_begin, shown_end] = window(line, begin_in_line, end_in_line);
        const int lead = text::display_width(printable(shown.substr(0, shown_begin)));
        const int width =
            std::max(1, text::display_width(printable(shown.substr(shown_begin, shown_end - shown_begin))));
        const std::string number = std::to_string(lc.line);
        const std::string gutter(number.size(), ' ');
        std::string marker(static_cast<std::size_t>(width), '~');  // ^~~~ under the span
        marker.front() = '^';
        out += fmt::format(" {} | {}\n", number, printable(shown));
        out += fmt::format(" {} | {}{}\n", gutter, std::string(static_cast<std::size_t>(lead), ' '),
                           style.wrap(severity_color(severity), marker));
    }
    return out;
}

}  // namespace

std::string render_diagnostic(const Diagnostic& d, const SourceMap& sources, const RenderOptions& options) {
    std::string out = located_message(d.where, d.severity, d.message, sources, options);
    if (!d.hint.empty()) {
        out += fmt::format("  {}: {}\n", word(Word::hint).in(options.lang),
                          text::for_terminal_lines(d.hint.in(options.lang)));
    }
    for (const Note& note : d.notes) out += located_message(note.where, Severity::note, note.message, sources, options);
    return out;
}

namespace {

// Diagnostics of one kind shown per run; the rest are counted in one line (10⁵ copies of one
// warning would otherwise print megabytes).
constexpr std::size_t kMaxShownOfAKind = 100;

// The kind of a diagnostic: its severity and its English message with the quoted names and the
// numbers left out ("'k1' is not an indicator…" and "'k2' is not an indicator…" are one kind).
std::string kind_of(const Diagnostic& d) {
    std::string kind(severity_word(d.severity));
    kind += ':';
    const std::string& m = d.message.en;
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (m[i] == '\'') {
            const std::size_t close = m.find('\'', i + 1);
            if (close == std::string::npos) break;
            kind += "''";
            i = close;
        } else if (m[i] >= '0' && m[i] <= '9') {
            if (kind.back() != '#') kind += '#';
        } else {
            kind += m[i];
        }
    }
    return kind;
}

}  // namespace

std::string render_diagnostics(const Diagnostics& ds, const SourceMap& sources, const RenderOptions& options) {
    // Diagnostics in source files read top to bottom, file by file; the others (data pointers,
    // whole files) follow in the order they were found.
    std::vector<const Diagnostic*> in_files;
    std::vector<const Diagnostic*> elsewhere;
    for (const auto& d : ds.all()) (std::holds_alternative<Span>(d.where) ? in_files : elsewhere).push_back(&d);
    std::stable_sort(in_files.begin(), in_files.end(), [](const Diagnostic* a, const Diagnostic* b) {
        const Span& x = std::get<Span>(a->where);
        const Span& y = std::get<Span>(b->where);
        return std::tie(x.file, x.begin) < std::tie(y.file, y.begin);
    });
    std::string out;
    struct Kind {
        std::size_t count = 0;
        const Diagnostic* first = nullptr;
    };
    std::map<std::string, Kind> kinds;
    std::vector<const Kind*> cut;  // kinds with more than were shown, in the order first seen
    const auto show = [&](const Diagnostic* d) {
        Kind& k = kinds[kind_of(*d)];
        if (k.count++ == 0) k.first = d;
        if (k.count <= kMaxShownOfAKind) out += render_diagnostic(*d, sources, options);
        if (k.count == kMaxShownOfAKind + 1) cut.push_back(&k);
    };
    for (const auto* d : in_files) show(d);
    for (const auto* d : elsewhere) show(d);
    for (const Kind* k : cut) {
        const Text more = phrase::more_of_kind(k->count - kMaxShownOfAKind, k->first->message);
        out += render_diagnostic({Severity::note, NoLocation{}, more, {}}, sources, options);
    }
    return out;
}

}  // namespace dabiao
