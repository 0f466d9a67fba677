#include "oai/harvester.h"

#include <set>

namespace oai {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;

// A safety stop far above any real list (UNDL serves about 200 records a page).
constexpr size_t kMaxPages = 20000;

std::unique_ptr<Response> fetch(const Host& host, const std::string& url, const std::string& name) {
  host.throwIfCancelled();
  const HttpResponse response = host.get(url);
  if (response.status != 200) {
    const std::string why = name + ": HTTP " + std::to_string(response.status) + " from " + url;
    const bool transient = response.status == 429 || response.status >= 500;
    throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
                transient ? why + " (after the host's retries; try again later)" : why);
  }
  return std::make_unique<Response>(name, response.body);
}

[[noreturn]] void failOn(const ProtocolError& error, const std::string& name) {
  const bool optionsAreWrong = error.code == ErrorCode::BadArgument ||
                               error.code == ErrorCode::CannotDisseminateFormat ||
                               error.code == ErrorCode::NoSetHierarchy;
  throw Error(optionsAreWrong ? CONVOCA_CONFIG : CONVOCA_SOURCE_FORMAT,
              name + ": the repository answered with the OAI error " + describe(error) +
                  (optionsAreWrong ? "; check the plugin's options" : ""));
}

enum class PageVerdict { Continue, Finished, Restart };

PageVerdict judgeErrors(const Response& page, const std::string& name, bool firstPage, bool restarted) {
  if (!page.firstError()) return PageVerdict::Continue;
  if (page.hasError(ErrorCode::NoRecordsMatch)) return PageVerdict::Finished;
  if (page.hasError(ErrorCode::BadResumptionToken) && !firstPage) {
    if (restarted)
      throw Error(CONVOCA_RETRY,
                  name + ": badResumptionToken again after restarting the list; try again later");
    return PageVerdict::Restart;
  }
  failOn(*page.firstError(), name);
}

} // namespace

ListOutcome harvestList(const Host& host, const std::string& baseUrl, const ListArguments& arguments,
                        const PageHandler& onPage) {
  ListOutcome outcome;
  std::string url = listRecordsUrl(baseUrl, arguments);
  std::set<std::string> tokensSeen;
  size_t pageNumber = 1;
  while (true) {
    const std::string name = "ListRecords page " + std::to_string(pageNumber) + " (" + url + ")";
    const auto page = fetch(host, url, name);
    if (outcome.firstResponseDate.empty()) outcome.firstResponseDate = page->responseDate();
    const PageVerdict verdict = judgeErrors(*page, name, pageNumber == 1, outcome.restarted);
    if (verdict == PageVerdict::Finished) {
      if (pageNumber == 1) host.info(name + ": noRecordsMatch, nothing new");
      break;
    }
    if (verdict == PageVerdict::Restart) {
      host.warn(name + ": badResumptionToken; starting the list again from its first page");
      outcome.restarted = true;
      tokensSeen.clear();
      url = listRecordsUrl(baseUrl, arguments);
      pageNumber = 1;
      continue;
    }
    onPage(*page, name);
    ++outcome.pages;
    outcome.records += page->records().size();
    for (const auto& record : page->records())
      if (record.deleted) ++outcome.deleted;
    const auto& resumption = page->resumption();
    const uint64_t total = resumption && resumption->completeListSize ? *resumption->completeListSize : 0;
    host.progress(outcome.records, total);
    if (!resumption || resumption->token.empty()) break;
    if (!tokensSeen.insert(resumption->token).second)
      throw Error(CONVOCA_SOURCE_FORMAT, name + ": the repository sent resumptionToken \"" +
                                             resumption->token + "\" twice; stopping to avoid a loop");
    if (pageNumber == kMaxPages) {
      host.warn(name + ": stopped after " + std::to_string(kMaxPages) + " pages");
      break;
    }
    url = resumptionUrl(baseUrl, "ListRecords", resumption->token);
    ++pageNumber;
  }
  return outcome;
}

std::unique_ptr<Response> getRecord(const Host& host, const std::string& baseUrl,
                                    const std::string& metadataPrefix, const std::string& identifier) {
  const std::string url = getRecordUrl(baseUrl, metadataPrefix, identifier);
  const std::string name = "GetRecord " + identifier + " (" + url + ")";
  auto response = fetch(host, url, name);
  if (response->hasError(ErrorCode::IdDoesNotExist)) {
    host.warn(name + ": the repository has no record " + identifier + " (idDoesNotExist)");
    return nullptr;
  }
  if (const ProtocolError* error = response->firstError()) failOn(*error, name);
  if (response->records().size() != 1)
    throw Error(CONVOCA_SOURCE_FORMAT,
                name + ": expected one record, got " + std::to_string(response->records().size()));
  return response;
}

Granularity identifyGranularity(const Host& host, const std::string& baseUrl) {
  const std::string url = identifyUrl(baseUrl);
  const auto response = fetch(host, url, "Identify (" + url + ")");
  if (const ProtocolError* error = response->firstError()) failOn(*error, "Identify (" + url + ")");
  Granularity granularity = Granularity::Day;
  if (!granularityFrom(response->granularity(), granularity))
    host.warn("Identify (" + url + ") states granularity \"" + response->granularity() +
              "\"; using day granularity (YYYY-MM-DD), which every repository supports");
  return granularity;
}

void harvestIncrementally(const Host& host, const IncrementalPlan& plan, const PageHandler& onPage) {
  Granularity granularity = Granularity::Day;
  if (plan.granularity.empty())
    granularity = identifyGranularity(host, plan.baseUrl);
  else
    granularityFrom(plan.granularity, granularity);
  const auto cursor = host.cursor(kFromCursor);
  const bool usableCursor = cursor && isDatestamp(*cursor);
  if (cursor && !usableCursor)
    host.warn("ignoring the stored from cursor \"" + *cursor + "\": not a datestamp");
  const std::string start = atGranularity(usableCursor ? *cursor : plan.firstFrom, granularity);
  const std::string today = plan.today.empty() ? todayUtc() : plan.today;
  std::string firstResponseDate;
  for (const Window& window : windowsFrom(start, today, plan.windowDays)) {
    const ListArguments arguments{plan.metadataPrefix, plan.set, window.from, window.until};
    const ListOutcome outcome = harvestList(host, plan.baseUrl, arguments, onPage);
    if (firstResponseDate.empty()) firstResponseDate = outcome.firstResponseDate;
    host.info("window from " + (window.from.empty() ? std::string("the beginning") : window.from) +
              " until " + (window.until.empty() ? std::string("now") : window.until) + ": " +
              std::to_string(outcome.pages) + " pages, " + std::to_string(outcome.records) + " records (" +
              std::to_string(outcome.deleted) + " deleted)");
  }
  if (isDatestamp(firstResponseDate))
    host.setCursor(kFromCursor, atGranularity(firstResponseDate, granularity));
  else
    host.warn("responseDate \"" + firstResponseDate +
              "\" is not a UTC datestamp; the from cursor was not moved");
}

bool carriesRecords(const Response& page, const std::string& name, const Host& host) {
  if (page.hasError(ErrorCode::NoRecordsMatch)) {
    host.info(name + ": noRecordsMatch, no records");
    return false;
  }
  if (const ProtocolError* error = page.firstError())
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": an OAI error response, no records: " + describe(*error));
  return true;
}

} // namespace oai
