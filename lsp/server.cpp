#include "lsp/server.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "base/overloaded.hpp"
#include "base/units.hpp"
#include "base/words.hpp"
#include "lint/format.hpp"
#include "lsp/analysis.hpp"
#include "lsp/completion_context.hpp"
#include "lsp/jsonrpc.hpp"
#include "lsp/vocabulary.hpp"
#include "stdlib/builtins.hpp"
#include "syntax/parse.hpp"

namespace dabiao::lsp {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- URIs

std::string uri_to_path(const std::string& uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.size() < scheme.size() || !std::equal(scheme.begin(), scheme.end(), uri.begin())) return {};
    std::string_view rest = std::string_view(uri).substr(scheme.size());
    rest = rest.substr(std::min(rest.find('/'), rest.size()));  // the authority: "" or "localhost"
    std::string path;
    for (std::size_t k = 0; k < rest.size(); ++k) {
        const auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        if (rest[k] == '%' && k + 2 < rest.size() && hex(rest[k + 1]) >= 0 && hex(rest[k + 2]) >= 0) {
            path.push_back(static_cast<char>(hex(rest[k + 1]) * 16 + hex(rest[k + 2])));
            k += 2;
        } else {
            path.push_back(rest[k]);
        }
    }
    return path;
}

std::string path_to_uri(const std::string& path) {
    std::string uri = "file://";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || std::string_view("-._~/").find(c) != std::string_view::npos) {
            uri.push_back(c);
        } else {
            uri += fmt::format("%{:02X}", u);
        }
    }
    return uri;
}

namespace {

std::string canonical(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(path, ec);
    return ec ? path : p.string();
}

json position_json(Position p) {
    return {{"line", p.line}, {"character", p.character}};
}

Position position_from(const json& p) {
    return {p.at("line").get<std::size_t>(), p.at("character").get<std::size_t>()};
}

// A request the server cannot carry out, answered with an error response.
struct Refusal {
    int code;
    std::string message;
};

struct Document {
    std::string uri;
    std::string path;  // canonical: the overlay's key
    std::string text;
    std::unique_ptr<Analysis> analysis;
    // What the analysis finds, by the URI of the file it is in: the document's own (always
    // there, maybe empty) and those of the files that its imports bring in.
    std::map<std::string, json> diagnostics = {};
};

class Server {
public:
    Server(const LspOptions& options, std::ostream& out) : options_(options), out_(out) {
        options_.load.overlay = &overlay_;
    }

    // Handles one framed message; false once the client has sent `exit`.
    bool handle(const std::string& body) {
        const json message = json::parse(body, nullptr, false);
        if (message.is_discarded()) {
            send(error_response(nullptr, error_code::parse_error, "Parse error: the message is not valid JSON"));
            return true;
        }
        if (!message.is_object()) {
            send(error_response(nullptr, error_code::invalid_request, "Invalid Request: a message is a JSON object"));
            return true;
        }
        const auto id = message.find("id");
        const bool has_id = id != message.end();
        if (has_id && !id->is_number_integer() && !id->is_string()) {
            send(error_response(nullptr, error_code::invalid_request, "Invalid Request: the id is a number or a string"));
            return true;
        }
        const auto method = message.find("method");
        if (method == message.end() || !method->is_string()) {
            // A response to a request of the server's (it sends none) has a result or an error.
            if (has_id && (message.contains("result") || message.contains("error"))) return true;
            send(error_response(has_id ? *id : json(nullptr), error_code::invalid_request,
                                "Invalid Request: the message has no method"));
            return true;
        }
        const std::string name = method->get<std::string>();
        const json params = message.value("params", json::object());
        if (!has_id) return notify(name, params);
        try {
            send(response(*id, request(name, params)));
        } catch (const Refusal& r) {
            send(error_response(*id, r.code, r.message));
        } catch (const json::exception& e) {
            send(error_response(*id, error_code::invalid_params, fmt::format("Invalid params: {}", e.what())));
        } catch (const std::exception& e) {
            send(error_response(*id, error_code::internal_error, fmt::format("Internal error: {}", e.what())));
        }
        return true;
    }

