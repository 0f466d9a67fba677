#include "config_keys.h"

#include <Poco/Net/IPAddress.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <algorithm>
#include <cctype>
#include <map>

namespace convoca::app {
namespace {

constexpr int kMaxRunSeconds = 7 * 24 * 3600;

ConfigKey key(std::string name, KeyType type, std::string defaultValue, std::string meaning) {
  ConfigKey k;
  k.name = std::move(name);
  k.type = type;
  k.defaultValue = std::move(defaultValue);
  k.meaning = std::move(meaning);
  return k;
}

ConfigKey ranged(std::string name, KeyType type, double min, double max, std::string defaultValue,
                 std::string meaning) {
  ConfigKey k = key(std::move(name), type, std::move(defaultValue), std::move(meaning));
  k.min = min;
  k.max = max;
  return k;
}

// Flags of the few keys that need more than a type.
ConfigKey excludingMin(ConfigKey k) {
  k.aboveMin = true;
  return k;
}
ConfigKey secretFile(ConfigKey k) {
  k.secretFile = true;
  return k;
}
ConfigKey expectedToExist(ConfigKey k) {
  k.mustExist = true;
  return k;
}

ConfigKey choice(std::string name, std::string allowed, std::string defaultValue, std::string meaning) {
  ConfigKey k = key(std::move(name), KeyType::Enum, std::move(defaultValue), std::move(meaning));
  k.allowed = std::move(allowed);
  return k;
}

// http.<key>; every one of them can also be set per source.
std::vector<ConfigKey> httpKeys() {
  using T = KeyType;
  return {
      key("http.user_agent", T::String, "",
          "User-Agent of every request (default: convoca/<version> with a contact URL)"),
      ranged("http.connect_timeout_seconds", T::Int, 1, 600, "15", "limit on opening a connection, seconds"),
      ranged("http.read_timeout_seconds", T::Int, 1, 3600, "60",
             "longest silence while reading a response, s"),
      ranged("http.max_retries", T::Int, 0, 20, "4", "retries after the first attempt of a request"),
      ranged("http.backoff_base_ms", T::Int, 0, 600000, "1000",
             "base of the exponential backoff between retries"),
      ranged("http.retry_after_max_seconds", T::Int, 0, 86400, "300",
             "a longer Retry-After from a server gives the request up"),
      ranged("http.per_host_interval_seconds", T::Double, 0, 3600, "1.0",
             "least gap between two request starts to one host"),
      ranged("http.max_response_mb", T::Int, 1, 4096, "256", "largest response body read, MiB"),
      key("http.obey_robots", T::Bool, "true", "follow the site's robots.txt"),
  };
}

std::vector<ConfigKey> buildCatalogue() {
  using T = KeyType;
  std::vector<ConfigKey> keys = {
      key("convoca.data", T::Path, "/var/lib/convoca",
          "data directory (index, state DB, HTTP cache) when neither --data nor $CONVOCA_DATA is given"),
      key("web.listen", T::HostPort, "127.0.0.1:8080", "address of the web UI when serve has no --listen"),
      choice("web.auth", "auto|required", "auto",
             "auto: log in only off loopback; required: log in on loopback too"),
      key("web.cookie_secure", T::Bool, "false", "mark the session cookie Secure (behind a TLS proxy)"),
      // A rate of 0 would refuse every request.
      excludingMin(ranged("web.rate_limit.per_second", T::Double, 0, 1e6, "50",
                          "steady requests per second per client")),
      ranged("web.rate_limit.burst", T::Double, 1, 1e6, "200", "requests a client may burst before HTTP 429"),
      ranged(
          "web.request_deadline_seconds", T::Int, 1, 3600, "10",
          "a connection whose request line and headers have not arrived in this time is cut (slow clients)"),
      ranged("web.max_connections_per_client", T::Int, 0, 100000, "16",
             "connections one client address may hold at once (503 past it; 0: no cap; raise it behind a "
             "reverse proxy)"),
      secretFile(key("web.metrics_token_file", T::Path, "",
                     "file holding the bearer token off-loopback clients send for GET /metrics (unset: "
                     "only loopback clients may read it)")),
      ranged("status.failing_runs_warning", T::Int, 1, 1000, "3",
             "status warns about a source failing this many runs in a row"),
      ranged("status.stale_hours", T::Int, 1, 100000, "48",
             "status warns when the last successful harvest is older than this"),
      expectedToExist(key("index.search_database", T::Path, "",
                          "Xapian stub file (local databases or `remote tcp HOST:PORT` shards) that search "
                          "and matching read instead of <data>/index")),
      key("harvest.sources", T::List, "",
          "source ids harvested when no --source is given (default: every plugin that can harvest)"),
      ranged("harvest.timeout_seconds", T::Int, 1, kMaxRunSeconds, "1800",
             "wall-clock limit of one source run"),
      ranged("harvest.stall_seconds", T::Int, 1, 86400, "120",
             "a worker making no host call for this long is killed"),
      ranged("harvest.heartbeat_ms", T::Int, 10, 60000, "1000",
             "how often a worker reports that it is alive"),
      ranged("harvest.memory_limit_mb", T::Int, 0, 1048576, "4096",
             "address-space limit of each worker process, MiB (0 = none)"),
      key("harvest.fetch_documents", T::Bool, "true", "fetch, read and index the documents a call links to"),
      ranged("harvest.documents_per_record", T::Int, 0, 100, "5", "most documents fetched for one call"),
      ranged("harvest.document_max_mb", T::Int, 1, 1024, "20", "largest document fetched, MiB"),
      key("translation.enabled", T::Bool, "true", "translate ca/es/fr texts to English with Apertium"),
      key("translation.apertium_data_dir", T::Path, "", "Apertium's data directory (unset: Apertium's own)"),
      ranged("translation.timeout_seconds", T::Int, 1, 3600, "30", "limit on one Apertium call"),
  };
  for (auto& http : httpKeys()) keys.push_back(http);
  keys.push_back(ranged("source.<id>.timeout_seconds", T::Int, 1, kMaxRunSeconds, "1800",
                        "this source's wall-clock limit (overrides harvest.timeout_seconds)"));
  keys.push_back(key("source.<id>.harvest_hours", T::HourWindow, "",
                     "local hours (Europe/Madrid, end excluded) when the source may be harvested, e.g. 1-6"));
  for (auto http : httpKeys()) {
    http.meaning = "this source's " + http.name + ": " + http.meaning;
    http.name = "source.<id>." + http.name;
    http.defaultValue.clear(); // falls back to http.<key>
    keys.push_back(http);
  }
  keys.push_back(
      key("source.<id>.option.<name>", T::String, "", "plugin option <name>, as the plugin declares"));
  keys.push_back(secretFile(key("source.<id>.option.<name>.file", T::Path, "",
                                "plugin option <name> read from this file (trailing newline dropped): for "
                                "secrets")));
  keys.push_back(key("source.<id>.option.<name>.env", T::String, "",
                     "plugin option <name> read from this environment variable: for secrets"));
  return keys;
}

// "source.bdns.option.token.file" -> "source.<id>.option.<name>.file".
std::string patternOf(const std::string& key) {
  std::vector<std::string> parts = split(key, '.');
  if (parts.size() < 3 || parts[0] != "source" || parts[1].empty()) return key;
  parts[1] = "<id>";
  if (parts[2] == "option" && parts.size() >= 4 && !parts[3].empty()) parts[3] = "<name>";
  std::string pattern;
  for (const auto& part : parts) pattern += (pattern.empty() ? "" : ".") + part;
  return pattern;
}

bool parseInt(const std::string& text, int& value) {
  if (Poco::icompare(text.substr(0, 2), "0x") == 0) {
    unsigned hex = 0;
    if (!Poco::NumberParser::tryParseHex(text.substr(2), hex) || hex > 0x7fffffffu) return false;
    value = static_cast<int>(hex);
    return true;
  }
  return Poco::NumberParser::tryParse(text, value);
}

std::string number(double value) {
  return value == static_cast<int>(value) ? std::to_string(static_cast<int>(value))
                                          : Poco::NumberFormatter::format(value);
}

std::string quoted(const std::string& value) {
  return "'" + value + "'";
}

bool isHostName(const std::string& host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_';
  });
}

