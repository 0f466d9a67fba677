#include "metrics_endpoint.h"

#include "convoca/index/index_store.h"
#include "convoca/index/timeutil.h"

#include <Poco/Logger.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/String.h>
#include <atomic>
#include <fstream>
#include <openssl/crypto.h>
#include <sstream>
#include <stdexcept>

namespace convoca::web::metrics {

namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("web");
}

// Failed parts of the last scrapes; a counter so an alert can see them.
std::atomic<uint64_t> scrapeErrors{0};

void writeHarvest(ExpositionWriter& writer, state::StateDb& state) {
  const std::vector<state::SourceRunSummary> summaries = state.sourceRunSummaries();
  const std::optional<state::HarvestRun> last = state.lastRun();
  writer.family("convoca_harvest_source_runs_total", MetricType::Counter,
                "Finished harvest runs of a source, by outcome (ok, failed, crashed, timeout, refused).");
  for (const auto& summary : summaries)
    for (const auto& [outcome, count] : summary.outcomes)
      writer.sample({{"source", summary.source}, {"outcome", state::toString(outcome)}},
                    static_cast<double>(count));
  auto perSource = [&](const char* name, const char* help, MetricType type, auto value) {
    writer.family(name, type, help);
    for (const auto& summary : summaries) writer.sample({{"source", summary.source}}, value(summary));
  };
  auto countOf = [](const state::SourceRunSummary& summary, state::RunOutcome outcome) {
    const auto found = summary.outcomes.find(outcome);
    return found == summary.outcomes.end() ? 0.0 : static_cast<double>(found->second);
  };
  perSource("convoca_harvest_source_failures_total",
            "Finished harvest runs of a source that did not succeed.", MetricType::Counter,
            [](const state::SourceRunSummary& summary) {
              double failures = 0;
              for (const auto& [outcome, count] : summary.outcomes)
                if (outcome != state::RunOutcome::Succeeded) failures += static_cast<double>(count);
              return failures;
            });
  perSource("convoca_harvest_worker_crashes_total", "Harvest runs of a source whose worker process crashed.",
            MetricType::Counter, [&](const auto& s) { return countOf(s, state::RunOutcome::Crashed); });
  perSource("convoca_harvest_worker_timeouts_total",
            "Harvest runs of a source whose worker was stopped at its timeout.", MetricType::Counter,
            [&](const auto& s) { return countOf(s, state::RunOutcome::TimedOut); });
  perSource("convoca_harvest_source_consecutive_failures",
            "Finished runs of a source that failed since its last success.", MetricType::Gauge,
            [](const auto& s) { return static_cast<double>(s.consecutiveFailures); });
  writer.family("convoca_harvest_last_success_timestamp_seconds", MetricType::Gauge,
                "Unix time of the end of the last successful run of a source (absent when never).");
  for (const auto& summary : summaries)
    if (const std::optional<int64_t> at = index::timeutil::parseInstant(summary.lastSuccessAt))
      writer.sample({{"source", summary.source}}, static_cast<double>(*at));
  writer.family("convoca_harvest_running", MetricType::Gauge,
                "1 while a harvest run is in progress, else 0.");
  writer.sample({}, last && !last->finished() ? 1 : 0);
}

// Records by source and status at this moment: status depends on the clock,
// so it is counted from the index now (one count query per status), never stored.
void writeIndex(ExpositionWriter& writer, SearchService& search) {
  const std::vector<std::string> statuses{"forthcoming", "open", "closed", "unknown"};
  std::vector<std::pair<std::string, std::vector<index::FacetValue>>> bySource;
  for (const std::string& status : statuses) {
    index::SearchRequest request;
    request.filters = {{"status", status}};
    request.limit = 0;
    index::SearchResult result = search.search(request);
    bySource.emplace_back(status, std::move(result.facets["source"]));
  }
  const size_t documents = search.documentCount();
  writer.family("convoca_index_records", MetricType::Gauge,
                "Records in the index by source and by status (forthcoming, open, closed, unknown) now.");
  for (const auto& [status, sources] : bySource)
    for (const index::FacetValue& source : sources)
      writer.sample({{"source", source.value}, {"status", status}}, static_cast<double>(source.count));
  writer.family("convoca_index_documents", MetricType::Gauge, "Documents in the index.");
  writer.sample({}, static_cast<double>(documents));
}

template <typename Part> void writePart(const char* what, Part&& part) {
  try {
    part();
  } catch (const std::exception& error) {
    ++scrapeErrors;
    logger().error("metrics: could not read the %s: %s", std::string(what), std::string(error.what()));
  }
}

} // namespace

std::string readMetricsToken(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read the metrics token file " + path);
  std::ostringstream content;
  content << file.rdbuf();
  std::string token = Poco::trim(content.str());
  if (token.empty()) throw std::runtime_error("the metrics token file " + path + " is empty");
  return token;
}

bool mayReadMetrics(const std::string& clientAddress, const std::string& authorization,
                    const std::string& token) {
  Poco::Net::IPAddress address;
  if (Poco::Net::IPAddress::tryParse(clientAddress, address) && address.isLoopback()) return true;
  const std::string scheme = "Bearer ";
  if (token.empty() || authorization.size() != scheme.size() + token.size()) return false;
  if (Poco::icompare(authorization.substr(0, scheme.size()), scheme) != 0) return false;
  return CRYPTO_memcmp(authorization.data() + scheme.size(), token.data(), token.size()) == 0;
}

std::string renderMetrics(const MetricsInputs& inputs) {
  // Each part is written apart, so one that fails leaves no half family behind.
  std::string text;
  auto part = [&](const char* what, auto write) {
    writePart(what, [&] {
      ExpositionWriter writer;
      write(writer);
      text += writer.text();
    });
  };
  if (inputs.state) part("state DB", [&](ExpositionWriter& w) { writeHarvest(w, *inputs.state); });
  if (inputs.search) part("index", [&](ExpositionWriter& w) { writeIndex(w, *inputs.search); });
  if (!inputs.dataDir.empty()) {
    part("index size", [&](ExpositionWriter& w) {
      // Read at every scrape: a reindex or restore swaps the live generation.
      const index::IndexStore store(inputs.dataDir);
      if (!store.exists()) return;
      w.family("convoca_index_size_bytes", MetricType::Gauge, "Bytes of the live index database on disk.");
      w.sample({}, static_cast<double>(store.liveBytes()));
    });
  }
  ExpositionWriter writer;
  if (inputs.http) inputs.http->writeTo(writer);
  writer.family("convoca_metrics_errors_total", MetricType::Counter,
                "Parts of /metrics left out because the index or the state DB could not be read.");
  writer.sample({}, static_cast<double>(scrapeErrors.load()));
  return text + writer.text();
}

} // namespace convoca::web::metrics
