// fuzz_ruletest: `dabiao test` on an arbitrary test file (*.test.json) beside a small valid plan.
//   the bytes → a test file in a private folder → run_test (and once with --update, on a copy)
//   → its output and diagnostics. Any crash, hang or escaping exception is a finding.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/tools.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path& folder() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("dabiao-fuzz-ruletest-" + std::to_string(::getpid()));
        fs::create_directories(d);
        std::ofstream(d / "plan.dab") << "规划 \"p\" { 地区 洞头区  基线年 2022  规划期 2023..2027 }\n"
                                         "领域 d（牵头单位：x）{\n"
                                         "  指标 a \"A\" 单位 % { 基线 80  2023: 82  2024: 84  2025..2027: 90 }\n"
                                         "  指标 s \"S\" 阶段 未开展 < 试点 < 推广 { 2027: 推广 }\n"
                                         "}\n"
                                         "出处 \"正文\" { 到2027年 a 稳定在 90%左右。 }\n";
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const fs::path file = folder() / "t.test.json";
    for (const bool update : {false, true}) {
        std::ofstream(file, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(bytes),
                                                                      static_cast<std::streamsize>(size));
        dabiao::TestOptions options;
        options.path = file.string();
        options.update = update;
        options.output.lang = size % 2 ? dabiao::Lang::en : dabiao::Lang::zh;
        std::ostringstream out;
        std::ostringstream err;
        (void)dabiao::run_test(options, out, err);
    }
    return 0;
}