// The forms parseListenAddress() in host/web accepts, checked without a DNS lookup.
bool isListenAddress(const std::string& text) {
  if (text.empty()) return false;
  unsigned port = 0;
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return Poco::NumberParser::tryParseUnsigned(text, port) && port <= 65535;
  std::string host = text;
  const size_t colon = text.rfind(':');
  const bool bracketed = text.front() == '[';
  if (colon != std::string::npos && (!bracketed || text[colon - 1] == ']') &&
      (bracketed || text.find(':') == colon)) {
    if (!Poco::NumberParser::tryParseUnsigned(text.substr(colon + 1), port) || port > 65535) return false;
    host = text.substr(0, colon);
  }
  if (bracketed) {
    if (host.size() < 3 || host.back() != ']') return false;
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(host.substr(1, host.size() - 2), address);
  }
  Poco::Net::IPAddress address;
  return Poco::Net::IPAddress::tryParse(host, address) || isHostName(host);
}

} // namespace

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
    parts.push_back(text.substr(start, at - start));
  parts.push_back(text.substr(start));
  return parts;
}

const std::vector<ConfigKey>& configKeys() {
  static const std::vector<ConfigKey> keys = buildCatalogue();
  return keys;
}

const ConfigKey* findConfigKey(const std::string& key) {
  static const std::map<std::string, const ConfigKey*> byName = [] {
    std::map<std::string, const ConfigKey*> index;
    for (const auto& k : configKeys()) index[k.name] = &k;
    return index;
  }();
  auto found = byName.find(patternOf(key));
  return found == byName.end() ? nullptr : found->second;
}

