// Harvest from the BDNS API: search pages (0-based) for the calls received
// since a date, then the detail of each call, filtered by region and
// beneficiary type.
#pragma once

#include "call_record.h"

#include <convoca/plugin.hpp>
#include <string>
#include <vector>

namespace bdns {

inline constexpr const char* kDefaultApiUrl = "https://www.infosubvenciones.es/bdnstrans/api";
inline constexpr const char* kCursorKey = "last_success_ms";

struct HarvestOptions {
  std::string apiUrl = kDefaultApiUrl;
  std::string region = "ES51";               // NUTS code; "" keeps every region
  std::vector<std::string> beneficiaryTypes; // substrings of tiposBeneficiarios; empty keeps all
  int pageSize = 100;
  int maxPages = 50;
  std::string since;    // YYYY-MM-DD; "" = from the cursor
  int overlapDays = 3;  // the cursor goes back this far: details change after publication
  int initialDays = 30; // the first run, without a cursor, looks back this far
};

// Reads the options declared in the descriptor; throws Error(CONVOCA_CONFIG)
// naming the option for an invalid value.
HarvestOptions harvestOptionsFrom(const convoca::sdk::Host& host);

// "dd/mm/yyyy" of the first day of the window: `since` when set, else the
// cursor (epoch ms of the last successful run) minus overlapDays, else today
// (Europe/Madrid) minus initialDays.
std::string windowStart(const convoca::sdk::Host& host, const HarvestOptions& options, int64_t nowMs);

// "<api>/convocatorias/busqueda?vpd=GE&page=<n>&pageSize=<s>&order=fechaRecepcion&direccion=desc&fechaDesde=<d>"
std::string searchPageUrl(const HarvestOptions& options, int page, const std::string& fechaDesde);
// "<api>/convocatorias?vpd=GE&numConv=<code>"
std::string detailUrl(const HarvestOptions& options, const std::string& code);

// True when the call is for the region (a NUTS code of the call contains the
// wanted one or lies inside it) and for one of the beneficiary types. A call
// that names no region or no beneficiary type is kept: unknown is no reason to drop.
bool wanted(const HarvestOptions& options, const CallRecord& record);

// The filtered calls, in the order of the search. Throws Error(CONVOCA_RETRY |
// CONVOCA_NETWORK) for an HTTP failure, Error(CONVOCA_SOURCE_FORMAT) for a
// payload of another shape, Error(CONVOCA_CANCELLED) between two requests.
std::vector<CallRecord> harvestCalls(const convoca::sdk::Host& host, const HarvestOptions& options,
                                     const std::string& fechaDesde);

} // namespace bdns
