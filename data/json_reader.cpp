// JSON data (see docs/data.md):
//   {"region": "洞头区", "values": {"<indicator>": {"2023": 81.2, "2024": "79.5%"}}}
// or several regions: [ {...}, {...} ] or {"regions": [ {...}, {...} ]}.
#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "base/source.hpp"
#include "data/readers.hpp"

namespace dabiao {

namespace {

using json = nlohmann::json;

// The shortest text that reads back as `v` ("45" for 45.0, "49.95"), as fmt writes it.
std::string shortest_text(double v) { return fmt::format("{}", v); }

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

// Bytes that are not UTF-8 written as \xNN, so that a message quoting them stays text.
std::string escape_invalid_utf8(std::string_view message) {
    std::string out;
    for (std::size_t pos = 0; pos < message.size();) {
        char32_t cp = 0;
        const std::size_t n = text::decode_utf8(message, pos, cp);
        if (n == 0) {
            out += fmt::format("\\x{:02X}", static_cast<unsigned char>(message[pos]));
            ++pos;
        } else {
            out.append(message.substr(pos, n));
            pos += n;
        }
    }
    return out;
}

// Offset of `number` in a JSON text where it stands as a number of its own (not inside a string
// or a longer number); the parser's overflow error names the number but not its place.
std::optional<std::size_t> find_number(std::string_view json_text, std::string_view number) {
    const auto part_of_token = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '"' || c == '-' || c == '+';
    };
    for (auto at = json_text.find(number); !number.empty() && at != std::string_view::npos;
         at = json_text.find(number, at + 1)) {
        const std::size_t end = at + number.size();
        if ((at == 0 || !part_of_token(json_text[at - 1])) &&
            (end == json_text.size() || !part_of_token(json_text[end]))) {
            return at;
        }
    }
    return std::nullopt;
}

struct TooDeep {
    std::string pointer;  // the value whose nesting went past the limit
};

struct DuplicateKey {
    std::string pointer;
};

// Follows the parser's events to know the JSON pointer of the key being read, so that a key
// given twice in one object (which a JSON parser would silently overwrite) can be reported.
class KeyTracker {
public:
    void event(int depth, json::parse_event_t event, const json& parsed) {
        if (static_cast<std::size_t>(depth) > kMaxJsonDepth) throw TooDeep{pointer()};
        switch (event) {
            case json::parse_event_t::object_start:
                frames_.push_back(Frame{false, {}, {}, 0});
                break;
            case json::parse_event_t::array_start:
                frames_.push_back(Frame{true, {}, {}, 0});
                break;
            case json::parse_event_t::key: {
                Frame& f = frames_.back();
                f.current = parsed.get<std::string>();
                if (!f.keys.insert(f.current).second) throw DuplicateKey{pointer()};
                break;
            }
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                frames_.pop_back();
                element_done();
                break;
            case json::parse_event_t::value:
                element_done();
                break;
        }
    }

private:
    struct Frame {
        bool array;
        std::set<std::string> keys;
        std::string current;
        std::size_t index;
    };
    std::vector<Frame> frames_;

    void element_done() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    }

    std::string pointer() const {
        std::string out;
        for (const Frame& f : frames_)
            out += "/" + (f.array ? std::to_string(f.index) : escape_pointer_token(f.current));
        return out;
    }
};

// Builds the document with nlohmann's own DOM builder and shows every event to the KeyTracker.
// (json::parse with a callback would do the same, but its DOM builder rescans the parent object
// each time a member object closes — quadratic in the members of "values"; this is linear.)
// (A plain class, not a json_sax<json>: sax_parse takes any class with these members, and only a
// template parse_error keeps the exception's type, json::parse_error, which read_json catches.)
class TrackingSax {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    TrackingSax(json& doc, KeyTracker& tracker) : dom_(doc), tracker_(tracker) {}

