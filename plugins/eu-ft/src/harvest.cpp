#include "harvest.h"

#include "payload.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <sstream>

namespace euft {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;
using convoca::sdk::MultipartPart;

constexpr int kMaxPageSize = 100;
constexpr const char* kJson = "application/json";
// Grant topics, calls for proposals and cascade-funding calls; "0" adds tenders.
constexpr const char* kGrantTypes[] = {"1", "2", "8"};
constexpr const char* kTenderType = "0";
// Forthcoming and open: closed calls are history, and the index keeps what it had.
constexpr const char* kWantedStatuses[] = {"31094501", "31094502"};
constexpr const char* kProgrammePeriod = "2021 - 2027";

Poco::JSON::Object::Ptr orderedObject() {
  return Poco::makeShared<Poco::JSON::Object>(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string compact(const Poco::Dynamic::Var& json) {
  std::ostringstream out;
  if (json.type() == typeid(Poco::JSON::Object::Ptr))
    json.extract<Poco::JSON::Object::Ptr>()->stringify(out);
  else
    json.extract<Poco::JSON::Array::Ptr>()->stringify(out);
  return out.str();
}

Poco::JSON::Object::Ptr clause(const char* op, const char* field, const Poco::Dynamic::Var& value) {
  auto inner = orderedObject();
  inner->set(field, value);
  auto outer = orderedObject();
  outer->set(op, inner);
  return outer;
}

Poco::JSON::Array::Ptr stringArray(const std::vector<std::string>& values) {
  auto array = Poco::makeShared<Poco::JSON::Array>();
  for (const auto& value : values) array->add(value);
  return array;
}

// {"bool":{"must":[{"terms":{"type":[...]}},{"terms":{"status":[...]}},
//                  {"term":{"programmePeriod":"2021 - 2027"}}]}}
std::string queryJson(const HarvestOptions& options) {
  std::vector<std::string> types;
  if (options.includeTenders) types.emplace_back(kTenderType);
  types.insert(types.end(), std::begin(kGrantTypes), std::end(kGrantTypes));
  auto must = Poco::makeShared<Poco::JSON::Array>();
  must->add(clause("terms", "type", stringArray(types)));
  must->add(clause("terms", "status", stringArray({std::begin(kWantedStatuses), std::end(kWantedStatuses)})));
  must->add(clause("term", "programmePeriod", std::string(kProgrammePeriod)));
  auto boolean = orderedObject();
  boolean->set("must", must);
  auto query = orderedObject();
  query->set("bool", boolean);
  return compact(query);
}

// Sorting on the identifier keeps page boundaries stable between requests.
std::string sortJson() {
  auto sort = orderedObject();
  sort->set("field", std::string("identifier"));
  sort->set("order", std::string("ASC"));
  return compact(sort);
}

int intOption(const Host& host, const char* name, int fallback, int min, int max) {
  const auto text = host.option(name);
  if (!text) return fallback;
  int value = 0;
  if (!Poco::NumberParser::tryParse(Poco::trim(*text), value) || value < min || value > max)
    throw Error(CONVOCA_CONFIG, std::string("option ") + name + " must be a whole number from " +
                                    std::to_string(min) + " to " + std::to_string(max) + ", not \"" + *text +
                                    "\"");
  return value;
}

bool boolOption(const Host& host, const char* name, bool fallback) {
  const auto text = host.option(name);
  if (!text) return fallback;
  bool value = false;
  if (!Poco::NumberParser::tryParseBool(Poco::trim(*text), value))
    throw Error(CONVOCA_CONFIG,
                std::string("option ") + name + " must be true or false, not \"" + *text + "\"");
  return value;
}

HarvestMode modeOption(const Host& host) {
  const std::string mode = Poco::toLower(Poco::trim(host.option("mode", "search")));
  if (mode == "search") return HarvestMode::Search;
  if (mode == "dump") return HarvestMode::Dump;
  if (mode == "both") return HarvestMode::Both;
  throw Error(CONVOCA_CONFIG, "option mode must be search, dump or both, not \"" + mode + "\"");
}

std::string urlOption(const Host& host, const char* name, const char* fallback) {
  const std::string url = Poco::trim(host.option(name, fallback));
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw Error(CONVOCA_CONFIG,
                std::string("option ") + name + " must be an http(s) URL, not \"" + url + "\"");
  return url;
}

// 200, or a cached copy the host serves after a 304.
void requireSuccess(const HttpResponse& response, const std::string& what) {
  if (response.status == 200 || (response.fromCache && response.status == 304)) return;
  const bool transient = response.status == 429 || response.status >= 500;
  throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
              what + " answered HTTP " + std::to_string(response.status));
}

void harvestSearch(const HarvestOptions& options, ParseContext& context, Emitter& emitter) {
  const Host& host = context.host();
  const auto parts = searchRequestParts(options);
  RecordCollector collector;
  uint64_t fetched = 0;
  for (int page = 1; page <= options.maxPages; ++page) {
    host.throwIfCancelled();
    const std::string url = searchPageUrl(options, page);
    const HttpResponse response = host.postMultipart(url, parts);
    requireSuccess(response, "POST " + url);
    const std::string name = "search page " + std::to_string(page);
    const PayloadSummary summary = readPayload(name, response.body, context, collector, emitter);
    if (summary.kind != PayloadKind::SearchResponse)
      throw Error(CONVOCA_SOURCE_FORMAT, name + " (" + url + ") is not a search response");
    fetched += summary.items;
    const int64_t total = summary.totalResults.value_or(0);
    host.progress(fetched, total > 0 ? static_cast<uint64_t>(total) : 0);
    const bool shortPage = summary.items < static_cast<size_t>(options.pageSize);
    const bool reachedTotal = summary.totalResults && static_cast<int64_t>(page) * options.pageSize >= total;
    if (shortPage || reachedTotal) break;
    if (page == options.maxPages)
      host.warn("stopped after max_pages=" + std::to_string(options.maxPages) + " search pages; " +
                std::to_string(total) + " results announced");
  }
  host.info("search API: " + std::to_string(fetched) + " results, " + std::to_string(collector.size()) +
            " distinct identifiers");
  for (const auto& candidate : collector.take()) emitter.emitOnce(candidate);
}

void harvestDump(const HarvestOptions& options, ParseContext& context, Emitter& emitter) {
  const Host& host = context.host();
  host.throwIfCancelled();
  const HttpResponse response = host.get(options.dumpUrl);
  requireSuccess(response, "GET " + options.dumpUrl);
  RecordCollector unused; // a dump emits as it reads
  const PayloadSummary summary = readPayload("grantsTenders.json", response.body, context, unused, emitter,
                                             ReadOptions{options.includeTenders});
  if (summary.kind != PayloadKind::GrantsTendersDump)
    throw Error(CONVOCA_SOURCE_FORMAT, options.dumpUrl + " is not a grantsTenders dump");
  host.info("grantsTenders.json: " + std::to_string(summary.items) + " objects");
}

} // namespace

HarvestOptions harvestOptionsFrom(const Host& host) {
  HarvestOptions options;
  options.mode = modeOption(host);
  options.includeTenders = boolOption(host, "include_tenders", options.includeTenders);
  options.pageSize = intOption(host, "page_size", options.pageSize, 1, kMaxPageSize);
  options.maxPages = intOption(host, "max_pages", options.maxPages, 1, 100000);
  options.searchUrl = urlOption(host, "search_url", kDefaultSearchUrl);
  options.dumpUrl = urlOption(host, "dump_url", kDefaultDumpUrl);
  return options;
}

std::string searchPageUrl(const HarvestOptions& options, int pageNumber) {
  return options.searchUrl + "?apiKey=SEDIA&text=***&pageSize=" + std::to_string(options.pageSize) +
         "&pageNumber=" + std::to_string(pageNumber);
}

std::vector<MultipartPart> searchRequestParts(const HarvestOptions& options) {
  // languages=["en"] is essential: without it every row comes back once per translation.
  return {MultipartPart{"query", kJson, queryJson(options)},
          MultipartPart{"languages", kJson, compact(stringArray({"en"}))},
          MultipartPart{"sort", kJson, sortJson()}};
}

void harvestPortal(const HarvestOptions& options, ParseContext& context, Emitter& emitter) {
  if (options.mode != HarvestMode::Dump) harvestSearch(options, context, emitter);
  // After the search, so a topic seen in both keeps the search copy (it has the description).
  if (options.mode != HarvestMode::Search) harvestDump(options, context, emitter);
}

} // namespace euft
