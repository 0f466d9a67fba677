// The undl source plugin: UN Digital Library agenda documents and new
// resolutions over OAI-PMH 2.0 (marcxml), on the shared OAI core.
#include "undl_harvest.h"

#include <convoca/plugin.hpp>
#include <oai/harvester.h>

namespace undl {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"base_url","type":"string","default":"https://digitallibrary.un.org/oai2d","help":"UN Digital Library OAI-PMH endpoint"},
{"name":"documents","type":"list","default":"A/RES/70/1,A/RES/71/256,FCCC/CP/2015/10/Add.1","help":"agenda documents to fetch every night with GetRecord, as SYMBOL=recid (recid = the number in https://digitallibrary.un.org/record/<recid>); a bare SYMBOL is only kept when a ListRecords window brings it"},
{"name":"subjects","type":"list","default":"SUSTAINABLE DEVELOPMENT,SUSTAINABLE DEVELOPMENT GOALS,URBAN DEVELOPMENT,HUMAN SETTLEMENTS,HOUSING,CLIMATE CHANGE,LOCAL GOVERNMENT,DEVELOPMENT FINANCE","help":"UNBIS subjects (650/991) a new record must carry to be kept; empty = every subject"},
{"name":"resolutions_only","type":"bool","default":"true","help":"in ListRecords keep only resolutions (symbols containing /RES/) besides the configured documents"},
{"name":"window_days","type":"int","default":"31","help":"days per ListRecords date window (UNDL answers 503 to large ranges); the first run also looks back this many days unless from is set"},
{"name":"from","type":"string","default":"","help":"first run only: start of the first window, UTC date YYYY-MM-DD; empty = today minus window_days"},
{"name":"granularity","type":"string","default":"auto","help":"datestamp granularity: auto (ask Identify), YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ"},
{"name":"set","type":"string","default":"","help":"OAI setSpec to restrict ListRecords to; empty = the whole library"}
])json";

class UndlPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override {
    const UndlOptions options = undlOptionsFrom(host());
    oai::RecordEmitter emitter(host());
    harvestUndl(options, emitter, host());
    reportCounts(emitter);
  }

  // Every document of a saved GetRecord or ListRecords response, unfiltered.
  void parse(const std::string& name, const std::string& data) override {
    const UndlOptions options = undlOptionsFrom(host());
    const oai::Response page(name, data);
    if (!oai::carriesRecords(page, name, host())) return;
    const auto records = recordsOfPage(page, name, options, false, host());
    oai::RecordEmitter emitter(host());
    for (const auto& record : records) emitter.emitOnce(record);
    reportCounts(emitter);
  }

private:
  void reportCounts(const oai::RecordEmitter& emitter) const {
    host().info("undl: " + std::to_string(emitter.emitted()) + " records emitted, " +
                std::to_string(emitter.rejected()) + " rejected by the host");
  }
};

} // namespace
} // namespace undl

CONVOCA_PLUGIN_DEFINE(undl, undl::UndlPlugin, "undl", "1.0.0",
                      "UN Digital Library (OAI-PMH, MARC21): 2030 Agenda, New Urban Agenda, Paris Agreement "
                      "and new resolutions on configured UNBIS subjects",
                      undl::kOptionsJson,
                      CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE | CONVOCA_CAP_INCREMENTAL |
                          CONVOCA_CAP_DOCUMENTS)
