// The bdns source plugin: Spain's national grants database (Base de Datos
// Nacional de Subvenciones, infosubvenciones.es), through the public plugin SDK only.
#include "harvest.h"
#include "payload.h"

#include <chrono>
#include <convoca/plugin.hpp>

namespace bdns {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"region","type":"string","default":"ES51","help":"NUTS code the calls must cover (ES51 Catalonia, ES511 Barcelona); all keeps every region"},
{"name":"beneficiary_types","type":"list","default":"","help":"keep calls whose tiposBeneficiarios contain one of these texts (case-insensitive), e.g. PERSONAS JURÍDICAS QUE NO DESARROLLAN ACTIVIDAD ECONÓMICA; empty keeps all"},
{"name":"since","type":"string","default":"","help":"first reception date to search, YYYY-MM-DD; empty: the last successful run minus overlap_days"},
{"name":"overlap_days","type":"int","default":"3","help":"days the search goes back before the last successful run (details change after publication)"},
{"name":"initial_days","type":"int","default":"30","help":"days the first run (no cursor, no since) goes back"},
{"name":"page_size","type":"int","default":"100","help":"calls per search page"},
{"name":"max_pages","type":"int","default":"50","help":"safety stop: at most this many search pages per run"},
{"name":"api_url","type":"string","default":"https://www.infosubvenciones.es/bdnstrans/api","help":"BDNS API base, without a trailing slash"}
])json";

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class BdnsPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override {
    const int64_t startedMs = nowMs();
    const HarvestOptions options = harvestOptionsFrom(host());
    const std::string fechaDesde = windowStart(host(), options, startedMs);
    emitAll(harvestCalls(host(), options, fechaDesde));
    host().setCursor(kCursorKey, std::to_string(startedMs));
  }

  void parse(const std::string& name, const std::string& data) override {
    emitAll(recordsOfPayload(host(), name, data));
  }

private:
  void emitAll(const std::vector<CallRecord>& records) const {
    size_t rejected = 0;
    for (const auto& record : records)
      if (!host().emit(toJson(record))) ++rejected;
    host().info("bdns: " + std::to_string(records.size() - rejected) + " records emitted, " +
                std::to_string(rejected) + " rejected by the host");
  }
};

} // namespace
} // namespace bdns

CONVOCA_PLUGIN_DEFINE(bdns, bdns::BdnsPlugin, "bdns", "1.0.0",
                      "BDNS (infosubvenciones.es): Spanish national, regional and local grant calls, "
                      "filtered by region and beneficiary type",
                      bdns::kOptionsJson, CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE | CONVOCA_CAP_INCREMENTAL)
