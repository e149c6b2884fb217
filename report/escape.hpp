// Escaping text from rules and data for where a report puts it. Every renderer in report/ that
// writes markup or cells goes through these; none escapes on its own.
#pragma once

#include <string>
#include <string_view>

namespace dabiao {

// `s` as valid UTF-8: each invalid byte sequence becomes U+FFFD.
std::string valid_utf8(std::string_view s);

// `s` for XML or HTML text and attribute values: & < > " ' as entities; control characters
// (ANSI escapes, which XML 1.0 cannot hold at all) shown as their Unicode pictures (ESC → ␛);
// invalid UTF-8 as U+FFFD. Tab, line feed and carriage return stay.
std::string xml_escape(std::string_view s);

// A Markdown table cell: as xml_escape, and the characters Markdown would read as syntax
// (| \ ` * _ [ ] and line breaks) escaped so the text shows as written.
std::string markdown_escape(std::string_view s);

// A CSV field (RFC 4180): quoted when needed. Text that a spreadsheet would run as a formula
// (starting with = + - @ or a tab) gets a leading ' unless `number` says it is a number.
std::string csv_field(std::string_view s, bool number = false);

}  // namespace dabiao