    bool null() { return value() && dom_.null(); }
    bool boolean(bool b) { return value() && dom_.boolean(b); }
    bool number_integer(number_integer_t n) { return value() && dom_.number_integer(n); }
    bool number_unsigned(number_unsigned_t n) { return value() && dom_.number_unsigned(n); }
    bool number_float(number_float_t n, const string_t& s) { return value() && dom_.number_float(n, s); }
    bool string(string_t& s) { return value() && dom_.string(s); }
    bool binary(binary_t& b) { return value() && dom_.binary(b); }
    bool start_object(std::size_t n) {
        tracker_.event(depth_++, json::parse_event_t::object_start, empty_);
        return dom_.start_object(n);
    }
    bool key(string_t& k) {
        tracker_.event(depth_, json::parse_event_t::key, json(k));
        return dom_.key(k);
    }
    bool end_object() {
        tracker_.event(--depth_, json::parse_event_t::object_end, empty_);
        return dom_.end_object();
    }
    bool start_array(std::size_t n) {
        tracker_.event(depth_++, json::parse_event_t::array_start, empty_);
        return dom_.start_array(n);
    }
    bool end_array() {
        tracker_.event(--depth_, json::parse_event_t::array_end, empty_);
        return dom_.end_array();
    }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& last_token, const Exception& e) {
        return dom_.parse_error(position, last_token, e);  // throws the parse_error, as json::parse does
    }

private:
    nlohmann::detail::json_sax_dom_parser<json> dom_;
    KeyTracker& tracker_;
    int depth_ = 0;
    const json empty_;

    bool value() {
        tracker_.event(depth_, json::parse_event_t::value, empty_);
        return true;
    }
};

class JsonReader {
public:
    JsonReader(std::string file, const std::string& default_region, DataSink& sink, Diagnostics& diags)
        : file_(std::move(file)), default_region_(default_region), sink_(sink), diags_(diags) {}

    void root(const json& doc) {
        if (doc.is_array()) {
            regions(doc, "");
        } else if (doc.is_object() && doc.contains("regions")) {
            for (const auto& [key, value] : doc.items()) {
                if (key != "regions" && key != "$schema") unknown_key(key, "");
            }
            if (!doc["regions"].is_array()) {
                error("/regions", {"\"regions\" must be an array of region objects", "\"regions\" 应是地区对象的数组"});
                return;
            }
            regions(doc["regions"], "/regions");
        } else if (doc.is_object()) {
            region(doc, "");
        } else {
            error("", {"the data must be a JSON object such as {\"region\": …, \"values\": {…}}",
                       "数据应是 JSON 对象，如 {\"region\": …, \"values\": {…}}"});
        }
    }

private:
    std::string file_;
    const std::string& default_region_;
    DataSink& sink_;
    Diagnostics& diags_;

    Provenance at(const std::string& pointer) const {
        return Provenance{file_, pointer.empty() ? "/" : pointer, std::nullopt, {}};
    }

    void error(const std::string& pointer, Text message, Text hint = {}) {
        sink_.reject(at(pointer), std::move(message), std::move(hint));
    }

    void unknown_key(const std::string& key, const std::string& pointer) {
        diags_.warning(at(pointer + "/" + escape_pointer_token(key)).location(),
                       {fmt::format("unknown key '{}' is ignored", key), fmt::format("未知的键“{}”已忽略", key)},
                       {"a region object has \"region\" and \"values\"", "地区对象包含 \"region\" 和 \"values\""});
    }

