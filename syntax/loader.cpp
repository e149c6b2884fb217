#include "syntax/loader.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "syntax/parse.hpp"

namespace dabiao {

namespace fs = std::filesystem;

namespace {

// Closes a file descriptor when it goes out of scope.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes, Diagnostics& diags) {
    const auto too_large = [&] {
        diags.error(FileOnly{path}, {fmt::format("the input is larger than the limit of {} bytes", max_bytes),
                                     fmt::format("输入超过上限 {} 字节", max_bytes)},
                    {"split the file, or check that it is the file you meant", "请拆分文件，或确认文件是否正确"});
        return std::nullopt;
    };
    // Non-blocking: opening a FIFO must not wait for a writer.
    const Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
    if (file.fd < 0) {
        diags.error(FileOnly{path}, {"cannot open the file", "无法打开文件"},
                    {"check the path and the file's permissions", "请检查路径和文件权限"});
        return std::nullopt;
    }
    struct stat info {};
    if (::fstat(file.fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        diags.error(FileOnly{path}, {"is a directory, not a file", "这是目录，不是文件"});
        return std::nullopt;
    }
    const bool fifo = S_ISFIFO(info.st_mode);  // a named pipe, or a pipe such as <(command)
    if (!S_ISREG(info.st_mode) && !fifo) {
        diags.error(FileOnly{path}, {"is a device or a socket, not a file", "这是设备或套接字，不是文件"},
                    {"name a regular file (or a pipe)", "请给出普通文件（或管道）"});
        return std::nullopt;
    }
    if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) > max_bytes) {
        diags.error(FileOnly{path},
                    {fmt::format("the file is {} bytes, more than the limit of {} bytes", info.st_size, max_bytes),
                     fmt::format("文件大小 {} 字节，超过上限 {} 字节", info.st_size, max_bytes)},
                    {"split the file, or check that it is the file you meant", "请拆分文件，或确认文件是否正确"});
        return std::nullopt;
    }
    if (!fifo) ::fcntl(file.fd, F_SETFL, ::fcntl(file.fd, F_GETFL) & ~O_NONBLOCK);
    // Read with a bound on the bytes actually read: a file may grow while it is read.
    std::string text;
    char buffer[65536];
    for (;;) {
        if (fifo) {  // wait for the writer, but not without end
            pollfd ready{file.fd, POLLIN, 0};
            const int n = ::poll(&ready, 1, kPipeWaitSeconds * 1000);
            if (n < 0 && errno == EINTR) continue;
            if (n == 0) {
                diags.error(FileOnly{path},
                            {fmt::format("nothing came through the pipe for {} seconds", kPipeWaitSeconds),
                             fmt::format("管道 {} 秒内没有任何输入", kPipeWaitSeconds)},
                            {"no program writes to it: start the writer first, or use a regular file",
                             "没有程序写入该管道：请先启动写入的程序，或改用普通文件"});
                return std::nullopt;
            }
        }
        const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) {
            diags.error(FileOnly{path}, {fmt::format("reading the file failed: {}", std::strerror(errno)),
                                         fmt::format("读取文件失败：{}", std::strerror(errno))});
            return std::nullopt;
        }
        if (n == 0) break;
        if (text.size() + static_cast<std::size_t>(n) > max_bytes) return too_large();
        text.append(buffer, static_cast<std::size_t>(n));
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
    Loader(SourceMap& sources, Diagnostics& diags, const std::map<std::string, std::string>* overlay,
           std::optional<fs::path> root, std::string root_as_given)
        : sources_(sources),
          diags_(diags),
          overlay_(overlay),
          root_(std::move(root)),
          root_as_given_(std::move(root_as_given)) {}

