// fuzz_json: a JSON data file (arbitrary bytes) read against a fixed valid program
// (fuzz_program.hpp) as the driver reads it — read_data_file, the JSON reader and DataSink —
// then judged for every region it names, with the text / JSON reports, a few explanations and
// every diagnostic rendered.
#include "data/readers.hpp"
#include "tests/fuzz/fuzz_program.hpp"

using namespace dabiao;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const fuzz::FixedProgram& fixed = fuzz::fixed_program();
    const Program& program = fixed.program;
    const auto sources = fuzz::sources_with_program();
    Diagnostics diags;
    Dataset data;
    DataSink sink(program, *sources, data, diags);
    read_data_file(DataFile{"fuzz.json", fuzz::as_text(bytes, size)},
                   ReadContext{*sources, program.plan.region, Encoding::detect}, sink, diags);
    // The driver stops on data errors; judging what was accepted anyway reaches more code.
    fuzz::judge_and_report(program, data, std::nullopt, *sources, diags, size);
    fuzz::render_all(diags, *sources);
    return 0;
}
