#include "csv.h"

namespace convoca::web {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kRowEnd = "\r\n";

bool startsLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
  case '=':
  case '+':
  case '-':
  case '@':
  case '\t':
  case '\r':
    return true;
  default:
    return false;
  }
}

bool needsQuotes(std::string_view text) {
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

void appendRow(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csvField(fields[i]);
  }
  out += kRowEnd;
}

} // namespace

std::string csvField(std::string_view text) {
  std::string field;
  if (startsLikeFormula(text)) field += '\'';
  field += text;
  if (!needsQuotes(field)) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csvDocument(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  std::string out(kByteOrderMark);
  appendRow(out, header);
  for (const auto& row : rows) appendRow(out, row);
  return out;
}

} // namespace convoca::web
