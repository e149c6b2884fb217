// fuzz_xlsx: an Excel workbook (arbitrary bytes: a zip of XML parts, or not) read against the
// fixed valid program (fuzz_program.hpp) as the driver reads it — read_data_file, the XLSX
// reader's zip and XML (libzip, expat), TableReader and DataSink — then judged, reported and
// explained like fuzz_csv. The seeds (tests/fuzz/corpus/fuzz_xlsx) are small real-shaped
// workbooks: wide and long sheets, shared strings, styles with %, merged cells, a formula.
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
    read_data_file(DataFile{"fuzz.xlsx", input}, ReadContext{*sources, program.plan.region, Encoding::detect}, sink,
                   diags);
    fuzz::judge_and_report(program, data, std::nullopt, *sources, diags, size);
    fuzz::render_all(diags, *sources);
    (void)choose_reader(DataFile{"fuzz", input});
    return 0;
}
