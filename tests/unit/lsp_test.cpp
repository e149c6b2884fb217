// dabiao lsp: UTF-16 positions (the stage's LineIndex), and a scripted client that runs the real
// `dabiao lsp` binary over pipes, sends framed JSON-RPC messages and checks every reply:
// diagnostics (the editor's unsaved text, not the file on disk; imports open in the editor too;
// the problems of imported files, under their own URIs and on the import's line),
// hover, definition, completion, formatting, document symbols, bad input, shutdown and exit.
// The rule text has Chinese and 𠀀 (U+20000, two UTF-16 units) before the places it asks about.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "lint/format.hpp"
#include "lsp/positions.hpp"
#include "lsp/server.hpp"

using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

TEST_CASE("lsp positions: UTF-16 code units both ways, CJK and outside the BMP", "[lsp]") {
    // bytes: a(1) 𠀀(4) b(1) \n 中(3) 文(3) \r\n x \r y
    const std::string text = "a\xF0\xA0\x80\x80" "b\n\xE4\xB8\xAD\xE6\x96\x87\r\nx\ry";
    const dabiao::lsp::LineIndex lines(text);
    struct Row {
        std::size_t offset;
        std::size_t line;
        std::size_t character;
    };
    for (const Row& r : {Row{0, 0, 0}, Row{1, 0, 1}, Row{5, 0, 3}, Row{6, 0, 4}, Row{7, 1, 0}, Row{10, 1, 1},
                         Row{13, 1, 2}, Row{15, 2, 0}, Row{17, 3, 0}, Row{18, 3, 1}}) {
        INFO("offset " << r.offset);
        const auto p = lines.position(r.offset);
        CHECK(p.line == r.line);
        CHECK(p.character == r.character);
        CHECK(lines.offset({r.line, r.character}) == r.offset);
    }
    CHECK(lines.offset({0, 2}) == 1);    // inside 𠀀's surrogate pair: the character's start
    CHECK(lines.offset({1, 99}) == 13);  // past the line's end: the end of the line, before \r\n
    CHECK(lines.offset({9, 0}) == text.size());
    CHECK(lines.position(999).line == 3);
    CHECK(lines.end().character == 1);
}

TEST_CASE("lsp URIs: percent-encoded paths, Chinese file names", "[lsp]") {
    using dabiao::lsp::path_to_uri;
    using dabiao::lsp::uri_to_path;
    CHECK(path_to_uri("/tmp/规则 1.dab") == "file:///tmp/%E8%A7%84%E5%88%99%201.dab");
    CHECK(uri_to_path("file:///tmp/%E8%A7%84%E5%88%99%201.dab") == "/tmp/规则 1.dab");
    CHECK(uri_to_path("file://localhost/tmp/a.dab") == "/tmp/a.dab");
    CHECK(uri_to_path("untitled:Untitled-1").empty());
}

