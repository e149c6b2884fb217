#include "data/readers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>

namespace dabiao {

namespace {

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// "JSON (.json) or CSV (.csv, .tsv)", from the table, in both languages.
Text formats_read() {
    std::vector<DataReader> readers;  // of files: databases are named by URIs, not extensions
    std::copy_if(data_readers().begin(), data_readers().end(), std::back_inserter(readers),
                 [](const DataReader& r) { return !r.names_database; });
    Text list;
    for (std::size_t r = 0; r < readers.size(); ++r) {
        const bool last = r + 1 == readers.size();
        list.en += r == 0 ? "" : last ? " or " : ", ";
        list.zh += r == 0 ? "" : last ? "或 " : "、";
        std::string en_extensions, zh_extensions;
        for (const std::string_view ext : readers[r].extensions) {
            en_extensions += (en_extensions.empty() ? "" : ", ") + std::string(ext);
            zh_extensions += (zh_extensions.empty() ? "" : "、") + std::string(ext);
        }
        list.en += fmt::format("{} ({})", readers[r].name, en_extensions);
        list.zh += fmt::format("{}（{}）", readers[r].name, zh_extensions);
    }
    return list;
}

}  // namespace

const std::vector<DataReader>& data_readers() {
    // JSON is sniffed first: a JSON object's first line may hold a comma, as a CSV header does.
    static const std::vector<DataReader> readers = {
        {"JSON", {".json"}, Content::text, looks_like_json, read_json},
        {"CSV", {".csv", ".tsv"}, Content::text, looks_like_csv, read_csv},
        {"XLSX", {".xlsx", ".xlsm"}, Content::binary, looks_like_xlsx, read_xlsx},
        {"SQLite", {}, Content::binary, nullptr, read_sqlite, is_sqlite_source},
        {"PostgreSQL", {}, Content::binary, nullptr, read_postgres, is_postgres_source},
    };
    return readers;
}

std::optional<std::size_t> find_binary_byte(std::string_view bytes) {
    const auto it = std::find_if(bytes.begin(), bytes.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\v' && byte != '\f' && byte != '\r';
    });
    if (it == bytes.end()) return std::nullopt;
    return static_cast<std::size_t>(it - bytes.begin());
}

const DataReader* database_reader(std::string_view source) {
    for (const DataReader& reader : data_readers()) {
        if (reader.names_database && reader.names_database(source)) return &reader;
    }
    return nullptr;
}

const DataReader* choose_reader(const DataFile& file) {
    const std::string ext = lower_extension(file.path);
    for (const DataReader& reader : data_readers()) {
        if (std::find(reader.extensions.begin(), reader.extensions.end(), ext) != reader.extensions.end())
            return &reader;
    }
    const bool binary = find_binary_byte(file.bytes).has_value();
    for (const DataReader& reader : data_readers()) {
        if (reader.sniff && (reader.content == Content::binary || !binary) && reader.sniff(file.bytes)) return &reader;
    }
    return nullptr;
}

void read_data_file(const DataFile& file, const ReadContext& context, DataSink& sink, Diagnostics& diags) {
    const DataReader* reader = choose_reader(file);
    if (!reader) {
        const Text formats = formats_read();
        diags.error(FileOnly{file.path},
                    {fmt::format("the format of this file is not known: data files are read as {}", formats.en),
                     fmt::format("无法识别此文件的格式：可读取的数据文件格式为 {}", formats.zh)},
                    {"save the data in one of these formats, with its extension",
                     "请将数据保存为其中一种格式，并使用相应的扩展名"});
        return;
    }
    if (reader->content == Content::text) {
        if (const auto at = find_binary_byte(file.bytes)) {
            // Located by line only: showing the line would echo the binary bytes.
            const auto byte = static_cast<unsigned char>(file.bytes[*at]);
            const auto line =
                std::count(file.bytes.begin(), file.bytes.begin() + static_cast<std::ptrdiff_t>(*at), '\n') + 1;
            const Text formats = formats_read();
            diags.error(
                FileOnly{file.path},
                {fmt::format("this is not a {} file: it holds binary data (byte 0x{:02X} on line {})", reader->name,
                             byte, line),
                 fmt::format("这不是 {} 文件：其中有二进制数据（第 {} 行的字节 0x{:02X}）", reader->name, line, byte)},
                {fmt::format("save the data in one of the formats read: {}", formats.en),
                 fmt::format("请将数据保存为可读取的格式之一：{}", formats.zh)});
            return;
        }
    }
    reader->read(file, context, sink, diags);
}

}  // namespace dabiao
