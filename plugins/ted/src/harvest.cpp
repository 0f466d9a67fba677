#include "harvest.h"

#include "search.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Timespan.h>
#include <algorithm>
#include <cctype>
#include <set>

namespace ted {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;

constexpr int kMaxPageSize = 250;
constexpr const char* kPublicationNumberPlaceholder = "{publication-number}";

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

// Codes go into the expert query as they are, so only letters, digits and '-' are allowed.
std::vector<std::string> codeListOption(const Host& host, const char* name,
                                        std::vector<std::string> fallback) {
  const auto text = host.option(name);
  if (!text) return fallback;
  std::vector<std::string> codes;
  const Poco::StringTokenizer tokens(
      *text, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& code : tokens) {
    const bool safe =
        std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
    if (!safe)
      throw Error(CONVOCA_CONFIG, std::string("option ") + name + ": \"" + code +
                                      "\" is not a code (letters, digits and '-' only)");
    codes.push_back(code);
  }
  if (codes.empty()) throw Error(CONVOCA_CONFIG, std::string("option ") + name + " is empty");
  return codes;
}

std::string urlOption(const Host& host, const char* name, const char* fallback) {
  const std::string url = Poco::trim(host.option(name, fallback));
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw Error(CONVOCA_CONFIG,
                std::string("option ") + name + " must be an http(s) URL, not \"" + url + "\"");
  return url;
}

// "2026-11-01", "20261101" or "2026-11-01+01:00" -> "20261101"; "" when unreadable.
std::string dayKeyOf(const std::string& text) {
  std::string digits = text.substr(0, text.size() >= 10 && text[4] == '-' ? 10 : 8);
  digits.erase(std::remove(digits.begin(), digits.end(), '-'), digits.end());
  Poco::DateTime parsed;
  int zone = 0;
  // Poco's parser is lenient with letters, so the digits are checked first.
  const bool allDigits =
      std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
  if (digits.size() != 8 || !allDigits || !Poco::DateTimeParser::tryParse("%Y%m%d", digits, parsed, zone))
    return {};
  return digits;
}

std::string todayMinus(int days) {
  Poco::DateTime day;
  day -= Poco::Timespan(days, 0, 0, 0, 0);
  return Poco::DateTimeFormatter::format(day, "%Y%m%d");
}

// The window starts at the option, else where the last successful run stopped.
std::string windowStart(const Host& host, const HarvestOptions& options) {
  if (!options.since.empty()) return options.since;
  if (const auto cursor = host.cursor(kCursorKey)) {
    const std::string day = dayKeyOf(*cursor);
    if (!day.empty()) return day;
    host.warn("ignoring unreadable cursor since=\"" + *cursor + "\"");
  }
  return todayMinus(options.lookbackDays);
}

std::string joined(const std::vector<std::string>& codes) {
  std::string text;
  for (const auto& code : codes) text += (text.empty() ? "" : " ") + code;
  return text;
}

void requireSuccess(const HttpResponse& response, const std::string& what) {
  if (response.status == 200 || (response.fromCache && response.status == 304)) return;
  const bool transient = response.status == 429 || response.status >= 500;
  throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
              what + " answered HTTP " + std::to_string(response.status));
}

// Fetches and emits one notice. A notice that is gone or unreadable is logged
// and skipped: it must not hold back the others. Returns false when skipped as unreadable.
bool harvestNotice(const Host& host, const HarvestOptions& options, const FoundNotice& found,
                   EmitCounts& counts, std::string& firstError) {
  const std::string url = noticeXmlUrl(options, found.publicationNumber);
  const HttpResponse response = host.get(url);
  if (response.status == 404 || response.status == 410) {
    host.warn("notice " + found.publicationNumber + ": GET " + url + " answered HTTP " +
              std::to_string(response.status) + "; skipped");
    return true;
  }
  requireSuccess(response, "GET " + url);
  try {
    emitNotice(host, found.publicationNumber + ".xml", response.body, found.publicationNumber, counts);
    return true;
  } catch (const Error& error) {
    if (error.status() != CONVOCA_SOURCE_FORMAT) throw;
    host.warn(std::string(error.what()) + " (" + url + "); notice skipped");
    if (firstError.empty()) firstError = error.what();
    return false;
  }
}

} // namespace

