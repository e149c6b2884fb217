// fuzz_csv: a CSV data file (arbitrary bytes: UTF-8, GBK/GB18030, BOM, CRLF, quoted fields,
// long or wide shape) read against the fixed valid program (fuzz_program.hpp) as the driver
// reads it — read_data_file, the CSV reader's cells, TableReader and DataSink — then judged,
// reported and explained like fuzz_json.
#include "base/encoding.hpp"
#include "data/readers.hpp"
#include "tests/fuzz/fuzz_program.hpp"

using namespace dabiao;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const fuzz::FixedProgram& fixed = fuzz::fixed_program();
    const Program& program = fixed.program;
    const std::string_view input = fuzz::as_text(bytes, size);

    const auto sources = fuzz::sources_with_program();
    Diagnostics diags;
    Dataset data;
    DataSink sink(program, *sources, data, diags);
    read_data_file(DataFile{"fuzz.csv", input}, ReadContext{*sources, program.plan.region, Encoding::detect}, sink,
                   diags);
    // The driver stops on data errors; judging what was accepted anyway reaches more code.
    fuzz::judge_and_report(program, data, std::nullopt, *sources, diags, size);
    fuzz::render_all(diags, *sources);

    // --encoding gbk on any input (auto-detection only reads invalid UTF-8 as GB18030), and the
    // choice of a reader for a file named without an extension.
    (void)decode(input, Encoding::gb18030);
    (void)choose_reader(DataFile{"fuzz", input});
    return 0;
}
