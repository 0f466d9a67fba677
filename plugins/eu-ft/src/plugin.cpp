// The eu-ft source plugin: EU Funding & Tenders Portal calls, topics and
// (optionally) tenders, through the public plugin SDK only.
#include "harvest.h"
#include "payload.h"

#include <chrono>
#include <convoca/plugin.hpp>
#include <optional>

namespace euft {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"mode","type":"string","default":"search","help":"search: SEDIA search API (forthcoming and open 2021-2027 calls); dump: grantsTenders.json (about 129 MB, every call and tender); both: search, then the dump for what the search lacks"},
{"name":"include_tenders","type":"bool","default":"false","help":"also harvest tenders (type 0)"},
{"name":"page_size","type":"int","default":"100","help":"results per search page, 1 to 100 (the API serves at most 100)"},
{"name":"max_pages","type":"int","default":"200","help":"safety stop: at most this many search pages per run"},
{"name":"search_url","type":"string","default":"https://api.tech.ec.europa.eu/search-api/prod/rest/search","help":"SEDIA search endpoint (without the query string)"},
{"name":"dump_url","type":"string","default":"https://ec.europa.eu/info/funding-tenders/opportunities/data/referenceData/grantsTenders.json","help":"grantsTenders.json reference dump"}
])json";

class EuFtPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override {
    const HarvestOptions options = harvestOptionsFrom(host());
    ParseContext context(host());
    Emitter emitter(host());
    harvestPortal(options, context, emitter);
    if (const auto now = nowRfc3339()) host().setCursor("last_success", *now);
    reportCounts(emitter);
  }

  void parse(const std::string& name, const std::string& data) override {
    ParseContext context(host());
    Emitter emitter(host());
    emitPayload(name, data, context, emitter);
    reportCounts(emitter);
  }

private:
  std::optional<std::string> nowRfc3339() const {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return host().instantToRfc3339("UTC", now.count());
  }

  void reportCounts(const Emitter& emitter) const {
    host().info("eu-ft: " + std::to_string(emitter.emitted()) + " records emitted, " +
                std::to_string(emitter.rejected()) + " rejected by the host");
  }
};

} // namespace
} // namespace euft

CONVOCA_PLUGIN_DEFINE(
    eu_ft, euft::EuFtPlugin, "eu-ft", "1.0.0",
    "EU Funding & Tenders Portal: Horizon Europe, LIFE, CEF, Digital Europe, CERV, Erasmus+ "
    "and other 2021-2027 calls",
    euft::kOptionsJson, CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE | CONVOCA_CAP_INCREMENTAL)
