// fuzz_sqlite: `--data sqlite:PATH?QUERY` with both parts from the input — its first line is the
// URI's query (table=, the column names, %-encoding, unknown parameters), the rest the database
// file's bytes (seeds: small real databases) — read against the fixed valid program
// (fuzz_program.hpp) as the driver reads it: database_reader, parse_database_uri, the SQLite
// reader's cells, TableReader and DataSink; then judged, reported and explained like fuzz_json.
// The same query also goes through the postgresql:// form of parse_database_uri (no connection).
#include <unistd.h>

#include <fstream>

#include "data/database_uri.hpp"
#include "data/readers.hpp"
#include "tests/fuzz/fuzz_program.hpp"

using namespace dabiao;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const fuzz::FixedProgram& fixed = fuzz::fixed_program();
    const Program& program = fixed.program;
    const std::string_view input = fuzz::as_text(bytes, size);
    const std::size_t line_end = input.find('\n');
    const std::string_view query = input.substr(0, line_end);
    const std::string_view database = line_end == std::string_view::npos ? std::string_view() : input.substr(line_end + 1);

    // One file per process, rewritten for every input (the reader opens it read-only).
    static const std::string path = "/tmp/dabiao-fuzz-sqlite-" + std::to_string(::getpid()) + ".db";
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(database.data(), static_cast<std::streamsize>(database.size()));

    const std::string uri = "sqlite:" + path + "?" + std::string(query);
    const auto sources = fuzz::sources_with_program();
    Diagnostics diags;
    Dataset data;
    DataSink sink(program, *sources, data, diags);
    if (const DataReader* reader = database_reader(uri))
        reader->read(DataFile{uri, {}}, ReadContext{*sources, program.plan.region}, sink, diags);
    fuzz::judge_and_report(program, data, std::nullopt, *sources, diags, size);
    fuzz::render_all(diags, *sources);

    Diagnostics others;
    (void)parse_database_uri("postgresql://host/db?" + std::string(query), "postgresql://", others, true);
    fuzz::render_all(others, *sources);
    return 0;
}
