#include "harvest.h"

#include "project_page.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <set>

namespace unpp {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;

constexpr int kMaxPageSize = 100; // DRF max_page_size of the portal's pagination

bool isHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
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

ListApi apiOption(const Host& host) {
  const std::string api = Poco::toLower(Poco::trim(host.option("api", "open")));
  if (api == "open") return ListApi::Open;
  if (api == "public") return ListApi::Public2019;
  throw Error(CONVOCA_CONFIG, "option api must be open or public, not \"" + api + "\"");
}

std::string siteOption(const Host& host) {
  std::string url = Poco::trim(host.option("site_url", kDefaultSiteUrl));
  if (!isHttpUrl(url))
    throw Error(CONVOCA_CONFIG, "option site_url must be an http(s) URL, not \"" + url + "\"");
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// 200, or a cached copy the host serves after a 304.
void requireSuccess(const HttpResponse& response, const std::string& url) {
  if (response.status == 200 || (response.fromCache && response.status == 304)) return;
  const bool transient = response.status == 429 || response.status >= 500;
  throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
              "GET " + url + " answered HTTP " + std::to_string(response.status));
}

} // namespace

HarvestOptions harvestOptionsFrom(const Host& host) {
  HarvestOptions options;
  options.api = apiOption(host);
  options.siteUrl = siteOption(host);
  options.pageSize = intOption(host, "page_size", options.pageSize, 1, kMaxPageSize);
  options.maxPages = intOption(host, "max_pages", options.maxPages, 1, 10000);
  return options;
}

std::string firstPageUrl(const HarvestOptions& options) {
  const char* path = options.api == ListApi::Open ? "/api/projects/open/" : "/api/public/projects/";
  return options.siteUrl + path + "?page=1&page_size=" + std::to_string(options.pageSize);
}

std::vector<CallRecord> harvestProjects(const Host& host, const HarvestOptions& options) {
  ProjectReader reader(host, options.siteUrl);
  std::vector<CallRecord> records;
  std::set<std::string> ids;
  std::set<std::string> visited;
  std::string url = firstPageUrl(options);
  for (int page = 1; !url.empty(); ++page) {
    if (page > options.maxPages) {
      host.warn("stopped after max_pages=" + std::to_string(options.maxPages) + " pages; next was " + url);
      break;
    }
    host.throwIfCancelled();
    visited.insert(url);
    const HttpResponse response = host.get(url);
    requireSuccess(response, url);
    ProjectPage got =
        readProjectPage("page " + std::to_string(page) + " (" + url + ")", response.body, reader);
    for (auto& record : got.records)
      if (ids.insert(record.id).second) records.push_back(std::move(record));
    host.progress(records.size(), got.count && *got.count > 0 ? static_cast<uint64_t>(*got.count) : 0);
    if (!got.next.empty() && !isHttpUrl(got.next))
      throw Error(CONVOCA_SOURCE_FORMAT, "page " + std::to_string(page) + " (" + url + "): next \"" +
                                             got.next + "\" is not an http(s) URL");
    if (visited.count(got.next)) {
      host.warn("page " + std::to_string(page) + " links back to " + got.next + "; stopped there");
      break;
    }
    url = got.next;
  }
  return records;
}

} // namespace unpp
