#include "oai/options.h"

#include "oai/dates.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

namespace oai {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;

[[noreturn]] void invalid(const char* name, const std::string& value, const std::string& expected) {
  throw Error(CONVOCA_CONFIG,
              std::string("option ") + name + " must be " + expected + ", not \"" + value + "\"");
}

} // namespace

std::string stringOption(const Host& host, const char* name, const std::string& fallback) {
  const auto value = host.option(name);
  return value ? Poco::trim(*value) : fallback;
}

int intOption(const Host& host, const char* name, int fallback, int min, int max) {
  const auto text = host.option(name);
  if (!text) return fallback;
  int value = 0;
  if (!Poco::NumberParser::tryParse(Poco::trim(*text), value) || value < min || value > max)
    invalid(name, *text, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return value;
}

bool boolOption(const Host& host, const char* name, bool fallback) {
  const auto text = host.option(name);
  if (!text) return fallback;
  bool value = false;
  if (!Poco::NumberParser::tryParseBool(Poco::trim(*text), value)) invalid(name, *text, "true or false");
  return value;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  Poco::StringTokenizer tokens(text, ",",
                               Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  items.assign(tokens.begin(), tokens.end());
  return items;
}

std::vector<std::string> listOption(const Host& host, const char* name,
                                    const std::vector<std::string>& fallback) {
  const auto text = host.option(name);
  return text ? splitList(*text) : fallback;
}

std::string urlOption(const Host& host, const char* name, const std::string& fallback, bool required) {
  const std::string value = stringOption(host, name, fallback);
  if (value.empty()) {
    if (required)
      throw Error(CONVOCA_CONFIG, std::string("option ") + name + " is required (an http(s) URL)");
    return value;
  }
  try {
    const Poco::URI uri(value);
    if ((uri.getScheme() == "http" || uri.getScheme() == "https") && !uri.getHost().empty()) return value;
  } catch (const Poco::Exception&) {
  }
  invalid(name, value, "an absolute http(s) URL");
}

std::string granularityOption(const Host& host, const char* name) {
  const std::string value = stringOption(host, name, "auto");
  Granularity unused{};
  if (value.empty() || value == "auto") return "";
  if (!granularityFrom(value, unused))
    invalid(name, value, std::string("auto, ") + kDayGranularity + " or " + kSecondsGranularity);
  return value;
}

std::string datestampOption(const Host& host, const char* name) {
  const std::string value = stringOption(host, name, "");
  if (!value.empty() && !isDatestamp(value))
    invalid(name, value, "a date YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC)");
  return value;
}

} // namespace oai
