// Harvest of one definition (pagination, detail pages) and parse of saved pages.
#pragma once

#include "definition.h"

#include <convoca/plugin.hpp>
#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace declarative {

// Hands records to the host, each id at most once per run.
class Emitter {
public:
  explicit Emitter(const convoca::sdk::Host& host) : host_(host) {}
  // False when the id was already emitted in this run.
  bool emitOnce(const std::string& id, const std::string& json);
  size_t emitted() const { return ids_.size(); }
  size_t rejected() const { return rejected_; }

private:
  const convoca::sdk::Host& host_;
  std::set<std::string> ids_;
  size_t rejected_ = 0;
};

// The URL of listing page `index` (0 = first) for page and offset pagination;
// the url as written for none and next-link.
std::string listingUrl(const Definition& definition, int index);

// Fetches every listing page of the definition (and each item's page when it
// has a detail section) and emits its records. Throws Error(CONVOCA_RETRY |
// CONVOCA_NETWORK) for HTTP failures, Error(CONVOCA_SOURCE_FORMAT) for an
// unreadable page, Error(CONVOCA_CANCELLED) between pages.
void harvestDefinition(const Definition& definition, const convoca::sdk::Host& host, Emitter& emitter);

// Harvests each definition; one that fails does not stop the others, and the
// first failure is thrown at the end (with every failing id in the message).
void harvestAll(const std::vector<Definition>& definitions, const convoca::sdk::Host& host, Emitter& emitter);

// The definition id a saved page's file name names: "eui-calls--2026-11.html" -> "eui-calls".
std::string definitionIdOfPayload(const std::string& name);

// Reads one saved listing page (no network: detail pages are not fetched) and
// emits its records; the page is taken to be the definition's first page.
// Throws Error(CONVOCA_CONFIG) when the name names no definition,
// Error(CONVOCA_SOURCE_FORMAT) for an unreadable page.
void parsePayload(const std::vector<Definition>& definitions, const std::string& name,
                  const std::string& data, const convoca::sdk::Host& host, Emitter& emitter);

} // namespace declarative