    void regions(const json& list, const std::string& pointer) {
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string p = fmt::format("{}/{}", pointer, k);
            if (!list[k].is_object()) {
                error(p, {"each region must be an object", "每个地区应是一个对象"});
                continue;
            }
            region(list[k], p);
        }
    }

    void region(const json& obj, const std::string& pointer) {
        std::string name = default_region_;
        if (const auto it = obj.find("region"); it != obj.end()) {
            if (it->is_string() && !it->get<std::string>().empty()) {
                name = it->get<std::string>();
            } else {
                error(pointer + "/region", {"\"region\" must be a non-empty string", "\"region\" 应是非空字符串"});
                return;
            }
        }
        for (const auto& [key, value] : obj.items()) {
            if (key != "region" && key != "values" && key != "$schema") unknown_key(key, pointer);
        }
        const auto values = obj.find("values");
        if (values == obj.end()) {
            error(pointer, {"missing \"values\": the data has no values", "缺少 \"values\"：没有任何数值"});
            return;
        }
        if (!values->is_object()) {
            error(pointer + "/values", {"\"values\" must be an object: {\"<indicator>\": {\"2023\": 81.2}}",
                                        "\"values\" 应是对象：{\"<指标>\": {\"2023\": 81.2}}"});
            return;
        }
        for (const auto& [key, years] : values->items()) {
            const std::string p = pointer + "/values/" + escape_pointer_token(key);
            const auto match = sink_.indicator(key, at(p), years.is_object() ? years.size() : 1);
            if (!match) continue;
            if (!years.is_object()) {
                error(p, {"expected an object of years: {\"2023\": 81.2, \"2024\": 82}",
                          "应是年份对象：{\"2023\": 81.2, \"2024\": 82}"});
                continue;
            }
            for (const auto& [year_key, value] : years.items()) {
                const std::string vp = p + "/" + escape_pointer_token(year_key);
                const auto year = sink_.year(year_key, at(vp));
                if (!year) continue;
                one_value(name, *match, *year, value, vp);
            }
        }
    }

    void one_value(const std::string& region, const DataSink::KeyMatch& key, int year, const json& value,
                   const std::string& pointer) {
        const Provenance where = at(pointer);
        const IndicatorId id = key.id;
        switch (value.type()) {
            case json::value_t::null:
                sink_.missing(region, id, year, where);
                return;
            case json::value_t::number_integer:
            case json::value_t::number_unsigned:
            case json::value_t::number_float: {
                const double v = value.get<double>();
                if (!std::isfinite(v)) {
                    error(pointer, {"the number is out of range", "数值超出范围"});
                    return;
                }
                if (key.unit.empty()) {
                    // The number's shortest text stands for the literal (the parser keeps no text):
                    // 45.0 and 45 are the same number, and both count as whole units.
                    const auto decimals = value.is_number_float() ? written_decimals(shortest_text(v)) : std::optional(0);
                    sink_.number(region, id, year, v, where, decimals);
                } else {  // a key such as "人口(万人)": the number is in that unit
                    sink_.text(region, id, year, value.dump(), where, key.unit);
                }
                return;
            }
            case json::value_t::string: {
                const std::string s = value.get<std::string>();
                if (s.find_first_not_of(" \t") == std::string::npos) {
                    sink_.missing(region, id, year, where);  // an empty string is a missing value, as an empty cell
                    return;
                }
                sink_.text(region, id, year, s, where, key.unit);
                return;
            }
            case json::value_t::boolean:
                sink_.boolean(region, id, year, value.get<bool>(), where);
                return;
            case json::value_t::array:
                if (value.size() == 2 && value[0].is_number() && value[1].is_number()) {
                    sink_.pair(region, id, year, value[0].get<double>(), value[1].get<double>(), where);
                    return;
                }
                error(pointer,
                      {"only a paired count such as [2, 8] may be an array", "只有成对数值（如 [2, 8]）可以写成数组"});
                return;
            default:
                error(pointer, {"expected a number, a string such as \"85%\", or null",
                                "应是数值、字符串（如 \"85%\"）或 null"});
                return;
        }
    }
};

}  // namespace

bool looks_like_json(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // a UTF-8 byte order mark
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[');
}

// Numbers of a parsed JSON text whose magnitude is below the smallest normal double (1e-400,
// 4.9e-324): the parser reads them as 0 or as a value without full precision. One linear scan;
// refused as the string forms of such numbers are. Returns whether there were any.
bool refuse_tiny_numbers(const SourceFile& f, FileId file, Diagnostics& diags) {
    const std::string& text = f.text();
    bool any = false;
    for (std::size_t k = 0; k < text.size(); ++k) {
        const char c = text[k];
        if (c == '"') {  // a string: skip to its closing quote
            for (++k; k < text.size() && text[k] != '"'; ++k) {
                if (text[k] == '\\') ++k;
            }
            continue;
        }
        if (c != '-' && (c < '0' || c > '9')) continue;
        const std::size_t begin = k;
        while (k < text.size() && std::string_view("0123456789+-.eE").find(text[k]) != std::string_view::npos) ++k;
        const std::string number = text.substr(begin, k - begin);
        --k;
        errno = 0;
        const double v = std::strtod(number.c_str(), nullptr);
        if (errno == ERANGE && std::abs(v) < std::numeric_limits<double>::min()) {
            any = true;
            diags.error(Span{file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + number.size())},
                        {fmt::format("the number {} is too small to be represented: it would be read as {}", number,
                                     v == 0 ? "0" : "an imprecise value"),
                         fmt::format("数值 {} 太小，无法表示：会被读作{}", number, v == 0 ? " 0" : "不精确的值")},
                        {"a non-zero number must be at least about 2.2e-308 in magnitude; write 0 if it is zero",
                         "非零数值的绝对值须不小于约 2.2e-308；若为零请写 0"});
        }
    }
    return any;
}

