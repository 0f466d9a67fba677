// GET /metrics: the server's and the harvest's numbers for Prometheus.
//
// Access: a loopback client reads it without logging in; any other client
// must send `Authorization: Bearer <token>` with the token of the file named by
// `web.metrics_token_file`, and without that file nobody else can. The route
// never goes through sessions or CSRF (a scraper has neither).
//
// Families (metrics_text.h writes them):
//   convoca_harvest_source_runs_total{source,outcome}   finished source runs (ok, failed,
//                                                        crashed, timeout, refused)
//   convoca_harvest_source_failures_total{source}       finished source runs that were not ok
//   convoca_harvest_worker_crashes_total{source}        runs whose worker crashed
//   convoca_harvest_worker_timeouts_total{source}       runs whose worker timed out
//   convoca_harvest_source_consecutive_failures{source} the current failure streak
//   convoca_harvest_last_success_timestamp_seconds{source}  unix time; absent when never
//   convoca_harvest_running                             1 while a harvest run is unfinished
//   convoca_index_records{source,status}                records by status at scrape time
//   convoca_index_documents                             documents in the index
//   convoca_index_size_bytes                            bytes of the live index generation on disk
//   convoca_http_requests_total{route,method,code}      (metrics_http.h)
//   convoca_http_request_duration_seconds{route}        histogram (metrics_http.h)
#pragma once

#include "convoca/state/state_db.h"
#include "convoca/web/search_service.h"
#include "metrics_http.h"

#include <cstdint>
#include <string>

namespace convoca::web::metrics {

inline constexpr const char* kMetricsPath = "/metrics";

// The token in `path` (surrounding white space removed). Throws
// std::runtime_error, naming the file but never its content, when it cannot
// be read or is empty.
std::string readMetricsToken(const std::string& path);

// True for a loopback `clientAddress`, or when `authorization` is
// "Bearer <token>" with `token` non-empty (compared in constant time).
bool mayReadMetrics(const std::string& clientAddress, const std::string& authorization,
                    const std::string& token);

struct MetricsInputs {
  SearchService* search = nullptr; // index numbers; absent when null
  state::StateDb* state = nullptr; // harvest numbers; absent when null
  const HttpMetrics* http = nullptr;
  // The data directory whose live index generation (index::IndexStore) is
  // measured for convoca_index_size_bytes; "" = not exported.
  std::string dataDir;
};

// The exposition text of every family above. A part that fails (index or
// state DB unreadable) is left out and counted in convoca_metrics_errors_total
// rather than failing the scrape.
std::string renderMetrics(const MetricsInputs& inputs);

} // namespace convoca::web::metrics