// A client of `dabiao lsp` over two pipes. Every read waits at most a few seconds, so a server
// that hangs fails the test instead of blocking it.
class Client {
public:
    explicit Client(const fs::path& dir) {
        int to_server[2];
        int from_server[2];
        REQUIRE(::pipe(to_server) == 0);
        REQUIRE(::pipe(from_server) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(to_server[0], STDIN_FILENO);
            ::dup2(from_server[1], STDOUT_FILENO);
            ::close(to_server[1]);
            ::close(from_server[0]);
            if (::chdir(dir.c_str()) != 0) ::_exit(126);
            ::execl(DABIAO_EXE, "dabiao", "lsp", nullptr);
            ::_exit(127);
        }
        ::close(to_server[0]);
        ::close(from_server[1]);
        in_ = to_server[1];
        out_ = from_server[0];
        ::signal(SIGPIPE, SIG_IGN);
    }
    ~Client() {
        if (in_ >= 0) ::close(in_);
        if (out_ >= 0) ::close(out_);
        if (pid_ > 0 && !exit_code_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }

    void raw(const std::string& bytes) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(in_, bytes.data() + done, bytes.size() - done);
            REQUIRE(n > 0);
            done += static_cast<std::size_t>(n);
        }
    }
    void send(const json& message) {
        const std::string body = message.dump();
        raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    }
    void notify(const std::string& method, const json& params) {
        send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
    }
    // Sends a request and returns its response (notifications that come first are kept).
    json request(const std::string& method, const json& params) {
        const int id = ++last_id_;
        send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
        return next([&](const json& m) { return m.contains("id") && m["id"] == id; });
    }
    // The next message `wanted` accepts, from those kept or those still to come.
    template <typename Wanted>
    json next(Wanted wanted) {
        for (auto it = kept_.begin(); it != kept_.end(); ++it) {
            if (wanted(*it)) {
                json m = *it;
                kept_.erase(it);
                return m;
            }
        }
        for (;;) {
            json m = read_message();
            if (wanted(m)) return m;
            kept_.push_back(std::move(m));
        }
    }
    json diagnostics_for(const std::string& uri) {
        return next([&](const json& m) {
            return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
        })["params"]["diagnostics"];
    }
    void close_input() {
        ::close(in_);
        in_ = -1;
    }
    // The server's exit code, waiting at most a few seconds.
    std::optional<int> wait_exit() {
        for (int k = 0; k < 100; ++k) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                return exit_code_;
            }
            ::usleep(50'000);
        }
        return std::nullopt;
    }

private:
    std::string read_bytes_until(const std::string& end) {
        while (buffer_.find(end) == std::string::npos) fill();
        const std::size_t at = buffer_.find(end) + end.size();
        std::string head = buffer_.substr(0, at);
        buffer_.erase(0, at);
        return head;
    }
    void fill() {
        pollfd ready{out_, POLLIN, 0};
        REQUIRE(::poll(&ready, 1, 10'000) == 1);  // the server answers within 10 seconds
        char chunk[65536];
        const ssize_t n = ::read(out_, chunk, sizeof chunk);
        REQUIRE(n > 0);  // the server did not exit in the middle of the conversation
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    json read_message() {
        const std::string head = read_bytes_until("\r\n\r\n");
        const std::string key = "Content-Length: ";
        REQUIRE(head.rfind(key, 0) == 0);
        const std::size_t length = std::stoul(head.substr(key.size()));
        while (buffer_.size() < length) fill();
        const json m = json::parse(buffer_.substr(0, length));
        buffer_.erase(0, length);
        return m;
    }

    pid_t pid_ = -1;
    int in_ = -1;
    int out_ = -1;
    int last_id_ = 0;
    std::string buffer_;
    std::vector<json> kept_;
    std::optional<int> exit_code_;
};

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("dabiao-lsp-" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
    }
};

json pos(int line, int character) {
    return {{"line", line}, {"character", character}};
}

json at(const std::string& uri, int line, int character) {
    return {{"textDocument", {{"uri", uri}}}, {"position", pos(line, character)}};
}

// The rules: 𠀀 (U+20000) is a letter, so 𠀀托位 is an identifier of 3 characters, 4 UTF-16 units.
const std::string kPlan = R"(规划 "测试" {
  地区 测试区
  基线年 2022
  规划期 2023..2025
}
导入 "输入.dab"
领域 幼有善育（牵头单位：区卫生健康局）{
  指标 𠀀托位 "𠀀每千人口托位数" 单位 个 {
    基线 4.5
    2023: 4.6  2024: 4.8  2025: 5
  }
  指标 人均 "人均托位" 单位 个 = 𠀀托位 / 常住人口 {
    2023: 1
  }
}
)";
// Line 11 (0-based): "  指标 人均 "人均托位" 单位 个 = 𠀀托位 / 常住人口 {"; in UTF-16 units:
// 2 spaces, 指标(2) space 人均(2) space "人均托位"(6) space 单位(2) space 个(1) space = space → 𠀀托位 at
// 22..26, " / " → 常住人口 at 29..33. (In code points 𠀀托位 ends at 25 and 常住人口 starts at 28:
// `dabiao check` says column 29, 1-based.)
const std::string kInputs = "输入 常住人口 \"常住人口\"\n动词 提质到 >=\n";  // and a verb of its own

}  // namespace

