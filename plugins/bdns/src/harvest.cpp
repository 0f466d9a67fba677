#include "harvest.h"

#include "convocatoria.h"
#include "dates.h"
#include "payload.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>
#include <Poco/UTF8String.h>
#include <regex>
#include <set>

namespace bdns {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;

constexpr int64_t kMillisPerDay = 86400000;

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

std::string regionOption(const Host& host) {
  const std::string region = Poco::toUpper(Poco::trim(host.option("region", "ES51")));
  static const std::regex nuts(R"(^[A-Z]{2}[0-9A-Z]{0,3}$)");
  if (region.empty() || region == "ALL") return {};
  if (!std::regex_match(region, nuts))
    throw Error(CONVOCA_CONFIG,
                "option region must be a NUTS code such as ES51, or all, not \"" + region + "\"");
  return region;
}

std::vector<std::string> listOption(const Host& host, const char* name) {
  std::vector<std::string> values;
  const Poco::StringTokenizer items(
      host.option(name, ""), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& item : items) values.push_back(item);
  return values;
}

std::string sinceOption(const Host& host) {
  const std::string since = Poco::trim(host.option("since", ""));
  if (since.empty()) return since;
  static const std::regex day(R"(^\d{4}-\d{2}-\d{2}$)");
  if (!std::regex_match(since, day) || !host.localToRfc3339(kSourceZone, since + "T00:00:00"))
    throw Error(CONVOCA_CONFIG, "option since must be a date YYYY-MM-DD, not \"" + since + "\"");
  return since;
}

std::string apiOption(const Host& host) {
  std::string url = Poco::trim(host.option("api_url", kDefaultApiUrl));
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw Error(CONVOCA_CONFIG, "option api_url must be an http(s) URL, not \"" + url + "\"");
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// "2026-11-24" → "24/11/2026", the only date format the API reads.
std::string apiDate(const std::string& isoDay) {
  return isoDay.substr(8, 2) + "/" + isoDay.substr(5, 2) + "/" + isoDay.substr(0, 4);
}

std::string madridDayOf(const Host& host, int64_t unixMs) {
  const auto rfc3339 = host.instantToRfc3339(kSourceZone, unixMs);
  if (!rfc3339 || rfc3339->size() < 10) throw Error(CONVOCA_INTERNAL, "the host cannot format the date");
  return rfc3339->substr(0, 10);
}

// 200, or a cached copy the host serves after a 304.
void requireSuccess(const HttpResponse& response, const std::string& url) {
  if (response.status == 200 || (response.fromCache && response.status == 304)) return;
  const bool transient = response.status == 429 || response.status >= 500;
  throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
              "GET " + url + " answered HTTP " + std::to_string(response.status));
}

bool regionWanted(const std::string& region, const std::vector<std::string>& codes) {
  if (region.empty() || codes.empty()) return true;
  for (const auto& code : codes)
    if (region.rfind(code, 0) == 0 || code.rfind(region, 0) == 0) return true;
  return false;
}

bool beneficiaryWanted(const std::vector<std::string>& types, const std::vector<std::string>& entities) {
  if (types.empty() || entities.empty()) return true;
  for (const auto& entity : entities) {
    const std::string lowered = Poco::UTF8::toLower(entity);
    for (const auto& type : types)
      if (lowered.find(Poco::UTF8::toLower(type)) != std::string::npos) return true;
  }
  return false;
}

// The distinct BDNS codes of every search page, newest first.
std::vector<std::string> searchCodes(const Host& host, const HarvestOptions& options,
                                     const std::string& fechaDesde) {
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (int page = 0;; ++page) {
    if (page == options.maxPages) {
      host.warn("stopped after max_pages=" + std::to_string(options.maxPages) + " search pages");
      break;
    }
    host.throwIfCancelled();
    const std::string url = searchPageUrl(options, page, fechaDesde);
    const HttpResponse response = host.get(url);
    requireSuccess(response, url);
    const auto payload = parseObject(url, response.body);
    if (!isSearchPage(*payload))
      throw Error(CONVOCA_SOURCE_FORMAT, url + ": not a search page (no content array)");
    const SearchPage got = readSearchPage(url, *payload);
    for (const auto& row : got.rows) {
      const std::string code = codeOfSearchRow(*row);
      if (seen.insert(code).second) codes.push_back(code);
    }
    const bool reachedTotal = got.totalPages && page + 1 >= *got.totalPages;
    if (got.last || got.rows.empty() || reachedTotal) break;
  }
  return codes;
}

} // namespace

HarvestOptions harvestOptionsFrom(const Host& host) {
  HarvestOptions options;
  options.apiUrl = apiOption(host);
  options.region = regionOption(host);
  options.beneficiaryTypes = listOption(host, "beneficiary_types");
  options.pageSize = intOption(host, "page_size", options.pageSize, 1, 1000);
  options.maxPages = intOption(host, "max_pages", options.maxPages, 1, 10000);
  options.since = sinceOption(host);
  options.overlapDays = intOption(host, "overlap_days", options.overlapDays, 0, 365);
  options.initialDays = intOption(host, "initial_days", options.initialDays, 0, 3650);
  return options;
}

std::string windowStart(const Host& host, const HarvestOptions& options, int64_t nowMs) {
  if (!options.since.empty()) return apiDate(options.since);
  Poco::Int64 lastSuccess = 0;
  if (const auto cursor = host.cursor(kCursorKey);
      cursor && Poco::NumberParser::tryParse64(*cursor, lastSuccess))
    return apiDate(madridDayOf(host, lastSuccess - options.overlapDays * kMillisPerDay));
  return apiDate(madridDayOf(host, nowMs - options.initialDays * kMillisPerDay));
}

std::string searchPageUrl(const HarvestOptions& options, int page, const std::string& fechaDesde) {
  return options.apiUrl + "/convocatorias/busqueda?vpd=GE&page=" + std::to_string(page) +
         "&pageSize=" + std::to_string(options.pageSize) +
         "&order=fechaRecepcion&direccion=desc&fechaDesde=" + fechaDesde;
}

std::string detailUrl(const HarvestOptions& options, const std::string& code) {
  std::string encoded;
  Poco::URI::encode(code, "&=?#+/", encoded);
  return options.apiUrl + "/convocatorias?vpd=GE&numConv=" + encoded;
}

bool wanted(const HarvestOptions& options, const CallRecord& record) {
  return regionWanted(options.region, record.eligibleCountries) &&
         beneficiaryWanted(options.beneficiaryTypes, record.eligibleEntities);
}

std::vector<CallRecord> harvestCalls(const Host& host, const HarvestOptions& options,
                                     const std::string& fechaDesde) {
  const std::vector<std::string> codes = searchCodes(host, options, fechaDesde);
  std::vector<CallRecord> records;
  for (size_t i = 0; i < codes.size(); ++i) {
    host.throwIfCancelled();
    const std::string url = detailUrl(options, codes[i]);
    const HttpResponse response = host.get(url);
    if (response.status == 404) {
      // Withdrawn between the search and now: the next run will not list it either.
      host.warn("no detail for BDNS " + codes[i] + " (" + url + " answered 404); skipped");
      continue;
    }
    requireSuccess(response, url);
    CallRecord record = readDetail(host, url, *parseObject(url, response.body));
    if (wanted(options, record)) records.push_back(std::move(record));
    host.progress(i + 1, codes.size());
  }
  host.info("bdns: " + std::to_string(codes.size()) + " calls since " + fechaDesde + ", " +
            std::to_string(records.size()) + " for the region and beneficiary types");
  return records;
}

} // namespace bdns