HarvestOptions harvestOptionsFrom(const Host& host) {
  HarvestOptions options;
  options.buyerCountries = codeListOption(host, "buyer_countries", options.buyerCountries);
  options.noticeTypes = codeListOption(host, "notice_types", options.noticeTypes);
  options.query = Poco::trim(host.option("query", ""));
  if (const auto since = host.option("since"); since && !Poco::trim(*since).empty()) {
    options.since = dayKeyOf(Poco::trim(*since));
    if (options.since.empty())
      throw Error(CONVOCA_CONFIG,
                  "option since must be a date YYYY-MM-DD or YYYYMMDD, not \"" + *since + "\"");
  }
  options.lookbackDays = intOption(host, "lookback_days", options.lookbackDays, 1, 3650);
  options.pageSize = intOption(host, "page_size", options.pageSize, 1, kMaxPageSize);
  options.maxPages = intOption(host, "max_pages", options.maxPages, 1, 100000);
  options.searchUrl = urlOption(host, "search_url", kDefaultSearchUrl);
  options.noticeXmlUrl = urlOption(host, "notice_xml_url", kDefaultNoticeXmlUrl);
  if (options.noticeXmlUrl.find(kPublicationNumberPlaceholder) == std::string::npos)
    throw Error(CONVOCA_CONFIG, "option notice_xml_url must contain {publication-number}");
  return options;
}

std::string expertQuery(const HarvestOptions& options, const std::string& since) {
  const std::string filter = options.query.empty()
                                 ? "buyer-country IN (" + joined(options.buyerCountries) +
                                       ") AND notice-type IN (" + joined(options.noticeTypes) + ")"
                                 : "(" + options.query + ")";
  return filter + " AND publication-date >= " + since;
}

std::string noticeXmlUrl(const HarvestOptions& options, const std::string& publicationNumber) {
  std::string url = options.noticeXmlUrl;
  return url.replace(url.find(kPublicationNumberPlaceholder),
                     std::string(kPublicationNumberPlaceholder).size(), publicationNumber);
}

EmitCounts harvestTed(const Host& host, const HarvestOptions& options) {
  SearchRequest request;
  request.query = expertQuery(options, windowStart(host, options));
  request.limit = options.pageSize;
  host.info("TED search: " + request.query);

  EmitCounts counts;
  std::set<std::string> seen; // the same notice on two pages is fetched once
  std::string latestDay, firstError;
  size_t fetched = 0, unreadable = 0;
  for (int page = 1; page <= options.maxPages; ++page) {
    host.throwIfCancelled();
    const HttpResponse response = host.post(options.searchUrl, searchBody(request), "application/json");
    requireSuccess(response, "POST " + options.searchUrl + " (page " + std::to_string(page) + ")");
    const SearchPage result = readSearchPage("search page " + std::to_string(page), response.body);
    if (result.timedOut)
      throw Error(CONVOCA_RETRY,
                  "TED search page " + std::to_string(page) + " timed out; results would be partial");
    for (const auto& found : result.notices) {
      if (!seen.insert(found.publicationNumber).second) continue;
      host.throwIfCancelled();
      if (!harvestNotice(host, options, found, counts, firstError)) ++unreadable;
      ++fetched;
      latestDay = std::max(latestDay, dayKeyOf(found.publicationDate));
      host.progress(fetched, result.totalNoticeCount ? static_cast<uint64_t>(*result.totalNoticeCount) : 0);
    }
    // TED has been seen to hand out a token after the last notice: an empty page ends too.
    const bool last = result.notices.empty() || result.iterationNextToken.empty() ||
                      result.iterationNextToken == request.iterationNextToken;
    if (last) break;
    if (page == options.maxPages)
      host.warn("stopped after max_pages=" + std::to_string(options.maxPages) + " search pages");
    request.iterationNextToken = result.iterationNextToken;
  }
  if (fetched > 0 && unreadable == fetched)
    throw Error(CONVOCA_SOURCE_FORMAT,
                "none of the " + std::to_string(fetched) + " notices was readable: " + firstError);
  // The next run starts at the newest publication day seen (that day is read again; upserts are idempotent).
  if (!latestDay.empty()) host.setCursor(kCursorKey, latestDay);
  host.info("TED: " + std::to_string(fetched) + " notices fetched, " + std::to_string(unreadable) +
            " unreadable");
  return counts;
}

} // namespace ted
