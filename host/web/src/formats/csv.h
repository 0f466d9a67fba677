// CSV exports (RFC 4180) that spreadsheet tools open with the accents intact.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace convoca::web {

// One field: a text that a spreadsheet would read as a formula (it starts with
// = + - @, a tab or a CR) gets a leading apostrophe, so an exported title such as
// "=HYPERLINK(...)" stays text (OWASP "CSV Injection"); then a field holding a
// comma, a double quote, CR or LF is quoted, with its quotes doubled.
std::string csvField(std::string_view text);

// A whole document: the UTF-8 byte order mark (Excel reads the file as UTF-8
// only with it), the header row, then each row; every row ends in CRLF. Rows are
// written as given: a row with fewer or more fields than the header is the
// caller's mistake.
std::string csvDocument(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows);

} // namespace convoca::web