TEST_CASE("dabiao lsp answers a scripted client: every feature, UTF-16 positions, unsaved text", "[lsp]") {
    const TempDir dir;
    // On disk the rules have no error, and the input file lacks what the editor adds.
    dir.write("规则.dab", kPlan);
    dir.write("输入.dab", "# 常住人口 comes in the editor\n");
    const std::string uri = dabiao::lsp::path_to_uri((dir.path / "规则.dab").string());
    const std::string inputs_uri = dabiao::lsp::path_to_uri((dir.path / "输入.dab").string());
    Client client(dir.path);

    // Requests before initialize are refused.
    CHECK(client.request("textDocument/hover", at(uri, 0, 0))["error"]["code"] == -32002);
    const json init = client.request("initialize", {{"processId", nullptr},
                                                    {"rootUri", nullptr},
                                                    {"capabilities", json::object()},
                                                    {"initializationOptions", {{"lang", "en"}}}});
    const json caps = init["result"]["capabilities"];
    CHECK(caps["positionEncoding"] == "utf-16");
    CHECK(caps["textDocumentSync"]["change"] == 1);
    for (const char* p : {"hoverProvider", "definitionProvider", "documentFormattingProvider", "documentSymbolProvider"})
        CHECK(caps[p] == true);
    CHECK(caps.contains("completionProvider"));
    client.notify("initialized", json::object());

    // Diagnostics of the editor's text: 常住人口 is unknown until the input file is open.
    client.notify("textDocument/didOpen",
                  {{"textDocument", {{"uri", uri}, {"languageId", "dabiao"}, {"version", 1}, {"text", kPlan}}}});
    json diags = client.diagnostics_for(uri);
    REQUIRE(diags.size() >= 1);
    const json& unknown = diags[0];
    CHECK(unknown["severity"] == 1);
    CHECK(unknown["source"] == "dabiao");
    CHECK(unknown["range"]["start"] == pos(11, 29));
    CHECK(unknown["range"]["end"] == pos(11, 33));
    const std::string message = unknown["message"].get<std::string>();
    CHECK_THAT(message, Catch::Contains("常住人口"));
    {  // the same message as `dabiao check`
        const std::string check_out = (dir.path / "check.txt").string();
        const std::string command =
            "cd '" + dir.path.string() + "' && '" + DABIAO_EXE + "' check 规则.dab --lang en 2>'" + check_out + "'";
        CHECK(std::system(command.c_str()) != 0);
        std::ifstream f(check_out);
        std::stringstream s;
        s << f.rdbuf();
        CHECK_THAT(s.str(), Catch::Contains("规则.dab:12:29: error: " + message.substr(0, message.find('\n'))));
    }

    // The imported file, opened with unsaved text, is what the rules import: the error goes.
    client.notify("textDocument/didOpen", {{"textDocument",
                                            {{"uri", inputs_uri}, {"languageId", "dabiao"}, {"version", 1}, {"text", kInputs}}}});
    client.diagnostics_for(inputs_uri);  // on its own the file has no plan: not what is tested here
    diags = client.diagnostics_for(uri);
    for (const json& d : diags) CHECK(d["severity"] != 1);

    // An edit by range, given in UTF-16 units after 𠀀: "𠀀托位 / 常住人口" becomes "𠀀托位 / 常住人"
    // (an unknown name again, so the new text is what was checked).
    client.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}, {"version", 2}}},
                   {"contentChanges", json::array({{{"range", {{"start", pos(11, 32)}, {"end", pos(11, 33)}}}, {"text", ""}}})}});
    diags = client.diagnostics_for(uri);
    REQUIRE(!diags.empty());
    CHECK(diags[0]["range"]["start"] == pos(11, 29));
    CHECK(diags[0]["range"]["end"] == pos(11, 32));
    CHECK_THAT(diags[0]["message"].get<std::string>(), Catch::Contains("常住人"));
    // A lint's warning, with the lint's name as the code: targets below a baseline of 9.
    std::string below = kPlan;
    below.replace(below.find("基线 4.5"), std::string("基线 4.5").size(), "基线 9");
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 3}}},
                                             {"contentChanges", json::array({{{"text", below}}})}});
    diags = client.diagnostics_for(uri);
    bool linted = false;
    for (const json& d : diags) {
        if (d.value("code", "") != "below-baseline") continue;
        linted = true;
        CHECK(d["severity"] == 2);
        CHECK(d["range"]["start"]["line"] == 9);
        CHECK_THAT(d["message"].get<std::string>(), Catch::StartsWith("[below-baseline]"));
    }
    CHECK(linted);
    // Back to the full text (full synchronisation).
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 4}}},
                                             {"contentChanges", json::array({{{"text", kPlan}}})}});
    for (const json& d : client.diagnostics_for(uri)) CHECK(d["severity"] != 1);

    // Hover over the reference 𠀀托位 in the formula (UTF-16 character 24 is inside it).
    json hover = client.request("textDocument/hover", at(uri, 11, 24))["result"];
    const std::string shown = hover["contents"]["value"].get<std::string>();
    CHECK_THAT(shown, Catch::Contains("𠀀每千人口托位数"));
    CHECK_THAT(shown, Catch::Contains("unit: 个"));
    CHECK_THAT(shown, Catch::Contains("higher is better"));
    CHECK_THAT(shown, Catch::Contains("baseline: 4.5个 (in 2022)"));
    CHECK_THAT(shown, Catch::Contains("- 2023: 4.6"));
    CHECK_THAT(shown, Catch::Contains("- 2025: 5"));
    CHECK(hover["range"]["start"] == pos(11, 22));
    CHECK(hover["range"]["end"] == pos(11, 26));
    // Hover on an input and on a keyword-free place.
    CHECK_THAT(client.request("textDocument/hover", at(uri, 11, 30))["result"]["contents"]["value"].get<std::string>(),
               Catch::Contains("input"));
    CHECK(client.request("textDocument/hover", at(uri, 0, 0))["result"].is_null());

    // Definition: the reference → the declaration on line 7 ("  指标 𠀀托位": 𠀀托位 at 5..9).
    json def = client.request("textDocument/definition", at(uri, 11, 23))["result"];
    CHECK(def["uri"] == uri);
    CHECK(def["range"]["start"] == pos(7, 5));
    CHECK(def["range"]["end"] == pos(7, 9));
    // An input declared in the imported (open) file, and the import itself.
    def = client.request("textDocument/definition", at(uri, 11, 31))["result"];
    CHECK(def["uri"] == inputs_uri);
    CHECK(def["range"]["start"] == pos(0, 3));
    def = client.request("textDocument/definition", at(uri, 5, 5))["result"];
    CHECK(def["uri"] == inputs_uri);

    // Completion: indicator names, verbs, keywords in both languages, units.
    const json items = client.request("textDocument/completion", at(uri, 12, 4))["result"]["items"];
    const auto has = [&](const std::string& label, int kind) {
        for (const json& i : items) {
            if (i["label"] == label && i["kind"] == kind) return true;
        }
        return false;
    };
    CHECK(has("𠀀托位", 6));
    CHECK(has("常住人口", 6));
    CHECK(has("达到", 14));
    CHECK(has("稳定在", 14));
    CHECK(has("提质到", 14));  // declared in the imported file: the vocabulary, not a list in the server
    CHECK(has("指标", 14));
    CHECK(has("indicator", 14));
    CHECK(has("%", 11));
    CHECK(has("个", 11));

    // Completion looks at what comes before the cursor. After 单位 (line 7, UTF-16 character 25):
    // units only; inside the quoted display name: nothing.
    const json unit_items = client.request("textDocument/completion", at(uri, 7, 25))["result"]["items"];
    REQUIRE(!unit_items.empty());
    for (const json& i : unit_items) CHECK(i["kind"] == 11);
    CHECK(client.request("textDocument/completion", at(uri, 7, 14))["result"]["items"].empty());

    // Document symbols: the plan, the import, the domain and its indicators with their ranges.
    const json symbols = client.request("textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}})["result"];
    REQUIRE(symbols.size() == 3);
    CHECK(symbols[0]["name"] == "测试");
    CHECK(symbols[1]["name"] == "输入.dab");
    CHECK(symbols[2]["name"] == "幼有善育");
    REQUIRE(symbols[2]["children"].size() == 2);
    CHECK(symbols[2]["children"][0]["name"] == "𠀀托位");
    CHECK(symbols[2]["children"][0]["detail"] == "𠀀每千人口托位数");
    CHECK(symbols[2]["children"][0]["selectionRange"]["start"] == pos(7, 5));
    CHECK(symbols[2]["children"][1]["name"] == "人均");

    // Formatting: the edit is what `dabiao fmt` makes of the editor's text.
    std::string ruined = kPlan;
    ruined.replace(ruined.find("  地区"), 2, "\t      ");
    ruined += "\n\n\n";
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 5}}},
                                             {"contentChanges", json::array({{{"text", ruined}}})}});
    const json edits = client.request("textDocument/formatting",
                                      {{"textDocument", {{"uri", uri}}}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
    REQUIRE(edits.size() == 1);
    CHECK(edits[0]["newText"] == dabiao::format_rules(ruined));
    CHECK(edits[0]["newText"] == kPlan);
    CHECK(edits[0]["range"]["start"] == pos(0, 0));
    CHECK(edits[0]["range"]["end"] == pos(18, 0));  // 15 lines, a final newline and three more
    // A file with syntax errors is not formatted.
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 6}}},
                                             {"contentChanges", json::array({{{"text", "指标 {{{\n"}}})}});
    CHECK(client.request("textDocument/formatting", {{"textDocument", {{"uri", uri}}}})["error"]["code"] == -32803);

    // Bad input: an error response each time, and the server goes on.
    client.raw("Content-Length: 9\r\n\r\n{not json");
    CHECK(client.next([](const json& m) { return m.contains("error") && m["id"].is_null(); })["error"]["code"] == -32700);
    client.raw("Content-Length: 2\r\n\r\n[]");
    CHECK(client.next([](const json& m) { return m.contains("error") && m["id"].is_null(); })["error"]["code"] == -32600);
    client.raw("X-Nothing: 1\r\n\r\n");
    CHECK(client.next([](const json& m) { return m.contains("error") && m["id"].is_null(); })["error"]["code"] == -32700);
    CHECK(client.request("no/such/method", json::object())["error"]["code"] == -32601);
    CHECK(client.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}})["error"]["code"] == -32602);
    CHECK(client.request("textDocument/hover", json::array({1, 2}))["error"]["code"] == -32602);
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///never/opened.dab"}}}});
    CHECK(client.next([](const json& m) { return m.value("method", "") == "window/logMessage"; })["params"]["type"] == 1);

    client.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
    CHECK(client.diagnostics_for(uri).empty());
    CHECK(client.request("shutdown", nullptr)["result"].is_null());
    CHECK(client.request("textDocument/hover", at(uri, 0, 0))["error"]["code"] == -32600);
    client.notify("exit", nullptr);
    CHECK(client.wait_exit() == 0);
}

