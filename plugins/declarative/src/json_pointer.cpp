#include "json_pointer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <stdexcept>

namespace declarative {
namespace {

std::string unescapeToken(const std::string& raw) {
  std::string token;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '~') {
      token += raw[i];
      continue;
    }
    if (i + 1 >= raw.size() || (raw[i + 1] != '0' && raw[i + 1] != '1'))
      throw std::invalid_argument("'~' must be followed by 0 or 1 (write ~0 for '~' and ~1 for '/')");
    token += raw[i + 1] == '0' ? '~' : '/';
    ++i;
  }
  return token;
}

// RFC 6901 §4: "0", or digits without a leading zero.
std::optional<size_t> arrayIndex(const std::string& token) {
  if (token.empty() || token.size() > 9) return std::nullopt;
  if (token.size() > 1 && token[0] == '0') return std::nullopt;
  for (char c : token)
    if (c < '0' || c > '9') return std::nullopt;
  return static_cast<size_t>(std::stoul(token));
}

std::optional<Poco::Dynamic::Var> step(const Poco::Dynamic::Var& value, const std::string& token) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    const auto object = value.extract<Poco::JSON::Object::Ptr>();
    if (!object || !object->has(token)) return std::nullopt;
    return object->get(token);
  }
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto array = value.extract<Poco::JSON::Array::Ptr>();
    const auto index = arrayIndex(token);
    if (!array || !index || *index >= array->size()) return std::nullopt;
    return array->get(static_cast<unsigned>(*index));
  }
  return std::nullopt;
}

} // namespace

std::vector<std::string> pointerTokens(const std::string& pointer) {
  if (pointer.empty()) return {};
  if (pointer[0] != '/') throw std::invalid_argument("a JSON pointer is empty or starts with '/'");
  std::vector<std::string> tokens;
  size_t start = 1;
  while (true) {
    const size_t slash = pointer.find('/', start);
    tokens.push_back(
        unescapeToken(pointer.substr(start, slash == std::string::npos ? slash : slash - start)));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return tokens;
}

std::optional<std::string> pointerSyntaxError(const std::string& pointer) {
  try {
    pointerTokens(pointer);
    return std::nullopt;
  } catch (const std::invalid_argument& e) {
    return std::string(e.what());
  }
}

std::optional<Poco::Dynamic::Var> resolvePointer(const Poco::Dynamic::Var& document,
                                                 const std::string& pointer) {
  Poco::Dynamic::Var current = document;
  for (const auto& token : pointerTokens(pointer)) {
    auto next = step(current, token);
    if (!next) return std::nullopt;
    current = std::move(*next);
  }
  return current;
}

} // namespace declarative
