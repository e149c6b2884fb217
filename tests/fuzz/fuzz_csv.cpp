// fuzz_csv: a CSV data file (arbitrary bytes: UTF-8, GBK/GB18030, BOM, CRLF, quoted fields,
// long or wide shape) read against the fixed valid program (fuzz_program.hpp) through
// read_csv_data and DataSink, then judged, reported and explained like fuzz_json.
#include "data/data_csv.hpp"
#include "base/encoding.hpp"
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
    read_csv_data("fuzz.csv", input, CsvOptions{Encoding::detect}, *sources, program.plan.region, sink, diags);
    // The driver stops on data errors; judging what was accepted anyway reaches more code.
    fuzz::judge_and_report(program, data, std::nullopt, *sources, diags, size);
    fuzz::render_all(diags, *sources);

    // --encoding gbk on any input (auto-detection only reads invalid UTF-8 as GB18030).
    (void)decode(input, Encoding::gb18030);
    return 0;
}
