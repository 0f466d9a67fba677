// The harvesting side of OAI-PMH over the host's HTTP service: paging through a
// list with resumption tokens, the protocol's error semantics, GetRecord,
// Identify, and the incremental `from` cursor.
#pragma once

#include "oai/dates.h"
#include "oai/protocol.h"

#include <convoca/plugin.hpp>
#include <functional>
#include <memory>
#include <string>

namespace oai {

// Called once per page, after the whole page was parsed (a broken page fails
// before any of its records is seen). `name` labels the page in messages.
using PageHandler = std::function<void(const Response& page, const std::string& name)>;

struct ListOutcome {
  size_t pages = 0;
  size_t records = 0; // live and deleted, as delivered
  size_t deleted = 0;
  bool restarted = false;        // a badResumptionToken made us start the list again
  std::string firstResponseDate; // of the list's first page
};

// Harvests one ListRecords list: first page with the selective arguments, later
// pages with ONLY verb + resumptionToken, until a page without a token or with
// an empty one. noRecordsMatch is zero records (success). badResumptionToken
// restarts the list from its first page once; a second one fails with
// CONVOCA_RETRY. cancelled() is checked before every request. Other OAI errors
// fail: badArgument, cannotDisseminateFormat, noSetHierarchy with CONVOCA_CONFIG
// (the options are wrong), the rest with CONVOCA_SOURCE_FORMAT. HTTP 429/5xx
// (after the host's retries, which honour Retry-After) fail with CONVOCA_RETRY,
// other non-200 answers with CONVOCA_NETWORK.
ListOutcome harvestList(const convoca::sdk::Host& host, const std::string& baseUrl,
                        const ListArguments& arguments, const PageHandler& onPage);

// GetRecord; nullptr (and a warning) when the repository answers idDoesNotExist.
std::unique_ptr<Response> getRecord(const convoca::sdk::Host& host, const std::string& baseUrl,
                                    const std::string& metadataPrefix, const std::string& identifier);

// The repository's datestamp granularity from Identify (day granularity, with a
// warning, when Identify does not state a known one).
Granularity identifyGranularity(const convoca::sdk::Host& host, const std::string& baseUrl);

// What an incremental harvest needs to know.
struct IncrementalPlan {
  std::string baseUrl;
  std::string metadataPrefix = "oai_dc";
  std::string set;
  std::string firstFrom;   // start when no cursor was stored; "" = everything
  int windowDays = 0;      // <= 0: one open-ended window
  std::string granularity; // "" = ask Identify; else YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ
  std::string today;       // YYYY-MM-DD (UTC); "" = now
};

// The cursor key, shared by every OAI plugin.
inline constexpr const char* kFromCursor = "from";

// Harvests every window from the stored `from` cursor (else plan.firstFrom) up to
// now and, when every window succeeded, stores as the next `from` the
// responseDate of the run's first list page (the repository's clock, as the
// protocol's guidelines advise), at the repository's granularity. Resumption
// tokens are never stored: they expire.
void harvestIncrementally(const convoca::sdk::Host& host, const IncrementalPlan& plan,
                          const PageHandler& onPage);

// For parse() of a saved response: false (and a log line) for noRecordsMatch,
// which holds no records and is not a failure; Error(CONVOCA_SOURCE_FORMAT)
// naming `name` and the code for any other OAI error; true otherwise.
bool carriesRecords(const Response& page, const std::string& name, const convoca::sdk::Host& host);

} // namespace oai
