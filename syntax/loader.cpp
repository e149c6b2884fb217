#include "syntax/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "syntax/parse.hpp"

namespace dabiao {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes, Diagnostics& diags) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        diags.error(FileOnly{path}, {"is a directory, not a file", "这是目录，不是文件"});
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(FileOnly{path}, {"cannot open the file", "无法打开文件"},
                    {"check the path and the file's permissions", "请检查路径和文件权限"});
        return std::nullopt;
    }
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
        diags.error(FileOnly{path},
                    {fmt::format("the file is {} bytes, more than the limit of {} bytes", size, max_bytes),
                     fmt::format("文件大小 {} 字节，超过上限 {} 字节", size, max_bytes)},
                    {"split the file, or check that it is the file you meant", "请拆分文件，或确认文件是否正确"});
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    if (text.size() > max_bytes) {  // e.g. a pipe whose size was unknown
        diags.error(FileOnly{path}, {fmt::format("the input is larger than the limit of {} bytes", max_bytes),
                                     fmt::format("输入超过上限 {} 字节", max_bytes)});
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> find_stdlib(const LoadOptions& options) {
    std::vector<std::string> candidates;
    if (options.stdlib_dir) candidates.push_back(*options.stdlib_dir);
    if (const char* env = std::getenv("DABIAO_STDLIB"); env && *env) candidates.emplace_back(env);
    candidates.emplace_back(DABIAO_STDLIB_SOURCE_DIR);
    candidates.emplace_back(DABIAO_STDLIB_INSTALL_DIR);
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back((self.parent_path().parent_path() / "share" / "dabiao" / "stdlib").string());
    for (const auto& dir : candidates) {
        if (fs::exists(fs::path(dir) / "prelude.dab", ec)) return dir;
        if (options.stdlib_dir && dir == *options.stdlib_dir) return std::nullopt;  // an explicit choice is final
    }
    return std::nullopt;
}

namespace {

class Loader {
public:
    Loader(SourceMap& sources, Diagnostics& diags) : sources_(sources), diags_(diags) {}

    void load(const fs::path& path, std::optional<Span> imported_at) {
        std::error_code ec;
        const fs::path key = fs::weakly_canonical(path, ec);
        const auto on_stack =
            std::find_if(stack_.begin(), stack_.end(), [&](const Loading& open) { return open.key == key; });
        if (on_stack != stack_.end()) {
            std::string cycle;
            for (auto it = on_stack; it != stack_.end(); ++it) cycle += it->key.filename().string() + " → ";
            cycle += key.filename().string();
            Diagnostic d{Severity::error,
                         *imported_at,
                         {fmt::format("import cycle: {}", cycle), fmt::format("循环导入：{}", cycle)},
                         {"files may not import each other in a circle; move the shared part into a third file",
                          "文件之间不能循环导入；请把共用部分移到第三个文件中"}};
            // The other imports of the circle, in order.
            for (auto it = on_stack + 1; it != stack_.end(); ++it) {
                const std::string name = it->key.filename().string();
                d.add_note(*it->imported_at,
                           {fmt::format("'{}' is imported here", name), fmt::format("此处导入“{}”", name)});
            }
            diags_.add(std::move(d));
            return;
        }
        if (std::find(done_.begin(), done_.end(), key) != done_.end()) return;  // already loaded (diamond)

        Diagnostics read_diags;
        const auto text = read_file(path.string(), kMaxRuleFileBytes, read_diags);
        if (!text) {
            for (const auto& d : read_diags.all()) {
                Diagnostic copy = d;
                if (imported_at) copy.where = *imported_at;  // point at the import that names the file
                if (imported_at) {
                    copy.message = {fmt::format("cannot import '{}': {}", path.string(), d.message.en),
                                    fmt::format("无法导入“{}”：{}", path.string(), d.message.zh)};
                }
                diags_.add(copy);
            }
            return;
        }
        const FileId file = sources_.add(path.string(), *text);
        ast::Module module = grammar::parse_module(sources_, file, diags_);
        stack_.push_back({key, imported_at});
        for (const auto& item : module.items) {
            if (const auto* import = std::get_if<ast::ImportDecl>(&item.node)) {
                load(path.parent_path() / import->path, import->path_span);
            }
        }
        stack_.pop_back();
        done_.push_back(key);
        modules_.push_back(std::move(module));
    }

    std::vector<ast::Module> take() { return std::move(modules_); }

private:
    SourceMap& sources_;
    Diagnostics& diags_;
    // The files being loaded, each importing the next.
    struct Loading {
        fs::path key;
        std::optional<Span> imported_at;  // only the first file has none
    };
    std::vector<Loading> stack_;
    std::vector<fs::path> done_;
    std::vector<ast::Module> modules_;
};

}  // namespace

std::vector<ast::Module> load_program(const std::string& path, const LoadOptions& options, SourceMap& sources,
                                      Diagnostics& diags) {
    Loader loader(sources, diags);
    if (options.prelude) {
        if (const auto dir = find_stdlib(options)) {
            loader.load(fs::path(*dir) / "prelude.dab", std::nullopt);
        } else {
            diags.error(NoLocation{},
                        {"cannot find the standard library (stdlib/prelude.dab)", "找不到标准库（stdlib/prelude.dab）"},
                        {"pass --stdlib DIR or set DABIAO_STDLIB to the folder that holds prelude.dab",
                         "请用 --stdlib DIR 或环境变量 DABIAO_STDLIB 指向包含 prelude.dab 的目录"});
        }
    }
    loader.load(path, std::nullopt);
    return loader.take();
}

}  // namespace dabiao
