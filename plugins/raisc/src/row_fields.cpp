#include "row_fields.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <algorithm>

namespace raisc {

std::string stringField(const Poco::JSON::Object& row, const std::string& column) {
  if (!row.has(column) || row.isNull(column)) return {};
  const Poco::Dynamic::Var value = row.get(column);
  if (value.isString() || value.isNumeric() || value.isBoolean())
    return Poco::trim(value.convert<std::string>());
  return {};
}

std::string urlField(const Poco::JSON::Object& row, const std::string& column) {
  if (const auto object = row.getObject(column)) return stringField(*object, "url");
  return stringField(row, column);
}

std::vector<std::string> splitList(const std::string& text, char separator) {
  std::vector<std::string> items;
  const Poco::StringTokenizer tokens(text, std::string(1, separator),
                                     Poco::StringTokenizer::TOK_TRIM |
                                         Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& token : tokens) items.push_back(token);
  return items;
}

void addUnique(std::vector<std::string>& list, const std::string& value) {
  const std::string clean = Poco::trim(value);
  if (clean.empty() || std::find(list.begin(), list.end(), clean) != list.end()) return;
  list.push_back(clean);
}

} // namespace raisc
