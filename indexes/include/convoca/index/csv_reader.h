// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in
// double quotes may hold commas, line breaks and doubled quotes ("").
#pragma once

#include <string>
#include <vector>

namespace convoca::index {

using CsvRow = std::vector<std::string>;

// Every record of `text`, the header included. A final line break is optional;
// empty lines are skipped. Throws std::runtime_error("ORIGIN:LINE: reason") for
// an unterminated quoted field or characters after a closing quote.
// `delimiter` is ',' for RFC 4180; CORDIS writes ';'.
std::vector<CsvRow> parseCsv(const std::string& text, const std::string& origin = "csv",
                             char delimiter = ',');

} // namespace convoca::index