TEST_CASE("dabiao lsp exits with 1 when the input ends without shutdown", "[lsp]") {
    const TempDir dir;
    Client client(dir.path);
    // A message over the limit is answered at once (its body would be skipped, were it sent).
    client.raw("Content-Length: 99999999999\r\n\r\n");
    CHECK(client.next([](const json& m) { return m.contains("error") && m["id"].is_null(); })["error"]["code"] == -32600);
    client.close_input();
    CHECK(client.wait_exit() == 1);
}

TEST_CASE("dabiao lsp exits with 1 when a message is cut short by the end of the input", "[lsp]") {
    const TempDir dir;
    Client client(dir.path);
    client.raw("Content-Length: 5\r\n\r\n{\"a\"");  // a message cut short by the end of the input
    client.close_input();
    CHECK(client.wait_exit() == 1);
}

TEST_CASE("dabiao lsp speaks Chinese by default: diagnostics and hover", "[lsp]") {
    const TempDir dir;
    dir.write("规则.dab", kPlan);  // 输入.dab is missing: the import is an error
    const std::string uri = dabiao::lsp::path_to_uri((dir.path / "规则.dab").string());
    Client client(dir.path);
    client.request("initialize", {{"capabilities", json::object()}});
    client.notify("textDocument/didOpen",
                  {{"textDocument", {{"uri", uri}, {"languageId", "dabiao"}, {"version", 1}, {"text", kPlan}}}});
    const json diags = client.diagnostics_for(uri);
    REQUIRE(!diags.empty());
    CHECK_THAT(diags[0]["message"].get<std::string>(), Catch::Contains("无法导入“"));
    CHECK(diags[0]["range"]["start"] == pos(5, 3));  // at the import's path
    const std::string shown =
        client.request("textDocument/hover", at(uri, 7, 6))["result"]["contents"]["value"].get<std::string>();
    CHECK_THAT(shown, Catch::Contains("单位：个 · 越高越好 · 基线：4.5个（2022年）"));
    CHECK_THAT(shown, Catch::Contains("目标："));
    CHECK(client.request("shutdown", nullptr)["result"].is_null());
    client.notify("exit", nullptr);
    CHECK(client.wait_exit() == 0);
}

