// How the pipeline scales on the bundled plan: parsing and checking rules/dongtou.dab (the
// table and the text, 364 targets), and judging it for many districts at once, as a city does.
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDABIAO_BENCH=ON
//   ninja -C build-bench bench_pipeline && build-bench/bench/bench_pipeline
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "check/check.hpp"
#include "data/readers.hpp"
#include "syntax/loader.hpp"
#include "judge/verdicts.hpp"

using namespace dabiao;

namespace {

const std::string kRules = std::string(DABIAO_SOURCE_DIR) + "/rules/dongtou.dab";
const std::string kData = std::string(DABIAO_SOURCE_DIR) + "/examples/dongtou-2023-2024.json";

struct Loaded {
    SourceMap sources;
    Diagnostics diags;
    std::vector<ast::Module> modules;
    Program program;
};

void load(Loaded& l) {
    LoadOptions options;
    options.stdlib_dir = std::string(DABIAO_SOURCE_DIR) + "/stdlib";
    l.modules = load_program(kRules, options, l.sources, l.diags);
    std::vector<const ast::Module*> list;
    for (const auto& m : l.modules) list.push_back(&m);
    l.program = check(list, l.sources, l.diags);
}

void BM_ParseAndCheck(benchmark::State& state) {
    for (auto _ : state) {
        Loaded l;
        load(l);
        if (l.diags.has_errors()) state.SkipWithError("the rules have errors");
        benchmark::DoNotOptimize(l.program.targets.size());
    }
}
BENCHMARK(BM_ParseAndCheck)->Unit(benchmark::kMillisecond);

// The example's data copied into `regions` districts, then every target judged for each.
void BM_JudgeDistricts(benchmark::State& state) {
    Loaded l;
    load(l);
    std::ifstream in(kData);
    std::stringstream text;
    text << in.rdbuf();
    Dataset one;
    DataSink sink(l.program, l.sources, one, l.diags);
    const std::string bytes = text.str();
    read_data_file(DataFile{kData, bytes}, ReadContext{l.sources, l.program.plan.region}, sink, l.diags);
    Dataset data;
    for (int r = 0; r < state.range(0); ++r) {
        RegionData copy = one.regions.front();
        copy.region = "区" + std::to_string(r);
        data.regions.push_back(std::move(copy));
    }
    std::size_t verdicts = 0;
    for (auto _ : state) {
        Diagnostics diags;
        for (const RegionData& region : data.regions) verdicts += judge(l.program, region, 2024, diags).verdicts.size();
    }
    state.counters["targets/s"] = benchmark::Counter(static_cast<double>(verdicts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_JudgeDistricts)->Arg(1)->Arg(12)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
