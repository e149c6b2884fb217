// A diagnostic is a plain value; the checker and loaders collect them, and exactly
// one function (render_diagnostic) turns them into text.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/source.hpp"

namespace dabiao {

enum class Lang { zh, en };

// A message in both languages; the renderer picks one.
struct Text {
    std::string en;
    std::string zh;
    bool empty() const { return en.empty() && zh.empty(); }
    const std::string& in(Lang lang) const { return lang == Lang::zh && !zh.empty() ? zh : en; }
};

enum class Severity { error, warning, note };
std::string_view severity_word(Severity s);  // "error", "warning", "note"

// A place in a data file that has no source text to show, e.g. a JSON pointer.
struct DataPointer {
    std::string file;
    std::string pointer;  // RFC 6901 JSON pointer ("/a/0"), or a workbook's cell ("Sheet1!D7")
};

// A problem that concerns a whole file (cannot open it, too large...).
struct FileOnly {
    std::string file;
};

struct NoLocation {};

using Location = std::variant<NoLocation, Span, DataPointer, FileOnly>;

// Another place a diagnostic concerns, e.g. where a name was first declared or the other of two
// conflicting targets; shown after the diagnostic with its own source line.
struct Note {
    Location where;
    Text message;
};

struct Diagnostic {
    Severity severity = Severity::error;
    Location where;
    Text message;
    Text hint;
    // `= {}` lets an aggregate {severity, where, message, hint} leave the notes out.
    std::vector<Note> notes = {};

    Diagnostic& add_note(Location at, Text note) {
        notes.push_back({std::move(at), std::move(note)});
        return *this;
    }
};

class Diagnostics {
public:
    void add(Diagnostic d);
    void error(Location where, Text message, Text hint = {});
    void warning(Location where, Text message, Text hint = {});
    void note(Location where, Text message, Text hint = {});

    bool has_errors() const { return errors_ > 0; }
    std::size_t error_count() const { return errors_; }
    std::size_t warning_count() const { return warnings_; }
    const std::vector<Diagnostic>& all() const { return list_; }
    bool empty() const { return list_.empty(); }
    void append(const Diagnostics& other);

private:
    std::vector<Diagnostic> list_;
    std::size_t errors_ = 0;
    std::size_t warnings_ = 0;
};

struct RenderOptions {
    Lang lang = Lang::zh;
    bool color = false;
};

// `file:line:col: error: message`, the source line, and a caret (^~~~) under the span,
// aligned by display width so it lands under the right character after Chinese text; then the
// hint, then each note in the same form (`file:line:col: note: message`, its line, its caret).
std::string render_diagnostic(const Diagnostic& d, const SourceMap& sources, const RenderOptions& options);
std::string render_diagnostics(const Diagnostics& ds, const SourceMap& sources, const RenderOptions& options);

// "file:line:col" (or "file: /json/pointer") for a location, used in reports too.
std::string describe_location(const Location& where, const SourceMap& sources);

}  // namespace dabiao