// The problems of imported files: each file's own list under its own URI (the files need not be
// open), and on the import's line in the document a count of what that import brings in, its
// first problem, and each problem as related information. The import's path holds 𠀀 (two UTF-16
// units) after Chinese text.
TEST_CASE("dabiao lsp shows the problems of imported files on the import's line and under their own URIs", "[lsp]") {
    const TempDir dir;
    const std::string rules = "规划 \"测试\" {\n  地区 测试区\n  基线年 2022\n  规划期 2023..2025\n}\n"
                              "导入 \"𠀀托育/指标.dab\"\n指标 本地 \"本地指标\" 单位 个 {\n  2023: 1\n}\n";
    // Each imported file has a target below its baseline: a lint warning at line 4 (3 in 人口.dab).
    const std::string indicators = "导入 \"人口.dab\"\n指标 托位 \"每千人口托位数\" 单位 个 {\n  基线 9\n  2023: 4\n}\n";
    fs::create_directories(dir.path / "𠀀托育");
    dir.write("规则.dab", rules);
    dir.write("𠀀托育/指标.dab", indicators);
    dir.write("𠀀托育/人口.dab", "指标 老人 \"老年人口\" 单位 万人 {\n  基线 9\n  2023: 4\n}\n");
    const std::string uri = dabiao::lsp::path_to_uri((dir.path / "规则.dab").string());
    const std::string indicators_uri = dabiao::lsp::path_to_uri((dir.path / "𠀀托育" / "指标.dab").string());
    const std::string people_uri = dabiao::lsp::path_to_uri((dir.path / "𠀀托育" / "人口.dab").string());
    Client client(dir.path);
    client.request("initialize", {{"capabilities", json::object()}});  // Chinese, the default
    client.notify("textDocument/didOpen",
                  {{"textDocument", {{"uri", uri}, {"languageId", "dabiao"}, {"version", 1}, {"text", rules}}}});

    // On the import's path, "𠀀托育/指标.dab" with its quotes: line 5, UTF-16 units 3..16.
    json diags = client.diagnostics_for(uri);
    REQUIRE(diags.size() == 1);
    const json& summary = diags[0];
    CHECK(summary["range"]["start"] == pos(5, 3));
    CHECK(summary["range"]["end"] == pos(5, 16));
    CHECK(summary["severity"] == 2);
    CHECK(summary["source"] == "dabiao");
    const std::string message = summary["message"].get<std::string>();
    CHECK_THAT(message, Catch::StartsWith("导入的文件“𠀀托育/指标.dab”（含其导入的文件）有 2 条警告\n"
                                          "第一条：𠀀托育/指标.dab:4:3: [below-baseline] "));
    REQUIRE(summary["relatedInformation"].size() == 2);
    const json& first = summary["relatedInformation"][0];
    CHECK(first["location"]["uri"] == indicators_uri);
    CHECK(first["location"]["range"]["start"] == pos(3, 2));
    CHECK_THAT(first["message"].get<std::string>(), Catch::StartsWith("warning: [below-baseline]"));
    CHECK(summary["relatedInformation"][1]["location"]["uri"] == people_uri);
    CHECK(summary["relatedInformation"][1]["location"]["range"]["start"] == pos(2, 2));

    // Each imported file's warning under its own URI, where it is, with the lint's code.
    diags = client.diagnostics_for(indicators_uri);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0]["range"]["start"] == pos(3, 2));
    CHECK(diags[0]["code"] == "below-baseline");
    CHECK_THAT(diags[0]["message"].get<std::string>(), Catch::StartsWith("[below-baseline] "));
    diags = client.diagnostics_for(people_uri);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0]["range"]["start"] == pos(2, 2));

    // The imported file opened with an error in its unsaved text: its own list has the error once
    // (found by its own analysis and by the document's), and the import's line counts an error.
    std::string broken = indicators;
    broken.replace(broken.find("  2023: 4"), std::string("  2023: 4").size(), "  2023: 缺少 * 2");
    client.notify("textDocument/didOpen", {{"textDocument",
                                            {{"uri", indicators_uri}, {"languageId", "dabiao"}, {"version", 1}, {"text", broken}}}});
    diags = client.diagnostics_for(indicators_uri);
    int unknown = 0;
    for (const json& d : diags) {
        if (d["range"]["start"] == pos(3, 8) && d["severity"] == 1) ++unknown;
    }
    CHECK(unknown == 1);
    diags = client.diagnostics_for(uri);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0]["severity"] == 1);
    CHECK(diags[0]["range"]["start"] == pos(5, 3));
    CHECK_THAT(diags[0]["message"].get<std::string>(), Catch::StartsWith("导入的文件“𠀀托育/指标.dab”有 1 个错误\n第一条：𠀀托育/指标.dab:4:9: "));
    CHECK(client.diagnostics_for(people_uri).empty());  // with an error, lint does not run

    // Closed, the imported file is read from disk again: its list is what the document finds there.
    client.notify("textDocument/didClose", {{"textDocument", {{"uri", indicators_uri}}}});
    diags = client.diagnostics_for(indicators_uri);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0]["code"] == "below-baseline");
    CHECK(client.diagnostics_for(uri)[0]["severity"] == 2);
    CHECK(client.diagnostics_for(people_uri).size() == 1);

    // The document closed, nothing is left of the imported files' lists.
    client.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
    CHECK(client.diagnostics_for(uri).empty());
    CHECK(client.diagnostics_for(indicators_uri).empty());
    CHECK(client.diagnostics_for(people_uri).empty());
    CHECK(client.request("shutdown", nullptr)["result"].is_null());
    client.notify("exit", nullptr);
    CHECK(client.wait_exit() == 0);
}
