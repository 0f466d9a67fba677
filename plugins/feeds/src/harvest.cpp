#include "harvest.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <optional>

namespace feeds {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;

std::vector<std::string> listOption(const Host& host, const char* name) {
  std::vector<std::string> items;
  const auto text = host.option(name);
  if (!text) return items;
  const Poco::StringTokenizer tokens(
      *text, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  items.assign(tokens.begin(), tokens.end());
  return items;
}

// One value per feed: none (fallback), one for all, or one per URL.
std::vector<std::string> perFeed(const Host& host, const char* name, size_t feeds,
                                 const std::string& fallback) {
  std::vector<std::string> values = listOption(host, name);
  if (values.empty()) return std::vector<std::string>(feeds, fallback);
  if (values.size() == 1) return std::vector<std::string>(feeds, values.front());
  if (values.size() == feeds) return values;
  throw Error(CONVOCA_CONFIG, std::string("option ") + name + " has " + std::to_string(values.size()) +
                                  " values for " + std::to_string(feeds) +
                                  " urls: give one value, or one per URL in the same order");
}

std::string checkedKind(const std::string& kind) {
  const std::string lower = Poco::toLower(kind);
  if (lower != "call" && lower != "document")
    throw Error(CONVOCA_CONFIG, "option kind must be call or document, not \"" + kind + "\"");
  return lower;
}

std::string checkedLanguage(const std::string& language) {
  if (language.empty()) return {};
  const std::string code = languageCode(language);
  if (code.empty())
    throw Error(CONVOCA_CONFIG,
                "option language must be an ISO 639 code such as ca, es or en, not \"" + language + "\"");
  return code;
}

void requireSuccess(const HttpResponse& response, const std::string& what) {
  if (response.status == 200 || (response.fromCache && response.status == 304)) return;
  const bool transient = response.status == 429 || response.status >= 500;
  throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
              what + " answered HTTP " + std::to_string(response.status));
}

size_t emitAll(const Host& host, const std::vector<ItemRecord>& records) {
  size_t rejected = 0;
  for (const auto& record : records)
    if (!host.emit(toJson(record))) ++rejected;
  return rejected;
}

void harvestOne(const Host& host, const FeedSource& source) {
  const HttpResponse response = host.get(source.url);
  requireSuccess(response, "GET " + source.url);
  const Feed feed = readFeed(source.url, response.body, response.finalUrl);
  const auto records = recordsOf(feed, source.url, source.settings, host);
  const size_t rejected = emitAll(host, records);
  host.info(source.url + ": " + std::to_string(feed.items.size()) + " items, " +
            std::to_string(records.size()) + " records, " + std::to_string(rejected) +
            " rejected by the host");
}

} // namespace

std::vector<FeedSource> feedSourcesFrom(const Host& host) {
  const std::vector<std::string> urls = listOption(host, "urls");
  if (urls.empty()) throw Error(CONVOCA_CONFIG, "option urls is empty: list the feed URLs to harvest");
  for (const auto& url : urls)
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
      throw Error(CONVOCA_CONFIG, "option urls lists \"" + url + "\", which is not an http(s) URL");
  const auto kinds = perFeed(host, "kind", urls.size(), "call");
  const auto languages = perFeed(host, "language", urls.size(), "");
  const auto programmes = perFeed(host, "programme", urls.size(), "");
  const auto codes = perFeed(host, "programme_code", urls.size(), "");
  std::vector<FeedSource> sources;
  for (size_t i = 0; i < urls.size(); ++i)
    sources.push_back(FeedSource{urls[i], FeedSettings{checkedKind(kinds[i]), checkedLanguage(languages[i]),
                                                       programmes[i], codes[i]}});
  return sources;
}

FeedSettings parseSettingsFrom(const Host& host) {
  auto single = [&](const char* name, const std::string& fallback) {
    const auto values = listOption(host, name);
    return values.size() == 1 ? values.front() : fallback;
  };
  return FeedSettings{checkedKind(single("kind", "call")), checkedLanguage(single("language", "")),
                      single("programme", ""), single("programme_code", "")};
}

void harvestFeeds(const Host& host, const std::vector<FeedSource>& sources) {
  std::optional<Error> firstFailure;
  size_t failures = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    host.throwIfCancelled();
    try {
      harvestOne(host, sources[i]);
    } catch (const Error& e) {
      if (e.status() == CONVOCA_CANCELLED) throw;
      host.warn(std::string("feed skipped: ") + e.what());
      ++failures;
      if (!firstFailure) firstFailure = e;
    }
    host.progress(i + 1, sources.size());
  }
  if (firstFailure)
    throw Error(firstFailure->status(), std::to_string(failures) + " of " + std::to_string(sources.size()) +
                                            " feeds failed; first: " + firstFailure->what());
}

void parseSavedFeed(const Host& host, const std::string& name, const std::string& bytes) {
  const Feed feed = readFeed(name, bytes, "");
  const std::string key = !feed.selfUrl.empty()    ? feed.selfUrl
                          : !feed.identity.empty() ? feed.identity
                                                   : name;
  const auto records = recordsOf(feed, key, parseSettingsFrom(host), host);
  const size_t rejected = emitAll(host, records);
  host.info(name + ": " + std::to_string(records.size()) + " records, " + std::to_string(rejected) +
            " rejected by the host");
}

} // namespace feeds
