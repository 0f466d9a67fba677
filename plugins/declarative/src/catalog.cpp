#include "catalog.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <algorithm>
#include <optional>
#include <set>

namespace declarative {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;

bool boolOption(const Host& host, const char* name, bool fallback) {
  const auto text = host.option(name);
  if (!text) return fallback;
  bool value = false;
  if (!Poco::NumberParser::tryParseBool(Poco::trim(*text), value))
    throw Error(CONVOCA_CONFIG,
                std::string("option ") + name + " must be true or false, not \"" + *text + "\"");
  return value;
}

std::vector<std::string> listOption(const Host& host, const char* name) {
  std::vector<std::string> values;
  const auto text = host.option(name);
  if (!text) return values;
  Poco::StringTokenizer tokens(*text, ",",
                               Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  values.assign(tokens.begin(), tokens.end());
  return values;
}

void append(std::vector<Definition>& all, std::vector<Definition> more) {
  for (auto& definition : more) {
    const auto clash = std::find_if(all.begin(), all.end(),
                                    [&](const Definition& known) { return known.id == definition.id; });
    if (clash != all.end())
      throw Error(CONVOCA_CONFIG,
                  definition.origin + ": id: '" + definition.id + "' is already defined in " + clash->origin);
    all.push_back(std::move(definition));
  }
}

// The shipped definitions, read once per thread: reading and checking them
// again for every payload was a third of a parse. Of all their checks only the
// zones ask the host, so each host is asked about those zones again; one it
// does not know reads the definitions afresh, which fails as it always did.
std::vector<Definition> builtinDefinitions(const ZoneCheck& zoneIsKnown) {
  struct Read {
    std::vector<Definition> definitions;
    std::vector<std::string> zones;
  };
  thread_local std::optional<Read> cache;
  if (cache && std::all_of(cache->zones.begin(), cache->zones.end(), zoneIsKnown)) return cache->definitions;
  cache.reset();
  Read read;
  const ZoneCheck asking = [&](const std::string& zone) {
    read.zones.push_back(zone);
    return zoneIsKnown(zone);
  };
  for (size_t i = 0; i < kBuiltinDefinitionCount; ++i)
    append(read.definitions,
           loadDefinitions(kBuiltinDefinitions[i].json, kBuiltinDefinitions[i].file, asking));
  cache = read;
  return std::move(read.definitions);
}

} // namespace

ZoneCheck zoneCheckOf(const Host& host) {
  return [&host](const std::string& zone) {
    return host.localToRfc3339(zone.c_str(), "2000-01-01T12:00:00").has_value();
  };
}

std::vector<Definition> definitionsFor(const Host& host) {
  std::vector<Definition> all;
  const ZoneCheck zoneIsKnown = zoneCheckOf(host);
  try {
    if (boolOption(host, "builtin", true)) all = builtinDefinitions(zoneIsKnown);
    if (const auto extra = host.option("definitions_json"))
      append(all, loadDefinitions(*extra, "option definitions_json", zoneIsKnown));
  } catch (const DefinitionError& e) {
    throw Error(CONVOCA_CONFIG, e.what());
  }
  const auto only = listOption(host, "only");
  if (only.empty()) return all;
  for (const auto& id : only)
    if (std::none_of(all.begin(), all.end(), [&](const Definition& d) { return d.id == id; }))
      throw Error(CONVOCA_CONFIG, "option only names '" + id + "', which no definition has");
  all.erase(std::remove_if(
                all.begin(), all.end(),
                [&](const Definition& d) { return std::find(only.begin(), only.end(), d.id) == only.end(); }),
            all.end());
  return all;
}

} // namespace declarative
