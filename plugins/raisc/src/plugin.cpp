// The raisc source plugin: Generalitat de Catalunya open data (Socrata) — the
// RAISC register of calls for grants (khxn-nv6a) and the Diputació de
// Barcelona's CIDO calls (3gku-b36y), in Catalan.
#include "harvest.h"
#include "socrata_rows.h"

#include <convoca/plugin.hpp>

namespace raisc {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"datasets","type":"list","default":"raisc,cido","help":"which datasets to harvest: raisc (RAISC calls, khxn-nv6a), cido (Diputacio de Barcelona CIDO calls, 3gku-b36y)"},
{"name":"since","type":"string","default":"","help":"fixed first publication day YYYY-MM-DD of the window (back-fills and replays); empty: incremental from the cursor"},
{"name":"initial_days","type":"int","default":"365","help":"first run without a cursor: harvest calls published in this many past days"},
{"name":"overlap_days","type":"int","default":"7","help":"later runs start this many days before the latest publication day seen (late and revised rows)"},
{"name":"page_size","type":"int","default":"1000","help":"rows per Socrata page ($limit), 1 to 50000"},
{"name":"max_pages","type":"int","default":"100","help":"safety stop: at most this many pages per dataset and run"},
{"name":"base_url","type":"string","default":"https://analisi.transparenciacatalunya.cat/resource","help":"Socrata resource endpoint, without the dataset id"}
])json";

class RaiscPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override { harvestDatasets(host(), harvestOptionsFrom(host())); }

  void parse(const std::string& name, const std::string& data) override {
    const ParsedRows parsed = RowReader(host()).read(name, data);
    size_t rejected = 0;
    for (const auto& record : parsed.records)
      if (!host().emit(toJson(record))) ++rejected;
    host().info(name + ": " + std::to_string(parsed.records.size()) + " records, " +
                std::to_string(rejected) + " rejected by the host");
  }
};

} // namespace
} // namespace raisc

CONVOCA_PLUGIN_DEFINE(raisc, raisc::RaiscPlugin, "raisc", "1.0.0",
                      "Generalitat de Catalunya open data: RAISC calls for grants and the Diputacio de "
                      "Barcelona's CIDO calls (Socrata, in Catalan)",
                      raisc::kOptionsJson, CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE | CONVOCA_CAP_INCREMENTAL)