    void send(const json& message) { write_frame(out_, message); }
    int exit_code() const { return shut_down_ ? 0 : 1; }

private:
    LspOptions options_;
    std::ostream& out_;
    bool initialized_ = false;
    bool shut_down_ = false;
    std::map<std::string, Document> documents_;      // by URI
    std::map<std::string, std::string> overlay_;     // canonical path → unsaved text
    std::map<std::string, json> published_;          // by URI: the last list sent, when not empty
    Document unopened_;  // a document asked about without being opened: read from disk for one request

    const Text& w(Word word_) const { return word(word_); }
    std::string in(const Text& t) const { return t.in(options_.lang); }

    // ---------------------------------------------------------------- dispatch

    json request(const std::string& method, const json& params) {
        if (method == "initialize") return initialize(params);
        if (!initialized_)
            throw Refusal{error_code::server_not_initialized, "the server is not initialized: send initialize first"};
        if (shut_down_) throw Refusal{error_code::invalid_request, "the server is shut down: only exit is accepted"};
        if (method == "shutdown") {
            shut_down_ = true;
            return nullptr;
        }
        if (method == "textDocument/hover") return hover(params);
        if (method == "textDocument/definition") return definition(params);
        if (method == "textDocument/completion") return completion(params);
        if (method == "textDocument/formatting") return formatting(params);
        if (method == "textDocument/documentSymbol") return document_symbols(params);
        throw Refusal{error_code::method_not_found, fmt::format("Method not found: {}", method)};
    }

    // Notifications get no response; a bad one is reported to the client's log.
    bool notify(const std::string& method, const json& params) {
        if (method == "exit") return false;
        try {
            if (!initialized_ || shut_down_) return true;
            if (method == "textDocument/didOpen") {
                const json& doc = params.at("textDocument");
                open(doc.at("uri").get<std::string>(), doc.at("text").get<std::string>());
            } else if (method == "textDocument/didChange") {
                change(params.at("textDocument").at("uri").get<std::string>(), params.at("contentChanges"));
            } else if (method == "textDocument/didClose") {
                close(params.at("textDocument").at("uri").get<std::string>());
            }
        } catch (const std::exception& e) {
            send(notification("window/logMessage",
                              {{"type", 1}, {"message", fmt::format("dabiao lsp: {} ignored: {}", method, e.what())}}));
        }
        return true;
    }

