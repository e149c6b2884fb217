#include "data/database_uri.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/suggest.hpp"

namespace dabiao {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// %XX → the byte; anything else as it is.
std::string percent_decoded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

std::optional<DatabaseSource> parse_database_uri(std::string_view uri, std::string_view scheme, Diagnostics& diags,
                                                 bool keep_others) {
    const Text usage{fmt::format("write {}…?table=TABLE, optionally with &region=, &indicator=, &year=, &value= "
                                 "naming the columns",
                                 scheme),
                     fmt::format("请写作 {}…?table=表名，可加 &region=、&indicator=、&year=、&value= 指定列名", scheme)};
    const std::size_t question = uri.find('?');
    DatabaseSource source;
    source.location = std::string(uri.substr(keep_others ? 0 : scheme.size(), question == std::string_view::npos
                                                                                   ? std::string_view::npos
                                                                                   : question - (keep_others ? 0 : scheme.size())));
    for (const std::string_view role : {"region", "indicator", "year", "value"})
        source.columns.push_back(DatabaseColumn{role, std::string(role), false});
    std::string others;
    std::string_view query = question == std::string_view::npos ? std::string_view() : uri.substr(question + 1);
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view key = pair.substr(0, eq);
        const std::string value = eq == std::string_view::npos ? "" : percent_decoded(pair.substr(eq + 1));
        const auto column = std::find_if(source.columns.begin(), source.columns.end(),
                                         [&](const DatabaseColumn& c) { return c.role == key; });
        if (key == "table") {
            source.table = value;
        } else if (column != source.columns.end()) {
            column->name = value;
            column->given = true;
        } else if (keep_others) {
            others += (others.empty() ? "" : "&") + std::string(pair);
            continue;
        } else {
            diags.error(FileOnly{std::string(uri)},
                        {fmt::format("unknown parameter '{}' in the database name", key),
                         fmt::format("数据库名称中有未知参数“{}”", key)},
                        usage);
            return std::nullopt;
        }
        if (value.empty()) {
            diags.error(FileOnly{std::string(uri)},
                        {fmt::format("the parameter '{}' names nothing", key), fmt::format("参数“{}”为空", key)},
                        usage);
            return std::nullopt;
        }
    }
    if (!others.empty()) source.location += "?" + others;
    if (source.table.empty() || source.location.size() <= (keep_others ? scheme.size() : 0)) {
        diags.error(FileOnly{std::string(uri)},
                    {source.table.empty() ? Text{"the database name does not say which table holds the values",
                                                 "数据库名称中未指明数值所在的表"}
                                          : Text{"the database name has no path", "数据库名称中没有路径"}},
                    usage);
        return std::nullopt;
    }
    return source;
}

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

void report_missing_table(const std::string& database, const std::string& table, const std::vector<std::string>& tables,
                          Diagnostics& diags) {
    diags.error(FileOnly{database},
                {fmt::format("the database {} has no table '{}'", database, table),
                 fmt::format("数据库 {} 中没有表“{}”", database, table)},
                suggest(table, tables,
                        {fmt::format("its tables: {}", tables.empty() ? "(none)" : joined(tables)),
                         fmt::format("其中的表：{}", tables.empty() ? "（无）" : joined(tables))}));
}

std::optional<SelectedColumns> select_columns(const DatabaseSource& source, const std::vector<std::string>& columns,
                                              const std::string& database, Diagnostics& diags) {
    SelectedColumns selected;
    bool ok = true;
    for (const auto& [role, name, given] : source.columns) {
        if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
            if (role == "region" && !given) continue;  // no region column: the plan's region
            ok = false;
            diags.error(FileOnly{database},
                        {fmt::format("the table '{}' of {} has no column '{}' (the {} column)", source.table, database,
                                     name, role),
                         fmt::format("数据库 {} 的表“{}”中没有列“{}”（{}列）", database, source.table, name, role)},
                        suggest(name, columns,
                                {fmt::format("its columns: {}; name yours with &{}=COLUMN", joined(columns), role),
                                 fmt::format("表中的列：{}；可用 &{}=列名 指定", joined(columns), role)}));
            continue;
        }
        selected.names.push_back(name);
        selected.header.push_back(Cell{std::string(role), source.table});
    }
    if (!ok) return std::nullopt;
    return selected;
}

}  // namespace dabiao
