#include "harvest.h"

#include "page_reader.h"
#include "record_builder.h"

#include <Poco/String.h>
#include <algorithm>
#include <optional>

namespace declarative {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;

// 200, or the cached copy the host serves after a 304.
void requireSuccess(const HttpResponse& response, const std::string& url) {
  if (response.status == 200 || (response.fromCache && response.status == 304)) return;
  const bool transient = response.status == 429 || response.status >= 500;
  throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
              "GET " + url + " answered HTTP " + std::to_string(response.status));
}

// Fills what the listing lacks from each item's own page. A detail page that
// fails costs only its extra fields: the listing's record is still worth keeping.
void readDetails(const Definition& definition, const Host& host, const PageReader& reader,
                 std::vector<ItemValues>& items, const std::string& pageUrl) {
  for (auto& item : items) {
    const std::string url = resolveUrl(pageUrl, item.url);
    if (url.empty()) continue;
    host.throwIfCancelled();
    try {
      const HttpResponse response = host.get(url);
      requireSuccess(response, url);
      fillMissing(item, reader.detail(response.body, url));
    } catch (const Error& e) {
      if (e.status() == CONVOCA_CANCELLED || e.status() == CONVOCA_CONFIG) throw;
      host.warn(definition.id + ": detail page skipped: " + e.what());
    }
  }
}

// Emits the page's records; returns how many were new in this run.
size_t emitItems(const Definition& definition, const Host& host, const std::vector<ItemValues>& items,
                 const std::string& pageUrl, Emitter& emitter) {
  const RecordBuilder builder(definition, host);
  std::vector<std::pair<std::string, std::string>> records; // built in full before any is emitted
  for (const auto& item : items)
    if (auto json = builder.toJson(item, pageUrl))
      records.emplace_back(recordIdFor(definition, item.key), *json);
  size_t fresh = 0;
  for (const auto& [id, json] : records)
    if (emitter.emitOnce(id, json)) ++fresh;
  return fresh;
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  return Poco::replace(text, from, to);
}

} // namespace

bool Emitter::emitOnce(const std::string& id, const std::string& json) {
  if (!ids_.insert(id).second) return false;
  if (!host_.emit(json)) ++rejected_;
  return true;
}

std::string listingUrl(const Definition& definition, int index) {
  const PaginationRule& rule = definition.pagination;
  const std::string value = std::to_string(rule.start + index * rule.step);
  if (rule.type == PaginationType::Page) return replaceAll(definition.url, "{page}", value);
  if (rule.type == PaginationType::Offset) return replaceAll(definition.url, "{offset}", value);
  return definition.url;
}

void harvestDefinition(const Definition& definition, const Host& host, Emitter& emitter) {
  const PageReader reader(definition, host);
  const PaginationRule& pagination = definition.pagination;
  std::set<std::string> visited;
  std::string url = listingUrl(definition, 0);
  for (int index = 0; index < pagination.maxPages; ++index) {
    host.throwIfCancelled();
    visited.insert(url);
    const HttpResponse response = host.get(url);
    requireSuccess(response, url);
    const std::string pageUrl = response.finalUrl.empty() ? url : response.finalUrl;
    ListingPage page = reader.listing(response.body, url);
    if (page.items.empty()) {
      if (index == 0) host.warn(definition.id + ": the item selector found nothing on " + url);
      break;
    }
    if (definition.detail) readDetails(definition, host, reader, page.items, pageUrl);
    const size_t fresh = emitItems(definition, host, page.items, pageUrl, emitter);
    host.progress(emitter.emitted(), 0);
    // A site that ignores the page parameter serves page one again: stop there.
    if (pagination.type == PaginationType::None || fresh == 0) break;
    if (pagination.pageSize > 0 && page.items.size() < static_cast<size_t>(pagination.pageSize)) break;
    if (pagination.type == PaginationType::NextLink) {
      if (!page.next) break;
      url = resolveUrl(pageUrl, *page.next);
      if (url.empty() || visited.count(url)) break;
    } else {
      url = listingUrl(definition, index + 1);
    }
    if (index + 1 == pagination.maxPages)
      host.warn(definition.id + ": stopped after max_pages=" + std::to_string(pagination.maxPages));
  }
}

void harvestAll(const std::vector<Definition>& definitions, const Host& host, Emitter& emitter) {
  std::optional<Error> firstFailure;
  std::string failed;
  for (const auto& definition : definitions) {
    const size_t before = emitter.emitted();
    try {
      harvestDefinition(definition, host, emitter);
      host.info(definition.id + ": " + std::to_string(emitter.emitted() - before) + " records");
    } catch (const Error& e) {
      if (e.status() == CONVOCA_CANCELLED) throw;
      host.log(CONVOCA_LOG_ERROR, definition.id + " failed: " + e.what());
      failed += (failed.empty() ? "" : "; ") + definition.id + ": " + e.what();
      if (!firstFailure) firstFailure = e;
    }
  }
  if (firstFailure) throw Error(firstFailure->status(), failed);
}

std::string definitionIdOfPayload(const std::string& name) {
  const size_t separator = name.find("--");
  return separator == std::string::npos ? std::string() : name.substr(0, separator);
}

void parsePayload(const std::vector<Definition>& definitions, const std::string& name,
                  const std::string& data, const Host& host, Emitter& emitter) {
  const std::string id = definitionIdOfPayload(name);
  const auto found = std::find_if(definitions.begin(), definitions.end(),
                                  [&](const Definition& definition) { return definition.id == id; });
  if (found == definitions.end()) {
    std::string known;
    for (const auto& definition : definitions) known += (known.empty() ? "" : ", ") + definition.id;
    throw Error(CONVOCA_CONFIG,
                name + ": the file name must start with '<definition id>--' (one of: " + known + ")");
  }
  const PageReader reader(*found, host);
  const std::string pageUrl = listingUrl(*found, 0);
  const ListingPage page = reader.listing(data, name);
  if (page.items.empty()) host.warn(name + ": the item selector of " + found->id + " found nothing");
  emitItems(*found, host, page.items, pageUrl, emitter);
}

} // namespace declarative