    json initialize(const json& params) {
        if (initialized_) throw Refusal{error_code::invalid_request, "initialize was already sent"};
        if (const auto o = params.find("initializationOptions"); o != params.end() && o->is_object()) {
            if (o->value("lang", "") == "en") options_.lang = Lang::en;
            if (o->value("lang", "") == "zh") options_.lang = Lang::zh;
        }
        initialized_ = true;
        return {{"capabilities",
                 {{"positionEncoding", "utf-16"},
                  {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
                  {"hoverProvider", true},
                  {"definitionProvider", true},
                  {"completionProvider", {{"triggerCharacters", json::array({"."})}}},
                  {"documentFormattingProvider", true},
                  {"documentSymbolProvider", true}}},
                {"serverInfo", {{"name", "dabiao"}}}};
    }

    // ---------------------------------------------------------------- documents

    void open(const std::string& uri, std::string text) {
        Document& d = documents_[uri];
        d.uri = uri;
        const std::string path = uri_to_path(uri);
        // A document without a file (untitled:…) gets a name of its own; it can import nothing relative.
        d.path = canonical(path.empty() ? "/dabiao-lsp-unsaved/" + std::to_string(documents_.size()) + ".dab" : path);
        d.text = std::move(text);
        overlay_[d.path] = d.text;
        refresh(d.path);
    }

    void change(const std::string& uri, const json& changes) {
        const auto it = documents_.find(uri);
        if (it == documents_.end()) throw std::runtime_error("the document was not opened");
        Document& d = it->second;
        for (const json& c : changes) {
            if (const auto range = c.find("range"); range != c.end()) {
                const LineIndex lines(d.text);
                const std::size_t begin = lines.offset(position_from(range->at("start")));
                const std::size_t end = std::max(begin, lines.offset(position_from(range->at("end"))));
                d.text.replace(begin, end - begin, c.at("text").get<std::string>());
            } else {
                d.text = c.at("text").get<std::string>();
            }
        }
        overlay_[d.path] = d.text;
        refresh(d.path);
    }

    void close(const std::string& uri) {
        const auto it = documents_.find(uri);
        if (it == documents_.end()) return;
        const std::string path = it->second.path;
        std::set<std::string> touched{uri};
        for (const auto& [file, list] : it->second.diagnostics) touched.insert(file);
        overlay_.erase(path);
        documents_.erase(it);
        // The documents that import it read it from disk again; what they find there is what is
        // left of its list.
        refresh(path, std::move(touched), {uri});
    }

    // Analyses again every open document that is `path` or loaded it, and publishes the diagnostics
    // of those documents and of every file whose list that changes (and of `touched`, when they
    // change, and `analysed`, always).
    void refresh(const std::string& path, std::set<std::string> touched = {}, std::set<std::string> analysed = {}) {
        for (auto& [uri, d] : documents_) {
            if (d.path != path && !(d.analysis && loads(*d.analysis, path))) continue;
            for (const auto& [file, list] : d.diagnostics) touched.insert(file);
            d.analysis = analyze(d.path, options_.load);
            d.diagnostics = diagnostics_of(d);
            for (const auto& [file, list] : d.diagnostics) touched.insert(file);
            analysed.insert(uri);
        }
        publish(touched, analysed);
    }

    static bool loads(const Analysis& a, const std::string& path) {
        for (std::size_t f = 0; f < a.sources.size(); ++f) {
            if (canonical(a.sources.file(static_cast<FileId>(f)).name()) == path) return true;
        }
        return false;
    }

    // The document a request names (analysed from disk when it is not open).
    Document& document(const json& params) {
        const std::string uri = params.at("textDocument").at("uri").get<std::string>();
        if (const auto it = documents_.find(uri); it != documents_.end()) return it->second;
        const std::string path = uri_to_path(uri);
        if (path.empty()) throw Refusal{error_code::request_failed, "unknown document: " + uri};
        Document d{uri, canonical(path), {}, analyze(canonical(path), options_.load)};
        if (!d.analysis->root) throw Refusal{error_code::request_failed, "cannot read " + path};
        d.text = d.analysis->sources.file(*d.analysis->root).text();
        unopened_ = std::move(d);
        return unopened_;
    }

    std::string uri_of(const Analysis& a, FileId file) const {
        const std::string path = canonical(a.sources.file(file).name());
        for (const auto& [uri, d] : documents_) {
            if (d.path == path) return uri;
        }
        return path_to_uri(path);
    }

    json range_of(const Analysis& a, Span s) const {
        const LineIndex& lines = a.lines(s.file);
        return {{"start", position_json(lines.position(s.begin))}, {"end", position_json(lines.position(s.end))}};
    }

    json location_of(const Analysis& a, Span s) const { return {{"uri", uri_of(a, s.file)}, {"range", range_of(a, s)}}; }

    // ---------------------------------------------------------------- diagnostics

    // Sends the list of each of `uris`: what the open documents' analyses find in that file, without
    // repeats, the file's own analysis first. A document in `analysed` gets its list even when it
    // did not change (the client expects one after each change); another file only when it changed.
    void publish(const std::set<std::string>& uris, const std::set<std::string>& analysed) {
        for (const std::string& uri : uris) {
            json list = json::array();
            const auto add = [&](const Document& d) {
                const auto found = d.diagnostics.find(uri);
                if (found == d.diagnostics.end()) return;
                for (const json& diag : found->second) {
                    if (std::find(list.begin(), list.end(), diag) == list.end()) list.push_back(diag);
                }
            };
            if (const auto own = documents_.find(uri); own != documents_.end()) add(own->second);
            for (const auto& [other, d] : documents_) {
                if (other != uri) add(d);
            }
            const auto last = published_.find(uri);
            const bool same = last == published_.end() ? list.empty() : last->second == list;
            if (same && !analysed.contains(uri)) continue;
            if (list.empty()) {
                published_.erase(uri);
            } else {
                published_[uri] = list;
            }
            send(notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", std::move(list)}}));
        }
    }

    // A document's diagnostics by the URI of the file they are in. A problem in a file that one of
    // the document's imports brings in is that file's, and is counted on the import's line in the
    // document (a problem with a note in the document is shown at the note too); the rest are the
    // document's.
    std::map<std::string, json> diagnostics_of(const Document& d) const {
        const Analysis& a = *d.analysis;
        std::map<std::string, json> out{{d.uri, json::array()}};
        // The problems each import brings, by the import's place in the document.
        std::map<std::uint32_t, std::pair<const ast::ImportDecl*, std::vector<const Diagnostic*>>> brought;
        for (const Diagnostic& diag : a.diags.all()) {
            const std::optional<FileId> file = file_of(a, diag.where);
            const auto by = file ? a.brought_by.find(*file) : a.brought_by.end();
            if (by == a.brought_by.end()) {
                out[d.uri].push_back(diagnostic_json(a, diag, a.root));
                continue;
            }
            out[uri_of(a, *file)].push_back(diagnostic_json(a, diag, file));
            auto& [import, problems] = brought[by->second->path_span.begin];
            import = by->second;
            problems.push_back(&diag);
            if (a.root && note_in(diag, *a.root)) out[d.uri].push_back(diagnostic_json(a, diag, a.root));
        }
        for (const auto& [at, import] : brought) out[d.uri].push_back(import_json(a, *import.first, import.second));
        return out;
    }

    // The file a diagnostic is in: its span's, or the file it is about.
    static std::optional<FileId> file_of(const Analysis& a, const Location& where) {
        if (const Span* span = std::get_if<Span>(&where)) return span->file;
        if (const FileOnly* only = std::get_if<FileOnly>(&where)) {
            for (std::size_t f = 0; f < a.sources.size(); ++f) {
                if (a.sources.file(static_cast<FileId>(f)).name() == only->file) return static_cast<FileId>(f);
            }
        }
        return std::nullopt;
    }

    static const Span* note_in(const Diagnostic& diag, FileId file) {
        for (const Note& n : diag.notes) {
            const Span* at = std::get_if<Span>(&n.where);
            if (at && at->file == file) return at;
        }
        return nullptr;
    }

    // "file:line:col" with the file relative to the folder of `home` when it is in that folder.
    std::string shown(const Analysis& a, const Location& where, std::optional<FileId> home) const {
        std::string text = describe_location(where, a.sources);
        if (home) {
            const std::string dir = (fs::path(a.sources.file(*home).name()).parent_path() / "").string();
            if (text.starts_with(dir)) text.erase(0, dir.size());
        }
        return text;
    }

    // A diagnostic at its place in the file `home`; one elsewhere (in another file, or about a
    // whole file) at its first note in `home` or else at the file's start, its message saying
    // where it is.
    json diagnostic_json(const Analysis& a, const Diagnostic& diag, std::optional<FileId> home) const {
        std::string message = in(diag.message);
        const Span* span = std::get_if<Span>(&diag.where);
        const bool here = home && file_of(a, diag.where) == home;
        // Elsewhere, but with a note in the file (the table target of a conflict): shown there.
        const Span* shown_at = here ? span : home ? note_in(diag, *home) : nullptr;
        if (!here && !std::holds_alternative<NoLocation>(diag.where))
            message = shown(a, diag.where, home) + ": " + message;
        if (!diag.hint.empty())
            message += fmt::format("\n{}: {}", word(Word::hint).in(options_.lang), in(diag.hint));
        json related = json::array();
        if (span && !here) related.push_back({{"location", location_of(a, *span)}, {"message", in(diag.message)}});
        for (const Note& n : diag.notes) {
            if (const Span* at = std::get_if<Span>(&n.where)) {
                related.push_back({{"location", location_of(a, *at)}, {"message", in(n.message)}});
            } else {
                message += fmt::format("\n{}: {}", shown(a, n.where, home), in(n.message));
            }
        }
        json out = {{"range", shown_at ? range_of(a, *shown_at)
                                       : json{{"start", position_json(Position{})}, {"end", position_json(Position{})}}},
                    {"severity", lsp_severity(diag.severity)},
                    {"source", "dabiao"},
                    {"message", message}};
        // A lint's name leads its message: "[table-text-conflict] …".
        if (diag.message.en.starts_with('[')) {
            if (const auto close_at = diag.message.en.find(']'); close_at != std::string::npos)
                out["code"] = diag.message.en.substr(1, close_at - 1);
        }
        if (!related.empty()) out["relatedInformation"] = std::move(related);
        return out;
    }

    // DiagnosticSeverity: 1 error, 2 warning, 3 information.
    static int lsp_severity(Severity s) { return s == Severity::error ? 1 : s == Severity::warning ? 2 : 3; }

    // On an import's path in the document: how many problems the files it brings in have, the
    // first of the worst kind, and each as related information (a link to its place), in the
    // order of the files as they are read (the imported file first) and of places in a file.
    json import_json(const Analysis& a, const ast::ImportDecl& import,
                     std::vector<const Diagnostic*> problems) const {
        const auto place = [&](const Diagnostic* p) {
            const Span* span = std::get_if<Span>(&p->where);
            return std::pair{*file_of(a, p->where), span ? span->begin : 0};
        };
        std::stable_sort(problems.begin(), problems.end(),
                         [&](const Diagnostic* x, const Diagnostic* y) { return place(x) < place(y); });
        std::size_t count[3] = {0, 0, 0};  // by Severity: error, warning, note
        const Diagnostic* first = problems.front();
        bool nested = false;  // a problem is in a file that the imported file imports
        json related = json::array();
        for (const Diagnostic* p : problems) {
            ++count[static_cast<std::size_t>(p->severity)];
            if (p->severity < first->severity) first = p;
            const FileId file = *file_of(a, p->where);
            nested = nested || file != import.loaded;
            const Span* span = std::get_if<Span>(&p->where);
            related.push_back({{"location", location_of(a, span ? *span : Span{file, 0, 0})},
                               {"message", fmt::format("{}: {}", severity_word(p->severity), in(p->message))}});
        }
        const Text counted = phrase::imported_problems(import.path, count[0], count[1], count[2], nested);
        const std::string message = fmt::format("{}\n{}{}: {}", in(counted), in({"first: ", "第一条："}),
                                                shown(a, first->where, a.root), in(first->message));
        return {{"range", range_of(a, import.path_span)},
                {"severity", lsp_severity(first->severity)},
                {"source", "dabiao"},
                {"message", message},
                {"relatedInformation", std::move(related)}};
    }

    // ---------------------------------------------------------------- what is under the cursor

    struct Cursor {
        const Analysis* analysis = nullptr;
        const Occurrence* occurrence = nullptr;
    };

    Cursor cursor(const json& params) {
        Document& d = document(params);
        const Analysis& a = *d.analysis;
        if (!a.root) return {&a, nullptr};
        const std::size_t offset = a.lines(*a.root).offset(position_from(params.at("position")));
        return {&a, a.occurrence_at(*a.root, offset)};
    }

    // The parameter of the enclosing function that a name in its body is.
    static const Occurrence* parameter_for(const Analysis& a, const Occurrence& o) {
        if (!o.function || o.kind == Occurrence::Kind::call) return nullptr;
        for (const auto& p : a.occurrences) {
            if (p.kind == Occurrence::Kind::parameter && p.function == o.function && p.text == o.text) return &p;
        }
        return nullptr;
    }

    static const Function* function_named(const Analysis& a, const std::string& name) {
        for (const auto& f : a.program.functions) {
            if (f.name == name) return &f;
        }
        return nullptr;
    }

    static const Occurrence* function_declaration(const Analysis& a, const Function& f) {
        for (const auto& o : a.occurrences) {
            if (o.kind == Occurrence::Kind::declaration && o.text == f.name && o.span.file == f.span.file &&
                o.span.begin >= f.span.begin && o.span.end <= f.span.end)
                return &o;
        }
        return nullptr;
    }

    std::string imported_path(const Analysis& a, const Occurrence& o) const {
        return canonical((fs::path(a.sources.file(o.span.file).name()).parent_path() / o.text).string());
    }

    // ---------------------------------------------------------------- hover

    json hover(const json& params) {
        const Cursor c = cursor(params);
        if (!c.occurrence) return nullptr;
        const Analysis& a = *c.analysis;
        const Occurrence& o = *c.occurrence;
        std::string text;
        if (o.kind == Occurrence::Kind::import) {
            text = fmt::format("**{}** `{}`", in(w(Word::hover_import)), imported_path(a, o));
        } else if (o.kind == Occurrence::Kind::parameter || parameter_for(a, o)) {
            text = fmt::format("**{}** `{}` — {} `{}`", in(w(Word::hover_parameter)), o.text,
                               in(w(Word::hover_function)), o.function ? o.function->name.text : "");
        } else if (const auto key = a.program.keys.find(o.text);
                   o.kind != Occurrence::Kind::call && key != a.program.keys.end()) {
            text = indicator_hover(a, a.program.indicator(key->second));
        } else if (const Function* f = function_named(a, o.text)) {
            text = fmt::format("**{}** `{}({})`", in(w(Word::hover_function)), f->name, fmt::join(f->params, ", "));
        } else if (const Builtin* b = find_builtin(o.text)) {
            text = fmt::format("**{}** `{}`\n\n{}", in(w(Word::hover_builtin)), fmt::join(b->names, "` / `"),
                               in(b->summary));
        } else {
            return nullptr;
        }
        return {{"contents", {{"kind", "markdown"}, {"value", text}}}, {"range", range_of(a, o.span)}};
    }

    std::string indicator_hover(const Analysis& a, const Indicator& i) const {
        const std::string sep = in(w(Word::colon));
        std::string text = fmt::format("**{}** `{}`", i.name, i.key);
        std::vector<std::string> facts;
        if (i.kind == IndicatorKind::input) facts.push_back(in(w(Word::hover_input)));
        if (i.kind == IndicatorKind::derived) facts.push_back(in(w(Word::hover_derived)));
        if (!i.unit.name().empty()) facts.push_back(in(w(Word::col_unit)) + sep + i.unit.name());
        if (i.kind != IndicatorKind::input)
            facts.push_back(in(w(i.direction == ast::Direction::higher ? Word::hover_higher : Word::hover_lower)));
        if (i.baseline) {
            std::string base = in(w(Word::baseline)) + sep + in_terms_of(i, *i.baseline);
            if (i.baseline_year != 0) base += in(phrase::in_year(i.baseline_year));
            facts.push_back(base);
        } else if (!i.baseline_note.empty()) {
            facts.push_back(in(w(Word::baseline)) + sep + i.baseline_note);
        }
        if (!facts.empty()) text += fmt::format("\n\n{}", fmt::join(facts, " · "));
        std::vector<const Target*> targets;
        for (const Target& t : a.program.targets) {
            if (t.indicator == i.id) targets.push_back(&t);
        }
        std::stable_sort(targets.begin(), targets.end(), [](const Target* x, const Target* y) { return x->year < y->year; });
        if (targets.empty()) {
            if (i.kind != IndicatorKind::input) text += "\n\n" + in(w(Word::hover_no_targets));
            return text;
        }
        text += fmt::format("\n\n{}{}", in(w(Word::hover_targets)), in(w(Word::colon_eol)));
        for (const Target* t : targets) {
            const std::string measure = t->measure_text.empty() ? "" : in(t->measure_text) + " ";
            text += fmt::format("\n- {}{}{}{}{}", t->year, sep, measure, t->written,
                                t->source.empty() ? "" : in(phrase::plan_source(t->source)));
        }
        return text;
    }

    // ---------------------------------------------------------------- definition

    json definition(const json& params) {
        const Cursor c = cursor(params);
        if (!c.occurrence) return nullptr;
        const Analysis& a = *c.analysis;
        const Occurrence& o = *c.occurrence;
        if (o.kind == Occurrence::Kind::import) {
            const std::string path = imported_path(a, o);
            std::error_code ec;
            if (!fs::is_regular_file(path, ec)) return nullptr;
            return {{"uri", path_to_uri(path)},
                    {"range", {{"start", position_json(Position{})}, {"end", position_json(Position{})}}}};
        }
        if (o.kind == Occurrence::Kind::parameter) return location_of(a, o.span);
        if (const Occurrence* p = parameter_for(a, o)) return location_of(a, p->span);
        if (o.kind != Occurrence::Kind::call) {
            if (const Occurrence* d = a.declaration_of(o.text)) return location_of(a, d->span);
        }
        if (const Function* f = function_named(a, o.text)) {
            if (const Occurrence* d = function_declaration(a, *f)) return location_of(a, d->span);
        }
        return nullptr;
    }

    // ---------------------------------------------------------------- completion

    json completion(const json& params) {
        Document& d = document(params);
        const Analysis& a = *d.analysis;
        const CompletionPlace place = completion_place(line_before_cursor(d, params), [&](std::string_view word) {
            return a.program.keys.count(std::string(word)) > 0;
        });
        json items = json::array();
        std::set<std::string> seen;
        const auto add = [&](const std::string& label, int kind, const std::string& detail) {
            if (label.empty() || !seen.insert(label).second) return;
            items.push_back({{"label", label}, {"kind", kind}, {"detail", detail}});
        };
        constexpr int kFunction = 3;
        constexpr int kVariable = 6;
        constexpr int kUnit = 11;
        constexpr int kKeyword = 14;
        const auto units = [&] {
            for (const Indicator& i : a.program.indicators) add(i.unit.text, kUnit, in(w(Word::col_unit)));
            for (const std::string_view u : common_units()) add(std::string(u), kUnit, in(w(Word::col_unit)));
        };
        // The verbs are the vocabulary's (the prelude's 动词 lines and the rule files' own).
        const auto verbs = [&] {
            for (const ast::Module& m : a.modules)
                for (const ast::Item& item : m.items)
                    if (const auto* verb = std::get_if<ast::VerbDecl>(&item.node))
                        add(verb->word.text, kKeyword, in(w(Word::verb)));
        };
        switch (place.context) {
            case CompletionContext::none:
                break;
            case CompletionContext::unit:
                units();
                break;
            case CompletionContext::part:
                for (const Indicator& i : a.program.indicators) {
                    if (!i.group) continue;
                    const Indicator& group = a.program.indicator(*i.group);
                    if (group.key != place.group && group.name != place.group) continue;
                    add(i.key.substr(group.key.size() + 1), kVariable, i.name);
                }
                break;
            case CompletionContext::after_measure:
                verbs();
                for (const VocabularyWord& v : vocabulary())
                    if (v.comparator) add(std::string(v.text), kKeyword, in(v.meaning));
                break;
            case CompletionContext::anywhere:
                for (const Indicator& i : a.program.indicators) {
                    std::string detail = i.name;
                    if (!i.unit.name().empty()) detail += fmt::format(" ({})", i.unit.name());
                    if (i.kind == IndicatorKind::input) detail = in(w(Word::hover_input)) + " " + detail;
                    add(i.key, kVariable, detail);
                }
                for (const Function& f : a.program.functions)
                    add(f.name, kFunction,
                        fmt::format("{} {}({})", in(w(Word::hover_function)), f.name, fmt::join(f.params, ", ")));
                for (const Builtin& b : builtins()) {
                    for (const auto name : b.names) add(std::string(name), kFunction, in(b.summary));
                }
                for (const VocabularyWord& v : vocabulary()) add(std::string(v.text), kKeyword, in(v.meaning));
                verbs();
                units();
                break;
        }
        return {{"isIncomplete", false}, {"items", std::move(items)}};
    }

    // The text of the cursor's line before the cursor.
    static std::string line_before_cursor(const Document& d, const json& params) {
        const LineIndex lines(d.text);
        Position p = position_from(params.at("position"));
        const std::size_t cursor = lines.offset(p);
        p.character = 0;
        const std::size_t start = std::min(lines.offset(p), cursor);
        return d.text.substr(start, cursor - start);
    }

    // ---------------------------------------------------------------- formatting

    json formatting(const json& params) {
        Document& d = document(params);
        SourceMap sources;
        Diagnostics diags;
        const FileId before = sources.add(d.path, d.text);
        const ast::Module parsed = grammar::parse_module(sources, before, diags);
        if (diags.has_errors())
            throw Refusal{error_code::request_failed,
                          in({"the file has syntax errors: fmt formats only a file that parses",
                              "文件有语法错误：fmt 只排版能解析的文件"})};
        const std::string formatted = format_rules(d.text);
        const FileId after = sources.add(d.path, formatted);
        const ast::Module reparsed = grammar::parse_module(sources, after, diags);
        if (diags.has_errors() ||
            without_positions(ast::dump(reparsed, sources)) != without_positions(ast::dump(parsed, sources)))
            throw Refusal{error_code::request_failed,
                          in({"formatting would change the file's syntax tree; please report this",
                              "排版会改变文件的语法树；请报告此问题"})};
        if (formatted == d.text) return json::array();
        const LineIndex lines(d.text);
        return json::array({{{"range", {{"start", position_json(Position{})}, {"end", position_json(lines.end())}}},
                             {"newText", formatted}}});
    }

    // ---------------------------------------------------------------- document symbols

    json document_symbols(const json& params) {
        Document& d = document(params);
        const Analysis& a = *d.analysis;
        const ast::Module* m = a.root_module();
        return m ? symbols(a, m->items) : json::array();
    }

    json symbol(const Analysis& a, const std::string& name, const std::string& detail, int kind, Span whole,
                Span selection, json children = json::array()) const {
        // The protocol wants the selection inside the whole range and a name that is not empty.
        if (selection.begin < whole.begin || selection.end > whole.end) selection = whole;
        return {{"name", name.empty() ? "?" : name}, {"detail", detail},         {"kind", kind},
                {"range", range_of(a, whole)},       {"selectionRange", range_of(a, selection)}, {"children", std::move(children)}};
    }

    json symbols(const Analysis& a, const std::vector<ast::Item>& items) const {
        constexpr int kFile = 1;
        constexpr int kModule = 2;
        constexpr int kNamespace = 3;
        constexpr int kFunctionSymbol = 12;
        constexpr int kVariableSymbol = 13;
        constexpr int kField = 8;
        json out = json::array();
        for (const auto& item : items) {
            std::visit(overloaded{
                           [&](const ast::PlanDecl& p) { out.push_back(symbol(a, p.name, "", kModule, p.span, p.span)); },
                           [&](const ast::DomainDecl& dd) {
                               out.push_back(symbol(a, dd.name.text, "", kNamespace, dd.span, dd.name.span,
                                                    symbols(a, dd.items)));
                           },
                           [&](const ast::SourceBlock& s) {
                               out.push_back(symbol(a, s.region ? s.region->text : s.label, "", kNamespace, s.span, s.span,
                                                    symbols(a, s.items)));
                           },
                           [&](const ast::IndicatorDecl& i) {
                               out.push_back(symbol(a, i.id.text, i.display.value_or(""), kVariableSymbol, i.span, i.id.span));
                           },
                           [&](const ast::InputDecl& i) {
                               out.push_back(symbol(a, i.id.text, i.display.value_or(""), kField, i.span, i.id.span));
                           },
                           [&](const ast::FnDecl& f) {
                               out.push_back(symbol(a, f.name.text, "", kFunctionSymbol, f.span, f.name.span));
                           },
                           [&](const ast::ImportDecl& i) { out.push_back(symbol(a, i.path, "", kFile, i.span, i.path_span)); },
                           [](const ast::TargetStmt&) {},
                           [](const ast::TargetTable&) {},
                           [](const ast::VerbDecl&) {},
                       },
                       item.node);
        }
        return out;
    }
};

}  // namespace

int run_lsp(const LspOptions& options, std::istream& in, std::ostream& out) {
    Server server(options, out);
    for (;;) {
        const Frame frame = read_frame(in);
        switch (frame.kind) {
            case Frame::Kind::end: return server.exit_code();
            case Frame::Kind::bad_header:
                server.send(error_response(nullptr, error_code::parse_error, "Parse error: " + frame.problem));
                break;
            case Frame::Kind::too_large:
                server.send(error_response(nullptr, error_code::invalid_request, "Invalid Request: " + frame.problem));
                skip_body(in, frame.length);
                break;
            case Frame::Kind::message:
                if (!server.handle(frame.body)) return server.exit_code();
                break;
        }
    }
}

}  // namespace dabiao::lsp