std::optional<std::pair<int, int>> parseHourWindow(const std::string& text) {
  const size_t dash = text.find('-');
  int from = 0, to = 0;
  if (dash == std::string::npos || !Poco::NumberParser::tryParse(Poco::trim(text.substr(0, dash)), from) ||
      !Poco::NumberParser::tryParse(Poco::trim(text.substr(dash + 1)), to))
    return std::nullopt;
  if (from < 0 || from > 23 || to < 1 || to > 24) return std::nullopt;
  return std::make_pair(from, to);
}

std::optional<std::string> invalidValue(const ConfigKey& key, const std::string& value) {
  switch (key.type) {
  case KeyType::String:
  case KeyType::List:
    return std::nullopt;
  case KeyType::Bool: {
    bool parsed = false;
    if (Poco::NumberParser::tryParseBool(value, parsed)) return std::nullopt;
    return quoted(value) + " is not a boolean (true/false, yes/no, on/off)";
  }
  case KeyType::Int: {
    int parsed = 0;
    if (!parseInt(value, parsed)) return quoted(value) + " is not an integer";
    if (parsed < key.min || parsed > key.max)
      return value + " is out of range " + number(key.min) + ".." + number(key.max);
    return std::nullopt;
  }
  case KeyType::Double: {
    double parsed = 0;
    if (!Poco::NumberParser::tryParseFloat(value, parsed)) return quoted(value) + " is not a number";
    if (parsed < key.min || parsed > key.max || (key.aboveMin && parsed == key.min))
      return value + " is out of range " + (key.aboveMin ? "above " : "") + number(key.min) + ".." +
             number(key.max);
    return std::nullopt;
  }
  case KeyType::Enum: {
    for (const auto& allowed : split(key.allowed, '|'))
      if (value == allowed) return std::nullopt;
    return quoted(value) + " is not one of " + key.allowed;
  }
  case KeyType::Path:
    if (value.empty() && !key.defaultValue.empty()) return std::string("is empty; a path is expected");
    return std::nullopt;
  case KeyType::HostPort:
    if (isListenAddress(value)) return std::nullopt;
    return quoted(value) + " is not HOST:PORT (e.g. 127.0.0.1:8080)";
  case KeyType::HourWindow:
    if (parseHourWindow(value)) return std::nullopt;
    return quoted(value) + " is not an hour window FROM-TO such as 1-6 (FROM 0..23, TO 1..24)";
  }
  return std::nullopt;
}

std::string describeType(const ConfigKey& key) {
  switch (key.type) {
  case KeyType::String:
    return "string";
  case KeyType::Bool:
    return "bool";
  case KeyType::Int:
    return "int " + number(key.min) + ".." + number(key.max);
  case KeyType::Double:
    return std::string("number ") + (key.aboveMin ? ">" : "") + number(key.min) + ".." + number(key.max);
  case KeyType::Enum:
    return "one of " + key.allowed;
  case KeyType::Path:
    return key.secretFile ? "path of a secret file" : "path";
  case KeyType::HostPort:
    return "HOST:PORT";
  case KeyType::List:
    return "comma-separated list";
  case KeyType::HourWindow:
    return "hour window FROM-TO";
  }
  return "string";
}

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closestName(const std::string& key, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  size_t bestDistance = std::max<size_t>(2, key.size() / 4) + 1; // a typo, not another key
  for (const auto& candidate : candidates) {
    const size_t distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

} // namespace convoca::app