    // The file loaded for `path` (or loaded before, by another import); none when it cannot be.
    std::optional<FileId> load(const fs::path& path, std::optional<Span> imported_at) {
        std::error_code ec;
        const fs::path key = fs::weakly_canonical(path, ec);
        if (loading_.contains(key)) {
            const auto on_stack =
                std::find_if(stack_.begin(), stack_.end(), [&](const Loading& open) { return open.key == key; });
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
            return std::nullopt;
        }
        if (const auto loaded = done_.find(key); loaded != done_.end()) return loaded->second;  // a diamond
        if (root_ && imported_at && !inside_root(path, *imported_at)) return std::nullopt;
        if (stack_.size() >= kMaxImportDepth) {
            diags_.error(*imported_at,
                         {fmt::format("imports nested more than {} files deep", kMaxImportDepth),
                          fmt::format("导入嵌套超过 {} 层", kMaxImportDepth)},
                         {"import the files from one main file instead of each from the previous one",
                          "请由一个主文件分别导入各文件，而不是逐个链式导入"});
            return std::nullopt;
        }

        Diagnostics read_diags;
        std::optional<std::string> text;
        if (const std::string* open = open_text(key)) {
            text = *open;
        } else {
            text = read_file(path.string(), kMaxRuleFileBytes, read_diags);
        }
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
            return std::nullopt;
        }
        const FileId file = sources_.add(path.string(), *text);
        ast::Module module = grammar::parse_module(sources_, file, diags_);
        stack_.push_back({key, imported_at});
        loading_.insert(key);
        for (auto& item : module.items) {
            if (auto* import = std::get_if<ast::ImportDecl>(&item.node)) {
                if (root_ && fs::path(import->path).is_absolute()) {
                    refuse_import(import->path_span, import->path,
                                  {"an absolute path is not allowed with --rules-root", "使用 --rules-root 时不允许绝对路径"});
                    continue;
                }
                import->loaded = load(path.parent_path() / import->path, import->path_span);
            }
        }
        stack_.pop_back();
        loading_.erase(key);
        done_.emplace(key, file);
        modules_.push_back(std::move(module));
        return file;
    }

    std::vector<ast::Module> take() { return std::move(modules_); }

private:
    // The unsaved text of an open document, if the file is one.
    const std::string* open_text(const fs::path& key) const {
        if (!overlay_) return nullptr;
        const auto it = overlay_->find(key.string());
        return it == overlay_->end() ? nullptr : &it->second;
    }

    SourceMap& sources_;
    Diagnostics& diags_;
    const std::map<std::string, std::string>* overlay_;
    std::optional<fs::path> root_;  // canonical --rules-root
    std::string root_as_given_;      // as the command line gave it, for messages

    void refuse_import(Span at, const std::string& path, const Text& why) {
        diags_.error(at, {fmt::format("cannot import '{}': {}", path, why.en), fmt::format("无法导入“{}”：{}", path, why.zh)},
                     {"imports must stay inside the --rules-root folder", "导入的文件须位于 --rules-root 目录之内"});
    }

    // With --rules-root: the file, symlinks resolved, is a regular file inside the root.
    bool inside_root(const fs::path& path, Span at) {
        std::error_code ec;
        const fs::path real = fs::canonical(path, ec);
        if (ec) return true;  // does not exist: reading it gives the usual error
        const auto [root_end, real_it] = std::mismatch(root_->begin(), root_->end(), real.begin(), real.end());
        if (root_end != root_->end()) {
            refuse_import(at, path.string(), {fmt::format("it is outside {}", root_as_given_),
                                              fmt::format("它不在 {} 之内", root_as_given_)});
            return false;
        }
        if (!fs::is_regular_file(real, ec)) {
            refuse_import(at, path.string(), {"it is not a regular file", "它不是普通文件"});
            return false;
        }
        return true;
    }
    // The files being loaded, each importing the next.
    struct Loading {
        fs::path key;
        std::optional<Span> imported_at;  // only the first file has none
    };
    std::vector<Loading> stack_;
    std::set<fs::path> loading_;  // the keys on stack_: looked up once per import, walked only for a cycle
    std::map<fs::path, FileId> done_;
    std::vector<ast::Module> modules_;
};

}  // namespace

std::vector<ast::Module> load_program(const std::string& path, const LoadOptions& options, SourceMap& sources,
                                      Diagnostics& diags) {
    std::optional<fs::path> root;
    if (options.rules_root) {
        std::error_code ec;
        root = fs::canonical(*options.rules_root, ec);
        if (ec || !fs::is_directory(*root, ec)) {
            diags.error(NoLocation{},
                        {fmt::format("--rules-root '{}' is not a folder", *options.rules_root),
                         fmt::format("--rules-root“{}”不是目录", *options.rules_root)},
                        {"give the folder the rules and their imports must stay in", "请给出规则及其导入文件所在的目录"});
            return {};
        }
    }
    Loader loader(sources, diags, options.overlay, root, options.rules_root.value_or(""));
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
