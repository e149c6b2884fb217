// Golden test runner: runs the real `dabiao` binary on one case and compares what it prints
// (stdout, stderr, exit code) with the case's .expected file.
//
//   golden_runner DABIAO_EXE tests/cases/group/NAME.dab [--update]
//
// A case is NAME.dab plus, optionally:
//   NAME.json      data, passed as --data when NAME.cmd does not say otherwise
//   NAME.cmd       one command per line (arguments after `dabiao`); {dab}, {json}, {dir} are
//                  replaced by the case's paths. Default: "check {dab} --data {json}" (or
//                  "check {dab}" without NAME.json).
//   NAME.expected  for every command: "$ dabiao ARGS", "exit: N", "--- stdout", "--- stderr".
// With --update (or DABIAO_UPDATE_GOLDEN=1) the .expected file is rewritten instead.
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

struct Result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> split_words(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    std::string w;
    while (in >> w) words.push_back(w);
    return words;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
        s.replace(pos, from.size(), to);
}

// Runs the program with both output streams captured (polled together, so neither pipe fills up).
Result run(const std::string& exe, const std::vector<std::string>& args) {
    int out_pipe[2];
    int err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
        std::perror("pipe");
        std::exit(2);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(exe.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
        std::perror("posix_spawn");
        std::exit(2);
    }
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    Result r;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_fds = 2;
    char buffer[65536];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) break;
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP))) continue;
            const ssize_t n = read(fds[k].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[k]->append(buffer, static_cast<std::size_t>(n));
            } else {
                close(fds[k].fd);
                fds[k].fd = -1;
                --open_fds;
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: golden_runner DABIAO_EXE CASE.dab [--update]\n";
        return 2;
    }
    const std::string exe = argv[1];
    const fs::path dab = argv[2];
    const char* env_update = std::getenv("DABIAO_UPDATE_GOLDEN");
    const bool update = (argc > 3 && std::string(argv[3]) == "--update") || (env_update && *env_update == '1');

    // Paths in commands and outputs are relative to the working directory (the repository root).
    const fs::path rel = fs::relative(dab);
    const fs::path base = rel.parent_path() / rel.stem();
    const std::string json = base.string() + ".json";
    std::vector<std::string> commands;
    if (fs::exists(base.string() + ".cmd")) {
        std::istringstream lines(read_text(base.string() + ".cmd"));
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty() && line[0] != '#') commands.push_back(line);
        }
    } else {
        commands.push_back(fs::exists(json) ? "check {dab} --data {json}" : "check {dab}");
    }

    std::string actual;
    for (std::string command : commands) {
        replace_all(command, "{dab}", rel.string());
        replace_all(command, "{json}", json);
        replace_all(command, "{dir}", rel.parent_path().string());
        const Result r = run(exe, split_words(command));
        actual += "$ dabiao " + command + "\n";
        actual += "exit: " + std::to_string(r.exit_code) + "\n";
        actual += "--- stdout\n" + r.out + (r.out.empty() || r.out.back() == '\n' ? "" : "\n");
        actual += "--- stderr\n" + r.err + (r.err.empty() || r.err.back() == '\n' ? "" : "\n");
    }

    const fs::path expected_path = base.string() + ".expected";
    if (update) {
        std::ofstream(expected_path, std::ios::binary) << actual;
        std::cout << "updated " << expected_path.string() << "\n";
        return 0;
    }
    if (!fs::exists(expected_path)) {
        std::cerr << "no " << expected_path.string() << "; run scripts/update-golden.sh to create it\n" << actual;
        return 1;
    }
    const std::string expected = read_text(expected_path);
    if (expected == actual) return 0;
    // Show the first differing line, then both texts in full.
    std::istringstream a(expected);
    std::istringstream b(actual);
    std::string la;
    std::string lb;
    for (int line = 1;; ++line) {
        const bool more_a = static_cast<bool>(std::getline(a, la));
        const bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) break;
        if (!more_a || !more_b || la != lb) {
            std::cerr << expected_path.string() << ":" << line
                      << ": output differs\n  expected: " << (more_a ? la : "<end>")
                      << "\n  actual:   " << (more_b ? lb : "<end>") << "\n";
            break;
        }
    }
    std::cerr << "\n===== expected\n" << expected << "\n===== actual\n" << actual;
    return 1;
}