void read_json(const DataFile& data_file, const ReadContext& context, DataSink& sink, Diagnostics& diags) {
    const FileId file = context.sources.add(data_file.path, std::string(data_file.bytes));
    const SourceFile& f = context.sources.file(file);
    json doc;
    try {
        // The callback sees every event with its depth: it refuses deep nesting (bounding memory
        // and time) and keys given twice in one object.
        KeyTracker tracker;
        TrackingSax sax(doc, tracker);
        json::sax_parse(f.text(), &sax);
        if (refuse_tiny_numbers(f, file, diags)) return;
    } catch (const json::parse_error& e) {
        const auto at = static_cast<std::uint32_t>(e.byte > 0 ? e.byte - 1 : 0);
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 2, column 23: syntax error
        // while parsing object key - unexpected ','; expected string literal"; the position is ours.
        std::string what = e.what();
        if (const auto pos = what.find(" - "); pos != std::string::npos) {
            what = what.substr(pos + 3);
        } else if (const auto colon = what.rfind(": "); colon != std::string::npos) {
            what = what.substr(colon + 2);
        }
        what = escape_invalid_utf8(what);  // "last read: '\xFF'" quotes the file's raw bytes
        diags.error(Span{file, at, at + 1},
                    {fmt::format("invalid JSON: {}", what), fmt::format("JSON 格式错误：{}", what)});
        return;
    } catch (const json::out_of_range& e) {  // a number beyond a double, e.g. 1e808
        // nlohmann's message: "[json.exception.out_of_range.406] number overflow parsing '1e808'".
        std::string what = e.what();
        if (const auto colon = what.find("] "); colon != std::string::npos) what = what.substr(colon + 2);
        const Text message{fmt::format("invalid JSON: {}", what), fmt::format("JSON 格式错误：{}", what)};
        const Text hint{"numbers must fit a double (up to about 1.8e308)", "数值须在双精度范围内（约 1.8e308 以内）"};
        const auto open = what.find('\'');
        const auto close = what.rfind('\'');
        const auto at = open < close ? find_number(f.text(), std::string_view(what).substr(open + 1, close - open - 1))
                                     : std::nullopt;
        if (at) {
            diags.error(Span{file, static_cast<std::uint32_t>(*at), static_cast<std::uint32_t>(*at + close - open - 1)},
                        message, hint);
        } else {
            diags.error(FileOnly{f.name()}, message, hint);
        }
        return;
    } catch (const DuplicateKey& d) {
        diags.error(DataPointer{f.name(), d.pointer},
                    {"this key appears twice in the same object; one value would be lost",
                     "同一对象中此键出现两次，其中一个数值会丢失"},
                    {"merge the two entries into one", "请将两处合并为一处"});
        return;
    } catch (const TooDeep& d) {
        diags.error(DataPointer{f.name(), d.pointer},
                    {fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth),
                     fmt::format("JSON 嵌套超过 {} 层", kMaxJsonDepth)},
                    {"a value sits at /values/<indicator>/<year> (under /regions/<n> for several regions)",
                     "数据值位于 /values/<指标>/<年份>（多个地区时在 /regions/<n> 之下）"});
        return;
    }
    JsonReader(f.name(), context.default_region, sink, diags).root(doc);
}

}  // namespace dabiao
